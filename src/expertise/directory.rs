//! The plain people directory, searched as the user types: every typed word must appear in a
//! person's name, username, expertise, job title, department or location (as a word start or
//! anywhere inside); better places rank higher. Also the facet lists for the filters. Hidden
//! people are skipped here as everywhere.

use std::collections::HashMap;

use super::index::ExpertiseIndex;
use super::people::{DirectoryText, PersonIdx};
use super::query::{MAX_QUERY_WORDS, Query, SortOrder};
use super::tokenize::fold;

/// Values to filter by, each with how many visible people have it, most common first.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Facets {
    pub departments: Vec<(String, usize)>,
    pub locations: Vec<(String, usize)>,
    pub expertise: Vec<(String, usize)>,
}

/// Does `word` start a word of `field` (at the start, or after a non-alphanumeric char)?
fn starts_a_word(field: &str, word: &str) -> bool {
    field.match_indices(word).any(|(at, _)| {
        field[..at]
            .chars()
            .next_back()
            .is_none_or(|c| !c.is_alphanumeric())
    })
}

/// How well one typed word matches a person: the best place it was found.
fn word_score(text: &DirectoryText, word: &str) -> u32 {
    if text.name.starts_with(word) {
        100
    } else if starts_a_word(&text.name, word) {
        90
    } else if text.username.starts_with(word) {
        80
    } else if text.tags.iter().any(|t| starts_a_word(t, word)) {
        60
    } else if text.other.iter().any(|t| starts_a_word(t, word)) {
        50
    } else if text.name.contains(word) || text.username.contains(word) {
        30
    } else {
        10
    }
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
        for (idx, slot) in (0..).zip(&self.people.slots) {
            if !self.people.passes(idx, department, location) {
                continue;
            }
            let text = &slot.directory;
            if words.iter().all(|w| text.all.contains(w)) {
                hits.push((words.iter().map(|w| word_score(text, w)).sum(), idx));
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

#[cfg(test)]
mod tests {
    use super::*;

    fn text(name: &str, username: &str, tags: &[&str], other: &[&str]) -> DirectoryText {
        DirectoryText {
            name: name.into(),
            username: username.into(),
            tags: tags.iter().map(|t| t.to_string()).collect(),
            other: other.iter().map(|t| t.to_string()).collect(),
            all: String::new(),
        }
    }

    #[test]
    fn word_starts_are_found_after_punctuation_only() {
        assert!(starts_a_word("anne-marie smit", "marie"));
        assert!(starts_a_word("anne-marie smit", "smi"));
        assert!(!starts_a_word("anne-marie smit", "arie"));
        assert!(!starts_a_word("", "a"));
    }

    #[test]
    fn name_starts_rank_above_tags_above_inner_matches() {
        let person = text(
            "kim de vries",
            "kimdv",
            &["kubernetes"],
            &["platform", "amsterdam"],
        );
        assert!(word_score(&person, "kim") > word_score(&person, "vries"));
        assert!(word_score(&person, "vries") > word_score(&person, "kimd"));
        assert!(word_score(&person, "kimd") > word_score(&person, "kube"));
        assert!(word_score(&person, "kube") > word_score(&person, "amst"));
        assert!(word_score(&person, "amst") > word_score(&person, "ries"));
        assert!(word_score(&person, "ries") > word_score(&person, "ernet"));
    }
}
