//! [`StartupSnapshot`]: what the cache held at start, as the core receives it (the shell's
//! cache task reads it before the first frame). Plain data: nothing here reads the cache.

use crate::app::core::unread::UnreadSnapshot;
use crate::domain::{Feed, GroupId, Page, UserId};

/// What the cache held at start, ready for the first frame.
#[derive(Clone, Debug, Default)]
pub struct StartupSnapshot {
    pub feed: Option<Feed>,
    /// The feed's cached messages with the people, communities and threads they name.
    pub page: Page,
    pub me: Option<UserId>,
    /// The user's communities (with their details in `page`), when they were cached.
    pub mine: Option<Vec<GroupId>>,
    pub unread: UnreadSnapshot,
    /// When the user last looked (unix seconds), when it was kept.
    pub last_looked: Option<i64>,
    /// The "Start here" checklist's kept facts (dismissed, guidelines read).
    pub start_here: crate::panes::communities::start_here::Kept,
    /// The communities whose guidelines the compose window showed (boxed: the snapshot
    /// travels in a message that should stay small).
    pub guidelines_seen: Option<Box<std::collections::BTreeSet<u64>>>,
    /// The private communities the user asked to join and still waits for.
    pub join_requests: Vec<GroupId>,
}
