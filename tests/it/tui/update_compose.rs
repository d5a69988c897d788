//! `update` tests for the compose overlay: targets, typing, completion, sending, the external
//! editor and the discard question.

use crate::harness::tui;

use crossterm::event::KeyCode;
use kring::api::ApiError;
use kring::app::core::effect::{DraftFor, Effect, OutgoingPost};
use kring::app::core::msg::{ApiMsg, Msg};
use kring::app::core::state::State;
use kring::app::core::update::update;
use kring::domain::convert::page_from_envelope;
use kring::domain::{GroupId, MessageId, ThreadId};
use kring::input::action::Action;
use kring::overlays::compose::ComposeTarget;
use std::time::Duration;
use tui::*;

// ── compose ─────────────────────────────────────────────────────────────────────────────────

fn compose_target(state: &State) -> Option<ComposeTarget> {
    state.compose().map(|c| c.target.clone())
}

#[test]
fn compose_posts_in_the_selected_community() {
    let mut state = loaded_state(160, 48);
    act(&mut state, Action::PaneCommunities);
    act(&mut state, Action::Last);
    update(&mut state, key(KeyCode::Char('c')));
    let target = compose_target(&state);
    assert!(
        matches!(
            target,
            Some(ComposeTarget::NewPost {
                community: Some(GroupId(ENGINEERING)),
                ..
            })
        ),
        "{target:?}"
    );
}

#[test]
fn compose_from_the_timeline_and_people_uses_the_shown_feed() {
    let mut state = loaded_state(160, 48);
    act(&mut state, Action::Compose);
    assert!(matches!(
        compose_target(&state),
        Some(ComposeTarget::NewPost {
            community: None,
            ..
        })
    ));
    state.overlay = None;
    act(&mut state, Action::PanePeople);
    act(&mut state, Action::Compose);
    assert!(state.compose().is_some());
}

#[test]
fn reply_sends_and_the_reply_appears_selected_in_the_tree() {
    let mut state = thread_state(160, 48);
    act(&mut state, Action::MoveDown);
    act(&mut state, Action::MoveDown);
    update(&mut state, key(KeyCode::Char('r')));
    assert!(matches!(
        compose_target(&state),
        Some(ComposeTarget::Reply {
            to: MessageId(23),
            ..
        })
    ));
    type_text(&mut state, "Yes, q and j work here");
    assert_eq!(
        state.compose().map(|c| c.text()),
        Some("Yes, q and j work here".to_owned())
    );
    let effects = update(&mut state, ctrl('s'));
    let req = state.compose().and_then(|c| c.sending).expect("sending");
    let post = OutgoingPost {
        body: "Yes, q and j work here".into(),
        community: None,
        replied_to: Some(MessageId(23)),
        direct_to: vec![],
    };
    assert_eq!(effects, vec![Effect::PostMessage { req, post }]);
    assert_eq!(
        update(&mut state, ctrl('s')),
        vec![],
        "a second send waits for the first"
    );
    let mut answer = thread_envelope(RELEASE);
    answer.messages = vec![message(
        40,
        RELEASE,
        ME,
        Some(23),
        Some(ENGINEERING),
        0,
        "Yes, q and j work here",
    )];
    update(
        &mut state,
        Msg::Api(ApiMsg::Posted {
            req,
            result: Ok(page_from_envelope(&answer)),
        }),
    );
    assert!(state.overlay.is_none());
    assert_eq!(state.thread.selected, Some(MessageId(40)));
    assert_eq!(
        state.thread.tree().parent(MessageId(40)),
        Some(MessageId(23))
    );
    assert!(
        state
            .notice
            .current()
            .is_some_and(|n| n.text == "Reply sent")
    );
}

#[test]
fn a_failed_send_keeps_the_draft_with_the_reason() {
    let mut state = loaded_state(80, 24);
    act(&mut state, Action::Reply);
    type_text(&mut state, "hello");
    act(&mut state, Action::Send);
    let req = state.compose().and_then(|c| c.sending).expect("sending");
    let error = ApiError::Validation {
        messages: vec!["Body is too long".into()],
    };
    update(
        &mut state,
        Msg::Api(ApiMsg::Posted {
            req,
            result: Err(error),
        }),
    );
    let compose = state.compose().expect("still open");
    assert_eq!(compose.text(), "hello");
    assert!(compose.sending.is_none());
    assert!(
        compose
            .error
            .as_deref()
            .is_some_and(|e| e.contains("Body is too long"))
    );
}

