//! What Discover asks of the network (`DiscoverEffect`) and the answers (`DiscoverMsg`), already
//! converted and sanitized off the UI path. Data only.

use std::collections::HashMap;

use super::Listed;
use crate::api::{ApiError, Joined};
use crate::domain::{Community, GroupId, SafeText, Timestamp, UserId};
use crate::panes::request::RequestId;

/// A network request of the Discover section or the community card.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum DiscoverEffect {
    /// Every community the server lists.
    List {
        req: RequestId,
    },
    /// How many of the people `me` follows are in each community (for suggestions): a call per
    /// person, so it comes after the listing, as background work.
    Followed {
        me: UserId,
    },
    /// Join, or ask to join a private community.
    Join(GroupId),
    Leave(GroupId),
    /// What the info card shows; `readable` asks for the latest messages too.
    Card {
        group: GroupId,
        readable: bool,
    },
}

/// Everything the listing brought.
#[derive(Clone, Debug, Default)]
pub struct Listing {
    pub communities: Vec<(Community, Listed)>,
}

/// Whom the user follows (the listing's first page) and how many of them are in each community.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct FollowedIn {
    pub people: Vec<UserId>,
    pub counts: HashMap<GroupId, u32>,
}

/// What the info card shows beyond the catalog's community.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct CardDetail {
    pub community: Option<Community>,
    pub listed: Listed,
    pub guidelines: SafeText,
    pub admins: Vec<SafeText>,
    /// When the latest messages were posted (one page, newest first); `None` when unreadable.
    pub recent: Option<Vec<Timestamp>>,
}

/// The answer to a `DiscoverEffect`.
#[derive(Clone, Debug)]
pub enum DiscoverMsg {
    Listed {
        req: RequestId,
        result: Result<Listing, ApiError>,
    },
    /// How many of the people the user follows are in each community.
    Followed(Result<FollowedIn, ApiError>),
    Joined {
        group: GroupId,
        result: Result<Joined, ApiError>,
    },
    Left {
        group: GroupId,
        result: Result<(), ApiError>,
    },
    Card {
        group: GroupId,
        result: Result<CardDetail, ApiError>,
    },
}
