//! Feeds: the streams of threads a timeline can show (My feed, All Company, a community, …).
//!
//! Owns the feed identity and its label; how a feed is fetched lives in the app's worker.

use super::ids::{GroupId, TopicId, UserId};

/// One stream of threads, named by what it shows rather than by its URL.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Feed {
    /// The user's own feed (following or top, as they chose on the server).
    MyFeed,
    /// Every public conversation in the network.
    AllCompany,
    /// People, communities and topics the user follows.
    Following,
    /// Messages addressed to the user: direct messages and mentions.
    Inbox,
    /// One community.
    Community(GroupId),
    /// Conversations tagged with a topic.
    Topic(TopicId),
    /// Conversations started by one person.
    FromUser(UserId),
}

impl Feed {
    /// The built-in feeds, in the order the communities pane lists them.
    pub const BUILT_IN: [Self; 4] = [Self::MyFeed, Self::AllCompany, Self::Following, Self::Inbox];

    /// A label for the built-in feeds; communities, topics and people are named from the cache.
    pub const fn builtin_label(self) -> Option<&'static str> {
        match self {
            Self::MyFeed => Some("My feed"),
            Self::AllCompany => Some("All Company"),
            Self::Following => Some("Following"),
            Self::Inbox => Some("Inbox"),
            Self::Community(_) | Self::Topic(_) | Self::FromUser(_) => None,
        }
    }

    /// The community a new post in this feed goes to, if any.
    pub const fn community(self) -> Option<GroupId> {
        match self {
            Self::Community(group) => Some(group),
            _ => None,
        }
    }
}
