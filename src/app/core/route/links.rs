//! The link picker on the whole state: opening it for a message, routing its keys to
//! [`crate::overlays::links::update`], and going where the chosen target points (the browser,
//! a person's profile in People, a topic's feed).

use crate::app::core::effect::Effect;
use crate::app::core::global;
use crate::app::core::state::State;
use crate::domain::{Feed, MessageId};
use crate::input::action::Action;
use crate::overlays::Overlay;
use crate::overlays::links::LinkTarget;
use crate::overlays::links::update::{self as links, LinksOutcome};
use crate::panes::PaneId;
use crate::panes::notice::Notice;
use crate::text::osc::copyable_url;

/// Opens the picker when message `id` points at more than one place; `false` (nothing done)
/// otherwise.
pub fn pick(state: &mut State, id: MessageId) -> bool {
    let Some(picker) = links::pick(&state.catalog, id) else {
        return false;
    };
    state.overlay = Some(Overlay::Links(picker));
    true
}

/// Handles a bound action while the picker is open.
pub fn handle(state: &mut State, action: Action) -> Vec<Effect> {
    let Some(Overlay::Links(picker)) = &mut state.overlay else {
        return Vec::new();
    };
    match links::handle(picker, action) {
        LinksOutcome::Stay => Vec::new(),
        LinksOutcome::Close => {
            state.overlay = None;
            Vec::new()
        }
        LinksOutcome::Go(target) => {
            state.overlay = None;
            go(state, target)
        }
    }
}

fn go(state: &mut State, target: LinkTarget) -> Vec<Effect> {
    match target {
        LinkTarget::Url(url) => match copyable_url(&url) {
            Some(url) => {
                state
                    .notice
                    .show(Notice::info(format!("Opening {url}"), state.session.now));
                vec![Effect::OpenUrl(url.to_owned())]
            }
            None => {
                state.notice.show(Notice::info(
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
            let effects = super::open_feed(state, Feed::Topic(id));
            global::focus(state, PaneId::Timeline);
            effects
        }
    }
}
