//! What the compose overlay asks of the rest of the client ([`ComposeEffect`]): keep, forget or
//! look for a draft, post now, hand the text to the outbox, or edit it in `$VISUAL`/`$EDITOR`.
//! Data only; the core turns each into its own effect, and nothing here knows how they are
//! carried out.

use crate::domain::{DraftFor, OutgoingPost};
use crate::panes::request::RequestId;

/// A request of the compose overlay.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ComposeEffect {
    /// Keep the unsent draft so it survives a quit or a crash.
    SaveDraft { draft_for: DraftFor, body: String },
    /// Forget the draft (discarded).
    DeleteDraft(DraftFor),
    /// Look for a kept draft to restore into the newly opened editor.
    LoadDraft(DraftFor),
    /// Send the post now, straight to the server.
    Post { req: RequestId, post: OutgoingPost },
    /// Put the post in the outbox (it consumes the target's kept draft).
    Enqueue { draft_for: DraftFor, body: String },
    /// Replace the text of the outbox's post `local_id`.
    Replace {
        local_id: i64,
        draft_for: DraftFor,
        body: String,
    },
    /// Suspend the screen and edit this text in `$VISUAL`/`$EDITOR`.
    EditExternally(String),
}
