//! `update` tests of the TUI's outbox on the client side:
//! send queues the post instead of posting it, the post shows at once where it goes, delivery
//! events move it through its states, the server's message replaces it without a duplicate,
//! refused posts can be edited, retried and cancelled from the outbox overlay. Being offline is
//! in `outbox_offline`. No I/O: effects are checked, answers are fed back.

use crate::harness::tui;
use crate::harness::tui_outbox;

use crossterm::event::KeyCode;
use kring::app::core::effect::{DraftFor, Effect};
use kring::app::core::msg::Msg;
use kring::app::core::state::State;
use kring::app::core::update::update;
use kring::delivery::DeliveryEvent;
use kring::domain::convert::page_from_envelope;
use kring::domain::{MessageId, ThreadId};
use kring::input::action::Action;
use kring::panes::outbox::effect::{OutboxEffect, OutboxMsg};
use kring::panes::outbox::{PendingStatus, PostingMode, is_pending_id};
use kring::store::OutboxState;
use tui::*;
use tui_outbox::{answer_enqueue, event, item, with_outbox, write_post};

const ALL_COMPANY: DraftFor = DraftFor::NewPost(None);

fn reply_to_23() -> DraftFor {
    DraftFor::Reply {
        thread: ThreadId(RELEASE),
        to: MessageId(23),
    }
}

fn pending_status(state: &State, local_id: i64) -> Option<PendingStatus> {
    state.outbox.post(local_id).map(|p| p.status.clone())
}

// ── sending ─────────────────────────────────────────────────────────────────────────────────

#[test]
fn send_keeps_the_draft_then_queues_it_and_closes_the_editor() {
    let mut state = with_outbox(loaded_state(80, 24));
    assert_eq!(state.outbox.mode, PostingMode::Outbox);
    let effects = write_post(&mut state, "Lunch moved to 1pm");
    // The draft is written before the queue takes it over: the text is on disk before the
    // editor is gone from the screen, and no request is made here.
    assert_eq!(
        effects,
        vec![
            Effect::SaveDraft {
                draft_for: ALL_COMPANY,
                body: "Lunch moved to 1pm".into(),
            },
            Effect::Outbox(OutboxEffect::Enqueue {
                draft_for: ALL_COMPANY,
                body: "Lunch moved to 1pm".into(),
            }),
        ]
    );
    assert!(state.overlay.is_none(), "the editor closes at once");
}

#[test]
fn a_queued_post_shows_at_once_at_the_top_of_the_timeline_marked_queued() {
    let mut state = with_outbox(loaded_state(80, 24));
    let effects = write_post(&mut state, "Lunch moved to 1pm");
    answer_enqueue(&mut state, &effects, 7);
    let top = state.timeline.active().map(|t| t.threads()[0]);
    let shown = top.and_then(|t| state.catalog.message(MessageId(t.0)));
    assert!(
        shown.is_some_and(|m| is_pending_id(m.id) && m.body.as_str() == "Lunch moved to 1pm"),
        "{shown:?}"
    );
    assert_eq!(pending_status(&state, 7), Some(PendingStatus::Queued));
    assert_eq!(state.outbox.pending, 1);
}

#[test]
fn a_queued_reply_shows_in_the_tree_under_the_message_it_answers() {
    let mut state = with_outbox(thread_state(160, 48));
    act(&mut state, Action::MoveDown);
    act(&mut state, Action::MoveDown);
    update(&mut state, key(KeyCode::Char('r')));
    type_text(&mut state, "Folding works");
    let effects = update(&mut state, ctrl('s'));
    assert!(effects.contains(&Effect::Outbox(OutboxEffect::Enqueue {
        draft_for: reply_to_23(),
        body: "Folding works".into(),
    })));
    answer_enqueue(&mut state, &effects, 1);
    let pending = state.outbox.post(1).map(|p| p.message_id());
    let row = state.thread.rows().iter().find(|r| Some(r.id) == pending);
    assert!(row.is_some(), "the reply is in the tree");
    assert_eq!(
        pending.and_then(|id| state.thread.tree().parent(id)),
        Some(MessageId(23))
    );
}

