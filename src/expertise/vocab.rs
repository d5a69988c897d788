//! The term dictionary shared by messages and declared tags, and query-word expansion over it:
//! exact, prefix (for the word being typed) and close spellings. Fuzzy search visits only the
//! terms whose length is within reach (terms are bucketed by length), rejects most of them with
//! a char-set mask (a nanosecond each), and computes the bounded edit distance only for the few
//! that pass. It must not know about people.

use std::collections::BTreeMap;

use super::fuzzy::{bounded_distance, char_mask, masks_too_far, max_distance_for};
use super::hash::FxHashMap;
use super::reasons::MatchKind;
use super::term_key::TermKey;

/// Index of a term in the vocabulary.
pub type TermId = u32;

/// Most prefix completions one query word expands to (shortest first).
const MAX_PREFIX_EXPANSIONS: usize = 24;
/// Most dictionary entries walked while collecting prefix completions.
const PREFIX_SCAN_LIMIT: usize = 4096;
/// Most close spellings one query word expands to (closest first).
const MAX_FUZZY_EXPANSIONS: usize = 12;

/// One vocabulary term a query word stands for, and how it matched.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Expansion {
    pub term: TermId,
    pub kind: MatchKind,
    /// Edit distance for fuzzy matches, 0 otherwise.
    pub distance: u8,
}

/// A query word before and after stemming (fuzzy matching tries both).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct QueryWord {
    pub raw: String,
    pub stem: String,
}

/// The dictionary of every term seen, with the arrays fuzzy search scans.
#[derive(Debug, Default)]
pub struct Vocabulary {
    ids: FxHashMap<TermKey, TermId>,
    sorted: BTreeMap<Box<str>, TermId>,
    texts: Vec<Box<str>>,
    /// Terms by length in chars, each with its char mask: fuzzy search scans only the lengths
    /// within reach.
    by_len: Vec<Vec<(u64, TermId)>>,
}

impl Vocabulary {
    pub fn len(&self) -> usize {
        self.texts.len()
    }

    pub fn id(&self, term: &str) -> Option<TermId> {
        self.ids.get(term).copied()
    }

    pub fn text(&self, id: TermId) -> &str {
        self.texts.get(id as usize).map_or("", |t| t)
    }

    /// The id of `term`, adding it if new.
    pub fn intern(&mut self, term: &str) -> TermId {
        if let Some(&id) = self.ids.get(term) {
            return id;
        }
        // Terms are capped at MAX_TERM_CHARS by the tokenizer; the vocabulary would need
        // four billion entries before the id overflowed, far beyond any network.
        let id = TermId::try_from(self.texts.len()).unwrap_or(TermId::MAX);
        let boxed: Box<str> = term.into();
        self.ids.insert(TermKey::new(term), id);
        self.sorted.insert(boxed.clone(), id);
        let len = term.chars().count();
        if self.by_len.len() <= len {
            self.by_len.resize_with(len + 1, Vec::new);
        }
        if let Some(bucket) = self.by_len.get_mut(len) {
            bucket.push((char_mask(term), id));
        }
        self.texts.push(boxed);
        id
    }

    /// The terms `word` stands for: itself, completions when `allow_prefix` (the word being
    /// typed), and close spellings. Deterministic order: exact, prefix, fuzzy.
    /// `want_fuzzy` sees the exact and prefix expansions and decides whether close spellings
    /// are worth the vocabulary scan.
    pub fn expand(
        &self,
        word: &QueryWord,
        allow_prefix: bool,
        want_fuzzy: impl FnOnce(&[Expansion]) -> bool,
    ) -> Vec<Expansion> {
        let mut out = Vec::new();
        for form in [&word.stem, &word.raw] {
            if let Some(term) = self.id(form)
                && !out.iter().any(|e: &Expansion| e.term == term)
            {
                out.push(Expansion {
                    term,
                    kind: MatchKind::Exact,
                    distance: 0,
                });
            }
        }
        if allow_prefix {
            self.push_prefix_matches(&word.stem, &mut out);
        }
        if want_fuzzy(&out) {
            self.push_fuzzy_matches(word, &mut out);
        }
        out
    }

    fn push_prefix_matches(&self, prefix: &str, out: &mut Vec<Expansion>) {
        if prefix.chars().count() < 2 {
            return;
        }
        let mut found: Vec<(&str, TermId)> = self
            .sorted
            .range::<str, _>((
                std::ops::Bound::Included(prefix),
                std::ops::Bound::Unbounded,
            ))
            .take(PREFIX_SCAN_LIMIT)
            .take_while(|(text, _)| text.starts_with(prefix))
            .filter(|(_, id)| !out.iter().any(|e| e.term == **id))
            .map(|(text, id)| (&**text, *id))
            .collect();
        found.sort_by(|a, b| a.0.len().cmp(&b.0.len()).then(a.0.cmp(b.0)));
        out.extend(
            found
                .into_iter()
                .take(MAX_PREFIX_EXPANSIONS)
                .map(|(_, term)| Expansion {
                    term,
                    kind: MatchKind::Prefix,
                    distance: 0,
                }),
        );
    }

