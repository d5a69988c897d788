//! The timeline pane: the threads of one feed, newest activity first, with paging state.
//!
//! Each feed keeps its own list so switching back is instant. The list is re-sorted only when a
//! page arrives, never per frame, and an id → position map keeps lookups constant-time, so a
//! feed of 100k threads costs a frame the same as one of 100.

pub mod draw_line;
pub mod header;
pub mod update;
pub mod view;

use std::collections::HashMap;

use super::load::Load;
use crate::domain::{Catalog, Feed, MessageId, ThreadId};

/// Rows one thread card takes: a header, two preview lines and a spacer.
pub const CARD_HEIGHT: u16 = 4;

/// Start loading the next older page when the selection is this close to the end.
pub const LOAD_OLDER_WITHIN: usize = 5;

/// The timeline pane: which feed is shown and every feed's list so far.
#[derive(Clone, Debug, Default)]
pub struct TimelinePane {
    pub current: Option<Feed>,
    feeds: HashMap<Feed, FeedTimeline>,
}

/// One feed's threads and paging state.
#[derive(Clone, Debug, Default)]
pub struct FeedTimeline {
    threads: Vec<ThreadId>,
    positions: HashMap<ThreadId, usize>,
    /// The selected thread, kept by id so new threads arriving above do not move it.
    pub selected: Option<ThreadId>,
    /// The first load or a refresh.
    pub load: Load,
    /// Loading an older page.
    pub older: Load,
    /// `older_than` for the next older page.
    pub older_cursor: Option<MessageId>,
    /// The server returned an empty page: there is nothing older.
    pub exhausted: bool,
    /// `newer_than` for refreshes: the newest message id the feed has returned.
    pub newest: Option<MessageId>,
    /// Whether any page has arrived yet.
    pub loaded: bool,
}

impl TimelinePane {
    /// The shown feed's timeline.
    pub fn active(&self) -> Option<&FeedTimeline> {
        self.current.and_then(|feed| self.feeds.get(&feed))
    }

    /// The shown feed's timeline, for changes.
    pub fn active_mut(&mut self) -> Option<&mut FeedTimeline> {
        self.current.and_then(|feed| self.feeds.get_mut(&feed))
    }

    /// A feed's timeline, created empty on first use.
    pub fn feed_mut(&mut self, feed: Feed) -> &mut FeedTimeline {
        self.feeds.entry(feed).or_default()
    }

    /// A feed's timeline, if it was ever opened.
    pub fn feed(&self, feed: Feed) -> Option<&FeedTimeline> {
        self.feeds.get(&feed)
    }

    /// The selected thread of the shown feed.
    pub fn selected_thread(&self) -> Option<ThreadId> {
        self.active().and_then(|t| t.selected)
    }

    /// Every feed's timeline, for edits that touch all of them (a deleted thread).
    pub fn all_mut(&mut self) -> impl Iterator<Item = &mut FeedTimeline> {
        self.feeds.values_mut()
    }
}

impl FeedTimeline {
    /// The threads, newest activity first.
    pub fn threads(&self) -> &[ThreadId] {
        &self.threads
    }

    /// Where a thread sits in the list.
    pub fn position(&self, thread: ThreadId) -> Option<usize> {
        self.positions.get(&thread).copied()
    }

    /// The selected thread's position.
    pub fn selected_index(&self) -> Option<usize> {
        self.selected.and_then(|t| self.position(t))
    }

    /// Adds threads and re-sorts by latest activity; the selection stays on the same thread.
    pub fn merge(&mut self, threads: impl IntoIterator<Item = ThreadId>, catalog: &Catalog) {
        for thread in threads {
            if !self.positions.contains_key(&thread) {
                self.positions.insert(thread, self.threads.len());
                self.threads.push(thread);
            }
        }
        self.threads
            .sort_by_cached_key(|t| std::cmp::Reverse((catalog.latest_activity(*t), *t)));
        self.reindex();
        if self.selected.is_none() {
            self.selected = self.threads.first().copied();
        }
    }

    /// Drops a thread (its starter was deleted); the selection moves to its neighbour.
    pub fn remove(&mut self, thread: ThreadId) {
        let Some(at) = self.position(thread) else {
            return;
        };
        self.threads.remove(at);
        self.reindex();
        if self.selected == Some(thread) {
            let next = at.min(self.threads.len().saturating_sub(1));
            self.selected = self.threads.get(next).copied();
        }
    }

    /// Whether the selection is close enough to the end to fetch the next older page.
    pub fn wants_older(&self) -> bool {
        let near_end = self
            .selected_index()
            .is_some_and(|at| at + LOAD_OLDER_WITHIN >= self.threads.len());
        self.loaded && near_end && !self.exhausted && !self.older.is_loading()
    }

    fn reindex(&mut self) {
        self.positions = self
            .threads
            .iter()
            .enumerate()
            .map(|(i, t)| (*t, i))
            .collect();
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::test_support::message;

    #[test]
    fn merge_orders_by_activity_and_keeps_the_selection() {
        let mut catalog = Catalog::default();
        for m in [
            message(1, 1, None),
            message(2, 2, None),
            message(5, 1, Some(1)),
        ] {
            catalog.insert_message(m);
        }
        let mut feed = FeedTimeline::default();
        feed.merge([ThreadId(2)], &catalog);
        assert_eq!(feed.selected, Some(ThreadId(2)));
        feed.merge([ThreadId(1)], &catalog);
        assert_eq!(feed.threads(), [ThreadId(1), ThreadId(2)]);
        assert_eq!(feed.selected, Some(ThreadId(2)));
        assert_eq!(feed.selected_index(), Some(1));
    }

    #[test]
    fn removing_the_selected_thread_selects_its_neighbour() {
        let mut catalog = Catalog::default();
        for m in [message(1, 1, None), message(2, 2, None)] {
            catalog.insert_message(m);
        }
        let mut feed = FeedTimeline::default();
        feed.merge([ThreadId(1), ThreadId(2)], &catalog);
        feed.selected = Some(ThreadId(1));
        feed.remove(ThreadId(1));
        assert_eq!(feed.selected, Some(ThreadId(2)));
        feed.remove(ThreadId(2));
        assert_eq!(feed.selected, None);
    }
}
