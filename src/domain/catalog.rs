//! The catalog: every message, person, community, thread and topic the client has learned.
//!
//! Panes hold ids and look things up here, so a like or a new reply changes one place and every
//! pane shows it. Owns merging pages in; does no I/O and knows nothing of the screen.

use std::collections::{BTreeSet, HashMap};

use super::SafeText;
use super::community::{Community, ThreadSummary};
use super::ids::{GroupId, MessageId, ThreadId, TopicId, UserId};
use super::message::{Likes, Message};
use super::page::Page;
use super::person::Person;

/// Known objects by id.
#[derive(Clone, Debug, Default)]
pub struct Catalog {
    messages: HashMap<MessageId, Message>,
    by_thread: HashMap<ThreadId, BTreeSet<MessageId>>,
    people: HashMap<UserId, Person>,
    communities: HashMap<GroupId, Community>,
    threads: HashMap<ThreadId, ThreadSummary>,
    topics: HashMap<TopicId, SafeText>,
    /// The signed-in user, once the server has said who that is.
    pub me: Option<UserId>,
}

impl Catalog {
    /// Merges a page: newer facts replace older ones, nothing already known is dropped.
    pub fn absorb(&mut self, page: Page) {
        if page.meta.current_user.is_some() {
            self.me = page.meta.current_user;
        }
        for person in page.people {
            self.people.insert(person.id, person);
        }
        for community in page.communities {
            self.upsert_community(community);
        }
        for summary in page.threads {
            self.threads.insert(summary.id, summary);
        }
        for (id, name) in page.topics {
            self.topics.insert(id, name);
        }
        for message in page.messages.into_iter().chain(page.recent_replies) {
            self.insert_message(message);
        }
    }

    /// Every known message, in no order.
    pub fn messages(&self) -> impl Iterator<Item = &Message> {
        self.messages.values()
    }

    /// Adds or replaces one message.
    pub fn insert_message(&mut self, message: Message) {
        self.by_thread
            .entry(message.thread)
            .or_default()
            .insert(message.id);
        self.messages.insert(message.id, message);
    }

    /// Adds or replaces a community, keeping the newest `last_message` seen.
    pub fn upsert_community(&mut self, mut community: Community) {
        if let Some(old) = self.communities.get(&community.id) {
            community.last_message = community.last_message.max(old.last_message);
        }
        self.communities.insert(community.id, community);
    }

    /// Forgets a deleted message. A deleted reply also leaves the thread's counts: the server's
    /// reply count goes down by one, and its latest reply becomes the newest one still known.
    pub fn remove_message(&mut self, id: MessageId) -> Option<Message> {
        let message = self.messages.remove(&id)?;
        if let Some(ids) = self.by_thread.get_mut(&message.thread) {
            ids.remove(&id);
        }
        if !message.is_thread_starter() {
            self.forget_reply(&message);
        }
        Some(message)
    }

    fn forget_reply(&mut self, reply: &Message) {
        let newest = self
            .by_thread
            .get(&reply.thread)
            .and_then(|ids| ids.iter().rev().find(|id| id.0 != reply.thread.0))
            .and_then(|id| self.messages.get(id))
            .map(|m| (m.id, m.created_at));
        if let Some(summary) = self.threads.get_mut(&reply.thread) {
            summary.updates = summary.updates.saturating_sub(1).max(1);
            if summary.latest_reply == Some(reply.id) {
                summary.latest_reply = newest.map(|(id, _)| id);
                summary.latest_reply_at = newest.map(|(_, at)| at);
            }
        }
    }

    /// Sets a message's like state; returns the previous one so a failed request can revert it.
    pub fn set_likes(&mut self, id: MessageId, likes: Likes) -> Option<Likes> {
        let message = self.messages.get_mut(&id)?;
        Some(std::mem::replace(&mut message.likes, likes))
    }

    pub fn message(&self, id: MessageId) -> Option<&Message> {
        self.messages.get(&id)
    }

    pub fn person(&self, id: UserId) -> Option<&Person> {
        self.people.get(&id)
    }

    pub fn community(&self, id: GroupId) -> Option<&Community> {
        self.communities.get(&id)
    }

    pub fn thread(&self, id: ThreadId) -> Option<&ThreadSummary> {
        self.threads.get(&id)
    }

    pub fn topic(&self, id: TopicId) -> Option<&SafeText> {
        self.topics.get(&id)
    }

    /// The loaded messages of a thread, oldest first.
    pub fn thread_messages(&self, thread: ThreadId) -> impl Iterator<Item = &Message> {
        self.by_thread
            .get(&thread)
            .into_iter()
            .flatten()
            .filter_map(|id| self.messages.get(id))
    }

    /// The newest message id known in a thread, from loaded messages or the server's summary.
    pub fn latest_activity(&self, thread: ThreadId) -> MessageId {
        let loaded = self
            .by_thread
            .get(&thread)
            .and_then(|ids| ids.last().copied());
        let reported = self.threads.get(&thread).and_then(|t| t.latest_reply);
        loaded.max(reported).unwrap_or(MessageId(thread.0))
    }

