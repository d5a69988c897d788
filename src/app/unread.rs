//! Unread threads: activity that arrived during the session and was not opened yet, counted
//! per feed for the communities pane and marked per thread in the timeline.
//!
//! Everything present at the first load counts as read (persistent read markers belong to the
//! store); a thread stops being unread when it is opened.

use std::collections::{HashMap, HashSet};

use crate::domain::{Feed, Message, MessageId, ThreadId, UserId};

/// Unread threads by feed.
#[derive(Clone, Debug, Default)]
pub struct Unread {
    /// Messages up to this id were there before the session: read.
    baseline: Option<MessageId>,
    threads: HashSet<ThreadId>,
    by_feed: HashMap<Feed, HashSet<ThreadId>>,
}

impl Unread {
    /// Notes the messages a page of `feed` brought. The first page only sets the baseline.
    /// The user's own messages and the thread being read never count.
    pub fn note<'a>(
        &mut self,
        feed: Option<Feed>,
        messages: impl IntoIterator<Item = &'a Message>,
        me: Option<UserId>,
        reading: Option<ThreadId>,
    ) {
        let messages: Vec<&Message> = messages.into_iter().collect();
        let newest = messages.iter().map(|m| m.id).max();
        let Some(baseline) = self.baseline else {
            self.baseline = newest;
            return;
        };
        for message in messages {
            let is_new = message.id > baseline && Some(message.sender) != me;
            if !is_new || Some(message.thread) == reading {
                continue;
            }
            self.threads.insert(message.thread);
            let feeds = feed
                .into_iter()
                .chain(message.community.map(Feed::Community));
            for f in feeds {
                self.by_feed.entry(f).or_default().insert(message.thread);
            }
        }
    }

    /// Marks a thread read.
    pub fn open_thread(&mut self, thread: ThreadId) {
        if self.threads.remove(&thread) {
            for threads in self.by_feed.values_mut() {
                threads.remove(&thread);
            }
        }
    }

    /// Unread threads in a feed.
    pub fn count(&self, feed: Feed) -> usize {
        self.by_feed.get(&feed).map_or(0, HashSet::len)
    }

    /// Whether a thread has unread activity.
    pub fn is_unread(&self, thread: ThreadId) -> bool {
        self.threads.contains(&thread)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::GroupId;
    use crate::domain::test_support::message;

    #[test]
    fn the_first_page_is_read_and_later_activity_counts_per_feed() {
        let mut unread = Unread::default();
        unread.note(Some(Feed::MyFeed), &[message(10, 10, None)], None, None);
        assert_eq!(unread.count(Feed::MyFeed), 0);
        let mut reply = message(11, 10, Some(10));
        reply.community = Some(GroupId(3));
        unread.note(
            Some(Feed::MyFeed),
            &[reply, message(12, 12, None)],
            None,
            None,
        );
        assert_eq!(unread.count(Feed::MyFeed), 2);
        assert_eq!(unread.count(Feed::Community(GroupId(3))), 1);
        unread.open_thread(ThreadId(10));
        assert_eq!(unread.count(Feed::MyFeed), 1);
        assert_eq!(unread.count(Feed::Community(GroupId(3))), 0);
    }

    #[test]
    fn own_messages_and_the_open_thread_stay_read() {
        let mut unread = Unread::default();
        unread.note(None, &[message(1, 1, None)], None, None);
        unread.note(
            Some(Feed::MyFeed),
            &[message(2, 1, Some(1))],
            Some(UserId(1)),
            None,
        );
        let mut other = message(3, 3, None);
        other.sender = UserId(9);
        unread.note(
            Some(Feed::MyFeed),
            &[other],
            Some(UserId(1)),
            Some(ThreadId(3)),
        );
        assert_eq!(unread.count(Feed::MyFeed), 0);
    }
}
