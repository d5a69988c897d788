//! What can be done to one message, from the timeline (its starter) or the thread pane (the
//! selected message): reply, like, open or copy its link, delete it. [`decide`] reads the
//! message in the catalog and says what should happen; it changes nothing, and leaves opening
//! overlays, notices and effects to the core that routes the decision.

use crate::domain::{Catalog, Likes, MessageId, ThreadId};
use crate::input::action::Action;
use crate::text::osc::copyable_url;

/// An action on one message.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum MessageAction {
    Reply,
    ToggleLike,
    OpenLink,
    CopyLink,
    Delete,
}

impl MessageAction {
    /// The message action `action` stands for, if it is one.
    pub const fn from_action(action: Action) -> Option<Self> {
        match action {
            Action::Reply => Some(Self::Reply),
            Action::ToggleLike => Some(Self::ToggleLike),
            Action::OpenLink => Some(Self::OpenLink),
            Action::CopyLink => Some(Self::CopyLink),
            Action::Delete => Some(Self::Delete),
            _ => None,
        }
    }
}

/// What an action on a message comes to.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Decision {
    /// Nothing to do (the message is not in the catalog).
    Nothing,
    /// Open the editor for a reply to `to` in `thread`, written to `author`.
    Reply {
        to: MessageId,
        thread: ThreadId,
        author: String,
    },
    /// Show `likes` at once and ask the server to `like` (or unlike); `previous` is restored
    /// if it refuses.
    Like {
        like: bool,
        likes: Likes,
        previous: Likes,
    },
    /// Open this address in the browser.
    Open(String),
    /// Put this address on the clipboard.
    Copy(String),
    /// Ask this question before deleting.
    ConfirmDelete(String),
    /// Say why nothing happens.
    Say(&'static str),
}

/// What `action` on message `id` comes to, reading the catalog only.
pub fn decide(action: MessageAction, id: MessageId, catalog: &Catalog) -> Decision {
    let Some(message) = catalog.message(id) else {
        return Decision::Nothing;
    };
    match action {
        MessageAction::Reply => Decision::Reply {
            to: id,
            thread: message.thread,
            author: catalog.person(message.sender).map_or_else(
                || format!("user {}", message.sender),
                |p| p.full_name.to_string(),
            ),
        },
        MessageAction::ToggleLike => {
            let previous = message.likes;
            let like = !previous.by_me;
            Decision::Like {
                like,
                likes: previous.with_mine(like),
                previous,
            }
        }
        MessageAction::OpenLink => {
            let url = message
                .links()
                .into_iter()
                .next()
                .or_else(|| Some(message.web_url.to_string()).filter(|u| !u.is_empty()));
            match url {
                Some(url) if copyable_url(&url).is_none() => {
                    Decision::Say("This message's link is not a plain web address; not opened")
                }
                Some(url) => Decision::Open(url),
                None => Decision::Say("This message has no link"),
            }
        }
        MessageAction::CopyLink => {
            let url = message.web_url.to_string();
            if url.is_empty() {
                Decision::Say("This message has no web link")
            } else if copyable_url(&url).is_none() {
                // Copied text is pasted somewhere else, maybe a shell: only one plain line ever
                // goes.
                Decision::Say("This message's web link is not a plain web address; not copied")
            } else {
                Decision::Copy(url)
            }
        }
        MessageAction::Delete => {
            if catalog.me != Some(message.sender) {
                return Decision::Say("You can only delete your own messages");
            }
            let what = if message.is_thread_starter() {
                "this post"
            } else {
                "this reply"
            };
            Decision::ConfirmDelete(format!("Delete {what}? This cannot be undone."))
        }
    }
}
