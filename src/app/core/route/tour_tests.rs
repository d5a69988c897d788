//! The tour driven through `dispatch`: each stop focuses its pane, and the end gives the focus
//! back.

use chrono::{TimeZone, Utc};

use super::*;
use crate::app::core::update::dispatch;
use crate::input::keys::KeyInput;
use crate::input::keys::Keymap;
use crate::overlays::tour::STOPS;
use crate::panes::PaneId;

fn state(keymap: Keymap) -> State {
    let now = Utc
        .with_ymd_and_hms(2026, 3, 13, 12, 0, 0)
        .single()
        .unwrap_or_default();
    let mut state = State::new(KeyInput::new(keymap), now, None);
    state.session.size = (80, 24);
    state.focus = PaneId::Timeline;
    state
}

fn stop(state: &State) -> Option<usize> {
    match state.overlay {
        Some(Overlay::Tour(tour)) => Some(tour.stop),
        _ => None,
    }
}

#[test]
fn the_tour_focuses_each_pane_in_turn_and_gives_the_focus_back_at_the_end() {
    let mut state = state(Keymap::load(None).expect("the embedded keymap loads"));
    dispatch(&mut state, Action::Tour);
    assert_eq!(stop(&state), Some(0));
    assert_eq!(state.focus, PaneId::Communities);
    let mut panes = vec![state.focus];
    for _ in 1..STOPS.len() {
        dispatch(&mut state, Action::TourNext);
        panes.push(state.focus);
    }
    assert_eq!(
        panes,
        [
            PaneId::Communities,
            PaneId::Timeline,
            PaneId::Thread,
            PaneId::People,
            PaneId::People,
        ]
    );
    dispatch(&mut state, Action::TourNext);
    assert_eq!(stop(&state), None);
    assert_eq!(state.focus, PaneId::Timeline);
}

#[test]
fn esc_ends_the_tour_where_it_is() {
    let mut state = state(Keymap::load(None).expect("the embedded keymap loads"));
    dispatch(&mut state, Action::Tour);
    dispatch(&mut state, Action::TourNext);
    dispatch(&mut state, Action::Back);
    assert_eq!(stop(&state), None);
    assert_eq!(state.focus, PaneId::Timeline);
}
