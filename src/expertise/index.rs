//! `ExpertiseIndex` and its incremental updates: profiles in (`upsert_person`), messages in and
//! out (`add_message`, `remove_message`, `set_likes`), each touching only the terms involved —
//! nothing is ever rebuilt. Holds the inverted index: term → postings (message, person, term
//! frequency) and term → declared postings, plus per-person document lengths and, per term, how
//! many people use it. Ranking lives in `rank`, the directory in `directory`.

use super::doc::{MessageDoc, PersonDoc};
use super::hash::FxHashMap;
use super::intern::{Interner, NONE};
use super::messages::{MessageMeta, Messages, like_factor};
use super::people::{DeclaredTerm, People};
use super::person_idx::PersonIdx;
use super::postings::{DeclaredPosting, Posting, TermData};
use super::reasons::DeclaredField;
use super::stats::IndexStats;
use super::tokenize::{fold, for_each_term};
use super::vocab::{TermId, Vocabulary};

/// A topic's words count this many times in each message posted under it.
const TOPIC_TERM_WEIGHT: u16 = 2;

/// Whether `add_message` changed the index.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Added {
    New,
    /// A live message with this id is already indexed; nothing changed.
    AlreadyIndexed,
}

// The index is built and queried on a worker thread and may be shared read-only.
const _: fn() = || {
    fn assert_send_sync<T: Send + Sync>() {}
    assert_send_sync::<ExpertiseIndex>();
};

/// The people-expertise index. See the module documentation of `expertise`.
#[derive(Debug, Default)]
pub struct ExpertiseIndex {
    pub(super) vocab: Vocabulary,
    pub(super) terms: Vec<TermData>,
    pub(super) people: People,
    pub(super) messages: Messages,
    pub(super) communities: Interner,
    pub(super) topics: Interner,
    /// The terms of each topic's name, by topic id.
    pub(super) topic_terms: Vec<Box<[TermId]>>,
    /// Live messages per (topic, person): the counts behind topic reasons.
    pub(super) topic_people: FxHashMap<(u32, PersonIdx), u32>,
    /// Reused buffer for a message's term counts (saves two allocations per message).
    term_scratch: Vec<(TermId, u16)>,
    /// People with at least one live message, and their summed document lengths.
    pub(super) senders: u32,
    pub(super) total_doc_len: u64,
    people_expected: Option<usize>,
    people_complete: bool,
}

impl ExpertiseIndex {
    pub fn new() -> Self {
        Self::default()
    }

    fn intern_term(&mut self, term: &str) -> TermId {
        let id = self.vocab.intern(term);
        if self.terms.len() < self.vocab.len() {
            self.terms.resize_with(self.vocab.len(), TermData::default);
        }
        id
    }

    /// Adds or replaces a profile. Hiding someone (`show_in_directory = false`) removes them from
    /// every result at once; their messages stay indexed for when they reappear.
    pub fn upsert_person(&mut self, doc: PersonDoc) {
        let doc = doc.cleaned();
        let idx = self.people.slot_for(doc.id);
        if self
            .people
            .slots
            .get(idx as usize)
            .is_some_and(|s| s.doc.as_ref() == Some(&doc))
        {
            // A refresh of an unchanged profile: skip re-indexing (declared postings of common
            // title words can be long).
            return;
        }
        let old = self
            .people
            .slots
            .get_mut(idx as usize)
            .map(|s| std::mem::take(&mut s.declared));
        for declared in old.unwrap_or_default() {
            if let Some(data) = self.terms.get_mut(declared.term as usize) {
                data.declared.retain(|p| p.person != idx);
            }
        }
        let mut fields: Vec<(DeclaredField, u16, &str)> = Vec::new();
        for (tag, text) in (0u16..).zip(&doc.expertise) {
            fields.push((DeclaredField::Expertise, tag, text));
        }
        for (tag, text) in (0u16..).zip(&doc.interests) {
            fields.push((DeclaredField::Interest, tag, text));
        }
        if let Some(title) = &doc.job_title {
            fields.push((DeclaredField::JobTitle, 0, title));
        }
        let mut declared: Vec<DeclaredTerm> = Vec::new();
        for (field, tag, text) in fields {
            for_each_term(text, |_, stem| {
                let term = self.intern_term(stem);
                let entry = DeclaredTerm { term, field, tag };
                if !declared.contains(&entry) {
                    declared.push(entry);
                }
            });
        }
        for entry in &declared {
            if let Some(data) = self.terms.get_mut(entry.term as usize) {
                data.declared.push(DeclaredPosting {
                    person: idx,
                    field: entry.field,
                });
            }
        }
        self.people.set_profile(idx, doc);
        if let Some(slot) = self.people.slots.get_mut(idx as usize) {
            slot.declared = declared;
        }
    }

