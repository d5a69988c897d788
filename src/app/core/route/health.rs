//! The community health view on the whole state: opening it over the user's communities,
//! routing its keys and answers to [`crate::panes::health::update`], and carrying out what it
//! asks (closing, showing a community's feed).

use crate::app::core::effect::Effect;
use crate::app::core::state::State;
use crate::domain::Feed;
use crate::input::action::Action;
use crate::overlays::Overlay;
use crate::panes::PaneId;
use crate::panes::health::effect::HealthMsg;
use crate::panes::health::update::{self as health, HealthCtx, HealthOutcome};

/// Opens the view on the user's communities and asks for their background read.
pub fn open(state: &mut State) -> Vec<Effect> {
    let asked = state.communities.mine.clone();
    let hidden = state.people.index.lock().hidden_people();
    let (view, read) = health::new_view(asked, hidden);
    state.overlay = Some(Overlay::Health(Box::new(view)));
    read.map(Effect::Health).into_iter().collect()
}

/// Handles a bound action while the view is open.
pub fn handle(state: &mut State, action: Action) -> Vec<Effect> {
    let ctx = HealthCtx {
        catalog: &state.catalog,
        now: state.session.now.timestamp(),
        height: state.session.size.1,
    };
    let Some(Overlay::Health(view)) = &mut state.overlay else {
        return Vec::new();
    };
    match health::handle(view, ctx, action) {
        HealthOutcome::Stay => Vec::new(),
        HealthOutcome::Close => {
            state.overlay = None;
            Vec::new()
        }
        HealthOutcome::OpenFeed(group) => {
            state.overlay = None;
            let effects = super::open_feed(state, Feed::Community(group));
            state.focus = PaneId::Timeline;
            effects
        }
    }
}

/// Folds one community's read into the open view (dropped when the view was closed).
pub fn apply(state: &mut State, answer: HealthMsg) -> Vec<Effect> {
    if let Some(Overlay::Health(view)) = &mut state.overlay {
        health::apply(view, answer);
    }
    Vec::new()
}
