//! A message as the client shows it: sanitized text, typed ids, like state.
//!
//! Built from the API's DTOs in `convert`; never holds raw server strings.

use super::SafeText;
use super::ids::{GroupId, MessageId, ThreadId, TopicId, UserId};
use super::time::Timestamp;

/// One message of a conversation.
#[derive(Clone, Debug, PartialEq)]
pub struct Message {
    pub id: MessageId,
    pub thread: ThreadId,
    pub sender: UserId,
    /// The message this one answers; `None` for a thread starter.
    pub replied_to: Option<MessageId>,
    pub community: Option<GroupId>,
    pub created_at: Timestamp,
    /// The full text, mentions written as `@Name`.
    pub body: SafeText,
    pub likes: Likes,
    /// A private message between people, outside any community.
    pub direct: bool,
    /// The message's page on the web, for `o` and `y`.
    pub web_url: SafeText,
    pub topics: Vec<TopicId>,
}

/// How many people like a message and whether the current user is one of them.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Likes {
    pub count: u64,
    pub by_me: bool,
}

impl Likes {
    /// The like state after the current user likes (`true`) or unlikes (`false`) the message.
    #[must_use]
    pub const fn with_mine(self, like: bool) -> Self {
        let count = match (self.by_me, like) {
            (false, true) => self.count.saturating_add(1),
            (true, false) => self.count.saturating_sub(1),
            _ => self.count,
        };
        Self { count, by_me: like }
    }
}

impl Message {
    /// Whether this message starts its thread.
    pub const fn is_thread_starter(&self) -> bool {
        self.id.0 == self.thread.0
    }

    /// The links in the body, in order.
    pub fn links(&self) -> Vec<String> {
        crate::text::tokens::links(self.body.as_str())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn liking_twice_counts_once_and_unlike_reverts() {
        let start = Likes {
            count: 2,
            by_me: false,
        };
        let liked = start.with_mine(true);
        assert_eq!(
            liked,
            Likes {
                count: 3,
                by_me: true
            }
        );
        assert_eq!(liked.with_mine(true), liked);
        assert_eq!(liked.with_mine(false), start);
        assert_eq!(Likes::default().with_mine(false), Likes::default());
    }
}
