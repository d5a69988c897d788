//! The command palette: `:` opens it over the panes, typed text narrows actions, feeds,
//! communities and people by fuzzy match, `enter` runs the selected entry (open a community,
//! open a person's profile, run an action as its key would, switch accounts), `esc` closes it and
//! changes nothing; `ctrl-p` in the editor opens it and keeps the draft.

use crate::harness::tui;

use crate::harness::tui::draw;
use crossterm::event::KeyCode;
use kring::app::core::accounts::{AccountChoice, AccountEntry, Accounts};
use kring::app::core::effect::Effect;
use kring::app::core::msg::Msg;
use kring::app::core::state::State;
use kring::app::core::update::update;
use kring::app::shell::view_state::ViewState;
use kring::config::theme::Theme;
use kring::domain::{Feed, GroupId, UserId};
use kring::expertise::feed::person_doc;
use kring::overlays::Overlay;
use kring::overlays::palette::entries::{Entry, Target};
use kring::panes::PaneId;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use tui::*;

/// The palette's entries for `text`, with the index the state's people pane holds.
fn matching(state: &State, text: &str) -> Vec<Entry> {
    let index = state.people.index.lock();
    kring::app::core::route::palette::matching(state, &index, text)
}

fn open_palette(state: &mut State) {
    update(state, key(KeyCode::Char(':')));
    assert!(matches!(state.overlay, Some(Overlay::Palette(_))));
}

fn screen(state: &State, width: u16, height: u16) -> String {
    let mut terminal = Terminal::new(TestBackend::new(width, height)).unwrap();
    let mut view = ViewState::default();
    terminal
        .draw(|frame| draw(frame, state, &mut view, &Theme::builtin_default()))
        .unwrap();
    terminal.backend().to_string()
}

#[test]
fn typing_narrows_to_a_community_and_enter_opens_it() {
    let mut state = loaded_state(100, 30);
    open_palette(&mut state);
    type_text(&mut state, "eng plat");
    let found = matching(&state, "eng plat");
    assert_eq!(
        found.first().map(|e| e.target),
        Some(Target::Feed(Feed::Community(GroupId(ENGINEERING))))
    );
    let effects = update(&mut state, key(KeyCode::Enter));
    assert!(state.overlay.is_none());
    assert_eq!(state.focus, PaneId::Timeline);
    assert_eq!(
        state.timeline.current,
        Some(Feed::Community(GroupId(ENGINEERING)))
    );
    assert!(
        effects.iter().any(|e| matches!(
            e,
            Effect::FetchFeed { feed: Feed::Community(GroupId(g)), .. } if *g == ENGINEERING
        )),
        "{effects:?}"
    );
}

#[test]
fn an_action_runs_as_its_key_would() {
    let mut state = loaded_state(100, 30);
    open_palette(&mut state);
    type_text(&mut state, "show this help");
    let found = matching(&state, "show this help");
    assert_eq!(
        found.first().map(|e| e.target),
        Some(Target::Action(kring::input::action::Action::Help))
    );
    assert_eq!(found[0].detail, "?", "the entry shows its key");
    update(&mut state, key(KeyCode::Enter));
    assert!(matches!(state.overlay, Some(Overlay::Help(_))));
}

#[test]
fn a_person_opens_their_profile_card() {
    let mut state = loaded_state(100, 30);
    for user in people() {
        state.people.index.lock().upsert_person(person_doc(&user));
    }
    open_palette(&mut state);
    type_text(&mut state, "grace hop");
    let found = matching(&state, "grace hop");
    assert_eq!(
        found.first().map(|e| e.target),
        Some(Target::Person(UserId(GRACE)))
    );
    let effects = update(&mut state, key(KeyCode::Enter));
    assert_eq!(state.focus, PaneId::People);
    assert_eq!(state.people.selected, Some(UserId(GRACE)));
    assert!(state.people.card.is_some(), "{effects:?}");
}

#[test]
fn people_hidden_from_the_directory_are_never_offered() {
    let state = loaded_state(100, 30);
    for mut user in people() {
        user.show_in_directory = user.id != GRACE;
        state.people.index.lock().upsert_person(person_doc(&user));
    }
    let found = matching(&state, "grace hopper");
    assert!(
        found
            .iter()
            .all(|e| e.target != Target::Person(UserId(GRACE))),
        "{found:?}"
    );
}

