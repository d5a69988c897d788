//! A community (Yammer group) and a thread's summary as the server reports them.

use super::SafeText;
use super::ids::{GroupId, MessageId, ThreadId};
use super::time::Timestamp;

/// A community the user can read and post in.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Community {
    pub id: GroupId,
    /// The display name ("Engineering Platform").
    pub name: SafeText,
    pub description: SafeText,
    /// `public` or `private`, as the server says.
    pub privacy: SafeText,
    pub members: u64,
    /// The newest message in the community, for unread counts.
    pub last_message: Option<MessageId>,
    /// People outside the company (customers, partners) take part: what is posted there is
    /// visible to them.
    pub external: bool,
}

/// What the server says about a whole thread, beyond the messages the client has loaded.
#[derive(Clone, Debug, PartialEq)]
pub struct ThreadSummary {
    pub id: ThreadId,
    pub community: Option<GroupId>,
    /// Messages in the thread, the starter included.
    pub updates: u64,
    pub latest_reply: Option<MessageId>,
    pub latest_reply_at: Option<Timestamp>,
}

impl ThreadSummary {
    /// Replies in the thread (every message but the starter).
    pub const fn replies(&self) -> u64 {
        self.updates.saturating_sub(1)
    }
}