#[test]
fn without_a_store_posts_go_directly_and_the_status_bar_says_so_once() {
    let mut state = loaded_state(80, 24);
    let effects = update(
        &mut state,
        Msg::Outbox(OutboxMsg::Started(Err("no usable data directory".into()))),
    );
    assert!(effects.is_empty());
    assert_eq!(state.outbox.mode, PostingMode::Direct);
    let notice = state
        .notice
        .current()
        .map(|n| n.text.clone())
        .unwrap_or_default();
    assert!(notice.contains("sent directly"), "{notice}");
    let effects = write_post(&mut state, "hello");
    assert!(
        matches!(effects.as_slice(), [Effect::PostMessage { .. }]),
        "{effects:?}"
    );
}

// ── delivery events ─────────────────────────────────────────────────────────────────────────

#[test]
fn events_move_a_post_to_sent_and_the_servers_message_replaces_it_once() {
    let mut state = with_outbox(loaded_state(80, 24));
    let effects = write_post(&mut state, "Lunch moved to 1pm");
    answer_enqueue(&mut state, &effects, 3);
    let pending_thread = state.outbox.post(3).map(|p| p.thread());
    act(&mut state, Action::PaneTimeline);
    act(&mut state, Action::First);
    assert_eq!(selected_thread(&state), pending_thread.map(|t| t.0));
    event(&mut state, DeliveryEvent::Sending { local_id: 3 });
    assert_eq!(pending_status(&state, 3), Some(PendingStatus::Sending));
    let effects = event(
        &mut state,
        DeliveryEvent::Sent {
            local_id: 3,
            server_id: 50,
        },
    );
    assert_eq!(
        effects,
        vec![Effect::Outbox(OutboxEffect::FetchSent {
            thread: ThreadId(50)
        })]
    );
    let mut envelope = thread_envelope(LUNCH);
    envelope.messages = vec![message(50, 50, ME, None, None, 0, "Lunch moved to 1pm")];
    update(
        &mut state,
        Msg::Outbox(OutboxMsg::SentThread {
            thread: ThreadId(50),
            result: Ok(page_from_envelope(&envelope)),
        }),
    );
    let order = timeline_order(&state);
    assert_eq!(order.iter().filter(|t| **t == 50).count(), 1, "{order:?}");
    assert!(
        pending_thread.is_some_and(|t| !order.contains(&t.0)),
        "the pending post made way: {order:?}"
    );
    assert_eq!(selected_thread(&state), Some(50), "the selection follows");
    assert!(state.outbox.posts.is_empty());
    let copies = order
        .iter()
        .filter_map(|t| state.catalog.message(MessageId(*t)))
        .filter(|m| m.body.as_str() == "Lunch moved to 1pm")
        .count();
    assert_eq!(copies, 1, "no duplicate");
}

#[test]
fn a_sent_reply_is_replaced_in_the_open_thread_by_the_servers_message() {
    let mut state = with_outbox(thread_state(160, 48));
    let effects = update(
        &mut state,
        Msg::Outbox(OutboxMsg::Enqueued {
            draft_for: reply_to_23(),
            body: "Folding works".into(),
            result: Ok(item(2, reply_to_23(), "Folding works", OutboxState::Queued)),
        }),
    );
    assert!(effects.is_empty());
    let effects = event(
        &mut state,
        DeliveryEvent::Sent {
            local_id: 2,
            server_id: 41,
        },
    );
    assert_eq!(
        effects,
        vec![Effect::Outbox(OutboxEffect::FetchSent {
            thread: ThreadId(RELEASE)
        })]
    );
    // A feed refresh may bring the message in first: the pending copy goes then too.
    let mut envelope = thread_envelope(RELEASE);
    envelope.messages.push(message(
        41,
        RELEASE,
        ME,
        Some(23),
        Some(ENGINEERING),
        0,
        "Folding works",
    ));
    update(
        &mut state,
        Msg::Outbox(OutboxMsg::SentThread {
            thread: ThreadId(RELEASE),
            result: Ok(page_from_envelope(&envelope)),
        }),
    );
    let texts: Vec<String> = state
        .thread
        .rows()
        .iter()
        .filter_map(|r| state.catalog.message(r.id))
        .map(|m| m.body.to_string())
        .collect();
    assert_eq!(
        texts.iter().filter(|t| *t == "Folding works").count(),
        1,
        "{texts:?}"
    );
    assert_eq!(
        state.thread.tree().parent(MessageId(41)),
        Some(MessageId(23))
    );
}

