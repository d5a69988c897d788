//! Feeds: the streams of messages the client reads (My feed, All Company, a community, a thread,
//! what the user sent, …), named by what they show rather than by their URL.
//!
//! Owns the feed identity, its label and its stable key (the cache files feeds and read markers
//! under it; a shipped key must never change). The API path of each feed lives in `api::query`;
//! how a feed is fetched lives in the app's worker.

use super::ids::{GroupId, ThreadId, TopicId, UserId};

/// One stream of messages, named by what it shows rather than by its URL.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Feed {
    /// The user's own feed (following or top, as they chose on the server).
    MyFeed,
    /// Every public conversation in the network.
    AllCompany,
    /// The network's top conversations, as the server ranks them.
    Top,
    /// People, communities and topics the user follows.
    Following,
    /// Messages addressed to the user: direct messages and mentions.
    Inbox,
    /// The Inbox's threads where someone mentioned the user.
    Mentions,
    /// The Inbox's threads where someone replied to the user's message.
    RepliesToMe,
    /// Private messages the user received.
    Private,
    /// What the user sent.
    Sent,
    /// One community.
    Community(GroupId),
    /// Every message of one thread.
    Thread(ThreadId),
    /// Conversations tagged with a topic.
    Topic(TopicId),
    /// Conversations started by one person.
    FromUser(UserId),
    /// Messages one person liked.
    LikedBy(UserId),
}

impl Feed {
    /// The built-in feeds, in the order the communities pane lists them.
    pub const BUILT_IN: [Self; 6] = [
        Self::MyFeed,
        Self::AllCompany,
        Self::Following,
        Self::Inbox,
        Self::Mentions,
        Self::RepliesToMe,
    ];

    /// A label for the built-in feeds; communities, topics and people are named from the cache.
    pub const fn builtin_label(self) -> Option<&'static str> {
        match self {
            Self::MyFeed => Some("My feed"),
            Self::AllCompany => Some("All Company"),
            Self::Following => Some("Following"),
            Self::Inbox => Some("Inbox"),
            Self::Mentions => Some("Mentions"),
            Self::RepliesToMe => Some("Replies to me"),
            Self::Top => Some("Top"),
            Self::Private => Some("Private messages"),
            Self::Sent => Some("Sent"),
            Self::Community(_)
            | Self::Thread(_)
            | Self::Topic(_)
            | Self::FromUser(_)
            | Self::LikedBy(_) => None,
        }
    }

    /// The community a new post in this feed goes to, if any.
    pub const fn community(self) -> Option<GroupId> {
        match self {
            Self::Community(group) => Some(group),
            _ => None,
        }
    }

    /// The stable key the cache files this feed (and its read marker) under: the API's name
    /// for it, with the id (`my_feed`, `all`, `in_group:42`, `in_thread:7`).
    pub fn key(self) -> String {
        match self {
            Self::MyFeed => "my_feed".to_owned(),
            Self::AllCompany => "all".to_owned(),
            Self::Top => "algo".to_owned(),
            Self::Following => "following".to_owned(),
            Self::Inbox => "received".to_owned(),
            Self::Mentions => "mentions".to_owned(),
            Self::RepliesToMe => "replies_to_me".to_owned(),
            Self::Private => "private".to_owned(),
            Self::Sent => "sent".to_owned(),
            Self::Community(group) => format!("in_group:{}", group.0),
            Self::Thread(thread) => format!("in_thread:{}", thread.0),
            Self::Topic(topic) => format!("about_topic:{}", topic.0),
            Self::FromUser(user) => format!("from_user:{}", user.0),
            Self::LikedBy(user) => format!("liked_by:{}", user.0),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_of_shipped_feeds_stay_as_they_are() {
        let keys: Vec<String> = [
            Feed::MyFeed,
            Feed::AllCompany,
            Feed::Following,
            Feed::Inbox,
            Feed::Mentions,
            Feed::RepliesToMe,
            Feed::Community(GroupId(7)),
            Feed::Thread(ThreadId(6)),
            Feed::Topic(TopicId(8)),
            Feed::FromUser(UserId(9)),
        ]
        .into_iter()
        .map(Feed::key)
        .collect();
        assert_eq!(
            keys,
            [
                "my_feed",
                "all",
                "following",
                "received",
                "mentions",
                "replies_to_me",
                "in_group:7",
                "in_thread:6",
                "about_topic:8",
                "from_user:9"
            ]
        );
    }
}
