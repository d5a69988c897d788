//! Unread threads, counted per feed for the communities pane and marked per thread in the
//! timeline, from read markers that outlive the session (kept in the cache).
//!
//! A thread is unread when someone else wrote in it after both its thread marker (how far it
//! was read when last opened) and its community's baseline. The baseline is set the first
//! time a community (or, for threads outside communities, the network) is seen: what was
//! there before kring first looked counts as read. Opening a thread marks it read up to its
//! newest message. Every marker that moves is queued ([`Unread::take_writes`]) and leaves
//! `update` as an `Effect::MarkRead` in the same call; this module does no I/O.
//!
//! The server's own unseen counts (`networks/current`, [`UnseenCounts`]) stand in for a feed
//! the client holds nothing of yet (My feed before its first page, the Inbox until opened):
//! once the client knows a feed's threads, its own count is the better one and wins.
//! [`Unread::count`] is the one place either is read.

use std::collections::{HashMap, HashSet};

use crate::app::core::mute::Mutes;
use crate::domain::{Feed, GroupId, Message, MessageId, ThreadId, UserId};
use crate::store::ThreadActivity;

/// A read marker as the store keys it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum ReadKey {
    /// How far a thread was read.
    Thread(ThreadId),
    /// What counted as read when a community (`None`: the rest of the network) was first seen.
    Baseline(Option<GroupId>),
}

impl ReadKey {
    /// The store's key: `in_thread:ID`, `in_group:ID` or `all`.
    pub fn store_key(self) -> String {
        match self {
            Self::Thread(thread) => format!("in_thread:{}", thread.0),
            Self::Baseline(Some(group)) => format!("in_group:{}", group.0),
            Self::Baseline(None) => "all".to_owned(),
        }
    }

    /// The key a store key names; `None` for keys this module does not use.
    pub fn parse(key: &str) -> Option<Self> {
        if key == "all" {
            return Some(Self::Baseline(None));
        }
        let (kind, id) = key.split_once(':')?;
        let id = id.parse::<u64>().ok()?;
        match kind {
            "in_thread" => Some(Self::Thread(ThreadId(id))),
            "in_group" => Some(Self::Baseline(Some(GroupId(id)))),
            _ => None,
        }
    }
}

/// What the cache knows about reading, loaded at start.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct UnreadSnapshot {
    pub me: Option<UserId>,
    /// (store key, message id) of every read marker.
    pub markers: Vec<(String, u64)>,
    pub threads: Vec<ThreadActivity>,
    /// Which threads each cached feed holds.
    pub feed_threads: Vec<(Feed, ThreadId)>,
    /// The muted communities and threads.
    pub mutes: Mutes,
}

/// What the server counts as unseen for the user (`networks/current`).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct UnseenCounts {
    /// Messages in My feed.
    pub messages: u64,
    /// Inbox threads.
    pub inbox_threads: u64,
    /// Private conversations (they arrive in the Inbox).
    pub private_threads: u64,
    /// Notifications; kring shows no notifications feed, so it is kept but counts nowhere.
    pub notifications: u64,
}

/// Unread threads by feed.
#[derive(Clone, Debug, Default)]
pub struct Unread {
    /// The server's counts, for feeds the client has no threads of.
    server: HashMap<Feed, usize>,
    notifications: u64,
    me: Option<UserId>,
    baselines: HashMap<Option<GroupId>, MessageId>,
    markers: HashMap<ThreadId, MessageId>,
    /// Per thread: its community and the newest message someone else wrote.
    from_others: HashMap<ThreadId, (Option<GroupId>, MessageId)>,
    /// Per thread: the newest message known, whoever wrote it.
    newest: HashMap<ThreadId, MessageId>,
    members: HashMap<Feed, HashSet<ThreadId>>,
    /// Derived: unread threads, and their number per feed.
    unread: HashSet<ThreadId>,
    counts: HashMap<Feed, usize>,
    writes: Vec<(ReadKey, MessageId)>,
    /// Muted threads and communities count nowhere.
    mutes: Mutes,
}

