//! The profile card's state: whose card it is, the query it was opened with, and the threads it
//! lists — messages that match the query first (the evidence), then their other recent ones, one
//! entry per thread — with the selected entry. Rebuilt from the index and the catalog whenever
//! either grows; holds ids only.

use std::collections::HashSet;

use crate::domain::{Catalog, MessageId, ThreadId, UserId};
use crate::expertise::{ExpertiseIndex, Query};
use crate::panes::request::RequestId;

/// Most threads a card lists.
pub const MAX_CARD_THREADS: usize = 30;

/// One thread on the card, shown through the person's message in it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct CardThread {
    pub message: MessageId,
    pub thread: ThreadId,
    /// The message matches the query the card was opened with.
    pub evidence: bool,
}

/// An open profile card.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ProfileCard {
    pub person: UserId,
    /// The free text of the query when the card opened (empty: recent threads only).
    pub query: String,
    pub threads: Vec<CardThread>,
    pub selected: usize,
    /// The fetch of the person's latest messages, while in flight.
    pub written: Option<RequestId>,
    /// "Why am I listed?" shown in place of the threads (your own card only).
    pub why: Option<super::why_listed::WhyListed>,
}

impl ProfileCard {
    /// A card for `person`, opened while `query` was the free text.
    pub fn new(person: UserId, query: &str) -> Self {
        ProfileCard {
            person,
            query: query.to_owned(),
            threads: Vec::new(),
            selected: 0,
            written: None,
            why: None,
        }
    }

    /// Lists the person's threads again from the index and the catalog, keeping the selected
    /// thread selected.
    pub fn rebuild(&mut self, index: &ExpertiseIndex, catalog: &Catalog) {
        let kept = self.selected_thread().map(|t| t.thread);
        let query = Query::new(self.query.clone());
        let evidence: HashSet<u64> = index
            .evidence(self.person.0, &query, MAX_CARD_THREADS)
            .into_iter()
            .collect();
        let mut seen: HashSet<ThreadId> = HashSet::new();
        self.threads = index
            .profile_messages(self.person.0, &query, MAX_CARD_THREADS)
            .into_iter()
            .filter_map(|id| catalog.message(MessageId(id)))
            .filter(|m| seen.insert(m.thread))
            .map(|m| CardThread {
                message: m.id,
                thread: m.thread,
                evidence: evidence.contains(&m.id.0),
            })
            .collect();
        self.selected = kept
            .and_then(|t| self.threads.iter().position(|e| e.thread == t))
            .unwrap_or(0);
    }

    /// The selected thread, if the card lists any.
    pub fn selected_thread(&self) -> Option<&CardThread> {
        self.threads.get(self.selected)
    }

    /// How many listed threads are evidence for the query (they come first).
    pub fn evidence_count(&self) -> usize {
        self.threads.iter().take_while(|t| t.evidence).count()
    }
}
