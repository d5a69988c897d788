//! `update` tests of the TUI's outbox overlay, a list to view, edit and cancel queued posts: edit
//! puts a queued or refused post back in the editor and sending replaces its text, cancel asks
//! first, retry re-queues a refused post or hurries the queue, and the list closes like the
//! other overlays. No I/O: effects are checked, answers are fed back.

use crate::harness::tui;
use crate::harness::tui_outbox;

use crossterm::event::KeyCode;
use kring::app::core::effect::{DraftFor, Effect};
use kring::app::core::msg::Msg;
use kring::app::core::state::State;
use kring::app::core::update::{active_modes, update};
use kring::delivery::DeliveryEvent;
use kring::domain::{MessageId, ThreadId};
use kring::overlays::Overlay;
use kring::panes::outbox::effect::{OutboxEffect, OutboxMsg};
use kring::store::OutboxState;
use tui::*;
use tui_outbox::{event, item, with_outbox, write_post};

const ALL_COMPANY: DraftFor = DraftFor::NewPost(None);

fn reply_to_23() -> DraftFor {
    DraftFor::Reply {
        thread: ThreadId(RELEASE),
        to: MessageId(23),
    }
}

fn outbox_overlay_open(state: &State) -> bool {
    matches!(state.overlay, Some(Overlay::Outbox(_)))
}

// ── the outbox overlay ──────────────────────────────────────────────────────────────────────

/// A state with one queued and one refused post, the outbox overlay open on the first.
fn overlay_state() -> State {
    let mut state = with_outbox(loaded_state(80, 24));
    let items = vec![
        item(1, ALL_COMPANY, "queued one", OutboxState::Queued),
        item(
            2,
            reply_to_23(),
            "refused one",
            OutboxState::Failed {
                reason: "Body is too long".into(),
            },
        ),
    ];
    update(&mut state, Msg::Outbox(OutboxMsg::Items(Ok(items))));
    let effects = update(&mut state, key(KeyCode::Char('O')));
    assert_eq!(effects, vec![Effect::Outbox(OutboxEffect::Reload)]);
    assert!(outbox_overlay_open(&state));
    state
}

#[test]
fn overlay_edit_reopens_the_post_and_sending_replaces_the_queued_text() {
    let mut state = overlay_state();
    update(&mut state, key(KeyCode::Char('j')));
    update(&mut state, key(KeyCode::Char('e')));
    let compose = state.compose().expect("the editor is open");
    assert_eq!(compose.text(), "refused one");
    assert_eq!(compose.replaces, Some(2));
    update(&mut state, key(KeyCode::Backspace));
    type_text(&mut state, "E, shorter");
    // An edit keeps no draft of its own: the outbox holds the text.
    assert!(
        update(&mut state, Msg::Tick(now())).is_empty(),
        "no autosave"
    );
    let effects = update(&mut state, ctrl('s'));
    assert_eq!(
        effects,
        vec![Effect::Outbox(OutboxEffect::Replace {
            local_id: 2,
            draft_for: reply_to_23(),
            body: "refused onE, shorter".into(),
        })]
    );
    assert!(state.overlay.is_none());
}

#[test]
fn overlay_edit_of_a_post_already_on_its_way_is_refused() {
    let mut state = overlay_state();
    event(&mut state, DeliveryEvent::Sending { local_id: 1 });
    update(&mut state, key(KeyCode::Char('e')));
    assert!(
        outbox_overlay_open(&state),
        "no editor for a post in flight"
    );
    assert!(state.notice.current().is_some());
}

#[test]
fn a_post_waiting_for_its_next_try_says_queued_not_sending() {
    let mut state = overlay_state();
    event(&mut state, DeliveryEvent::Sending { local_id: 1 });
    event(
        &mut state,
        DeliveryEvent::Offline {
            retry_in: std::time::Duration::from_secs(27),
        },
    );
    let post = state.outbox.post(1).expect("the post is listed");
    assert_eq!(
        kring::panes::outbox::label::pending_word(&post.status),
        ("queued", false)
    );
}

#[test]
fn discarding_an_outbox_edit_leaves_the_post_and_every_draft_alone() {
    let mut state = overlay_state();
    update(&mut state, key(KeyCode::Char('e')));
    let effects = update(&mut state, key(KeyCode::Esc));
    let effects = [effects, update(&mut state, key(KeyCode::Char('y')))].concat();
    assert!(state.overlay.is_none());
    assert!(
        !effects
            .iter()
            .any(|e| matches!(e, Effect::DeleteDraft(_) | Effect::Outbox(_))),
        "{effects:?}"
    );
}

#[test]
fn overlay_cancel_asks_first_and_only_yes_cancels() {
    let mut state = overlay_state();
    assert!(update(&mut state, key(KeyCode::Char('x'))).is_empty());
    assert_eq!(active_modes(&state), vec!["confirm"]);
    assert!(update(&mut state, key(KeyCode::Char('n'))).is_empty());
    assert!(outbox_overlay_open(&state), "no keeps the list open");
    update(&mut state, key(KeyCode::Char('x')));
    let effects = update(&mut state, key(KeyCode::Char('y')));
    assert_eq!(effects, vec![Effect::Outbox(OutboxEffect::Cancel(1))]);
    assert!(outbox_overlay_open(&state));
}

#[test]
fn overlay_retry_requeues_a_refused_post_and_hurries_a_queued_one() {
    let mut state = overlay_state();
    let effects = update(&mut state, key(KeyCode::Char('r')));
    assert_eq!(effects, vec![Effect::Outbox(OutboxEffect::RetryAll)]);
    update(&mut state, key(KeyCode::Char('G')));
    let effects = update(&mut state, key(KeyCode::Char('r')));
    assert_eq!(effects, vec![Effect::Outbox(OutboxEffect::Retry(2))]);
}

#[test]
fn overlay_closes_with_esc_q_and_its_own_key() {
    for close in [KeyCode::Esc, KeyCode::Char('q'), KeyCode::Char('O')] {
        let mut state = overlay_state();
        update(&mut state, key(close));
        assert!(state.overlay.is_none(), "{close:?}");
        assert!(!state.should_quit(), "{close:?}");
    }
}

#[test]
fn a_failed_edit_comes_back_to_the_editor_with_the_reason() {
    let mut state = with_outbox(loaded_state(80, 24));
    update(
        &mut state,
        Msg::Outbox(OutboxMsg::Refused {
            doing: "Changing the post".into(),
            reason: "it is being sent".into(),
            reopen: Some((4, ALL_COMPANY, "my text".into())),
        }),
    );
    let compose = state.compose().expect("the editor is back");
    assert_eq!(compose.text(), "my text");
    assert_eq!(compose.replaces, Some(4));
    assert!(
        compose
            .error
            .as_deref()
            .is_some_and(|e| e.contains("being sent"))
    );
}

#[test]
fn a_post_that_could_not_be_queued_comes_back_to_the_editor() {
    let mut state = with_outbox(loaded_state(80, 24));
    let effects = write_post(&mut state, "keep me");
    assert!(state.overlay.is_none());
    let Some(Effect::Outbox(OutboxEffect::Enqueue { draft_for, body })) = effects.last().cloned()
    else {
        panic!("{effects:?}");
    };
    update(
        &mut state,
        Msg::Outbox(OutboxMsg::Enqueued {
            draft_for,
            body,
            result: Err("disk full".into()),
        }),
    );
    let compose = state.compose().expect("the editor is back");
    assert_eq!(compose.text(), "keep me");
    assert_eq!(compose.replaces, None, "sending it again queues it");
}
