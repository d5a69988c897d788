//! Builders for the outbox tests of the TUI: a state whose posts go through the outbox, store
//! items as the run loop would hand them back, and answers to enqueue effects.

use kring::app::core::effect::{DraftFor, Effect};
use kring::app::core::msg::Msg;
use kring::app::core::state::State;
use kring::app::core::update::update;
use kring::delivery::DeliveryEvent;
use kring::input::action::Action;
use kring::panes::outbox::effect::{OutboxEffect, OutboxMsg};
use kring::store::{OutboxItem, OutboxState};

use crate::harness::tui::{act, ctrl, now, type_text};

/// `state` told that its outbox runs (as the run loop does at start).
pub fn with_outbox(mut state: State) -> State {
    let effects = update(&mut state, Msg::Outbox(OutboxMsg::Started(Ok(()))));
    assert_eq!(effects, vec![Effect::Outbox(OutboxEffect::Reload)]);
    state
}

/// A store item for a post to `draft_for`, in `state`.
pub fn item(local_id: i64, draft_for: DraftFor, body: &str, state: OutboxState) -> OutboxItem {
    let created_at = now().timestamp();
    OutboxItem {
        local_id,
        account: "demo".into(),
        target: kring::app::shell::drafts::target(draft_for),
        body: body.into(),
        topics: Vec::new(),
        created_at,
        state,
        attempts: 0,
        last_error: None,
        next_attempt_at: created_at,
        server_message_id: None,
        lease: None,
        first_attempt_at: None,
        last_attempt_at: None,
        reconcile_checks: 0,
    }
}

/// Answers the enqueue effects among `effects` as the run loop would, numbering posts from
/// `first_id`; the effects that answering produced.
pub fn answer_enqueue(state: &mut State, effects: &[Effect], first_id: i64) -> Vec<Effect> {
    let mut next = first_id;
    let mut more = Vec::new();
    for effect in effects {
        if let Effect::Outbox(OutboxEffect::Enqueue { draft_for, body }) = effect {
            let stored = item(next, *draft_for, body, OutboxState::Queued);
            next += 1;
            more.extend(update(
                state,
                Msg::Outbox(OutboxMsg::Enqueued {
                    draft_for: *draft_for,
                    body: body.clone(),
                    result: Ok(stored),
                }),
            ));
        }
    }
    more
}

/// Feeds one delivery event.
pub fn event(state: &mut State, event: DeliveryEvent) -> Vec<Effect> {
    update(state, Msg::Outbox(OutboxMsg::Event(event)))
}

/// Writes `text` in a new post in the shown feed and sends it; the effects of the send.
pub fn write_post(state: &mut State, text: &str) -> Vec<Effect> {
    act(state, Action::Compose);
    type_text(state, text);
    let effects = update(state, ctrl('s'));
    // A new post in All Company asks first; the second send posts.
    if state.compose().is_some_and(|c| c.confirm_wide) {
        return update(state, ctrl('s'));
    }
    effects
}