#[test]
fn sending_nothing_is_refused() {
    let mut state = loaded_state(80, 24);
    act(&mut state, Action::Compose);
    assert_eq!(act(&mut state, Action::Send), vec![]);
    assert!(state.compose().and_then(|c| c.error.clone()).is_some());
}

#[test]
fn cancel_asks_before_discarding_text() {
    let mut state = loaded_state(80, 24);
    act(&mut state, Action::Compose);
    update(&mut state, key(KeyCode::Esc));
    assert!(state.overlay.is_none(), "an empty draft closes at once");
    act(&mut state, Action::Compose);
    type_text(&mut state, "keep me");
    update(&mut state, key(KeyCode::Esc));
    assert!(state.compose().is_some_and(|c| c.confirm_discard));
    update(&mut state, key(KeyCode::Char('n')));
    assert!(
        state
            .compose()
            .is_some_and(|c| !c.confirm_discard && c.text() == "keep me")
    );
    act(&mut state, Action::Cancel);
    update(&mut state, key(KeyCode::Char('y')));
    assert!(state.overlay.is_none());
}

#[test]
fn the_external_editor_gets_the_draft_and_gives_it_back() {
    let mut state = loaded_state(80, 24);
    act(&mut state, Action::Compose);
    type_text(&mut state, "draft");
    let effects = update(&mut state, ctrl('e'));
    assert!(
        matches!(&effects[..], [Effect::SaveDraft { .. }, Effect::EditExternally(text)] if text == "draft")
    );
    update(&mut state, Msg::EditorClosed(Ok("edited\nin vim\n".into())));
    assert_eq!(
        state.compose().map(|c| c.text()),
        Some("edited\nin vim".to_owned())
    );
    act(&mut state, Action::ExternalEditor);
    update(&mut state, Msg::EditorClosed(Err("vim: not found".into())));
    assert!(
        state
            .compose()
            .and_then(|c| c.error.clone())
            .is_some_and(|e| e.contains("not found"))
    );
}

#[test]
fn paste_goes_into_the_editor_and_is_ignored_elsewhere() {
    let mut state = loaded_state(80, 24);
    update(&mut state, Msg::Paste("pasted".into()));
    assert!(state.overlay.is_none());
    act(&mut state, Action::Compose);
    update(&mut state, Msg::Paste("two\nlines".into()));
    assert_eq!(
        state.compose().map(|c| c.text()),
        Some("two\nlines".to_owned())
    );
}

#[test]
fn at_and_hash_complete_known_people_and_tab_accepts() {
    let mut state = loaded_state(80, 24);
    act(&mut state, Action::Compose);
    type_text(&mut state, "thanks @gr");
    let candidates = state
        .compose()
        .and_then(|c| c.completion.clone())
        .map(|c| c.candidates);
    assert_eq!(candidates, Some(vec!["@grace".to_owned()]));
    update(&mut state, key(KeyCode::Tab));
    assert_eq!(
        state.compose().map(|c| c.text()),
        Some("thanks @grace ".to_owned())
    );
}

// ── drafts ──────────────────────────────────────────────────────────────────────────────────

#[test]
fn opening_the_editor_asks_for_a_kept_draft_and_restores_it() {
    let mut state = thread_state(160, 48);
    let effects = act(&mut state, Action::Reply);
    let draft_for = DraftFor::Reply {
        thread: ThreadId(RELEASE),
        to: MessageId(RELEASE),
    };
    assert_eq!(effects, vec![Effect::LoadDraft(draft_for)]);
    let other = DraftFor::NewPost(None);
    update(
        &mut state,
        Msg::DraftLoaded {
            draft_for: other,
            body: "not this one".into(),
        },
    );
    assert_eq!(state.compose().map(|c| c.text()), Some(String::new()));
    update(
        &mut state,
        Msg::DraftLoaded {
            draft_for,
            body: "half written".into(),
        },
    );
    assert_eq!(
        state.compose().map(|c| c.text()),
        Some("half written".to_owned())
    );
    assert!(
        state
            .notice
            .current()
            .is_some_and(|n| n.text.contains("Restored"))
    );
}

