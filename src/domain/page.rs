//! A page of results in domain terms: what one feed or thread request brought back.
//!
//! Built from an API envelope by `convert`; merged into the [`Catalog`](super::Catalog) by the app.

use super::SafeText;
use super::community::{Community, ThreadSummary};
use super::ids::{MessageId, TopicId, UserId};
use super::message::Message;
use super::person::Person;

/// Messages and everything they refer to, as one request returned them.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Page {
    /// The page's main messages, in server order (threads by activity in threaded feeds).
    pub messages: Vec<Message>,
    /// Recent replies sent alongside thread starters (`threaded=extended`).
    pub recent_replies: Vec<Message>,
    pub people: Vec<Person>,
    pub communities: Vec<Community>,
    pub threads: Vec<ThreadSummary>,
    pub topics: Vec<(TopicId, SafeText)>,
    pub meta: PageMeta,
}

/// The envelope's paging and session facts.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct PageMeta {
    /// A hint that older messages exist; servers get it wrong, so paging also stops on empty pages.
    pub older_available: bool,
    /// Seconds the server asks clients to wait between polls.
    pub poll_interval_secs: Option<u64>,
    pub current_user: Option<UserId>,
}

impl Page {
    /// Every message in the page, main ones first.
    pub fn all_messages(&self) -> impl Iterator<Item = &Message> {
        self.messages.iter().chain(&self.recent_replies)
    }

    /// The smallest message id of the page, for `older_than` paging in unthreaded feeds.
    pub fn oldest_message(&self) -> Option<MessageId> {
        self.messages.iter().map(|m| m.id).min()
    }
}
