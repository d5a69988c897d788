use chrono::{TimeZone, Utc};

use super::*;
use crate::app::core::action::Action;
use crate::app::core::keys::KeyInput;
use crate::app::core::state::State;
use crate::app::core::update::dispatch;
use crate::overlays::Overlay;

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

#[test]
fn the_tour_names_the_keys_of_the_loaded_keymap() {
    let default = Keymap::load(None).expect("the embedded keymap loads");
    let text = Stop::Communities.text(&default);
    assert!(text.contains("J joins"), "{text}");
    let remapped = Keymap::load(Some((
        std::path::Path::new("keymap.toml"),
        "[communities]\n\"J\" = \"noop\"\n\"ctrl-j\" = \"toggle_membership\"\n\
         [global]\n\":\" = \"noop\"\n\"ctrl-p\" = \"noop\"\n\"F2\" = \"palette\"\n",
    )))
    .expect("the remapped keymap loads");
    let text = Stop::Communities.text(&remapped);
    assert!(text.contains("ctrl-j joins"), "{text}");
    assert!(!text.contains("J joins"), "{text}");
    let everywhere = Stop::Everywhere.text(&remapped);
    assert!(
        everywhere.starts_with("f2 opens the palette"),
        "{everywhere}"
    );
}

#[test]
fn an_unbound_action_is_said_to_be_unbound() {
    let keymap = Keymap::load(Some((
        std::path::Path::new("keymap.toml"),
        "[people]\n\"F\" = \"noop\"\n",
    )))
    .expect("the remapped keymap loads");
    let text = Stop::People.text(&keymap);
    assert!(
        text.contains("(toggle follow is unbound) follows"),
        "{text}"
    );
}
