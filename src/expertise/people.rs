//! Per-person storage of the index: a slot for every person seen (as a profile or as a message
//! sender), the hot per-person numbers ranking reads in its inner loop (visibility, filter keys,
//! document length), and the folded fields the directory searches. It must not rank.

use std::sync::OnceLock;

use super::directory_text::DirectoryTexts;
use super::doc::PersonDoc;
use super::hash::FxHashMap;
use super::intern::{Interner, NONE};
use super::person_idx::PersonIdx;
use super::reasons::DeclaredField;
use super::tokenize::fold;
use super::vocab::TermId;

/// Numbers read for every posting during ranking, kept small and together.
#[derive(Debug, Clone, Copy)]
pub struct PersonHot {
    /// Has a profile and agreed to be in the directory.
    pub visible: bool,
    /// Interned folded department, or `NONE`.
    pub department: u32,
    /// Interned folded location, or `NONE`.
    pub location: u32,
    /// Tokens across their live messages (BM25 document length).
    pub doc_len: u32,
}

/// A term a person declared, and where: which field and which tag of it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DeclaredTerm {
    pub term: TermId,
    pub field: DeclaredField,
    pub tag: u16,
}

/// Everything else known about one person.
#[derive(Debug, Default)]
pub struct PersonSlot {
    pub doc: Option<PersonDoc>,
    /// Folded display name: the name sort key.
    pub sort_key: String,
    pub declared: Vec<DeclaredTerm>,
    /// Their messages (indices into the message store), live or removed, in arrival order.
    pub messages: Vec<u32>,
    pub live_messages: u32,
    pub last_message_at: Option<i64>,
}

impl PersonSlot {
    /// The newer of their profile's last activity and their newest message.
    pub fn last_active(&self) -> Option<i64> {
        let profile = self.doc.as_ref().and_then(|d| d.last_active);
        profile.max(self.last_message_at)
    }
}

/// All person slots, addressable by external id.
#[derive(Debug, Default)]
pub struct People {
    by_id: FxHashMap<u64, PersonIdx>,
    pub ids: Vec<u64>,
    pub hot: Vec<PersonHot>,
    pub slots: Vec<PersonSlot>,
    /// Folded departments and locations share one key space.
    pub places: Interner,
    /// What the directory searches.
    pub directory: DirectoryTexts,
    /// Each person's position in name order (sort key, then id), built on first use after a
    /// profile changes. Sorting then compares integers, not strings.
    name_rank: OnceLock<Vec<u32>>,
}

impl People {
    pub fn len(&self) -> usize {
        self.ids.len()
    }

    pub fn find(&self, id: u64) -> Option<PersonIdx> {
        self.by_id.get(&id).copied()
    }

    /// The slot of `id`, created empty (no profile, invisible) if new.
    pub fn slot_for(&mut self, id: u64) -> PersonIdx {
        if let Some(&idx) = self.by_id.get(&id) {
            return idx;
        }
        // A network would need four billion people to overflow this.
        let idx = PersonIdx::try_from(self.ids.len()).unwrap_or(PersonIdx::MAX);
        self.by_id.insert(id, idx);
        self.ids.push(id);
        self.hot.push(PersonHot {
            visible: false,
            department: NONE,
            location: NONE,
            doc_len: 0,
        });
        self.slots.push(PersonSlot::default());
        idx
    }

    pub fn is_visible(&self, idx: PersonIdx) -> bool {
        self.hot.get(idx as usize).is_some_and(|h| h.visible)
    }

    /// The profile of a visible person.
    pub fn visible_doc(&self, idx: PersonIdx) -> Option<&PersonDoc> {
        if !self.is_visible(idx) {
            return None;
        }
        self.slots.get(idx as usize).and_then(|s| s.doc.as_ref())
    }

