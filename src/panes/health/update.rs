//! Transitions of the health view: opening it (asking for the background read of the user's
//! communities), moving the selection, Enter opening the selected community's feed, and the
//! read's answers folding in. Returns effects; no I/O.

use super::HealthView;
use super::effect::{HealthEffect, HealthMsg};
use crate::app::core::action::Action;
use crate::app::core::effect::Effect;
use crate::app::core::state::State;
use crate::domain::{Feed, GroupId};
use crate::overlays::Overlay;
use crate::panes::PaneId;
use crate::panes::cursor::Motion;
use crate::panes::timeline;

/// Opens the view on the user's communities and asks for their background read.
pub fn open(state: &mut State) -> Vec<Effect> {
    let asked = state.communities.mine.clone();
    let hidden = state.people.index.lock().hidden_people();
    let view = HealthView {
        asked: asked.clone(),
        hidden: hidden.into_iter().collect(),
        ..HealthView::default()
    };
    state.overlay = Some(Overlay::Health(Box::new(view)));
    if asked.is_empty() {
        return Vec::new();
    }
    vec![Effect::Health(HealthEffect::Read { communities: asked })]
}

/// The communities in the view's order (what needs attention first).
pub fn order(state: &State, view: &HealthView) -> Vec<GroupId> {
    view.report(&state.catalog, &view.asked, state.session.now.timestamp())
        .iter()
        .map(|h| GroupId(h.id))
        .collect()
}

/// Handles a bound action while the view is open.
pub fn handle(state: &mut State, action: Action) -> Vec<Effect> {
    let Some(Overlay::Health(view)) = &state.overlay else {
        return Vec::new();
    };
    let ids = order(state, view);
    let current = view
        .selected
        .and_then(|g| ids.iter().position(|i| *i == g))
        .or_else(|| (!ids.is_empty()).then_some(0));
    let page = usize::from(state.session.size.1.saturating_sub(6) / 4).max(1);
    if let Some(motion) = Motion::from_action(action, page) {
        let next = motion.apply(current, ids.len()).and_then(|i| ids.get(i));
        if let (Some(Overlay::Health(view)), Some(g)) = (&mut state.overlay, next) {
            view.selected = Some(*g);
        }
        return Vec::new();
    }
    match action {
        Action::Open => match current.and_then(|i| ids.get(i)) {
            Some(group) => {
                state.overlay = None;
                let effects = timeline::update::open_feed(state, Feed::Community(*group));
                state.focus = PaneId::Timeline;
                effects
            }
            None => Vec::new(),
        },
        Action::Back | Action::QuitOrBack | Action::Cancel | Action::CommunityHealth => {
            state.overlay = None;
            Vec::new()
        }
        _ => Vec::new(),
    }
}

/// Folds one community's read into the open view (dropped when the view was closed).
pub fn apply(state: &mut State, answer: HealthMsg) -> Vec<Effect> {
    if let Some(Overlay::Health(view)) = &mut state.overlay {
        view.names.extend(answer.names);
        view.fetched.insert(answer.community, answer.fetched);
    }
    Vec::new()
}

#[cfg(test)]
#[path = "update_tests.rs"]
mod tests;
