//! Transitions of the communities pane: moving the selection (through the "Start here"
//! checklist's rows too, while it shows) and opening a feed.

use crate::app::core::action::Action;
use crate::app::core::effect::Effect;
use crate::app::core::state::State;
use crate::panes::PaneId;
use crate::panes::communities::{discover, start_here};
use crate::panes::cursor::Motion;

/// Handles `action` when the communities pane has focus; `None` leaves it to the global handler.
pub fn handle(state: &mut State, action: Action) -> Option<Vec<Effect>> {
    let page = state.pane_rows(PaneId::Communities);
    if let Some(motion) = Motion::from_action(action, page) {
        move_selection(state, motion, page);
        return Some(Vec::new());
    }
    if let Some(row) = start_here::cursor(state, page) {
        return match action {
            Action::Open => Some(start_here::update::enter(state, row)),
            // A feed's actions have no feed on a checklist row.
            Action::Compose
            | Action::ToggleMembership
            | Action::CommunityInfo
            | Action::ToggleMuteCommunity => Some(Vec::new()),
            _ => None,
        };
    }
    match action {
        Action::Open => {
            if let Some(effects) = discover::update::open_unreadable(state) {
                return Some(effects);
            }
            let feed = state.communities.selected;
            let effects = crate::app::core::route::open_feed(state, feed);
            state.focus = PaneId::Timeline;
            Some(effects)
        }
        Action::Compose => {
            let feed = state.communities.selected;
            Some(crate::app::core::route::compose_in(state, feed))
        }
        Action::ToggleMembership => Some(discover::update::toggle(state)),
        Action::CommunityInfo => Some(discover::update::info(state)),
        _ => None,
    }
}

/// Moves the selection over the checklist's rows, then the feeds.
fn move_selection(state: &mut State, motion: Motion, height: usize) {
    let start = start_here::rows(state, height);
    let entries = state.communities.entries();
    let on_checklist = start_here::cursor(state, height);
    let now = match on_checklist {
        Some(row) => start.iter().position(|r| *r == row),
        None => state.communities.selected_index().map(|i| i + start.len()),
    };
    let Some(mut at) = motion.apply(now, start.len() + entries.len()) else {
        return;
    };
    // From a feed, the first row is still the first feed: only single steps go up into it.
    if motion == Motion::First && on_checklist.is_none() {
        at = start.len();
    }
    if let Some(row) = start.get(at) {
        state.communities.start_here.cursor = Some(*row);
    } else if let Some(feed) = entries.get(at - start.len()) {
        state.communities.start_here.cursor = None;
        state.communities.selected = *feed;
    }
}
