//! The communities pane on the whole state: routing its keys to
//! [`crate::panes::communities::update`] and carrying out what it asks (a feed opened, compose,
//! join or leave and a community's card through [`super::discover`], a checklist row through
//! [`super::start_here`]), and the card's keys ([`card`]).

use crate::app::core::effect::Effect;
use crate::app::core::state::State;
use crate::domain::Feed;
use crate::input::action::Action;
use crate::overlays::Overlay;
use crate::panes::PaneId;
use crate::panes::communities::discover;
use crate::panes::communities::discover::card::CardOutcome;
use crate::panes::communities::update::{self as communities, CommunitiesCtx, CommunitiesOutcome};

/// Handles `action` when the communities pane has focus; `None` leaves it to the global handler.
pub fn handle(state: &mut State, action: Action) -> Option<Vec<Effect>> {
    let ctx = CommunitiesCtx {
        height: state.pane_rows(PaneId::Communities),
        checklist: super::start_here::visible(state),
    };
    let outcome = communities::handle(&mut state.communities, ctx, action)?;
    Some(match outcome {
        CommunitiesOutcome::Done => Vec::new(),
        CommunitiesOutcome::Checklist(row) => super::start_here::enter(state, row),
        CommunitiesOutcome::Open => {
            if let Some(effects) = super::discover::open_unreadable(state) {
                return Some(effects);
            }
            let feed = state.communities.selected;
            let effects = super::open_feed(state, feed);
            state.focus = PaneId::Timeline;
            effects
        }
        CommunitiesOutcome::Compose => {
            let feed = state.communities.selected;
            super::compose_in(state, feed)
        }
        CommunitiesOutcome::ToggleMembership => super::discover::toggle(state),
        CommunitiesOutcome::Info => super::discover::info(state),
    })
}

/// Handles `action` while a community's card is open.
pub fn card(state: &mut State, action: Action) -> Vec<Effect> {
    let (catalog, mine) = (&state.catalog, &state.communities.mine);
    let Some(Overlay::CommunityCard(open)) = &mut state.overlay else {
        return Vec::new();
    };
    let readable = discover::readable(catalog, mine, open.group);
    match discover::card::handle(open, readable, action) {
        CardOutcome::Stay => Vec::new(),
        CardOutcome::Close => {
            state.overlay = None;
            Vec::new()
        }
        CardOutcome::ToggleMembership(group) => {
            state.overlay = None;
            super::discover::toggle_group(state, group)
        }
        CardOutcome::Guidelines(group) => super::guidelines::open_for(state, Some(group)),
        CardOutcome::OpenFeed(group) => {
            state.overlay = None;
            let effects = super::open_feed(state, Feed::Community(group));
            state.focus = PaneId::Timeline;
            effects
        }
    }
}
