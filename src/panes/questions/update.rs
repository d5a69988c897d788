//! Transitions of "Questions for you" on the view's own state: taking the list (from what the
//! view reads, [`QuestionsCtx`]), the answer about the communities you keep, taking the list
//! again keeping the selection, moving the selection, and what Enter, `r` and `m` ask of the
//! rest of the client ([`QuestionsOutcome`], routed by `app::core::route::questions`). No I/O,
//! and no whole-client state.

use super::effect::QuestionsMsg;
use super::{QuestionsView, mention_draft};
use crate::domain::{Catalog, GroupId, MessageId, UserId};
use crate::expertise::ExpertiseIndex;
use crate::input::action::Action;
use crate::panes::cursor::Motion;

/// What taking the list reads besides the view.
#[derive(Clone, Copy, Debug)]
pub struct QuestionsCtx<'a> {
    pub catalog: &'a Catalog,
    pub index: &'a ExpertiseIndex,
    pub me: Option<UserId>,
    /// Now, in unix seconds.
    pub now: i64,
}

/// What an action in the view asks of the rest of the client.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum QuestionsOutcome {
    /// The view stays open.
    Stay,
    /// Close the view.
    Close,
    /// Close the view and open this question's thread.
    Open(MessageId),
    /// Close the view and reply to this question, the editor starting with `draft` (when not
    /// empty).
    Reply { to: MessageId, draft: String },
}

/// The list taken now, over the communities in `kept` (those you administer, when known).
pub fn take(ctx: QuestionsCtx<'_>, kept: Option<&[GroupId]>) -> QuestionsView {
    QuestionsView::take(ctx.catalog, ctx.index, kept, ctx.me, ctx.now)
}

/// The communities you keep arrived (or asking failed): `true` when the list is to be taken
/// again with them; a failure is said in the view, which then shows only your questions.
pub fn apply(view: &mut QuestionsView, msg: QuestionsMsg) -> bool {
    match msg {
        QuestionsMsg::Kept(Ok(kept)) => {
            view.kept = Some(kept);
            view.kept_error = None;
            true
        }
        QuestionsMsg::Kept(Err(error)) => {
            view.kept_error = Some(format!(
                "Could not tell which communities you keep: {error}"
            ));
            false
        }
    }
}

/// The list taken again (the directory or the messages grew), keeping what the view knows of
/// the communities you keep and the selected question when it is still listed.
pub fn refresh(view: &QuestionsView, ctx: QuestionsCtx<'_>) -> QuestionsView {
    let selected = view.current().map(|i| i.id);
    let mut fresh = take(ctx, view.kept.as_deref());
    fresh.kept_error.clone_from(&view.kept_error);
    fresh.selected = selected
        .and_then(|id| fresh.items.iter().position(|i| i.id == id))
        .unwrap_or(0);
    fresh
}

/// Handles a bound action while the view is open; `height` is the terminal's, in rows.
pub fn handle(view: &mut QuestionsView, height: u16, action: Action) -> QuestionsOutcome {
    let page = usize::from(height.saturating_sub(6) / 3).max(1);
    if let Some(motion) = Motion::from_action(action, page) {
        view.selected = motion
            .apply(Some(view.selected), view.items.len())
            .unwrap_or(0);
        return QuestionsOutcome::Stay;
    }
    let current = view.current();
    match (action, current) {
        (Action::Back | Action::QuitOrBack | Action::Cancel | Action::OpenQuestions, _) => {
            QuestionsOutcome::Close
        }
        (Action::Open, Some(item)) => QuestionsOutcome::Open(item.id),
        (Action::Reply, Some(item)) => QuestionsOutcome::Reply {
            to: item.id,
            draft: String::new(),
        },
        (Action::ReplyMentioning, Some(item)) => QuestionsOutcome::Reply {
            to: item.id,
            draft: mention_draft(&item.answerers),
        },
        _ => QuestionsOutcome::Stay,
    }
}

#[cfg(test)]
#[path = "update_tests.rs"]
mod tests;
