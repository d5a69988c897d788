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
    /// A question, an announcement, a praise…; most messages are plain updates.
    pub kind: MessageKind,
    /// An announcement's headline; empty for most messages.
    pub title: SafeText,
    /// The people the message notified (its mentions and CCs).
    pub notified: Vec<UserId>,
    /// Who posted on the sender's behalf, when someone did.
    pub delegate: Option<UserId>,
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

/// The kinds of message Viva Engage distinguishes. Anything unknown is [`MessageKind::Other`]:
/// the server grows new kinds, and a message of one must still show.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub enum MessageKind {
    /// A plain post (`update`, `normal`, missing or empty).
    #[default]
    Update,
    Question,
    Announcement,
    Poll,
    Praise,
    /// A message the network wrote itself (someone joined, a community was created).
    System,
    Other,
}

impl MessageKind {
    /// Reads a `message_type` value, whatever its case and surrounding blanks.
    pub fn parse(raw: &str) -> Self {
        match raw.trim().to_ascii_lowercase().as_str() {
            "" | "update" | "normal" | "chat" => Self::Update,
            "question" => Self::Question,
            "announcement" => Self::Announcement,
            "poll" => Self::Poll,
            "praise" => Self::Praise,
            "system" => Self::System,
            _ => Self::Other,
        }
    }

    /// The name the API uses for it (`Other` has none of its own: `other`).
    pub const fn as_str(self) -> &'static str {
        match self {
            Self::Update => "update",
            Self::Question => "question",
            Self::Announcement => "announcement",
            Self::Poll => "poll",
            Self::Praise => "praise",
            Self::System => "system",
            Self::Other => "other",
        }
    }
}

impl MessageKind {
    /// The label a message of this kind carries where it is shown; plain updates (and kinds
    /// kring does not know) carry none.
    pub const fn label(self) -> Option<&'static str> {
        match self {
            Self::Question => Some("Question"),
            Self::Announcement => Some("Announcement"),
            Self::Poll => Some("Poll"),
            Self::Praise => Some("Praise"),
            Self::Update | Self::System | Self::Other => None,
        }
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
    fn message_types_read_whatever_their_case_and_unknown_ones_are_other() {
        assert_eq!(MessageKind::parse(" Question "), MessageKind::Question);
        assert_eq!(
            MessageKind::parse("ANNOUNCEMENT"),
            MessageKind::Announcement
        );
        assert_eq!(MessageKind::parse(""), MessageKind::Update);
        assert_eq!(MessageKind::parse("normal"), MessageKind::Update);
        assert_eq!(MessageKind::parse("kudos-v2"), MessageKind::Other);
        assert_eq!(MessageKind::parse("question\u{1b}[2J"), MessageKind::Other);
        for kind in [
            MessageKind::Question,
            MessageKind::Announcement,
            MessageKind::Poll,
            MessageKind::Praise,
            MessageKind::System,
        ] {
            assert_eq!(MessageKind::parse(kind.as_str()), kind);
        }
        assert_eq!(MessageKind::Update.label(), None);
        assert_eq!(MessageKind::Other.label(), None);
        assert_eq!(MessageKind::Praise.label(), Some("Praise"));
    }

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
