//! Carries out what [`decide`](crate::panes::message_action::decide) says about an action on
//! one message: the editor for a reply, the like shown at once, the link picker or the browser,
//! the clipboard, the question before deleting, or a notice. A post still in the outbox takes
//! none of these.

use crate::app::core::effect::Effect;
use crate::app::core::state::State;
use crate::domain::MessageId;
use crate::input::action::Action;
use crate::overlays::Overlay;
use crate::overlays::compose::ComposeTarget;
use crate::overlays::confirm::{Confirm, Confirmed};
use crate::panes::message_action::{Decision, MessageAction, decide};
use crate::panes::notice::Notice;

/// Does `action` to message `id`.
pub fn act(state: &mut State, action: MessageAction, id: MessageId) -> Vec<Effect> {
    if not_sent_yet(state, id) {
        return Vec::new();
    }
    if action == MessageAction::OpenLink && super::links::pick(state, id) {
        return Vec::new();
    }
    let now = state.session.now;
    match decide(action, id, &state.catalog) {
        Decision::Nothing => Vec::new(),
        Decision::Reply { to, thread, author } => {
            let target = ComposeTarget::Reply { to, thread, author };
            super::compose::open(state, target)
        }
        Decision::Like {
            like,
            likes,
            previous,
        } => {
            state.catalog.set_likes(id, likes);
            vec![Effect::SetLike {
                message: id,
                like,
                previous,
            }]
        }
        Decision::Open(url) => {
            state
                .notice
                .show(Notice::info(format!("Opening {url}"), now));
            vec![Effect::OpenUrl(url)]
        }
        Decision::Copy(url) => {
            state
                .notice
                .show(Notice::info(format!("Copied {url}"), now));
            vec![Effect::CopyToClipboard(url)]
        }
        Decision::ConfirmDelete(question) => {
            state.overlay = Some(Overlay::Confirm(Confirm {
                question,
                on_yes: Confirmed::DeleteMessage(id),
            }));
            Vec::new()
        }
        Decision::Say(text) => {
            state.notice.show(Notice::info(text, now));
            Vec::new()
        }
    }
}

/// Opens the editor for a reply to `id`.
pub fn reply(state: &mut State, id: MessageId) -> Vec<Effect> {
    act(state, MessageAction::Reply, id)
}

/// A post still in the outbox has no server id to act on: says where to manage it instead.
fn not_sent_yet(state: &mut State, id: MessageId) -> bool {
    if !crate::panes::outbox::is_pending_id(id) {
        return false;
    }
    let key = state
        .keys
        .key_for(&["global"], Action::Outbox)
        .map(|key| format!(" ({key})"))
        .unwrap_or_default();
    state.notice.show(Notice::info(
        format!("Not sent yet: edit or cancel it in the outbox{key}"),
        state.session.now,
    ));
    true
}
