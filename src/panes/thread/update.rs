//! Transitions of the thread pane: moving through the tree, folding, tree motions, and which
//! message an action is for. Works on the pane's own state and the catalog it reads; what it
//! cannot do itself (act on a message, compose) it returns as a [`ThreadOutcome`] for the core
//! to route. No I/O, and no whole-client state.

use super::ThreadPane;
use crate::domain::{Catalog, Feed, MessageId, ThreadId};
use crate::input::action::Action;
use crate::panes::cursor::Motion;
use crate::panes::load::Load;
use crate::panes::message_action::MessageAction;
use crate::panes::request::RequestId;

/// Rows a message takes on average, to turn a half page into a number of messages.
const ROWS_PER_MESSAGE: usize = 4;

/// What the thread pane reads besides its own state.
#[derive(Clone, Copy, Debug)]
pub struct ThreadCtx<'a> {
    pub catalog: &'a Catalog,
    /// The pane's content rows in the current layout.
    pub rows: usize,
}

/// What an action in the thread pane asks of the rest of the client.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ThreadOutcome {
    /// Done within the pane.
    Done,
    /// Do this to the selected message.
    Message(MessageAction, MessageId),
    /// Open the editor for a new post in this feed's community.
    Compose(Feed),
}

/// Handles `action` when the thread pane has focus; `None` leaves it to the global handler.
pub fn handle(pane: &mut ThreadPane, ctx: ThreadCtx<'_>, action: Action) -> Option<ThreadOutcome> {
    if let Some(motion) = Motion::from_action(action, ctx.rows / ROWS_PER_MESSAGE) {
        let at = motion.apply(pane.selected_index(), pane.rows().len());
        pane.selected = at.and_then(|i| pane.rows().get(i)).map(|row| row.id);
        return Some(ThreadOutcome::Done);
    }
    let selected = pane.selected;
    if let Some(act) = MessageAction::from_action(action) {
        return Some(selected.map_or(ThreadOutcome::Done, |m| ThreadOutcome::Message(act, m)));
    }
    let to = match action {
        Action::ToggleFold | Action::Open => {
            if let Some(id) = selected {
                pane.toggle_fold(id);
            }
            None
        }
        Action::Parent => selected.and_then(|id| pane.tree().parent(id)),
        Action::NextSibling | Action::PrevSibling => {
            let forward = action == Action::NextSibling;
            selected.and_then(|id| pane.tree().sibling(id, forward))
        }
        Action::Compose => {
            let community = pane
                .thread
                .and_then(|t| ctx.catalog.message(MessageId(t.0)))
                .and_then(|m| m.community);
            return Some(ThreadOutcome::Compose(
                community.map_or(Feed::AllCompany, Feed::Community),
            ));
        }
        _ => return None,
    };
    if let Some(id) = to {
        pane.select(id);
    }
    Some(ThreadOutcome::Done)
}

/// Starts fetching the shown thread under `req`; the thread to fetch, if one is shown.
pub fn start_fetch(pane: &mut ThreadPane, req: RequestId) -> Option<ThreadId> {
    let thread = pane.thread?;
    pane.load = Load::Loading(req);
    Some(thread)
}

/// The fetch the pane waited for `before` and no longer does: it is to be cancelled.
pub fn superseded(before: &Load, pane: &ThreadPane) -> Option<RequestId> {
    match before {
        Load::Loading(old) if !pane.load.awaits(*old) => Some(*old),
        _ => None,
    }
}

/// Applies the answer to the fetch `req` of `thread`; the error to show, if it failed. An
/// answer the pane no longer waits for is dropped.
pub fn loaded<E: std::fmt::Display>(
    pane: &mut ThreadPane,
    catalog: &mut Catalog,
    req: RequestId,
    thread: ThreadId,
    result: Result<crate::domain::Page, E>,
) -> Option<E> {
    if !pane.load.awaits(req) || pane.thread != Some(thread) {
        return None;
    }
    match result {
        Ok(page) => {
            pane.load = Load::Idle;
            catalog.absorb(page);
            pane.rebuild(catalog);
            None
        }
        Err(error) => {
            pane.load = Load::Failed(error.to_string());
            Some(error)
        }
    }
}
