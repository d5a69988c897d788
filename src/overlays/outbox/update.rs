//! Transitions of the outbox overlay: a new list with the oldest post selected, moving the
//! selection, and edit, cancel (confirmed first) and retry on the selected post. Works on the
//! overlay's own state and the outbox view it reads; what it asks (an outbox effect, the editor
//! on a post, a notice) is an [`OutboxOutcome`] for the core (`app::core::route::outbox`). No
//! I/O, and no whole-client state; never touches the store.

use super::OutboxOverlay;
use crate::input::action::Action;
use crate::panes::cursor::Motion;
use crate::panes::outbox::effect::OutboxEffect;
use crate::panes::outbox::{OutboxView, PendingPost, PendingStatus};

/// What an action in the outbox list asks of the rest of the client.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum OutboxOutcome {
    /// The list stays open.
    Stay,
    /// Close the list.
    Close,
    /// Ask the outbox for this, saying so when there is something to say.
    Ask {
        effect: OutboxEffect,
        say: Option<&'static str>,
    },
    /// Open the editor on this post; sending it replaces the queued text.
    Edit(PendingPost),
    /// Say why nothing happens.
    Say(&'static str),
}

/// A new list with the oldest post selected.
pub fn new_list(posts: &OutboxView) -> OutboxOverlay {
    OutboxOverlay {
        selected: posts.listed().first().map(|p| p.local_id),
        confirm_cancel: None,
    }
}

/// Handles a bound action while the list is open; `height` is the terminal's.
pub fn handle(
    overlay: &mut OutboxOverlay,
    posts: &OutboxView,
    height: u16,
    action: Action,
) -> OutboxOutcome {
    if let Some(local_id) = overlay.confirm_cancel {
        return match action {
            Action::ConfirmYes => {
                overlay.confirm_cancel = None;
                OutboxOutcome::Ask {
                    effect: OutboxEffect::Cancel(local_id),
                    say: None,
                }
            }
            Action::ConfirmNo | Action::Back | Action::Cancel | Action::QuitOrBack => {
                overlay.confirm_cancel = None;
                OutboxOutcome::Stay
            }
            _ => OutboxOutcome::Stay,
        };
    }
    let ids: Vec<i64> = posts.listed().iter().map(|p| p.local_id).collect();
    let current = selected_index(overlay, &ids);
    let page = usize::from(height.saturating_sub(8)).max(1);
    if let Some(motion) = Motion::from_action(action, page) {
        overlay.selected = motion
            .apply(current, ids.len())
            .and_then(|at| ids.get(at).copied());
        return OutboxOutcome::Stay;
    }
    if matches!(
        action,
        Action::Back | Action::QuitOrBack | Action::Cancel | Action::Outbox
    ) {
        return OutboxOutcome::Close;
    }
    let post = current
        .and_then(|at| ids.get(at))
        .and_then(|id| posts.post(*id))
        .cloned();
    match (action, post) {
        (Action::EditPost, Some(post)) => edit(post),
        (Action::CancelPost, Some(post)) => ask_cancel(overlay, &post),
        (Action::RetryPost, Some(post)) => retry(&post),
        _ => OutboxOutcome::Stay,
    }
}

/// The selection's position in `ids`; the first post when the selected one left the list.
pub fn selected_index(overlay: &OutboxOverlay, ids: &[i64]) -> Option<usize> {
    overlay
        .selected
        .and_then(|id| ids.iter().position(|i| *i == id))
        .or_else(|| (!ids.is_empty()).then_some(0))
}

/// Queued or refused: back into the editor.
fn edit(post: PendingPost) -> OutboxOutcome {
    if matches!(
        post.status,
        PendingStatus::Queued | PendingStatus::Failed { .. }
    ) {
        OutboxOutcome::Edit(post)
    } else {
        OutboxOutcome::Say("This post may be on its way; it cannot be changed now")
    }
}

fn ask_cancel(overlay: &mut OutboxOverlay, post: &PendingPost) -> OutboxOutcome {
    if post.status == PendingStatus::Sending {
        return OutboxOutcome::Say("This post is being sent; it cannot be cancelled now");
    }
    overlay.confirm_cancel = Some(post.local_id);
    OutboxOutcome::Stay
}

fn retry(post: &PendingPost) -> OutboxOutcome {
    match post.status {
        PendingStatus::Failed { .. } => OutboxOutcome::Ask {
            effect: OutboxEffect::Retry(post.local_id),
            say: None,
        },
        // Posts go out in order: retrying one means trying the queue now.
        PendingStatus::Queued => OutboxOutcome::Ask {
            effect: OutboxEffect::RetryAll,
            say: Some("Trying to send now"),
        },
        _ => OutboxOutcome::Say("This post is already being sent or checked"),
    }
}
