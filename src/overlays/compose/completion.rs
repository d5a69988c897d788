//! `@person` and `#topic` completion from people and topics the client already knows; people
//! who stay out of the directory are never offered.
//!
//! Pure: given the line and the cursor column, finds the word being typed and ranks matches.

use crate::domain::Catalog;

/// How many suggestions are offered at most.
const MAX_SUGGESTIONS: usize = 5;

/// Suggestions for the word under the cursor.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Completion {
    /// Characters of the partial word (sigil included) that accepting replaces.
    pub typed_chars: usize,
    /// Full replacements, sigil included ("@ada", "#release").
    pub candidates: Vec<String>,
    pub selected: usize,
}

impl Completion {
    /// The replacement that accepting inserts.
    pub fn chosen(&self) -> Option<&str> {
        self.candidates.get(self.selected).map(String::as_str)
    }
}

/// Suggestions for the `@`/`#` word ending at `cursor_col` (in characters) of `line`.
pub fn suggest(line: &str, cursor_col: usize, catalog: &Catalog) -> Option<Completion> {
    let before: Vec<char> = line.chars().take(cursor_col).collect();
    let start = before
        .iter()
        .rposition(|c| c.is_whitespace())
        .map_or(0, |i| i + 1);
    let word: String = before.get(start..)?.iter().collect();
    let mut chars = word.chars();
    let sigil = chars.next()?;
    let typed: String = chars.as_str().to_lowercase();
    let candidates = match sigil {
        '@' => people(catalog, &typed),
        '#' => topics(catalog, &typed),
        _ => return None,
    };
    if candidates.is_empty() || candidates.iter().all(|c| c.eq_ignore_ascii_case(&word)) {
        return None;
    }
    Some(Completion {
        typed_chars: word.chars().count(),
        candidates,
        selected: 0,
    })
}

fn people(catalog: &Catalog, typed: &str) -> Vec<String> {
    let mut matches: Vec<(bool, String)> = catalog
        .people()
        .filter(|p| p.listed && !p.username.as_str().is_empty())
        .filter_map(|p| {
            let username = p.username.as_str();
            let by_handle = username.to_lowercase().starts_with(typed);
            let by_name = p
                .full_name
                .as_str()
                .split_whitespace()
                .any(|part| part.to_lowercase().starts_with(typed));
            (by_handle || by_name).then(|| (!by_handle, format!("@{username}")))
        })
        .collect();
    matches.sort();
    matches.dedup();
    matches
        .into_iter()
        .map(|(_, name)| name)
        .take(MAX_SUGGESTIONS)
        .collect()
}

fn topics(catalog: &Catalog, typed: &str) -> Vec<String> {
    let mut matches: Vec<String> = catalog
        .topic_names()
        .map(|t| t.as_str())
        .filter(|name| !name.is_empty() && !name.contains(char::is_whitespace))
        .filter(|name| name.to_lowercase().starts_with(typed))
        .map(|name| format!("#{name}"))
        .collect();
    matches.sort_by_key(|name| name.to_lowercase());
    matches.dedup();
    matches.truncate(MAX_SUGGESTIONS);
    matches
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::{Page, Person, SafeText, TopicId, UserId};

    fn catalog() -> Catalog {
        let person = |id, username: &str, name: &str| Person {
            full_name: SafeText::new(name),
            username: SafeText::new(username),
            ..Person::unknown(UserId(id))
        };
        let mut catalog = Catalog::default();
        catalog.absorb(Page {
            people: vec![
                person(1, "ada", "Ada Lovelace"),
                person(2, "grace", "Grace Hopper"),
            ],
            topics: vec![
                (TopicId(1), SafeText::new("release")),
                (TopicId(2), SafeText::new("rust")),
            ],
            ..Page::default()
        });
        catalog
    }

    #[test]
    fn at_completes_handles_and_names() {
        let found = suggest("hi @ad", 6, &catalog()).map(|c| c.candidates);
        assert_eq!(found, Some(vec!["@ada".to_owned()]));
        let by_surname = suggest("@hop", 4, &catalog()).map(|c| c.candidates);
        assert_eq!(by_surname, Some(vec!["@grace".to_owned()]));
    }

    #[test]
    fn hash_completes_topics_and_counts_the_typed_word() {
        let completion = suggest("ship #r now", 7, &catalog());
        assert_eq!(completion.as_ref().map(|c| c.typed_chars), Some(2));
        assert_eq!(completion.map(|c| c.candidates.len()), Some(2));
    }

    #[test]
    fn people_out_of_the_directory_are_never_offered() {
        let mut catalog = catalog();
        catalog.absorb(Page {
            people: vec![Person {
                full_name: SafeText::new("Adam Hidden"),
                username: SafeText::new("adam"),
                listed: false,
                ..Person::unknown(UserId(3))
            }],
            ..Page::default()
        });
        let found = suggest("@ad", 3, &catalog).map(|c| c.candidates);
        assert_eq!(found, Some(vec!["@ada".to_owned()]));
    }

    #[test]
    fn plain_words_and_complete_words_offer_nothing() {
        assert_eq!(suggest("hello", 5, &catalog()), None);
        assert_eq!(suggest("@ada", 4, &catalog()), None);
        assert_eq!(suggest("", 0, &catalog()), None);
        assert_eq!(suggest("@zz", 3, &catalog()), None);
    }
}