    /// How many of a thread's replies are loaded (its messages but the starter), without
    /// walking them: the thread index holds exactly the loaded messages' ids.
    pub fn loaded_replies(&self, thread: ThreadId) -> usize {
        self.by_thread.get(&thread).map_or(0, |ids| {
            ids.len() - usize::from(ids.contains(&MessageId(thread.0)))
        })
    }

    /// Replies in a thread: the server's count, or what is loaded when that is larger.
    pub fn reply_count(&self, thread: ThreadId) -> u64 {
        let loaded = self.by_thread.get(&thread).map_or(0, BTreeSet::len);
        let loaded = u64::try_from(loaded.saturating_sub(1)).unwrap_or(u64::MAX);
        self.threads
            .get(&thread)
            .map_or(loaded, |t| t.replies().max(loaded))
    }

    /// Communities sorted by name, for the communities pane.
    pub fn communities_by_name(&self) -> Vec<&Community> {
        let mut list: Vec<&Community> = self.communities.values().collect();
        list.sort_by_cached_key(|c| (c.name.as_str().to_lowercase(), c.id));
        list
    }

    /// Every known person, for `@` completion.
    pub fn people(&self) -> impl Iterator<Item = &Person> {
        self.people.values()
    }

    /// Every known topic name, for `#` completion.
    pub fn topic_names(&self) -> impl Iterator<Item = &SafeText> {
        self.topics.values()
    }

    /// How many messages are known.
    pub fn message_count(&self) -> usize {
        self.messages.len()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::test_support::message;

    #[test]
    fn absorbing_indexes_messages_by_thread() {
        let mut catalog = Catalog::default();
        let page = Page {
            messages: vec![message(10, 10, None)],
            recent_replies: vec![message(12, 10, Some(10)), message(11, 10, Some(10))],
            ..Page::default()
        };
        catalog.absorb(page);
        let ids: Vec<u64> = catalog
            .thread_messages(ThreadId(10))
            .map(|m| m.id.0)
            .collect();
        assert_eq!(ids, [10, 11, 12]);
        assert_eq!(catalog.latest_activity(ThreadId(10)), MessageId(12));
        assert_eq!(catalog.reply_count(ThreadId(10)), 2);
    }

    #[test]
    fn loaded_replies_count_the_thread_index_but_the_starter() {
        let mut catalog = Catalog::default();
        catalog.absorb(Page {
            messages: vec![message(10, 10, None), message(11, 10, Some(10))],
            recent_replies: vec![message(12, 10, Some(11))],
            ..Page::default()
        });
        assert_eq!(catalog.loaded_replies(ThreadId(10)), 2);
        catalog.remove_message(MessageId(10));
        assert_eq!(
            catalog.loaded_replies(ThreadId(10)),
            2,
            "the starter was never a reply"
        );
        catalog.remove_message(MessageId(12));
        assert_eq!(catalog.loaded_replies(ThreadId(10)), 1);
        assert_eq!(catalog.loaded_replies(ThreadId(99)), 0);
    }

    #[test]
    fn removing_a_message_updates_the_thread_index() {
        let mut catalog = Catalog::default();
        catalog.insert_message(message(1, 1, None));
        catalog.insert_message(message(2, 1, Some(1)));
        assert!(catalog.remove_message(MessageId(2)).is_some());
        assert_eq!(catalog.thread_messages(ThreadId(1)).count(), 1);
        assert!(catalog.remove_message(MessageId(2)).is_none());
    }

    #[test]
    fn deleting_the_only_reply_leaves_no_reply_counted() {
        let mut catalog = Catalog::default();
        let page = Page {
            messages: vec![message(10, 10, None)],
            recent_replies: vec![message(11, 10, Some(10))],
            threads: vec![ThreadSummary {
                id: ThreadId(10),
                community: None,
                updates: 2,
                latest_reply: Some(MessageId(11)),
                latest_reply_at: Some(message(11, 10, None).created_at),
            }],
            ..Page::default()
        };
        catalog.absorb(page);
        assert_eq!(catalog.reply_count(ThreadId(10)), 1);
        catalog.remove_message(MessageId(11));
        assert_eq!(catalog.reply_count(ThreadId(10)), 0);
        assert_eq!(catalog.latest_activity(ThreadId(10)), MessageId(10));
    }

    #[test]
    fn set_likes_returns_the_previous_state() {
        let mut catalog = Catalog::default();
        catalog.insert_message(message(1, 1, None));
        let liked = Likes {
            count: 1,
            by_me: true,
        };
        assert_eq!(
            catalog.set_likes(MessageId(1), liked),
            Some(Likes::default())
        );
        assert_eq!(catalog.message(MessageId(1)).map(|m| m.likes), Some(liked));
        assert_eq!(catalog.set_likes(MessageId(7), liked), None);
    }
}
