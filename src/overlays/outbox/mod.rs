//! The outbox overlay: the list of posts not sent yet (queued, sending, being checked, refused)
//! with their target, first line, age and, for refused ones, the server's reason; and the
//! actions on the selected one: edit, cancel (after a question), retry now.
//!
//! The list itself is the client's outbox view (`OutboxView`, handed in); this module owns
//! only the selection and the pending question.

pub mod update;
pub mod view;

/// The open outbox list.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct OutboxOverlay {
    /// The selected post, by local id, so it stays put while the list changes.
    pub selected: Option<i64>,
    /// Waiting for yes or no before cancelling this post.
    pub confirm_cancel: Option<i64>,
}