    /// Stores a cleaned profile in its slot and refreshes the derived keys.
    /// The caller re-indexes declared terms.
    pub fn set_profile(&mut self, idx: PersonIdx, doc: PersonDoc) {
        let department = self.place_key(doc.department.as_deref());
        let location = self.place_key(doc.location.as_deref());
        let (Some(hot), Some(slot)) = (
            self.hot.get_mut(idx as usize),
            self.slots.get_mut(idx as usize),
        ) else {
            return;
        };
        hot.visible = doc.show_in_directory;
        hot.department = department;
        hot.location = location;
        let sort_key = fold(doc.display_name());
        if slot.doc.is_none() || slot.sort_key != sort_key {
            self.name_rank = OnceLock::new();
        }
        slot.sort_key = sort_key;
        self.directory.set(idx, &doc);
        slot.doc = Some(doc);
    }

    /// Position of `idx` in name order; people without a profile have none (they are never
    /// listed).
    pub fn name_rank(&self, idx: PersonIdx) -> Option<u32> {
        let ranks = self.name_rank.get_or_init(|| {
            let mut order: Vec<PersonIdx> = (0..).zip(&self.ids).map(|(idx, _)| idx).collect();
            order.sort_by(|&a, &b| {
                let key = |i: PersonIdx| self.slots.get(i as usize).map(|s| s.sort_key.as_str());
                key(a)
                    .cmp(&key(b))
                    .then_with(|| self.ids.get(a as usize).cmp(&self.ids.get(b as usize)))
            });
            let mut ranks = vec![0; order.len()];
            for (rank, idx) in (0..).zip(order) {
                if let Some(slot) = ranks.get_mut(idx as usize) {
                    *slot = rank;
                }
            }
            ranks
        });
        ranks.get(idx as usize).copied()
    }

    fn place_key(&mut self, value: Option<&str>) -> u32 {
        value.map_or(NONE, |v| self.places.intern(&fold(v), v))
    }

    /// The key a department or location filter resolves to: `Some(NONE)` when nobody has it.
    pub fn filter_key(&self, value: Option<&str>) -> Option<u32> {
        value.map(|v| self.places.get(&fold(v.trim())).unwrap_or(NONE))
    }

    /// Does `idx` pass the resolved department and location filters?
    pub fn passes(&self, idx: PersonIdx, department: Option<u32>, location: Option<u32>) -> bool {
        let Some(hot) = self.hot.get(idx as usize) else {
            return false;
        };
        hot.visible
            && department.is_none_or(|d| d != NONE && hot.department == d)
            && location.is_none_or(|l| l != NONE && hot.location == l)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn person(id: u64, department: &str, visible: bool) -> PersonDoc {
        PersonDoc {
            id,
            full_name: format!("Person {id}"),
            department: Some(department.into()),
            show_in_directory: visible,
            ..PersonDoc::default()
        }
    }

    #[test]
    fn senders_without_profiles_stay_invisible() {
        let mut people = People::default();
        let idx = people.slot_for(42);
        assert_eq!(people.slot_for(42), idx);
        assert!(!people.is_visible(idx));
        assert!(people.visible_doc(idx).is_none());
        people.set_profile(idx, person(42, "Legal", true));
        assert!(people.is_visible(idx));
        people.set_profile(idx, person(42, "Legal", false));
        assert!(people.visible_doc(idx).is_none());
    }

    #[test]
    fn filters_compare_folded_values_and_unknown_values_match_nobody() {
        let mut people = People::default();
        let idx = people.slot_for(1);
        people.set_profile(idx, person(1, "Platform Engineering", true));
        let platform = people.filter_key(Some(" platform engineering "));
        assert!(people.passes(idx, platform, None));
        let unknown = people.filter_key(Some("Sales"));
        assert!(!people.passes(idx, unknown, None));
        assert!(!people.passes(idx, None, unknown));
    }

    #[test]
    fn last_active_takes_the_newer_of_profile_and_messages() {
        let mut slot = PersonSlot {
            last_message_at: Some(50),
            ..PersonSlot::default()
        };
        assert_eq!(slot.last_active(), Some(50));
        slot.doc = Some(PersonDoc {
            last_active: Some(80),
            ..PersonDoc::default()
        });
        assert_eq!(slot.last_active(), Some(80));
    }
}