#[test]
fn arrows_move_backspace_edits_and_esc_closes_without_changes() {
    let mut state = loaded_state(100, 30);
    let before = (state.focus, state.timeline.current);
    open_palette(&mut state);
    update(&mut state, key(KeyCode::Down));
    update(&mut state, key(KeyCode::Down));
    let Some(Overlay::Palette(palette)) = &state.overlay else {
        panic!("palette closed");
    };
    assert_eq!(palette.selected, 2);
    type_text(&mut state, "xq");
    update(&mut state, key(KeyCode::Backspace));
    let Some(Overlay::Palette(palette)) = &state.overlay else {
        panic!("palette closed");
    };
    assert_eq!(palette.line.text, "x");
    assert_eq!(palette.selected, 0, "typing starts from the best match");
    update(&mut state, key(KeyCode::Esc));
    assert!(state.overlay.is_none());
    assert_eq!((state.focus, state.timeline.current), before);
}

#[test]
fn ctrl_n_and_ctrl_p_move_down_and_up_and_keep_it_open() {
    let mut state = loaded_state(100, 30);
    open_palette(&mut state);
    for _ in 0..3 {
        update(&mut state, ctrl('n'));
    }
    update(&mut state, ctrl('p'));
    let Some(Overlay::Palette(palette)) = &state.overlay else {
        panic!("ctrl-p closed the palette");
    };
    assert_eq!(palette.selected, 2);
}

#[test]
fn nothing_matching_enter_just_closes() {
    let mut state = loaded_state(100, 30);
    open_palette(&mut state);
    type_text(&mut state, "zzzzqqq");
    assert!(matching(&state, "zzzzqqq").is_empty());
    let effects = update(&mut state, key(KeyCode::Enter));
    assert!(effects.is_empty());
    assert!(state.overlay.is_none());
}

#[test]
fn the_palette_draws_its_line_and_matches_at_80x24_and_small_sizes() {
    let mut state = loaded_state(80, 24);
    open_palette(&mut state);
    type_text(&mut state, "design");
    let text = screen(&state, 80, 24);
    assert!(text.contains("> design"), "{text}");
    assert!(text.contains("Design"), "{text}");
    assert!(text.contains("community"), "{text}");
    for (w, h) in [(20, 5), (10, 3), (1, 1)] {
        update(
            &mut state,
            Msg::Resize {
                width: w,
                height: h,
            },
        );
        screen(&state, w, h);
    }
}

/// Three accounts, the first in use.
fn with_accounts(state: &mut State) {
    state.accounts = Accounts {
        entries: vec![
            AccountEntry::new(
                AccountChoice::Named("work".into()),
                "work",
                "https://contoso.example.com/api/v1",
            ),
            AccountEntry::new(
                AccountChoice::Named("test".into()),
                "test",
                "https://test.example.net/api/v1",
            ),
            AccountEntry::demo(),
        ],
        current: Some(0),
    };
}

#[test]
fn the_palette_lists_every_account_and_enter_asks_for_the_switch() {
    let mut state = loaded_state(100, 30);
    with_accounts(&mut state);
    let found: Vec<(String, String)> = matching(&state, "switch account")
        .into_iter()
        .filter(|e| matches!(e.target, Target::Account(_)))
        .map(|e| (e.label, e.detail))
        .collect();
    assert_eq!(found.len(), 3, "{found:?}");
    for expected in [
        ("Switch account: work (contoso.example.com)", "current"),
        ("Switch account: test (test.example.net)", "account"),
        ("Switch account: demo (demo network)", "account"),
    ] {
        assert!(
            found.contains(&(expected.0.to_owned(), expected.1.to_owned())),
            "{found:?}"
        );
    }
    update(&mut state, key(KeyCode::Char(':')));
    type_text(&mut state, "switch test");
    let effects = update(&mut state, key(KeyCode::Enter));
    assert!(state.overlay.is_none());
    assert_eq!(
        effects,
        vec![Effect::SwitchAccount(AccountChoice::Named("test".into()))]
    );
}

#[test]
fn the_palette_from_the_editor_keeps_the_draft() {
    let mut state = loaded_state(100, 30);
    with_accounts(&mut state);
    update(&mut state, key(KeyCode::Char('c')));
    assert!(state.compose().is_some());
    type_text(&mut state, "half a thought");
    let effects = update(&mut state, ctrl('p'));
    assert!(matches!(state.overlay, Some(Overlay::Palette(_))));
    assert!(
        effects
            .iter()
            .any(|e| matches!(e, Effect::SaveDraft { body, .. } if body == "half a thought")),
        "{effects:?}"
    );
}
