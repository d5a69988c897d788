//! The text the directory searches, kept in one contiguous arena so a keystroke scans memory
//! sequentially instead of visiting 20k separate strings: per person, their folded name,
//! username, expertise, job title, department and location joined by newlines, plus where each
//! word starts (prefix tests become byte comparisons). A changed profile is appended anew; the
//! arena is compacted when more than half of it is stale. It must not know about queries.

use super::doc::PersonDoc;
use super::person_idx::PersonIdx;
use super::tokenize::fold;

/// Longest part of one profile field that is searchable, in bytes.
const MAX_FIELD_BYTES: usize = 512;
/// Arenas smaller than this are never compacted.
const COMPACT_MIN_BYTES: usize = 1 << 16;

/// Where in a profile a word starts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Field {
    Name,
    Username,
    Expertise,
    /// Job title, department or location.
    Other,
}

/// One person's span of the arena (offsets inside it are relative to `start`).
#[derive(Debug, Clone, Default)]
struct Entry {
    start: usize,
    len: usize,
    /// End of the name; the username follows it up to `username_end`.
    name_end: usize,
    username_end: usize,
    /// This person's range of `DirectoryTexts::word_starts`.
    starts_from: usize,
    starts_len: usize,
}

/// All people's searchable text.
#[derive(Debug, Default)]
pub struct DirectoryTexts {
    arena: String,
    /// Every person's word starts (offset in their text, field), contiguous per person.
    word_starts: Vec<(u32, Field)>,
    entries: Vec<Entry>,
    stale_bytes: usize,
    stale_starts: usize,
}

impl DirectoryTexts {
    /// Stores the searchable text of `person`'s profile, replacing any earlier one.
    pub fn set(&mut self, person: PersonIdx, doc: &PersonDoc) {
        let index = person as usize;
        if self.entries.len() <= index {
            self.entries.resize_with(index + 1, Entry::default);
        }
        let start = self.arena.len();
        let starts_from = self.word_starts.len();
        self.push(start, &doc.full_name, Field::Name);
        let name_end = self.arena.len() - start;
        self.push(start, &doc.username, Field::Username);
        let username_end = self.arena.len() - start;
        for tag in &doc.expertise {
            self.push(start, tag, Field::Expertise);
        }
        for value in [&doc.job_title, &doc.department, &doc.location]
            .into_iter()
            .flatten()
        {
            self.push(start, value, Field::Other);
        }
        let entry = Entry {
            start,
            len: self.arena.len() - start,
            name_end,
            username_end,
            starts_from,
            starts_len: self.word_starts.len() - starts_from,
        };
        if let Some(old) = self.entries.get_mut(index) {
            self.stale_bytes += old.len;
            self.stale_starts += old.starts_len;
            *old = entry;
        }
        if self.arena.len() >= COMPACT_MIN_BYTES && self.stale_bytes * 2 > self.arena.len() {
            self.compact();
        }
    }

    fn push(&mut self, start: usize, value: &str, field: Field) {
        let mut end = value.len().min(MAX_FIELD_BYTES);
        while !value.is_char_boundary(end) {
            end -= 1;
        }
        let from = self.arena.len();
        self.arena.push_str(&fold(&value[..end]));
        let mut previous_alphanumeric = false;
        for (at, c) in self.arena[from..].char_indices() {
            let alphanumeric = c.is_alphanumeric();
            if alphanumeric && !previous_alphanumeric {
                // Bounded by MAX_FIELD_BYTES per field and MAX_TAGS tags: far below 4 GiB.
                if let Ok(offset) = u32::try_from(from + at - start) {
                    self.word_starts.push((offset, field));
                }
            }
            previous_alphanumeric = alphanumeric;
        }
        self.arena.push('\n');
    }

    /// Copies every live span into fresh buffers, dropping stale text.
    fn compact(&mut self) {
        let mut arena = String::with_capacity(self.arena.len() - self.stale_bytes);
        let mut starts = Vec::with_capacity(self.word_starts.len() - self.stale_starts);
        for entry in &mut self.entries {
            let text = self
                .arena
                .get(entry.start..entry.start + entry.len)
                .unwrap_or_default();
            entry.start = arena.len();
            arena.push_str(text);
            let own = self
                .word_starts
                .get(entry.starts_from..entry.starts_from + entry.starts_len);
            entry.starts_from = starts.len();
            starts.extend_from_slice(own.unwrap_or_default());
        }
        self.arena = arena;
        self.word_starts = starts;
        self.stale_bytes = 0;
        self.stale_starts = 0;
    }

