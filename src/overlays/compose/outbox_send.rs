//! Sending through the outbox: the draft is kept first, then queued (the queue takes the
//! draft over in one transaction, so the post is on disk before any request), and the editor
//! closes at once; the post shows where it goes, marked as queued, and the engine delivers it.
//! An outbox edit replaces the queued text instead.

use super::Compose;
use super::effect::ComposeEffect;

/// The effects that put the editor's text in the outbox (the editor then closes).
pub fn send(compose: &Compose) -> Vec<ComposeEffect> {
    let draft_for = compose.draft_for();
    let body = compose.outgoing().body;
    match compose.replaces {
        Some(local_id) => vec![ComposeEffect::Replace {
            local_id,
            draft_for,
            body,
        }],
        // The draft is on disk before the editor closes; queueing then consumes it.
        None => vec![
            ComposeEffect::SaveDraft {
                draft_for,
                body: compose.text(),
            },
            ComposeEffect::Enqueue { draft_for, body },
        ],
    }
}