#[test]
fn typing_keeps_the_draft_after_a_pause_and_sending_forgets_it() {
    let mut state = loaded_state(80, 24);
    act(&mut state, Action::Compose);
    type_text(&mut state, "note");
    assert!(
        state.next_tick_in() <= Some(Duration::from_secs(1)),
        "a save is scheduled"
    );
    let draft_for = DraftFor::NewPost(None);
    let effects = update(&mut state, Msg::Tick(now() + chrono::Duration::seconds(1)));
    assert_eq!(
        effects,
        vec![Effect::SaveDraft {
            draft_for,
            body: "note".into()
        }]
    );
    assert_eq!(
        update(&mut state, Msg::Tick(now() + chrono::Duration::seconds(2))),
        vec![]
    );
    // All Company: the first send asks, the second sends.
    act(&mut state, Action::Send);
    act(&mut state, Action::Send);
    let req = state.compose().and_then(|c| c.sending).expect("sending");
    let mut answer = feed_envelope();
    answer.messages = vec![message(60, 60, ME, None, None, 0, "note")];
    let effects = update(
        &mut state,
        Msg::Api(ApiMsg::Posted {
            req,
            result: Ok(page_from_envelope(&answer)),
        }),
    );
    assert_eq!(effects, vec![Effect::DeleteDraft(draft_for)]);
    assert_eq!(
        timeline_order(&state).first(),
        Some(&60),
        "the new thread shows in the feed"
    );
}

#[test]
fn discarding_forgets_the_kept_draft() {
    let mut state = loaded_state(80, 24);
    act(&mut state, Action::Compose);
    type_text(&mut state, "never mind");
    act(&mut state, Action::Cancel);
    let effects = act(&mut state, Action::ConfirmYes);
    assert_eq!(effects, vec![Effect::DeleteDraft(DraftFor::NewPost(None))]);
    assert!(state.overlay.is_none());
}

#[test]
fn the_empty_editor_shows_its_whole_placeholder_under_the_cursor() {
    use crate::harness::tui::draw;
    use kring::app::shell::view_state::ViewState;
    use kring::config::theme::Theme;
    use ratatui::Terminal;
    use ratatui::backend::TestBackend;

    let mut state = loaded_state(80, 24);
    update(&mut state, key(KeyCode::Char('c')));
    let mut terminal = Terminal::new(TestBackend::new(80, 24)).unwrap();
    let mut view = ViewState::default();
    terminal
        .draw(|frame| draw(frame, &state, &mut view, &Theme::builtin_default()))
        .unwrap();
    let screen = terminal.backend().to_string();
    assert!(screen.contains("Write your message here."), "{screen}");
}

#[test]
fn ctrl_c_while_writing_asks_about_the_draft_instead_of_quitting() {
    let mut state = loaded_state(80, 24);
    act(&mut state, Action::Compose);
    type_text(&mut state, "half a thought");
    let effects = update(&mut state, ctrl('c'));
    assert!(!effects.contains(&Effect::Quit), "{effects:?}");
    assert!(!state.should_quit(), "kring keeps running");
    assert!(state.compose().is_some_and(|c| c.confirm_discard));
    update(&mut state, key(KeyCode::Char('n')));
    assert!(
        state
            .compose()
            .is_some_and(|c| c.text() == "half a thought")
    );
    // Asked, a second ctrl-c quits, keeping the draft.
    update(&mut state, ctrl('c'));
    let effects = update(&mut state, ctrl('c'));
    assert!(effects.contains(&Effect::Quit), "{effects:?}");
    assert!(
        effects
            .iter()
            .any(|e| matches!(e, Effect::SaveDraft { body, .. } if body == "half a thought")),
        "{effects:?}"
    );
    let mut state = loaded_state(80, 24);
    act(&mut state, Action::Compose);
    type_text(&mut state, "half a thought");
    // Empty: ctrl-c closes the editor, and a second ctrl-c quits as everywhere else.
    act(&mut state, Action::Cancel);
    update(&mut state, key(KeyCode::Char('y')));
    assert!(state.overlay.is_none());
    assert!(update(&mut state, ctrl('c')).contains(&Effect::Quit));
}