    /// How well one typed (folded) word matches `person`: the best place it was found — name
    /// start, a name word, username, an expertise word, another field's word, inside the name
    /// or username, anywhere — or 0 when absent.
    pub fn word_score(&self, person: PersonIdx, word: &str) -> u32 {
        let Some(entry) = self.entries.get(person as usize) else {
            return 0;
        };
        let Some(text) = self.arena.get(entry.start..entry.start + entry.len) else {
            return 0;
        };
        if !contains(text, word) {
            return 0;
        }
        let own = self
            .word_starts
            .get(entry.starts_from..entry.starts_from + entry.starts_len);
        let starts_word_in = |field: Field| {
            own.unwrap_or_default()
                .iter()
                .filter(|(_, f)| *f == field)
                .any(|&(at, _)| {
                    text.get(at as usize..)
                        .is_some_and(|rest| rest.starts_with(word))
                })
        };
        if text.starts_with(word) {
            100
        } else if starts_word_in(Field::Name) {
            90
        } else if text
            .get(entry.name_end..)
            .is_some_and(|rest| rest.starts_with(word))
        {
            80
        } else if starts_word_in(Field::Expertise) {
            60
        } else if starts_word_in(Field::Other) {
            50
        } else if text
            .get(..entry.username_end)
            .is_some_and(|head| contains(head, word))
        {
            30
        } else {
            10
        }
    }
}

/// Substring test tuned for short profile text and short typed words: scan for the first byte,
/// compare the rest there (cheaper than setting up a general string searcher per person).
fn contains(haystack: &str, needle: &str) -> bool {
    let (hay, needle) = (haystack.as_bytes(), needle.as_bytes());
    let Some((&first, rest)) = needle.split_first() else {
        return true;
    };
    hay.iter()
        .enumerate()
        .filter(|&(_, &byte)| byte == first)
        .any(|(at, _)| hay.get(at + 1..at + 1 + rest.len()) == Some(rest))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(name: &str, username: &str, tags: &[&str], other: [&str; 3]) -> DirectoryTexts {
        let mut texts = DirectoryTexts::default();
        texts.set(
            0,
            &PersonDoc {
                full_name: name.into(),
                username: username.into(),
                expertise: tags.iter().map(|t| t.to_string()).collect(),
                job_title: Some(other[0].into()),
                department: Some(other[1].into()),
                location: Some(other[2].into()),
                ..PersonDoc::default()
            },
        );
        texts
    }

    #[test]
    fn substring_test_agrees_with_str_contains() {
        let hay = "anne-marie smit\nams\nkubernetes\n";
        for needle in [
            "",
            "a",
            "smit",
            "t\n",
            "kubernetes\n",
            "xyz",
            "kubernetesx",
            "é",
        ] {
            assert_eq!(contains(hay, needle), hay.contains(needle), "{needle:?}");
        }
        assert!(contains("café", "fé") && !contains("cafe", "é"));
    }

    #[test]
    fn word_starts_are_found_after_punctuation_only() {
        let person = texts("Anne-Marie Smit", "ams", &[], ["", "", ""]);
        assert_eq!(person.word_score(0, "marie"), 90);
        assert_eq!(person.word_score(0, "smi"), 90);
        assert_eq!(person.word_score(0, "arie"), 30);
        assert_eq!(person.word_score(0, "xyz"), 0);
        assert_eq!(person.word_score(1, "ams"), 0);
    }

    #[test]
    fn name_starts_rank_above_tags_above_inner_matches() {
        let person = texts(
            "Kim de Vries",
            "kimdv",
            &["Kubernetes"],
            ["SRE", "Platform", "Amsterdam"],
        );
        let score = |w: &str| person.word_score(0, w);
        assert!(score("kim") > score("vries"));
        assert!(score("vries") > score("kimd"));
        assert!(score("kimd") > score("kube"));
        assert!(score("kube") > score("amst"));
        assert!(score("amst") > score("ries"));
        assert!(score("ries") > score("ernet"));
        assert!(score("ernet") > score("nowhere"));
    }

    #[test]
    fn replacing_profiles_keeps_answers_and_compacts_the_arena() {
        let mut texts = DirectoryTexts::default();
        for round in 0..200 {
            for person in 0..50u32 {
                let name = format!("Person {person} round {round} {}", "x".repeat(200));
                texts.set(
                    person,
                    &PersonDoc {
                        full_name: name,
                        ..PersonDoc::default()
                    },
                );
            }
        }
        assert!(
            texts.word_starts.len() < 50 * 6 * 4,
            "{} starts",
            texts.word_starts.len()
        );
        assert!(
            texts.arena.len() < 4 * COMPACT_MIN_BYTES,
            "arena {} bytes",
            texts.arena.len()
        );
        assert_eq!(texts.word_score(7, "person"), 100);
        assert_eq!(texts.word_score(7, "199"), 90);
        assert_eq!(texts.word_score(7, "198"), 0);
    }
}
