//! Transitions of the outbox overlay: opening it, moving the selection, and edit, cancel
//! (confirmed first) and retry on the selected post. Returns effects; never touches the store.

use super::OutboxOverlay;
use crate::app::core::action::Action;
use crate::app::core::effect::Effect;
use crate::app::core::notice::Notice;
use crate::app::core::state::State;
use crate::app::outbox::effect::OutboxEffect;
use crate::app::outbox::{PendingPost, PendingStatus, compose_target};
use crate::overlays::Overlay;
use crate::overlays::compose::Compose;
use crate::panes::cursor::Motion;

/// Opens the list with the oldest post selected, and reads the outbox again.
pub fn open(state: &mut State) -> Vec<Effect> {
    let selected = state.outbox.listed().first().map(|p| p.local_id);
    state.overlay = Some(Overlay::Outbox(OutboxOverlay {
        selected,
        confirm_cancel: None,
    }));
    vec![Effect::Outbox(OutboxEffect::Reload)]
}

/// Handles a bound action while the list is open.
pub fn handle(state: &mut State, action: Action) -> Vec<Effect> {
    let Some(Overlay::Outbox(overlay)) = &mut state.overlay else {
        return Vec::new();
    };
    if let Some(local_id) = overlay.confirm_cancel {
        return match action {
            Action::ConfirmYes => {
                overlay.confirm_cancel = None;
                vec![Effect::Outbox(OutboxEffect::Cancel(local_id))]
            }
            Action::ConfirmNo | Action::Back | Action::Cancel | Action::QuitOrBack => {
                overlay.confirm_cancel = None;
                Vec::new()
            }
            _ => Vec::new(),
        };
    }
    let ids: Vec<i64> = state.outbox.listed().iter().map(|p| p.local_id).collect();
    let current = selected_index(overlay, &ids);
    let page = usize::from(state.session.size.1.saturating_sub(8)).max(1);
    if let Some(motion) = Motion::from_action(action, page) {
        overlay.selected = motion
            .apply(current, ids.len())
            .and_then(|at| ids.get(at).copied());
        return Vec::new();
    }
    match action {
        Action::Back | Action::QuitOrBack | Action::Cancel | Action::Outbox => {
            state.overlay = None;
            Vec::new()
        }
        Action::EditPost => with_selected(state, current, &ids, edit),
        Action::CancelPost => with_selected(state, current, &ids, ask_cancel),
        Action::RetryPost => with_selected(state, current, &ids, retry),
        _ => Vec::new(),
    }
}

/// The selection's position in `ids`; the first post when the selected one left the list.
pub fn selected_index(overlay: &OutboxOverlay, ids: &[i64]) -> Option<usize> {
    overlay
        .selected
        .and_then(|id| ids.iter().position(|i| *i == id))
        .or_else(|| (!ids.is_empty()).then_some(0))
}

fn with_selected(
    state: &mut State,
    current: Option<usize>,
    ids: &[i64],
    act: fn(&mut State, PendingPost) -> Vec<Effect>,
) -> Vec<Effect> {
    let post = current
        .and_then(|at| ids.get(at))
        .and_then(|id| state.outbox.post(*id))
        .cloned();
    match post {
        Some(post) => act(state, post),
        None => Vec::new(),
    }
}

/// Queued or refused: back into the editor; sending it replaces the queued text.
fn edit(state: &mut State, post: PendingPost) -> Vec<Effect> {
    if !matches!(
        post.status,
        PendingStatus::Queued | PendingStatus::Failed { .. }
    ) {
        return say(
            state,
            "This post may be on its way; it cannot be changed now",
        );
    }
    let target = compose_target(&state.catalog, post.draft_for);
    let mut compose = Compose::with_text(target, &post.body);
    compose.replaces = Some(post.local_id);
    state.overlay = Some(Overlay::Compose(Box::new(compose)));
    Vec::new()
}

fn ask_cancel(state: &mut State, post: PendingPost) -> Vec<Effect> {
    if post.status == PendingStatus::Sending {
        return say(state, "This post is being sent; it cannot be cancelled now");
    }
    if let Some(Overlay::Outbox(overlay)) = &mut state.overlay {
        overlay.confirm_cancel = Some(post.local_id);
    }
    Vec::new()
}

fn retry(state: &mut State, post: PendingPost) -> Vec<Effect> {
    match post.status {
        PendingStatus::Failed { .. } => vec![Effect::Outbox(OutboxEffect::Retry(post.local_id))],
        // Posts go out in order: retrying one means trying the queue now.
        PendingStatus::Queued => {
            state.notice = Some(Notice::info("Trying to send now", state.session.now));
            vec![Effect::Outbox(OutboxEffect::RetryAll)]
        }
        _ => say(state, "This post is already being sent or checked"),
    }
}

fn say(state: &mut State, text: &str) -> Vec<Effect> {
    state.notice = Some(Notice::info(text, state.session.now));
    Vec::new()
}