impl Unread {
    /// Takes in what the cache knew at start.
    pub fn restore(&mut self, snapshot: UnreadSnapshot) {
        self.me = snapshot.me.or(self.me);
        if snapshot.mutes != Mutes::default() {
            self.mutes = snapshot.mutes;
        }
        for (key, id) in snapshot.markers {
            match ReadKey::parse(&key) {
                Some(ReadKey::Thread(thread)) => {
                    let at = self.markers.entry(thread).or_insert(MessageId(id));
                    *at = (*at).max(MessageId(id));
                }
                Some(ReadKey::Baseline(group)) => {
                    let at = self.baselines.entry(group).or_insert(MessageId(id));
                    *at = (*at).max(MessageId(id));
                }
                None => {}
            }
        }
        let mut unseen: HashMap<Option<GroupId>, MessageId> = HashMap::new();
        for activity in snapshot.threads {
            let thread = ThreadId(activity.thread_id);
            let group = activity.group_id.map(GroupId);
            self.raise_newest(thread, MessageId(activity.newest_id));
            if let Some(id) = activity.newest_from_others.map(MessageId) {
                self.raise_others(thread, group, id);
            }
            if !self.baselines.contains_key(&group) {
                let at = unseen.entry(group).or_insert(MessageId(activity.newest_id));
                *at = (*at).max(MessageId(activity.newest_id));
            }
        }
        for (group, id) in unseen {
            self.set_baseline(group, id);
        }
        for (feed, thread) in snapshot.feed_threads {
            self.members.entry(feed).or_default().insert(thread);
        }
        self.recount();
    }

