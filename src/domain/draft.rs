//! What a draft is for and what a sent draft becomes: the words the editor, the outbox, the
//! drafts kept on disk and the worker share about a post. Plain data; knows nothing of where
//! a draft is edited, kept or sent.

use super::{GroupId, MessageId, ThreadId, UserId};

/// A message ready to send.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct OutgoingPost {
    pub body: String,
    pub community: Option<GroupId>,
    pub replied_to: Option<MessageId>,
    pub direct_to: Vec<UserId>,
}

/// What a draft is for; drafts are kept per target.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum DraftFor {
    /// A new thread in a community (All Company without one).
    NewPost(Option<GroupId>),
    /// A reply to `to` in `thread`.
    Reply { thread: ThreadId, to: MessageId },
    /// A private message to one person.
    Direct(UserId),
}
