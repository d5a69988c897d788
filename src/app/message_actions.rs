//! What can be done to one message, from the timeline (its starter) or the thread pane (the
//! selected message): reply, like, open or copy its link, delete it. A post still in the
//! outbox takes none of these.

use super::core::effect::Effect;
use super::core::notice::Notice;
use super::core::state::State;
use crate::domain::MessageId;
use crate::overlays::Overlay;
use crate::overlays::compose::ComposeTarget;
use crate::overlays::confirm::{Confirm, Confirmed};
use crate::text::osc::copyable_url;

/// Opens the editor for a reply to `id`.
pub fn reply(state: &mut State, id: MessageId) -> Vec<Effect> {
    if not_sent_yet(state, id) {
        return Vec::new();
    }
    let Some(message) = state.catalog.message(id) else {
        return Vec::new();
    };
    let author = state.catalog.person(message.sender).map_or_else(
        || format!("user {}", message.sender),
        |p| p.full_name.to_string(),
    );
    let target = ComposeTarget::Reply {
        to: id,
        thread: message.thread,
        author,
    };
    crate::overlays::compose::update::open(state, target)
}

/// Likes or unlikes `id` at once; the worker's answer reverts it if the server refuses.
pub fn toggle_like(state: &mut State, id: MessageId) -> Vec<Effect> {
    if not_sent_yet(state, id) {
        return Vec::new();
    }
    let Some(previous) = state.catalog.message(id).map(|m| m.likes) else {
        return Vec::new();
    };
    let like = !previous.by_me;
    state.catalog.set_likes(id, previous.with_mine(like));
    vec![Effect::SetLike {
        message: id,
        like,
        previous,
    }]
}

/// Opens the message's first link, or its own page when it has none.
pub fn open_link(state: &mut State, id: MessageId) -> Vec<Effect> {
    if not_sent_yet(state, id) {
        return Vec::new();
    }
    if crate::overlays::links::update::pick(state, id) {
        return Vec::new();
    }
    let Some(message) = state.catalog.message(id) else {
        return Vec::new();
    };
    let url = message
        .links()
        .into_iter()
        .next()
        .or_else(|| Some(message.web_url.to_string()).filter(|u| !u.is_empty()));
    if url.as_deref().is_some_and(|u| copyable_url(u).is_none()) {
        state.notice = Some(Notice::info(
            "This message's link is not a plain web address; not opened",
            state.session.now,
        ));
        return Vec::new();
    }
    match url {
        Some(url) => {
            state.notice = Some(Notice::info(format!("Opening {url}"), state.session.now));
            vec![Effect::OpenUrl(url)]
        }
        None => {
            state.notice = Some(Notice::info("This message has no link", state.session.now));
            Vec::new()
        }
    }
}

/// Copies the message's web link to the clipboard.
pub fn copy_link(state: &mut State, id: MessageId) -> Vec<Effect> {
    if not_sent_yet(state, id) {
        return Vec::new();
    }
    let Some(url) = state.catalog.message(id).map(|m| m.web_url.to_string()) else {
        return Vec::new();
    };
    if url.is_empty() {
        state.notice = Some(Notice::info(
            "This message has no web link",
            state.session.now,
        ));
        return Vec::new();
    }
    // Copied text is pasted somewhere else, maybe a shell: only one plain line ever goes.
    if copyable_url(&url).is_none() {
        state.notice = Some(Notice::info(
            "This message's web link is not a plain web address; not copied",
            state.session.now,
        ));
        return Vec::new();
    }
    state.notice = Some(Notice::info(format!("Copied {url}"), state.session.now));
    vec![Effect::CopyToClipboard(url)]
}

/// Asks before deleting `id`; only the user's own messages can be deleted.
pub fn delete(state: &mut State, id: MessageId) -> Vec<Effect> {
    if not_sent_yet(state, id) {
        return Vec::new();
    }
    let Some(message) = state.catalog.message(id) else {
        return Vec::new();
    };
    if state.catalog.me != Some(message.sender) {
        state.notice = Some(Notice::info(
            "You can only delete your own messages",
            state.session.now,
        ));
        return Vec::new();
    }
    let what = if message.is_thread_starter() {
        "this post"
    } else {
        "this reply"
    };
    let question = format!("Delete {what}? This cannot be undone.");
    state.overlay = Some(Overlay::Confirm(Confirm {
        question,
        on_yes: Confirmed::DeleteMessage(id),
    }));
    Vec::new()
}

/// A post still in the outbox has no server id to act on: says where to manage it instead.
fn not_sent_yet(state: &mut State, id: MessageId) -> bool {
    if !super::outbox::is_pending_id(id) {
        return false;
    }
    let key = state
        .keys
        .key_for(&["global"], super::core::action::Action::Outbox)
        .map(|key| format!(" ({key})"))
        .unwrap_or_default();
    state.notice = Some(Notice::info(
        format!("Not sent yet: edit or cancel it in the outbox{key}"),
        state.session.now,
    ));
    true
}
