//! Sending through the outbox: the draft is kept first, then queued (the queue takes the
//! draft over in one transaction, so the post is on disk before any request), and the editor
//! closes at once; the post shows where it goes, marked as queued, and the engine delivers it. An outbox edit replaces the
//! queued text instead.

use crate::app::core::effect::Effect;
use crate::app::core::state::State;
use crate::app::outbox::effect::OutboxEffect;

/// Closes the editor and returns the effects that put its text in the outbox.
pub fn send(state: &mut State) -> Vec<Effect> {
    let Some(compose) = state.compose_mut() else {
        return Vec::new();
    };
    let draft_for = compose.draft_for();
    let body = compose.outgoing().body;
    let effects = match compose.replaces {
        Some(local_id) => vec![Effect::Outbox(OutboxEffect::Replace {
            local_id,
            draft_for,
            body,
        })],
        // The draft is on disk before the editor closes; queueing then consumes it.
        None => vec![
            Effect::SaveDraft {
                draft_for,
                body: compose.text(),
            },
            Effect::Outbox(OutboxEffect::Enqueue { draft_for, body }),
        ],
    };
    state.overlay = None;
    effects
}