    /// Indexes one message; adding an id that is already indexed changes nothing.
    pub fn add_message(&mut self, msg: MessageDoc) -> Added {
        if self.messages.contains(msg.id) {
            return Added::AlreadyIndexed;
        }
        let sender = self.people.slot_for(msg.sender_id);
        let community = match msg.community.as_deref().map(str::trim) {
            Some(name) if !name.is_empty() => self.communities.intern(&fold(name), name),
            _ => NONE,
        };
        let mut counted = std::mem::take(&mut self.term_scratch);
        counted.clear();
        let mut len: u32 = 0;
        for_each_term(&msg.body, |_, stem| {
            counted.push((self.intern_term(stem), 1));
            len += 1;
        });
        let mut topics: Vec<u32> = Vec::new();
        for name in msg.topics.iter().map(|t| t.trim().trim_start_matches('#')) {
            let Some(topic) = self.intern_topic(name) else {
                continue;
            };
            if topics.contains(&topic) {
                continue;
            }
            topics.push(topic);
            for &term in self.topic_terms.get(topic as usize).into_iter().flatten() {
                counted.push((term, TOPIC_TERM_WEIGHT));
                len += 1;
            }
        }
        for &topic in &topics {
            *self.topic_people.entry((topic, sender)).or_insert(0) += 1;
        }
        merge_counts(&mut counted);
        let terms: Box<[(TermId, u16)]> = counted.as_slice().into();
        self.term_scratch = counted;
        let idx = self.messages.next_index();
        for &(term, tf) in terms.iter() {
            if let Some(data) = self.terms.get_mut(term as usize) {
                data.postings
                    .push(Posting::new(idx, sender, msg.created_at, msg.likes, tf));
                data.live_messages += 1;
            }
        }
        let meta = MessageMeta {
            id: msg.id,
            sender,
            topics: topics.into(),
            terms,
            len,
            likes: msg.likes,
        };
        self.messages.push(meta, msg.created_at, community);
        if let (Some(slot), Some(hot)) = (
            self.people.slots.get_mut(sender as usize),
            self.people.hot.get_mut(sender as usize),
        ) {
            slot.messages.push(idx);
            slot.live_messages += 1;
            slot.last_message_at = slot.last_message_at.max(Some(msg.created_at));
            if slot.live_messages == 1 {
                self.senders += 1;
            }
            hot.doc_len = hot.doc_len.saturating_add(len);
            self.total_doc_len += u64::from(len);
        }
        Added::New
    }

    fn intern_topic(&mut self, name: &str) -> Option<u32> {
        let key = fold(name);
        if key.is_empty() {
            return None;
        }
        if let Some(id) = self.topics.get(&key) {
            return Some(id);
        }
        let mut words = Vec::new();
        for_each_term(name, |_, stem| words.push(stem.to_owned()));
        let terms: Box<[TermId]> = words.iter().map(|w| self.intern_term(w)).collect();
        let id = self.topics.intern(&key, name);
        if self.topic_terms.len() <= id as usize {
            self.topic_terms
                .resize_with(id as usize + 1, Default::default);
        }
        if let Some(slot) = self.topic_terms.get_mut(id as usize) {
            *slot = terms;
        }
        Some(id)
    }