    fn push_fuzzy_matches(&self, word: &QueryWord, out: &mut Vec<Expansion>) {
        let mut forms: Vec<&str> = vec![&word.stem];
        if word.raw != word.stem {
            forms.push(&word.raw);
        }
        let mut found: Vec<(u8, TermId)> = Vec::new();
        let mut candidate: Vec<char> = Vec::with_capacity(64);
        for form in forms {
            let chars: Vec<char> = form.chars().collect();
            let max = max_distance_for(chars.len());
            if max == 0 {
                continue;
            }
            let mask = char_mask(form);
            let lengths =
                chars.len().saturating_sub(usize::from(max))..=chars.len() + usize::from(max);
            for bucket in lengths.filter_map(|len| self.by_len.get(len)) {
                for &(term_mask, term) in bucket {
                    if masks_too_far(mask, term_mask, max) || out.iter().any(|e| e.term == term) {
                        continue;
                    }
                    candidate.clear();
                    candidate.extend(self.text(term).chars());
                    let Some(distance) = bounded_distance(&chars, &candidate, max) else {
                        continue;
                    };
                    if distance == 0 {
                        continue;
                    }
                    match found.iter_mut().find(|(_, t)| *t == term) {
                        Some(existing) => existing.0 = existing.0.min(distance),
                        None => found.push((distance, term)),
                    }
                }
            }
        }
        found.sort_by(|a, b| {
            a.0.cmp(&b.0)
                .then_with(|| self.text(a.1).cmp(self.text(b.1)))
        });
        out.extend(
            found
                .into_iter()
                .take(MAX_FUZZY_EXPANSIONS)
                .map(|(distance, term)| Expansion {
                    term,
                    kind: MatchKind::Fuzzy,
                    distance,
                }),
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn vocabulary(words: &[&str]) -> Vocabulary {
        let mut vocab = Vocabulary::default();
        for word in words {
            vocab.intern(word);
        }
        vocab
    }

    fn word(raw: &str, stem: &str) -> QueryWord {
        QueryWord {
            raw: raw.into(),
            stem: stem.into(),
        }
    }

    fn expanded(vocab: &Vocabulary, w: &QueryWord, prefix: bool) -> Vec<(String, MatchKind)> {
        vocab
            .expand(w, prefix, |_| true)
            .iter()
            .map(|e| (vocab.text(e.term).to_owned(), e.kind))
            .collect()
    }

    #[test]
    fn interning_is_stable() {
        let mut vocab = vocabulary(&["kafka", "rust"]);
        assert_eq!(vocab.intern("rust"), 1);
        assert_eq!(vocab.len(), 2);
        assert_eq!(vocab.text(0), "kafka");
        assert_eq!(vocab.text(99), "");
    }

    #[test]
    fn finds_exact_prefix_and_close_spellings_in_that_order() {
        let vocab = vocabulary(&["kubernetes", "kube", "kubectl", "terraform", "kubernet"]);
        let got = expanded(&vocab, &word("kube", "kube"), true);
        assert_eq!(got[0], ("kube".into(), MatchKind::Exact));
        assert!(got.contains(&("kubectl".into(), MatchKind::Prefix)));
        assert!(got.contains(&("kubernetes".into(), MatchKind::Prefix)));
        assert!(!got.iter().any(|(t, _)| t == "terraform"));
    }

    #[test]
    fn misspellings_reach_the_intended_term_through_raw_or_stem() {
        let vocab = vocabulary(&["kubernetes", "postgres", "gdpr"]);
        for (raw, stem, want) in [
            ("kubernets", "kubernet", "kubernetes"),
            ("kuberentes", "kuberente", "kubernetes"),
            ("postgress", "postgress", "postgres"),
            ("gdrp", "gdrp", "gdpr"),
        ] {
            let got = expanded(&vocab, &word(raw, stem), false);
            assert_eq!(
                got.first(),
                Some(&(want.to_owned(), MatchKind::Fuzzy)),
                "{raw}"
            );
        }
    }

    #[test]
    fn no_prefix_expansion_unless_asked_or_for_one_letter() {
        let vocab = vocabulary(&["kubernetes", "kafka"]);
        assert!(expanded(&vocab, &word("ku", "ku"), false).is_empty());
        assert!(expanded(&vocab, &word("k", "k"), true).is_empty());
        assert_eq!(expanded(&vocab, &word("ku", "ku"), true).len(), 1);
    }
}
