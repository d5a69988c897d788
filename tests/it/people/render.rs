//! Render tests of the people pane and the profile card at 80×24 and 160×48 with a fixed clock
//! (reviewed `insta` snapshots), the styles that carry meaning (reasons, marked query words,
//! the selection), and every size drawn without a panic.

use crate::harness::people;
use crate::harness::tui;

use crate::harness::tui::draw;
use crossterm::event::KeyCode;
use kring::app::core::msg::Msg;
use kring::app::core::state::State;
use kring::app::core::update::update;
use kring::app::shell::view_state::ViewState;
use kring::config::theme::Theme;
use kring::domain::UserId;
use kring::domain::convert::community;
use kring::panes::people::effect::PeopleMsg;
use people::*;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::buffer::Buffer;
use tui::{group, key, type_text};

fn render(state: &State, width: u16, height: u16) -> Terminal<TestBackend> {
    let mut terminal = Terminal::new(TestBackend::new(width, height)).expect("test backend");
    let theme = Theme::builtin_default();
    let mut view = ViewState::default();
    terminal
        .draw(|frame| draw(frame, state, &mut view, &theme))
        .expect("draw");
    terminal
}

fn screen(state: &State, width: u16, height: u16) -> String {
    render(state, width, height).backend().to_string()
}

fn buffer(state: &State, width: u16, height: u16) -> Buffer {
    render(state, width, height).backend().buffer().clone()
}

/// The pane after `/` and `text`.
fn searched(width: u16, height: u16, text: &str) -> State {
    let mut state = people_state(width, height);
    update(&mut state, key(KeyCode::Char('/')));
    type_text(&mut state, text);
    state
}

/// Kim's card, opened from a "kubernetes" query, with their communities known.
fn card(width: u16, height: u16) -> State {
    let mut state = searched(width, height, "kubernetes");
    update(&mut state, key(KeyCode::Enter));
    update(&mut state, key(KeyCode::Enter));
    let communities = vec![
        community(&group(tui::ENGINEERING, "Engineering Platform")),
        community(&group(77, "Amsterdam Office")),
    ];
    update(
        &mut state,
        Msg::People(PeopleMsg::Communities {
            user: UserId(KIM),
            result: Ok(communities),
        }),
    );
    state
}

// ── snapshots ───────────────────────────────────────────────────────────────────────────────

#[test]
fn directory_at_80x24() {
    let state = people_state(80, 24);
    insta::assert_snapshot!(screen(&state, 80, 24));
}

#[test]
fn who_knows_at_80x24() {
    let state = searched(80, 24, "kubernetes");
    insta::assert_snapshot!(screen(&state, 80, 24));
}

#[test]
fn who_knows_at_160x48() {
    let state = searched(160, 48, "kubernetes");
    insta::assert_snapshot!(screen(&state, 160, 48));
}

#[test]
fn filtered_by_department_and_sorted_by_name_at_80x24() {
    let mut state = searched(80, 24, "dept:eng");
    update(&mut state, key(KeyCode::Enter));
    update(&mut state, key(KeyCode::Char('s')));
    insta::assert_snapshot!(screen(&state, 80, 24));
}

#[test]
fn profile_card_at_80x24() {
    let state = card(80, 24);
    insta::assert_snapshot!(screen(&state, 80, 24));
}

#[test]
fn profile_card_at_160x48() {
    let state = card(160, 48);
    insta::assert_snapshot!(screen(&state, 160, 48));
}

// ── styles and behaviour seen on screen ─────────────────────────────────────────────────────

fn find(buffer: &Buffer, text: &str) -> Option<(u16, u16)> {
    let area = buffer.area;
    for y in area.top()..area.bottom() {
        let row: String = (area.left()..area.right())
            .map(|x| buffer[(x, y)].symbol().to_owned())
            .collect();
        if let Some(byte) = row.find(text) {
            let x = u16::try_from(row[..byte].chars().count()).unwrap_or(0);
            return Some((x, y));
        }
    }
    None
}

#[test]
fn reasons_and_marked_words_use_the_people_styles() {
    let state = searched(160, 48, "kubernetes");
    let theme = Theme::builtin_default();
    let buffer = buffer(&state, 160, 48);
    let (x, y) = find(&buffer, "declared: kubernetes · 3 messages").expect("Kim's reasons");
    let cell = &buffer[(x, y)];
    if let Some(fg) = theme.people.reason.fg {
        assert_eq!(cell.fg, fg);
    }
    assert!(cell.modifier.contains(theme.people.reason.add_modifier));
    let (x, y) = find(&buffer, "Lars Nieminen").expect("Lars is listed");
    if let Some(fg) = theme.people.name.fg {
        assert_eq!(buffer[(x, y)].fg, fg);
    }
}

#[test]
fn query_words_are_marked_in_names() {
    let state = searched(160, 48, "colleague 07");
    let mark = Theme::builtin_default().people.match_highlight;
    let buffer = buffer(&state, 160, 48);
    let (x, y) = find(&buffer, "Colleague 07").expect("the named colleague");
    assert!(buffer[(x, y)].modifier.contains(mark.add_modifier));
    if let Some(fg) = mark.fg {
        assert_eq!(buffer[(x, y)].fg, fg);
        assert_ne!(
            buffer[(x + 9, y)].fg,
            fg,
            "the space between the words is not marked"
        );
    }
}

#[test]
fn the_selected_person_uses_the_selection_style() {
    let state = searched(80, 24, "kubernetes");
    let theme = Theme::builtin_default();
    let buffer = buffer(&state, 80, 24);
    let (_, y) = find(&buffer, "Kim de Vries").expect("Kim first");
    if let Some(bg) = theme.base.selection.bg {
        assert_eq!(buffer[(70, y)].bg, bg, "the bar spans the row");
        assert_eq!(buffer[(70, y + 1)].bg, bg, "and the reasons line");
        let (_, lars) = find(&buffer, "Lars Nieminen").expect("Lars second");
        assert_ne!(buffer[(70, lars)].bg, bg);
    }
}

#[test]
fn hidden_people_are_never_drawn() {
    for text in ["", "kubernetes", "hank"] {
        let state = searched(160, 48, text);
        let screen = screen(&state, 160, 48);
        assert!(!screen.contains("Hank"), "{text}: {screen}");
    }
}

#[test]
fn every_size_renders_without_panicking() {
    let widths = [0, 1, 5, 29, 30, 40, 80, 89, 90, 119, 120, 170];
    let heights = [0, 1, 7, 8, 10, 24, 48];
    for base in [
        people_state(80, 24),
        searched(80, 24, "kubernetes"),
        card(80, 24),
    ] {
        let mut state = base.clone();
        for width in widths {
            for height in heights {
                update(&mut state, Msg::Resize { width, height });
                render(&state, width, height);
            }
        }
    }
}

#[test]
fn the_directory_header_says_what_its_message_count_is_and_when_it_moves() {
    let state = people_state(80, 24);
    let settled = screen(&state, 80, 24);
    assert!(
        settled.contains("55 people · 18 messages read"),
        "a plain, labelled figure once nothing is read:\n{settled}"
    );
    let searching = searched(80, 24, "kubernetes");
    let text = screen(&searching, 80, 24);
    assert!(
        text.contains("reading messages… 18 so far"),
        "a search about to read more says so:\n{text}"
    );
}
