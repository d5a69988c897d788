//! The mouse, when `[ui] mouse` is on: the wheel scrolls the pane under the pointer, a click
//! focuses the pane under it and selects the item clicked (a community, a thread card, a
//! message of the open thread, a person in the results). The shell finds the [`Pointer`]
//! against the last frame; [`update`] applies it to the state and does no I/O.

use crate::app::core::effect::Effect;
use crate::app::core::pointer::{Pointer, PointerKind};
use crate::app::core::state::State;
use crate::app::core::update::dispatch;
use crate::domain::Feed;
use crate::input::action::Action;
use crate::panes::PaneId;

/// How many rows one wheel step moves.
pub const WHEEL_STEP: usize = 1;

/// Applies `pointer`: a wheel step moves the selection of the pane under it (focus stays
/// where it is), a click focuses the pane and selects the item under it. While an overlay is
/// open only a list overlay (health, questions) takes the mouse: the wheel moves its
/// selection, a click selects the item clicked.
pub fn update(state: &mut State, pointer: Pointer) -> Vec<Effect> {
    if state.overlay.is_some() {
        return overlay(state, pointer);
    }
    state.mark_dirty();
    match pointer.kind {
        PointerKind::WheelUp | PointerKind::WheelDown => {
            let action = if pointer.kind == PointerKind::WheelUp {
                Action::MoveUp
            } else {
                Action::MoveDown
            };
            let focus = std::mem::replace(&mut state.focus, pointer.pane);
            let mut effects = Vec::new();
            for _ in 0..WHEEL_STEP {
                effects.extend(dispatch(state, action));
            }
            // The action may have moved the focus on purpose (opening a thread): keep that.
            if state.focus == pointer.pane {
                state.focus = focus;
            }
            effects
        }
        PointerKind::Click => {
            state.focus = pointer.pane;
            match pointer.row {
                Some(row) => select(state, pointer.pane, row),
                None => Vec::new(),
            }
        }
    }
}

/// The mouse over an open overlay: only the health and questions lists act on it.
fn overlay(state: &mut State, pointer: Pointer) -> Vec<Effect> {
    use crate::overlays::Overlay;
    let list = matches!(
        state.overlay,
        Some(Overlay::Health(_) | Overlay::Questions(_))
    );
    if !list {
        return Vec::new();
    }
    state.mark_dirty();
    match pointer.kind {
        PointerKind::WheelUp => dispatch(state, Action::MoveUp),
        PointerKind::WheelDown => dispatch(state, Action::MoveDown),
        PointerKind::Click => {
            match (&mut state.overlay, pointer.item) {
                (Some(Overlay::Questions(view)), Some(item)) if item < view.items.len() => {
                    view.selected = item;
                }
                (Some(Overlay::Health(view)), Some(item)) => {
                    let now = state.session.now.timestamp();
                    let report = view.report(&state.catalog, &view.asked, now);
                    if let Some(h) = report.get(item) {
                        view.selected = Some(crate::domain::GroupId(h.id));
                    }
                }
                _ => {}
            }
            Vec::new()
        }
    }
}

/// Selects item `row` of `pane` (as [`Pointer::row`] counts them), when there is one.
fn select(state: &mut State, pane: PaneId, row: usize) -> Vec<Effect> {
    match pane {
        PaneId::Communities => {
            if let Some(feed) = community_row(state, row) {
                state.communities.selected = feed;
                state.communities.start_here.cursor = None;
            }
        }
        PaneId::Timeline => {
            let Some(timeline) = state.timeline.active_mut() else {
                return Vec::new();
            };
            if let Some(thread) = timeline.threads().get(row).copied() {
                timeline.selected = Some(thread);
                return crate::app::core::route::load_older_if_near_end(state);
            }
        }
        PaneId::Thread => {
            if let Some(id) = state.thread.rows().get(row).map(|r| r.id) {
                state.thread.select(id);
            }
        }
        PaneId::People => {
            let people = &mut state.people;
            if people.card.is_none()
                && let Some(found) = people.listing.found.get(row)
            {
                people.selected = Some(found.id);
                people.selection_moved = true;
                people.line.editing = false;
            }
        }
    }
    Vec::new()
}

/// The feed on row `row` of the communities list: the "Start here" checklist's lines while it
/// shows, the built-in feeds, a heading, then the user's communities (as the list draws them).
fn community_row(state: &State, row: usize) -> Option<Feed> {
    let height = state.pane_rows(PaneId::Communities);
    let checklist = crate::panes::communities::start_here::view::lines(
        &state.communities.start_here,
        crate::app::core::route::start_here::visible(state),
        height,
    )
    .len();
    let row = row.checked_sub(checklist)?;
    let built_in = Feed::BUILT_IN.len();
    if row < built_in {
        return Feed::BUILT_IN.get(row).copied();
    }
    let mine = &state.communities.mine;
    (row > built_in)
        .then(|| mine.get(row - built_in - 1).map(|g| Feed::Community(*g)))
        .flatten()
}
