//! Routing actions to the open overlay. An overlay is modal: it takes every action except
//! quitting, which falls through to the global handler. The help and the confirm question are
//! handled here; every other overlay has its own route file.

use crate::app::core::effect::Effect;
use crate::app::core::state::State;
use crate::input::action::Action;
use crate::overlays::Overlay;
use crate::overlays::confirm::Confirmed;
use crate::overlays::help::help_lines;
use crate::panes::cursor::Motion;

/// Handles `action` in the open overlay; `None` when no overlay is open or it lets the action
/// through.
pub fn handle(state: &mut State, action: Action) -> Option<Vec<Effect>> {
    if action == Action::Quit {
        return None;
    }
    match state.overlay.as_ref()? {
        Overlay::Compose(_) => Some(super::compose::handle(state, action)),
        Overlay::Help(_) => Some(help(state, action)),
        Overlay::Confirm(_) => Some(confirm(state, action)),
        Overlay::Outbox(_) => Some(super::outbox::handle(state, action)),
        Overlay::Palette(_) => Some(super::palette::handle(state, action)),
        Overlay::CatchUp(_) => Some(super::catchup::handle(state, action)),
        Overlay::Links(_) => Some(super::links::handle(state, action)),
        Overlay::CommunityCard(_) => Some(super::communities::card(state, action)),
        Overlay::Health(_) => Some(super::health::handle(state, action)),
        Overlay::Questions(_) => Some(super::questions::handle(state, action)),
        Overlay::Search(_) => Some(super::search::handle(state, action)),
        Overlay::Tour(_) => Some(super::tour::handle(state, action)),
        Overlay::Guidelines(_) => Some(super::guidelines::handle(state, action)),
        Overlay::ProfileEdit(_) => Some(super::profile_edit::handle(state, action)),
    }
}

fn help(state: &mut State, action: Action) -> Vec<Effect> {
    let page = usize::from(state.session.size.1.saturating_sub(4));
    let last = help_lines(&state.keys.keymap)
        .len()
        .saturating_sub(page.max(1));
    let Some(Overlay::Help(help)) = &mut state.overlay else {
        return Vec::new();
    };
    if let Some(motion) = Motion::from_action(action, page) {
        help.scroll = motion.apply(Some(help.scroll), last + 1).unwrap_or(0);
    } else if matches!(
        action,
        Action::Back | Action::QuitOrBack | Action::Help | Action::Cancel
    ) {
        state.overlay = None;
    }
    Vec::new()
}

fn confirm(state: &mut State, action: Action) -> Vec<Effect> {
    let Some(Overlay::Confirm(question)) = &state.overlay else {
        return Vec::new();
    };
    let on_yes = question.on_yes;
    match action {
        Action::ConfirmYes => {
            state.overlay = None;
            match on_yes {
                Confirmed::DeleteMessage(message) => vec![Effect::DeleteMessage { message }],
                Confirmed::LeaveCommunity(group) => {
                    crate::app::core::route::discover::leave(state, group)
                }
            }
        }
        Action::ConfirmNo | Action::Back | Action::Cancel | Action::QuitOrBack => {
            state.overlay = None;
            Vec::new()
        }
        _ => Vec::new(),
    }
}
