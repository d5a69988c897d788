//! The tour on the whole state: opening it from the focused pane, routing its keys to
//! [`crate::overlays::tour::update`], and moving the focus where it asks.

use crate::app::core::effect::Effect;
use crate::app::core::global;
use crate::app::core::state::State;
use crate::input::action::Action;
use crate::overlays::Overlay;
use crate::overlays::tour::update::{self as tour, TourOutcome};

/// Starts the tour at its first stop.
pub fn open(state: &mut State) -> Vec<Effect> {
    let (open, pane) = tour::open(state.focus);
    state.overlay = Some(Overlay::Tour(open));
    if let Some(pane) = pane {
        global::focus(state, pane);
    }
    Vec::new()
}

/// Handles an action while the tour is open.
pub fn handle(state: &mut State, action: Action) -> Vec<Effect> {
    let Some(Overlay::Tour(open)) = &mut state.overlay else {
        return Vec::new();
    };
    match tour::handle(open, action) {
        TourOutcome::Stay | TourOutcome::Moved(None) => {}
        TourOutcome::Moved(Some(pane)) => {
            global::focus(state, pane);
        }
        TourOutcome::Close(pane) => {
            state.overlay = None;
            global::focus(state, pane);
        }
    }
    Vec::new()
}

#[cfg(test)]
#[path = "tour_tests.rs"]
mod tests;
