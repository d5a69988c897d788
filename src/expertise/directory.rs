//! The plain people directory, searched as the user types: every typed word must appear in a
//! person's name, username, expertise, job title, department or location (as a word start or
//! anywhere inside; see `directory_text`); better places rank higher. Also the facet lists for
//! the filters. Hidden people are skipped here as everywhere.

use std::collections::HashMap;

use super::index::ExpertiseIndex;
use super::person_idx::PersonIdx;
use super::query::{MAX_QUERY_WORDS, Query, SortOrder};
use super::tokenize::fold;

/// Values to filter by, each with how many visible people have it, most common first.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Facets {
    pub departments: Vec<(String, usize)>,
    pub locations: Vec<(String, usize)>,
    pub expertise: Vec<(String, usize)>,
}

impl ExpertiseIndex {
    /// Ids of visible people matching the typed text and filters, in the requested order (an
    /// empty text lists everyone; relevance without text means by name).
    pub fn directory(&self, query: &Query) -> Vec<u64> {
        let folded = fold(query.bounded_text());
        let words: Vec<&str> = folded.split_whitespace().take(MAX_QUERY_WORDS).collect();
        let department = self.people.filter_key(query.department.as_deref());
        let location = self.people.filter_key(query.location.as_deref());
        let mut hits: Vec<(u32, PersonIdx)> = Vec::new();
        for idx in (0..).zip(&self.people.hot).map(|(idx, _)| idx) {
            if !self.people.passes(idx, department, location) {
                continue;
            }
            let mut total = 0;
            for word in &words {
                match self.people.directory.word_score(idx, word) {
                    0 => {
                        total = 0;
                        break;
                    }
                    score => total += score,
                }
            }
            if total > 0 || words.is_empty() {
                hits.push((total, idx));
            }
        }
        let compare = |a: &(u32, PersonIdx), b: &(u32, PersonIdx)| match query.sort {
            SortOrder::Relevance => {
                b.0.cmp(&a.0)
                    .then_with(|| self.compare_people(a.1, b.1, SortOrder::Name))
            }
            other => self.compare_people(a.1, b.1, other),
        };
        if let Some(limit) = query.limit
            && limit < hits.len()
        {
            if limit == 0 {
                return Vec::new();
            }
            hits.select_nth_unstable_by(limit - 1, compare);
            hits.truncate(limit);
        }
        hits.sort_unstable_by(compare);
        hits.into_iter()
            .filter_map(|(_, idx)| self.people.ids.get(idx as usize).copied())
            .collect()
    }

    /// Departments, locations and expertise tags of visible people, for filter pickers.
    pub fn facets(&self) -> Facets {
        let mut departments: HashMap<u32, usize> = HashMap::new();
        let mut locations: HashMap<u32, usize> = HashMap::new();
        let mut expertise: HashMap<String, (String, usize)> = HashMap::new();
        for (hot, slot) in self.people.hot.iter().zip(&self.people.slots) {
            let Some(doc) = slot.doc.as_ref().filter(|_| hot.visible) else {
                continue;
            };
            if doc.department.is_some() {
                *departments.entry(hot.department).or_default() += 1;
            }
            if doc.location.is_some() {
                *locations.entry(hot.location).or_default() += 1;
            }
            for tag in &doc.expertise {
                expertise
                    .entry(fold(tag))
                    .or_insert_with(|| (tag.clone(), 0))
                    .1 += 1;
            }
        }
        let named = |counts: HashMap<u32, usize>| {
            counts
                .into_iter()
                .map(|(key, n)| (self.people.places.shown(key).to_owned(), n))
                .collect()
        };
        Facets {
            departments: most_common_first(named(departments)),
            locations: most_common_first(named(locations)),
            expertise: most_common_first(expertise.into_values().collect()),
        }
    }
}

fn most_common_first(mut values: Vec<(String, usize)>) -> Vec<(String, usize)> {
    values.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
    values
}