    /// Notes the messages a page of `feed` brought. A community seen for the first time
    /// starts with everything read. The thread being read is marked read as it grows.
    pub fn note<'a>(
        &mut self,
        feed: Option<Feed>,
        messages: impl IntoIterator<Item = &'a Message>,
        me: Option<UserId>,
        reading: Option<ThreadId>,
    ) {
        self.me = me.or(self.me);
        let messages: Vec<&Message> = messages.into_iter().collect();
        let mut first_seen: HashMap<Option<GroupId>, MessageId> = HashMap::new();
        for message in &messages {
            if !self.baselines.contains_key(&message.community) {
                let at = first_seen.entry(message.community).or_insert(message.id);
                *at = (*at).max(message.id);
            }
        }
        for (group, id) in first_seen {
            self.set_baseline(group, id);
        }
        for message in messages {
            self.raise_newest(message.thread, message.id);
            if Some(message.sender) != self.me {
                self.raise_others(message.thread, message.community, message.id);
            }
            if let Some(feed) = feed {
                self.members.entry(feed).or_default().insert(message.thread);
            }
            if Some(message.thread) == reading {
                self.raise_marker(message.thread, message.id);
            }
        }
        self.recount();
    }

    /// Marks a thread read up to its newest known message.
    pub fn open_thread(&mut self, thread: ThreadId) {
        let newest = self
            .newest
            .get(&thread)
            .copied()
            .unwrap_or(MessageId(thread.0));
        self.read_up_to(thread, newest);
    }

    /// Marks a thread read up to `id` (never backwards).
    pub fn read_up_to(&mut self, thread: ThreadId, id: MessageId) {
        self.raise_newest(thread, id);
        if self.raise_marker(thread, id) {
            self.recount();
        }
    }

    /// Marks every unread thread of `feed` read up to its newest known message.
    pub fn read_feed(&mut self, feed: Feed) {
        for thread in self.threads_in(feed) {
            self.open_thread(thread);
        }
        self.server.remove(&feed);
    }

    /// Marks every unread thread read, and sets the server's counts aside until it sends new
    /// ones (they count what its feeds showed, not what was read here).
    pub fn read_everything(&mut self) {
        let unread: Vec<ThreadId> = self.unread.iter().copied().collect();
        for thread in unread {
            self.open_thread(thread);
        }
        self.server.clear();
    }

    /// Unread threads in a feed: the client's own count once it knows the feed's threads,
    /// the server's before.
    pub fn count(&self, feed: Feed) -> usize {
        let own = self.counts.get(&feed).copied();
        if self.members.contains_key(&feed) {
            return own.unwrap_or(0);
        }
        self.server.get(&feed).copied().or(own).unwrap_or(0)
    }

    /// Takes in the server's unseen counts: My feed's messages, and the Inbox's threads (its
    /// own count or, when larger, the private conversations, which all arrive there).
    pub fn set_unseen(&mut self, counts: UnseenCounts) {
        let as_count = |n: u64| usize::try_from(n).unwrap_or(usize::MAX);
        self.server.insert(Feed::MyFeed, as_count(counts.messages));
        self.server.insert(
            Feed::Inbox,
            as_count(counts.inbox_threads.max(counts.private_threads)),
        );
        self.notifications = counts.notifications;
    }

    /// Unseen notifications, as the server last said.
    pub const fn notifications(&self) -> u64 {
        self.notifications
    }

    /// Whether a thread has unread activity.
    pub fn is_unread(&self, thread: ThreadId) -> bool {
        self.unread.contains(&thread)
    }

    /// The unread threads of a feed, newest activity first.
    pub fn threads_in(&self, feed: Feed) -> Vec<ThreadId> {
        let mut threads: Vec<ThreadId> = self
            .unread
            .iter()
            .copied()
            .filter(|t| self.belongs(*t, feed))
            .collect();
        threads.sort_by_key(|t| std::cmp::Reverse((self.newest.get(t).copied(), *t)));
        threads
    }

    /// The threads the client knows to be in `feed`, once it knows any.
    pub fn members(&self, feed: Feed) -> Option<&HashSet<ThreadId>> {
        self.members.get(&feed)
    }

    /// The muted communities and threads.
    pub const fn mutes(&self) -> &Mutes {
        &self.mutes
    }

    /// Replaces the muted sets and counts again.
    pub fn set_mutes(&mut self, mutes: Mutes) {
        self.mutes = mutes;
        self.recount();
    }

    /// Whether a thread is muted, by itself or by its community (as far as it is known).
    pub fn is_muted(&self, thread: ThreadId) -> bool {
        let group = self.from_others.get(&thread).and_then(|(g, _)| *g);
        self.mutes.is_muted(thread, group)
    }

    /// The markers moved since the last call, for the store.
    pub fn take_writes(&mut self) -> Vec<(ReadKey, MessageId)> {
        std::mem::take(&mut self.writes)
    }

    fn belongs(&self, thread: ThreadId, feed: Feed) -> bool {
        let member = self.members.get(&feed).is_some_and(|m| m.contains(&thread));
        let in_community = matches!(feed, Feed::Community(g)
            if self.from_others.get(&thread).is_some_and(|(group, _)| *group == Some(g)));
        member || in_community
    }

    fn set_baseline(&mut self, group: Option<GroupId>, id: MessageId) {
        self.baselines.insert(group, id);
        self.writes.push((ReadKey::Baseline(group), id));
    }

    fn raise_marker(&mut self, thread: ThreadId, id: MessageId) -> bool {
        let marker = self.markers.entry(thread).or_insert(MessageId(0));
        if id <= *marker {
            return false;
        }
        *marker = id;
        self.writes.push((ReadKey::Thread(thread), id));
        true
    }

    fn raise_newest(&mut self, thread: ThreadId, id: MessageId) {
        let newest = self.newest.entry(thread).or_insert(id);
        *newest = (*newest).max(id);
    }

    fn raise_others(&mut self, thread: ThreadId, group: Option<GroupId>, id: MessageId) {
        let entry = self.from_others.entry(thread).or_insert((group, id));
        entry.0 = group.or(entry.0);
        entry.1 = entry.1.max(id);
    }

    fn thread_is_unread(&self, thread: ThreadId) -> bool {
        let Some((group, newest)) = self.from_others.get(&thread) else {
            return false;
        };
        if self.mutes.is_muted(thread, *group) {
            return false;
        }
        let read = self.markers.get(&thread).copied().unwrap_or(MessageId(0));
        let baseline = self.baselines.get(group).copied();
        *newest > read && baseline.is_some_and(|b| *newest > b)
    }

    fn recount(&mut self) {
        self.unread = self
            .from_others
            .keys()
            .copied()
            .filter(|t| self.thread_is_unread(*t))
            .collect();
        let mut per_feed: HashMap<Feed, HashSet<ThreadId>> = HashMap::new();
        for (feed, members) in &self.members {
            let unread = members.iter().filter(|t| self.unread.contains(t)).copied();
            per_feed.entry(*feed).or_default().extend(unread);
        }
        for thread in &self.unread {
            if let Some((Some(group), _)) = self.from_others.get(thread) {
                per_feed
                    .entry(Feed::Community(*group))
                    .or_default()
                    .insert(*thread);
            }
        }
        self.counts = per_feed
            .into_iter()
            .map(|(feed, threads)| (feed, threads.len()))
            .collect();
    }
}

#[cfg(test)]
#[path = "unread_tests.rs"]
mod tests;
