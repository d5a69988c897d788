//! What the people pane asks of the network (`PeopleEffect`) and the answers it gets back
//! (`PeopleMsg`, with `DirectoryLoad`: what the cache held), plus `Profile`: a person as the
//! directory listing delivers them, already converted and sanitized off the UI path. Data only.

use super::shared::SharedIndex;
use crate::api::ApiError;
use crate::api::dto;
use crate::domain::{Community, Page, SafeText, UserId};
use crate::expertise::feed::person_doc;
use crate::expertise::{MessageDoc, PersonDoc};
use crate::panes::request::RequestId;
use crate::store::ListingPass;

/// People per `users.json` page.
pub const USERS_PAGE_SIZE: usize = 50;

/// A network request of the people pane.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum PeopleEffect {
    /// One page (from 1) of the people listing.
    ListPage { req: RequestId, page: u32 },
    /// One `search.json` call for the query, to pull in messages as evidence.
    SearchEvidence { req: RequestId, text: String },
    /// The communities a person belongs to, for their profile card.
    FetchCommunities { user: UserId },
    /// A person's latest messages, for their profile card's threads.
    FetchWritten { req: RequestId, user: UserId },
    /// Follow (`follow: true`) or unfollow a person.
    SetFollow { user: UserId, follow: bool },
    /// Whether the user follows a person, for their profile card.
    CheckFollow { user: UserId },
    /// Keep where the listing stands in the cache: going on at `next_page`, or read to its end
    /// (`complete`), at `at` (unix seconds).
    KeepListing {
        next_page: u32,
        complete: bool,
        at: i64,
    },
    /// Change your own profile (`PUT users/current`): only the fields given.
    SaveProfile { change: crate::api::ProfileUpdate },
    /// Index many messages off the UI thread (see `backfill`).
    IndexMessages {
        index: SharedIndex,
        messages: Vec<MessageDoc>,
    },
}

impl PeopleEffect {
    /// The request a newer one can supersede (the evidence search, a card's messages), which
    /// `Effect::Cancel` then aborts.
    pub fn cancellable(&self) -> Option<RequestId> {
        match self {
            Self::SearchEvidence { req, .. } | Self::FetchWritten { req, .. } => Some(*req),
            _ => None,
        }
    }
}

/// The answer to a `PeopleEffect`.
#[derive(Clone, Debug)]
pub enum PeopleMsg {
    ListPage {
        req: RequestId,
        page: u32,
        result: Result<Vec<Profile>, ApiError>,
    },
    Evidence {
        req: RequestId,
        result: Result<(Page, Vec<Profile>), ApiError>,
    },
    Communities {
        user: UserId,
        result: Result<Vec<Community>, ApiError>,
    },
    Written {
        req: RequestId,
        user: UserId,
        result: Result<Page, ApiError>,
    },
    Followed {
        user: UserId,
        follow: bool,
        result: Result<(), ApiError>,
    },
    FollowChecked {
        user: UserId,
        result: Result<bool, ApiError>,
    },
    /// Your profile change was saved, or why not.
    ProfileSaved { result: Result<(), ApiError> },
    /// A background indexing finished; `added` messages were new.
    Backfilled { added: usize },
    /// The cached directory and messages are in the index.
    FromCache(Box<DirectoryLoad>),
}

/// What the cache held for the directory.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct DirectoryLoad {
    /// Profile fields only the card shows, of the people read.
    pub extras: Vec<(UserId, ProfileExtras)>,
    /// People read from the cache.
    pub people: usize,
    /// Cached messages new to the index.
    pub messages: usize,
    /// Where the listing stood.
    pub pass: ListingPass,
    /// How long reading and indexing took, in milliseconds.
    pub elapsed_ms: u64,
}

/// A person from the people listing: what the index searches plus what only the card shows.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Profile {
    pub doc: PersonDoc,
    pub extras: ProfileExtras,
}

/// Profile fields the index does not need.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ProfileExtras {
    /// Their own words about themselves, when shared.
    pub summary: Option<SafeText>,
    pub messages: u64,
    pub followers: u64,
    pub following: u64,
}

impl Profile {
    /// The profile of an API user, sanitized.
    pub fn from_user(user: &dto::User) -> Self {
        let summary = SafeText::new(user.summary.trim());
        Profile {
            doc: person_doc(user),
            extras: ProfileExtras {
                summary: (!summary.is_empty()).then_some(summary),
                messages: user.stats.updates,
                followers: user.stats.followers,
                following: user.stats.following,
            },
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn blank_summaries_are_not_shared() {
        let user = dto::User {
            id: 3,
            summary: "   ".into(),
            ..dto::User::default()
        };
        assert_eq!(Profile::from_user(&user).extras.summary, None);
        let user = dto::User {
            summary: "Runs the \u{7}platform".into(),
            ..user
        };
        let summary = Profile::from_user(&user).extras.summary;
        assert!(summary.is_some_and(|s| !s.as_str().contains('\u{7}')));
    }
}
