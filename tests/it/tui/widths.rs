//! The screen at the widths people use (100, 120, 160 and 200 columns) with a thread open and
//! closed: the panes share the width so that names stay whole, a card's header gives way part
//! by part (the time, the counts, the community) before the author's name, the account label
//! never covers the rightmost pane's title, and a narrow thread pane shortens the starter's
//! time before cutting its header.

use crate::harness::tui;

use crate::harness::tui::draw;
use kring::app::core::accounts::{AccountEntry, Accounts};
use kring::app::core::state::State;
use kring::app::shell::view_state::ViewState;
use kring::config::theme::Theme;
use kring::panes::PaneId;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use tui::*;

const SIZES: [(u16, u16); 4] = [(100, 30), (120, 30), (160, 48), (200, 50)];

fn screen(state: &State, width: u16, height: u16) -> Vec<String> {
    let mut terminal = Terminal::new(TestBackend::new(width, height)).expect("test backend");
    let mut view = ViewState::default();
    let theme = Theme::builtin_default();
    terminal
        .draw(|frame| draw(frame, state, &mut view, &theme))
        .expect("draw");
    let buffer = terminal.backend().buffer();
    (0..height)
        .map(|y| (0..width).map(|x| buffer[(x, y)].symbol()).collect())
        .collect()
}

/// The demo account in use, signed in as Ada Lovelace: the longest label the top row has.
fn with_demo_account(mut state: State) -> State {
    state.accounts = Accounts {
        entries: vec![AccountEntry::demo()],
        current: Some(0),
    };
    state
}

/// The release thread's card header in the timeline (the pane between the first borders).
fn release_card(rows: &[String]) -> &str {
    rows.iter()
        .filter_map(|row| row.split("││").nth(1))
        .find(|pane| pane.contains("Grace Hopper") && pane.contains('↩'))
        .unwrap_or("")
}

#[test]
fn with_a_thread_open_names_stay_whole_at_every_width() {
    for (width, height) in SIZES {
        // The timeline focused, so that it is on screen at 100 columns too.
        let mut state = with_demo_account(thread_state(width, height));
        state.focus = PaneId::Timeline;
        let rows = screen(&state, width, height);
        let card = release_card(&rows);
        assert!(
            card.contains("Grace Hopper · Engineering"),
            "{width}x{height}: {card}"
        );
        assert!(
            !card.contains("Grace Hopper ·…") && !card.contains("Grace Hop…"),
            "{width}x{height}: {card}"
        );
    }
}

#[test]
fn a_narrow_card_shortens_its_time_before_the_community() {
    let rows = screen(&thread_state(120, 30), 120, 30);
    let card = release_card(&rows);
    assert!(card.contains(" reply 5m "), "{card}");
    assert!(!card.contains("last reply"), "{card}");
    let rows = screen(&thread_state(200, 50), 200, 50);
    let card = release_card(&rows);
    assert!(
        card.contains("Grace Hopper · Engineering Platform 3h · last reply 5m"),
        "{card}"
    );
}

#[test]
fn the_account_label_leaves_the_thread_title_whole() {
    for (width, height) in SIZES {
        let rows = screen(
            &with_demo_account(thread_state(width, height)),
            width,
            height,
        );
        let top = &rows[0];
        if width >= 120 {
            assert!(top.contains(" 3 Thread Engineering Platform ─"), "{top}");
        }
        assert!(top.contains(" demo"), "{width}: {top}");
    }
}

#[test]
fn with_no_thread_open_the_timeline_takes_the_width_and_says_everything() {
    for (width, height) in SIZES {
        let rows = screen(
            &with_demo_account(loaded_state(width, height)),
            width,
            height,
        );
        let card = release_card(&rows);
        assert!(
            card.contains("Grace Hopper · Engineering Platform 3h · last reply 5m"),
            "{width}x{height}: {card}"
        );
        assert!(card.contains("↩ 3  ♥ 0"), "{width}x{height}: {card}");
    }
}

#[test]
fn screens_at_the_common_widths() {
    for (width, height) in SIZES {
        let rows = screen(
            &with_demo_account(thread_state(width, height)),
            width,
            height,
        );
        insta::assert_snapshot!(format!("thread_open_at_{width}x{height}"), rows.join("\n"));
    }
}

#[test]
fn a_narrow_thread_pane_shortens_the_starters_time_before_cutting_it() {
    let rows = screen(&thread_state(34, 12), 34, 12);
    let header = rows
        .iter()
        .find(|row| row.contains("Grace Hopper"))
        .map_or("", String::as_str);
    assert!(header.contains("Grace Hopper · reply 5m"), "{header}");
    assert!(!header.contains('…'), "{header}");
}

#[test]
fn the_help_at_80_columns_breaks_long_descriptions_between_words() {
    let mut state = loaded_state(80, 24);
    kring::app::core::update::update(
        &mut state,
        kring::app::core::msg::Msg::Action(kring::input::action::Action::Help),
    );
    let rows = screen(&state, 80, 24);
    // The popup's text, its borders and the key column left out, joined as one text.
    let text: Vec<&str> = rows
        .iter()
        .filter_map(|row| row.split('│').nth(2))
        .flat_map(str::split_whitespace)
        .collect();
    let text = text.join(" ");
    for description in [
        "Repaint the whole screen (after another program wrote over it)",
        "Search messages, communities, people and topics (in People: filter the list)",
    ] {
        assert!(text.contains(description), "{}", rows.join("\n"));
    }
}
