//! Transitions of the communities pane, on the pane's own state: moving the selection (through
//! the "Start here" checklist's rows too, while it shows); what Enter, compose, join/leave and
//! info ask for is a [`CommunitiesOutcome`] for `app::core::route::communities`. No I/O, and no
//! whole-client state.

use crate::input::action::Action;
use crate::panes::communities::CommunitiesPane;
use crate::panes::communities::start_here::{self, Row};
use crate::panes::cursor::Motion;

/// What the pane reads besides its own state.
#[derive(Clone, Copy, Debug)]
pub struct CommunitiesCtx {
    /// The pane's height in rows.
    pub height: usize,
    /// The checklist shows (its facts are known, it is not dismissed, a step is left).
    pub checklist: bool,
}

/// What an action in the pane asks of the rest of the client.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CommunitiesOutcome {
    /// Done in the pane.
    Done,
    /// Enter on this checklist row.
    Checklist(Row),
    /// Enter on the selected feed.
    Open,
    /// Compose in the selected feed.
    Compose,
    /// Join or leave the selected community.
    ToggleMembership,
    /// The selected community's card.
    Info,
}

/// Handles `action` when the pane has focus; `None` leaves it to the global handler.
pub fn handle(
    pane: &mut CommunitiesPane,
    ctx: CommunitiesCtx,
    action: Action,
) -> Option<CommunitiesOutcome> {
    if let Some(motion) = Motion::from_action(action, ctx.height) {
        move_selection(pane, ctx, motion);
        return Some(CommunitiesOutcome::Done);
    }
    if let Some(row) = start_here::cursor_in(&pane.start_here, ctx.checklist, ctx.height) {
        return match action {
            Action::Open => Some(CommunitiesOutcome::Checklist(row)),
            // A feed's actions have no feed on a checklist row.
            Action::Compose
            | Action::ToggleMembership
            | Action::CommunityInfo
            | Action::ToggleMuteCommunity => Some(CommunitiesOutcome::Done),
            _ => None,
        };
    }
    match action {
        Action::Open => Some(CommunitiesOutcome::Open),
        Action::Compose => Some(CommunitiesOutcome::Compose),
        Action::ToggleMembership => Some(CommunitiesOutcome::ToggleMembership),
        Action::CommunityInfo => Some(CommunitiesOutcome::Info),
        _ => None,
    }
}

/// Moves the selection over the checklist's rows, then the feeds.
fn move_selection(pane: &mut CommunitiesPane, ctx: CommunitiesCtx, motion: Motion) {
    let start = start_here::rows_in(&pane.start_here, ctx.checklist, ctx.height);
    let entries = pane.entries();
    let on_checklist = start_here::cursor_in(&pane.start_here, ctx.checklist, ctx.height);
    let now = match on_checklist {
        Some(row) => start.iter().position(|r| *r == row),
        None => pane.selected_index().map(|i| i + start.len()),
    };
    let Some(mut at) = motion.apply(now, start.len() + entries.len()) else {
        return;
    };
    // From a feed, the first row is still the first feed: only single steps go up into it.
    if motion == Motion::First && on_checklist.is_none() {
        at = start.len();
    }
    if let Some(row) = start.get(at) {
        pane.start_here.cursor = Some(*row);
    } else if let Some(feed) = entries.get(at - start.len()) {
        pane.start_here.cursor = None;
        pane.selected = *feed;
    }
}
