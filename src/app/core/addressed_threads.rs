//! Which threads are the Mentions and Replies to me views', kept across restarts: both are views
//! of the Inbox the client narrows itself (the server counts neither), so without this their
//! unread counts would read 0 at start until an Inbox page came, and offline for good.
//!
//! Owns the text form of the two sets (an account fact in the cache), noticing when they grew
//! and what start-up brings back. Pure: keeping them leaves `update` as an `Effect::KeepFact`;
//! this module must not touch the cache. The counting itself is [`crate::app::core::unread`]'s.

use serde::{Deserialize, Serialize};

use crate::app::core::effect::Effect;
use crate::app::core::state::State;
use crate::domain::{Feed, ThreadId};
use crate::store::FACT_ADDRESSED;

/// How many threads of each view are kept (the newest; older ones are long read).
pub const KEPT: usize = 500;

/// The threads of the Mentions and Replies to me views, newest first.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct AddressedThreads {
    #[serde(default)]
    pub mentions: Vec<u64>,
    #[serde(default)]
    pub replies: Vec<u64>,
}

impl AddressedThreads {
    /// The sets from their stored text; unreadable text holds none.
    pub fn from_text(text: &str) -> Self {
        serde_json::from_str(text).unwrap_or_default()
    }

    /// The text the cache keeps.
    pub fn to_text(&self) -> String {
        serde_json::to_string(self).unwrap_or_default()
    }

    /// What the unread bookkeeping of `state` holds of both views.
    pub fn of(state: &State) -> Self {
        let newest = |feed| {
            let mut ids: Vec<u64> = state
                .unread
                .members(feed)
                .map(|m| m.iter().map(|t| t.0).collect())
                .unwrap_or_default();
            ids.sort_unstable_by(|a, b| b.cmp(a));
            ids.truncate(KEPT);
            ids
        };
        Self {
            mentions: newest(Feed::Mentions),
            replies: newest(Feed::RepliesToMe),
        }
    }

    /// The (view, thread) pairs the unread bookkeeping restores.
    pub fn feed_threads(&self) -> impl Iterator<Item = (Feed, ThreadId)> + '_ {
        let mentions = self.mentions.iter().map(|t| (Feed::Mentions, ThreadId(*t)));
        let replies = self
            .replies
            .iter()
            .map(|t| (Feed::RepliesToMe, ThreadId(*t)));
        mentions.chain(replies)
    }
}

/// How many threads both views hold now (to see whether a page added any).
pub fn sizes(state: &State) -> (usize, usize) {
    let size = |feed| state.unread.members(feed).map_or(0, |m| m.len());
    (size(Feed::Mentions), size(Feed::RepliesToMe))
}

/// Keeps both views' threads when a page added some since `before` (from [`sizes`]).
pub fn keep_if_grown(state: &State, before: (usize, usize)) -> Option<Effect> {
    (sizes(state) != before).then(|| Effect::KeepFact {
        fact: FACT_ADDRESSED,
        value: AddressedThreads::of(state).to_text(),
    })
}

#[cfg(test)]
#[path = "addressed_threads_tests.rs"]
mod tests;