#[test]
fn a_refused_post_keeps_its_reason_and_the_status_line_says_where_to_look() {
    let mut state = with_outbox(loaded_state(80, 24));
    let effects = write_post(&mut state, "to a closed group");
    answer_enqueue(&mut state, &effects, 1);
    event(
        &mut state,
        DeliveryEvent::Failed {
            local_id: 1,
            reason: "the server refused the request: No such group".into(),
        },
    );
    assert!(matches!(
        pending_status(&state, 1),
        Some(PendingStatus::Failed { reason }) if reason.contains("No such group")
    ));
    let notice = state
        .notice
        .current()
        .map(|n| n.text.clone())
        .unwrap_or_default();
    assert!(
        notice.contains("No such group") && notice.contains("O"),
        "{notice}"
    );
    assert_eq!(state.outbox.failed(), 1);
}

#[test]
fn unknown_ids_in_events_make_the_client_read_the_outbox() {
    let mut state = with_outbox(loaded_state(80, 24));
    let effects = event(&mut state, DeliveryEvent::Queued { local_id: 99 });
    assert_eq!(effects, vec![Effect::Outbox(OutboxEffect::Reload)]);
}

#[test]
fn a_reload_mirrors_the_store_and_takes_cancelled_posts_off_the_screen() {
    let mut state = with_outbox(loaded_state(80, 24));
    let items = vec![
        item(1, ALL_COMPANY, "first", OutboxState::Queued),
        item(2, ALL_COMPANY, "second", OutboxState::Queued),
    ];
    update(&mut state, Msg::Outbox(OutboxMsg::Items(Ok(items))));
    assert_eq!(state.outbox.pending, 2);
    let shown = |state: &State| {
        timeline_order(state)
            .into_iter()
            .filter(|t| is_pending_id(MessageId(*t)))
            .count()
    };
    assert_eq!(shown(&state), 2);
    let items = vec![item(2, ALL_COMPANY, "second", OutboxState::Queued)];
    update(&mut state, Msg::Outbox(OutboxMsg::Items(Ok(items))));
    assert_eq!(shown(&state), 1);
    assert!(state.outbox.post(1).is_none());
}

#[test]
fn actions_on_a_post_not_sent_yet_point_to_the_outbox() {
    let mut state = with_outbox(loaded_state(80, 24));
    let effects = write_post(&mut state, "not yet");
    answer_enqueue(&mut state, &effects, 1);
    act(&mut state, Action::PaneTimeline);
    act(&mut state, Action::First);
    for action in [Action::Reply, Action::ToggleLike, Action::Delete] {
        let effects = act(&mut state, action);
        assert!(effects.is_empty(), "{action:?}: {effects:?}");
        assert!(state.overlay.is_none(), "{action:?}");
    }
    let opened = act(&mut state, Action::Open);
    assert!(
        !opened
            .iter()
            .any(|e| matches!(e, Effect::FetchThread { .. })),
        "nothing to fetch for a pending thread: {opened:?}"
    );
}

#[test]
fn loading_a_sent_posts_thread_keeps_what_the_user_did_to_the_rest_of_it() {
    let mut state = with_outbox(thread_state(160, 48));
    update(
        &mut state,
        Msg::Outbox(OutboxMsg::Enqueued {
            draft_for: reply_to_23(),
            body: "Folding works".into(),
            result: Ok(item(2, reply_to_23(), "Folding works", OutboxState::Queued)),
        }),
    );
    event(
        &mut state,
        DeliveryEvent::Sent {
            local_id: 2,
            server_id: 41,
        },
    );
    // A like on its way while the thread loads: the older copy must not undo it on screen.
    act(&mut state, Action::First);
    act(&mut state, Action::ToggleLike);
    let mut envelope = thread_envelope(RELEASE);
    envelope.messages.push(message(
        41,
        RELEASE,
        ME,
        Some(23),
        Some(ENGINEERING),
        0,
        "Folding works",
    ));
    update(
        &mut state,
        Msg::Outbox(OutboxMsg::SentThread {
            thread: ThreadId(RELEASE),
            result: Ok(page_from_envelope(&envelope)),
        }),
    );
    let starter = state.catalog.message(MessageId(RELEASE)).map(|m| m.likes);
    assert!(starter.is_some_and(|l| l.by_me), "{starter:?}");
    assert!(state.catalog.message(MessageId(41)).is_some());
}
