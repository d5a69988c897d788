//! The plain people directory, searched as the user types: every typed word must appear in a
//! person's name, username, expertise, job title, department or location (as a word start or
//! anywhere inside); better places rank higher. Also the facet lists for the filters. Hidden
//! people are skipped here as everywhere.

use std::collections::HashMap;

use super::doc::PersonDoc;
use super::index::ExpertiseIndex;
use super::people::PersonIdx;
use super::query::{MAX_QUERY_WORDS, Query, SortOrder};
use super::tokenize::fold;

/// Values to filter by, each with how many visible people have it, most common first.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Facets {
    pub departments: Vec<(String, usize)>,
    pub locations: Vec<(String, usize)>,
    pub expertise: Vec<(String, usize)>,
}

/// Where in a profile a word starts.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Field {
    Name,
    Username,
    Expertise,
    /// Job title, department or location.
    Other,
}

/// A person's folded profile text as the directory searches it: name, username, expertise, job
/// title, department and location joined by newlines (one fast substring test rules most people
/// out), plus where each word starts, so prefix tests are plain byte comparisons.
#[derive(Debug, Clone, Default)]
pub struct DirectoryText {
    all: String,
    /// End of the name in `all`; the username follows it.
    name_end: usize,
    username_end: usize,
    word_starts: Vec<(u32, Field)>,
}

impl DirectoryText {
    pub fn new(doc: &PersonDoc) -> Self {
        let mut text = DirectoryText::default();
        text.push(&doc.full_name, Field::Name);
        text.name_end = text.all.len();
        text.push(&doc.username, Field::Username);
        text.username_end = text.all.len();
        for tag in &doc.expertise {
            text.push(tag, Field::Expertise);
        }
        for value in [&doc.job_title, &doc.department, &doc.location]
            .into_iter()
            .flatten()
        {
            text.push(value, Field::Other);
        }
        text
    }

    fn push(&mut self, value: &str, field: Field) {
        let start = self.all.len();
        self.all.push_str(&fold(value));
        let mut previous_alphanumeric = false;
        for (at, c) in self.all[start..].char_indices() {
            let alphanumeric = c.is_alphanumeric();
            if alphanumeric && !previous_alphanumeric {
                // Profiles are far shorter than 4 GiB; an offset past that is simply not indexed.
                if let Ok(offset) = u32::try_from(start + at) {
                    self.word_starts.push((offset, field));
                }
            }
            previous_alphanumeric = alphanumeric;
        }
        self.all.push('\n');
    }

    /// Does a word of `field` start with `word`?
    fn starts_word_in(&self, field: Field, word: &str) -> bool {
        self.word_starts
            .iter()
            .filter(|(_, f)| *f == field)
            .any(|&(at, _)| {
                self.all
                    .get(at as usize..)
                    .is_some_and(|rest| rest.starts_with(word))
            })
    }

    /// How well one typed word matches: the best place it was found (0 when absent).
    fn word_score(&self, word: &str) -> u32 {
        if !self.all.contains(word) {
            0
        } else if self.all.starts_with(word) {
            100
        } else if self.starts_word_in(Field::Name, word) {
            90
        } else if self
            .all
            .get(self.name_end..)
            .is_some_and(|rest| rest.starts_with(word))
        {
            80
        } else if self.starts_word_in(Field::Expertise, word) {
            60
        } else if self.starts_word_in(Field::Other, word) {
            50
        } else if self
            .all
            .get(..self.username_end)
            .is_some_and(|head| head.contains(word))
        {
            30
        } else {
            10
        }
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
            let mut total = 0;
            for word in &words {
                match slot.directory.word_score(word) {
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

#[cfg(test)]
mod tests {
    use super::*;

    fn text(name: &str, username: &str, tags: &[&str], other: [&str; 3]) -> DirectoryText {
        DirectoryText::new(&PersonDoc {
            full_name: name.into(),
            username: username.into(),
            expertise: tags.iter().map(|t| t.to_string()).collect(),
            job_title: Some(other[0].into()),
            department: Some(other[1].into()),
            location: Some(other[2].into()),
            ..PersonDoc::default()
        })
    }

    #[test]
    fn word_starts_are_found_after_punctuation_only() {
        let person = text("Anne-Marie Smit", "ams", &[], ["", "", ""]);
        assert_eq!(person.word_score("marie"), 90);
        assert_eq!(person.word_score("smi"), 90);
        assert_eq!(person.word_score("arie"), 30);
        assert_eq!(person.word_score("xyz"), 0);
    }

    #[test]
    fn name_starts_rank_above_tags_above_inner_matches() {
        let person = text(
            "Kim de Vries",
            "kimdv",
            &["Kubernetes"],
            ["SRE", "Platform", "Amsterdam"],
        );
        let score = |w: &str| person.word_score(w);
        assert!(score("kim") > score("vries"));
        assert!(score("vries") > score("kimd"));
        assert!(score("kimd") > score("kube"));
        assert!(score("kube") > score("amst"));
        assert!(score("amst") > score("ries"));
        assert!(score("ries") > score("ernet"));
        assert!(score("ernet") > score("nowhere"));
    }
}
