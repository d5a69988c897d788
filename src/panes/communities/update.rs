//! Transitions of the communities pane: moving the selection and opening a feed.

use crate::app::core::action::Action;
use crate::app::core::effect::Effect;
use crate::app::core::state::State;
use crate::panes::PaneId;
use crate::panes::communities::discover;
use crate::panes::cursor::Motion;

/// Handles `action` when the communities pane has focus; `None` leaves it to the global handler.
pub fn handle(state: &mut State, action: Action) -> Option<Vec<Effect>> {
    let page = state.pane_rows(PaneId::Communities);
    if let Some(motion) = Motion::from_action(action, page) {
        let entries = state.communities.entries();
        let at = motion.apply(state.communities.selected_index(), entries.len());
        if let Some(feed) = at.and_then(|i| entries.get(i)) {
            state.communities.selected = *feed;
        }
        return Some(Vec::new());
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
