//! The message store of the index: per message only what ranking and explanations need (sender,
//! time, likes, community, topics, its terms) — never the body. Removed messages stay as
//! tombstones (their postings are marked, not deleted). It must not tokenise or rank.

use super::hash::FxHashMap;
use super::person_idx::PersonIdx;
use super::vocab::TermId;

/// Dense index of a message inside the index.
pub type MsgIdx = u32;

/// What is kept of one message.
#[derive(Debug, Clone)]
pub struct MessageMeta {
    pub id: u64,
    pub sender: PersonIdx,
    /// Interned topics.
    pub topics: Box<[u32]>,
    /// Its terms with their frequencies, sorted by term.
    pub terms: Box<[(TermId, u16)]>,
    /// Number of tokens (its share of the sender's document length).
    pub len: u32,
    pub likes: u32,
}

/// How much a message's likes raise its weight: 1 with none, about 2 with 50.
pub fn like_factor(likes: u32) -> f32 {
    1.0 + 0.25 * (1.0 + likes.min(10_000) as f32).ln()
}

/// What the ranking loop reads for every posting, packed together (one cache line fetch).
#[derive(Debug, Clone, Copy)]
pub struct MessageHot {
    pub created_at: i64,
    pub like_factor: f32,
    /// Interned community, or `intern::NONE`.
    pub community: u32,
    pub live: bool,
}

/// All messages ever added; hot fields in their own array for the ranking loop.
#[derive(Debug, Default)]
pub struct Messages {
    by_id: FxHashMap<u64, MsgIdx>,
    pub meta: Vec<MessageMeta>,
    pub hot: Vec<MessageHot>,
    live_count: usize,
}

impl Messages {
    /// Is a live message with this id indexed?
    pub fn contains(&self, id: u64) -> bool {
        self.by_id.contains_key(&id)
    }

    pub fn live_count(&self) -> usize {
        self.live_count
    }

    pub fn is_live(&self, idx: MsgIdx) -> bool {
        self.hot.get(idx as usize).is_some_and(|h| h.live)
    }

    pub fn created_at(&self, idx: MsgIdx) -> Option<i64> {
        self.hot.get(idx as usize).map(|h| h.created_at)
    }

    /// The index the next pushed message will get.
    pub fn next_index(&self) -> MsgIdx {
        // A client would need four billion messages to overflow this.
        MsgIdx::try_from(self.meta.len()).unwrap_or(MsgIdx::MAX)
    }

    pub fn push(&mut self, meta: MessageMeta, created_at: i64, community: u32) -> MsgIdx {
        // A client would need four billion messages to overflow this.
        let idx = MsgIdx::try_from(self.meta.len()).unwrap_or(MsgIdx::MAX);
        self.by_id.insert(meta.id, idx);
        self.hot.push(MessageHot {
            created_at,
            like_factor: like_factor(meta.likes),
            community,
            live: true,
        });
        self.meta.push(meta);
        self.live_count += 1;
        idx
    }

    /// Marks the message removed and returns its index; its id may be added again later.
    pub fn remove(&mut self, id: u64) -> Option<MsgIdx> {
        let idx = self.by_id.remove(&id)?;
        if let Some(hot) = self.hot.get_mut(idx as usize) {
            hot.live = false;
            self.live_count -= 1;
        }
        Some(idx)
    }

    /// Updates the like count of a live message; its index, `None` when unknown.
    pub fn set_likes(&mut self, id: u64, likes: u32) -> Option<MsgIdx> {
        let &idx = self.by_id.get(&id)?;
        let (Some(meta), Some(hot)) = (
            self.meta.get_mut(idx as usize),
            self.hot.get_mut(idx as usize),
        ) else {
            return None;
        };
        meta.likes = likes;
        hot.like_factor = like_factor(likes);
        Some(idx)
    }
}

#[cfg(test)]
mod tests {
    use super::super::intern::NONE;
    use super::*;

    fn meta(id: u64) -> MessageMeta {
        MessageMeta {
            id,
            sender: 0,
            topics: Box::new([]),
            terms: Box::new([(3, 2), (9, 1)]),
            len: 3,
            likes: 0,
        }
    }

    #[test]
    fn removal_leaves_a_tombstone_and_frees_the_id() {
        let mut messages = Messages::default();
        let first = messages.push(meta(10), 100, NONE);
        assert!(messages.contains(10));
        assert_eq!(messages.remove(10), Some(first));
        assert!(!messages.is_live(first));
        assert_eq!(messages.remove(10), None);
        assert_eq!(messages.live_count(), 0);
        let again = messages.push(meta(10), 100, NONE);
        assert_ne!(again, first);
        assert_eq!(messages.live_count(), 1);
    }

    #[test]
    fn likes_raise_weight_with_diminishing_returns() {
        assert!((like_factor(0) - 1.0).abs() < f32::EPSILON);
        assert!(like_factor(5) > like_factor(1));
        assert!(like_factor(u32::MAX) < 4.0);
        let mut messages = Messages::default();
        let idx = messages.push(meta(1), 0, NONE);
        assert_eq!(messages.set_likes(1, 50), Some(idx));
        assert!(messages.hot[idx as usize].like_factor > 1.9);
        assert_eq!(messages.set_likes(2, 1), None);
    }
}