    /// Removes a message (deleted upstream); false when it was not indexed.
    pub fn remove_message(&mut self, id: u64) -> bool {
        let Some(idx) = self.messages.remove(id) else {
            return false;
        };
        let Some(meta) = self.messages.meta.get(idx as usize) else {
            return false;
        };
        let (sender, len) = (meta.sender, meta.len);
        for &(term, _) in meta.terms.iter() {
            let Some(data) = self.terms.get_mut(term as usize) else {
                continue;
            };
            if let Some(posting) = data.posting_mut(idx) {
                posting.tf = 0;
                data.live_messages = data.live_messages.saturating_sub(1);
            }
        }
        for &topic in meta.topics.iter() {
            if let Some(count) = self.topic_people.get_mut(&(topic, sender)) {
                *count -= 1;
                if *count == 0 {
                    self.topic_people.remove(&(topic, sender));
                }
            }
        }
        let messages = &self.messages;
        if let (Some(slot), Some(hot)) = (
            self.people.slots.get_mut(sender as usize),
            self.people.hot.get_mut(sender as usize),
        ) {
            slot.messages.retain(|&m| m != idx);
            slot.live_messages = slot.live_messages.saturating_sub(1);
            slot.last_message_at = slot
                .messages
                .iter()
                .filter_map(|&m| messages.created_at(m))
                .max();
            if slot.live_messages == 0 {
                self.senders = self.senders.saturating_sub(1);
            }
            hot.doc_len = hot.doc_len.saturating_sub(len);
            self.total_doc_len = self.total_doc_len.saturating_sub(u64::from(len));
        }
        true
    }

    /// Updates the like count of an indexed message; false when unknown.
    pub fn set_likes(&mut self, id: u64, likes: u32) -> bool {
        let Some(idx) = self.messages.set_likes(id, likes) else {
            return false;
        };
        let factor = like_factor(likes);
        let terms = self
            .messages
            .meta
            .get(idx as usize)
            .map(|m| &m.terms[..])
            .unwrap_or_default();
        for &(term, _) in terms {
            if let Some(posting) = self
                .terms
                .get_mut(term as usize)
                .and_then(|d| d.posting_mut(idx))
            {
                posting.like_factor = factor;
            }
        }
        true
    }

    /// The profile of a person who is visible in the directory.
    pub fn person(&self, id: u64) -> Option<&PersonDoc> {
        self.people.visible_doc(self.people.find(id)?)
    }

    /// The profile of a person whether or not the directory shows them: only for what they see
    /// of themselves (their own profile form, "why am I listed?"); rankings use [`Self::person`].
    pub fn own_profile(&self, id: u64) -> Option<&PersonDoc> {
        let idx = self.people.find(id)?;
        self.people.slots.get(idx as usize)?.doc.as_ref()
    }

    /// People whose profile says they are hidden from the directory, by id.
    pub fn hidden_people(&self) -> Vec<u64> {
        let people = &self.people;
        people
            .ids
            .iter()
            .zip(people.hot.iter().zip(&people.slots))
            .filter(|(_, (hot, slot))| !hot.visible && slot.doc.is_some())
            .map(|(id, _)| *id)
            .collect()
    }

    /// Tells the index how many people the network has (from the users API), for progress.
    pub fn set_people_expected(&mut self, total: Option<usize>) {
        self.people_expected = total;
    }

    /// Marks the people listing as fully paged in.
    pub fn mark_people_complete(&mut self) {
        self.people_complete = true;
    }

    /// How complete the index is, for a progress line while it fills.
    pub fn stats(&self) -> IndexStats {
        let slots = &self.people.slots;
        IndexStats {
            people_known: slots.iter().filter(|s| s.doc.is_some()).count(),
            people_visible: self.people.hot.iter().filter(|h| h.visible).count(),
            people_expected: self.people_expected,
            people_complete: self.people_complete,
            messages_indexed: self.messages.live_count(),
            senders_without_profile: slots
                .iter()
                .filter(|s| s.doc.is_none() && s.live_messages > 0)
                .count(),
            terms: self.vocab.len(),
        }
    }
}

/// Sorts `(term, count)` pairs by term and sums the counts of equal terms, in place.
fn merge_counts(counted: &mut Vec<(TermId, u16)>) {
    counted.sort_unstable_by_key(|(term, _)| *term);
    counted.dedup_by(|later, kept| {
        let same = later.0 == kept.0;
        if same {
            kept.1 = kept.1.saturating_add(later.1);
        }
        same
    });
}
