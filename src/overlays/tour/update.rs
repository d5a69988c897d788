//! The tour's keys: `tour_next` (or `open`) goes to the next stop and asks for its pane's focus,
//! `back` ends the tour and asks for the focus back where it was. Opening it starts at the
//! first stop. Works on the tour's own state; moving the focus is a [`TourOutcome`] for the
//! core to carry out.

use super::{STOPS, Tour};
use crate::input::action::Action;
use crate::panes::PaneId;

/// What an action in the tour asks of the rest of the client.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TourOutcome {
    /// The tour stays where it is.
    Stay,
    /// The tour moved on: focus this pane (`None`: the focus stays where it is).
    Moved(Option<PaneId>),
    /// The tour ended: close it and give the focus back to this pane.
    Close(PaneId),
}

/// The tour at its first stop, started from `from`, and the pane that stop focuses.
pub fn open(from: PaneId) -> (Tour, Option<PaneId>) {
    (Tour { stop: 0, from }, pane_of(0))
}

/// Handles an action while the tour is open.
pub fn handle(tour: &mut Tour, action: Action) -> TourOutcome {
    match action {
        Action::TourNext | Action::Open if tour.stop + 1 < STOPS.len() => {
            tour.stop += 1;
            TourOutcome::Moved(pane_of(tour.stop))
        }
        Action::TourNext
        | Action::Open
        | Action::Back
        | Action::Cancel
        | Action::QuitOrBack
        | Action::Tour => TourOutcome::Close(tour.from),
        _ => TourOutcome::Stay,
    }
}

fn pane_of(stop: usize) -> Option<PaneId> {
    STOPS.get(stop).and_then(|s| s.pane())
}
