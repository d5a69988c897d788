//! The tour's keys: `tour_next` (or `open`) goes to the next stop and focuses its pane, `back`
//! ends the tour and gives the focus back to where it was. Opening it starts at the first stop.

use super::{STOPS, Tour};
use crate::app::core::action::Action;
use crate::app::core::effect::Effect;
use crate::app::core::global;
use crate::app::core::state::State;
use crate::overlays::Overlay;

/// Starts the tour at its first stop.
pub fn open(state: &mut State) -> Vec<Effect> {
    let tour = Tour {
        stop: 0,
        from: state.focus,
    };
    state.overlay = Some(Overlay::Tour(tour));
    go_to(state, 0);
    Vec::new()
}

/// Handles an action while the tour is open.
pub fn handle(state: &mut State, action: Action) -> Vec<Effect> {
    let Some(Overlay::Tour(tour)) = state.overlay else {
        return Vec::new();
    };
    match action {
        Action::TourNext | Action::Open if tour.stop + 1 < STOPS.len() => {
            state.overlay = Some(Overlay::Tour(Tour {
                stop: tour.stop + 1,
                ..tour
            }));
            go_to(state, tour.stop + 1);
        }
        Action::TourNext
        | Action::Open
        | Action::Back
        | Action::Cancel
        | Action::QuitOrBack
        | Action::Tour => {
            state.overlay = None;
            global::focus(state, tour.from);
        }
        _ => {}
    }
    Vec::new()
}

fn go_to(state: &mut State, stop: usize) {
    if let Some(pane) = STOPS.get(stop).and_then(|s| s.pane()) {
        global::focus(state, pane);
    }
}
