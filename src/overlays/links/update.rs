//! Transitions of the link picker: `o` opens it when a message points at more than one place,
//! moving in it, and `enter` choosing a link (the browser), a person (their profile in People)
//! or a topic (its feed in the timeline). Works on the picker's own state and the catalog it
//! reads; going where the chosen target points is a [`LinksOutcome`] for the core
//! (`app::core::route::links`) to carry out. No I/O, and no whole-client state.

use super::{LinkPicker, LinkTarget, targets};
use crate::domain::{Catalog, MessageId};
use crate::input::action::Action;
use crate::panes::cursor::Motion;

/// What an action in the picker asks of the rest of the client.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum LinksOutcome {
    /// The picker stays open.
    Stay,
    /// Close the picker.
    Close,
    /// Close the picker and go where this target points.
    Go(LinkTarget),
}

/// A picker for message `id` when it points at more than one place; `None` otherwise, and `o`
/// opens the one link as before.
pub fn pick(catalog: &Catalog, id: MessageId) -> Option<LinkPicker> {
    let targets = targets(catalog.message(id)?, catalog);
    (targets.len() >= 2).then_some(LinkPicker {
        targets,
        selected: 0,
    })
}

/// Handles a bound action while the picker is open.
pub fn handle(picker: &mut LinkPicker, action: Action) -> LinksOutcome {
    if let Some(motion) = Motion::from_action(action, 5) {
        picker.selected = motion
            .apply(Some(picker.selected), picker.targets.len())
            .unwrap_or(0);
        return LinksOutcome::Stay;
    }
    match action {
        Action::Open | Action::OpenLink => picker
            .targets
            .get(picker.selected)
            .cloned()
            .map_or(LinksOutcome::Close, LinksOutcome::Go),
        Action::Back | Action::QuitOrBack | Action::Cancel => LinksOutcome::Close,
        _ => LinksOutcome::Stay,
    }
}

#[cfg(test)]
#[path = "update_tests.rs"]
mod tests;
