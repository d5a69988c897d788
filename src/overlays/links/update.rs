//! Transitions of the link picker: `o` opens it when a message points at more than one place,
//! moving in it, and `enter` on a link (the browser), a person (their profile in People) or a
//! topic (its feed in the timeline). Returns effects; does no I/O.

use super::{LinkPicker, LinkTarget, targets};
use crate::app::core::action::Action;
use crate::app::core::effect::Effect;
use crate::app::core::global;
use crate::app::core::notice::Notice;
use crate::app::core::state::State;
use crate::domain::{Feed, MessageId};
use crate::overlays::Overlay;
use crate::panes::PaneId;
use crate::panes::cursor::Motion;
use crate::text::osc::copyable_url;

/// Opens the picker when message `id` points at more than one place; `false` (nothing done)
/// otherwise, and `o` opens the one link as before.
pub fn pick(state: &mut State, id: MessageId) -> bool {
    let Some(message) = state.catalog.message(id) else {
        return false;
    };
    let targets = targets(message, &state.catalog);
    if targets.len() < 2 {
        return false;
    }
    state.overlay = Some(Overlay::Links(LinkPicker {
        targets,
        selected: 0,
    }));
    true
}

/// Handles a bound action while the picker is open.
pub fn handle(state: &mut State, action: Action) -> Vec<Effect> {
    let Some(Overlay::Links(picker)) = &mut state.overlay else {
        return Vec::new();
    };
    if let Some(motion) = Motion::from_action(action, 5) {
        picker.selected = motion
            .apply(Some(picker.selected), picker.targets.len())
            .unwrap_or(0);
        return Vec::new();
    }
    match action {
        Action::Open | Action::OpenLink => {
            let target = picker.targets.get(picker.selected).cloned();
            state.overlay = None;
            target.map_or_else(Vec::new, |t| go(state, t))
        }
        Action::Back | Action::QuitOrBack | Action::Cancel => {
            state.overlay = None;
            Vec::new()
        }
        _ => Vec::new(),
    }
}

fn go(state: &mut State, target: LinkTarget) -> Vec<Effect> {
    match target {
        LinkTarget::Url(url) => match copyable_url(&url) {
            Some(url) => {
                state.notice = Some(Notice::info(format!("Opening {url}"), state.session.now));
                vec![Effect::OpenUrl(url.to_owned())]
            }
            None => {
                state.notice = Some(Notice::info(
                    "This link is not a plain web address; not opened",
                    state.session.now,
                ));
                Vec::new()
            }
        },
        LinkTarget::Person { id, .. } => {
            global::focus(state, PaneId::People);
            state.people.line.editing = false;
            state.people.card = None;
            state.people.selected = Some(id);
            state.people.selection_moved = true;
            crate::app::core::update::dispatch(state, Action::Open)
        }
        LinkTarget::Topic { id, .. } => {
            let effects = crate::app::core::route::open_feed(state, Feed::Topic(id));
            global::focus(state, PaneId::Timeline);
            effects
        }
    }
}

#[cfg(test)]
#[path = "update_tests.rs"]
mod tests;
