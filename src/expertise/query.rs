//! What callers ask the index: `Query` (text, filters, sort, limit) and how its text becomes the
//! words ranking works with (a leading "who knows" is dropped, words are capped). It must not
//! touch the index.

use super::tokenize::{fold, for_each_term};
use super::vocab::QueryWord;

/// Most words of a query that take part in ranking; the rest are ignored.
pub const MAX_QUERY_WORDS: usize = 8;
/// Most bytes of query text looked at (a pasted novel is not a query).
pub const MAX_QUERY_BYTES: usize = 512;

/// The order of results.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum SortOrder {
    /// Best match first (for an empty directory query: by name).
    #[default]
    Relevance,
    /// By display name, A to Z.
    Name,
    /// Most recently active first (their profile's last activity or newest message).
    RecentlyActive,
}

/// A people query: free text plus optional filters.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Query {
    pub text: String,
    /// Only people in this department (case-insensitive, whole value).
    pub department: Option<String>,
    /// Only people in this location (case-insensitive, whole value).
    pub location: Option<String>,
    pub sort: SortOrder,
    /// Most results returned; `None` returns all.
    pub limit: Option<usize>,
}

impl Default for Query {
    fn default() -> Self {
        Query {
            text: String::new(),
            department: None,
            location: None,
            sort: SortOrder::default(),
            limit: Some(50),
        }
    }
}

impl Query {
    /// A relevance-sorted query for `text` returning at most 50 people.
    pub fn new(text: impl Into<String>) -> Self {
        Query {
            text: text.into(),
            ..Query::default()
        }
    }

    pub fn department(mut self, department: impl Into<String>) -> Self {
        self.department = Some(department.into());
        self
    }

    pub fn location(mut self, location: impl Into<String>) -> Self {
        self.location = Some(location.into());
        self
    }

    pub fn sort(mut self, sort: SortOrder) -> Self {
        self.sort = sort;
        self
    }

    pub fn limit(mut self, limit: Option<usize>) -> Self {
        self.limit = limit;
        self
    }

    /// The text, cut at a char boundary within `MAX_QUERY_BYTES`.
    pub fn bounded_text(&self) -> &str {
        let mut end = self.text.len().min(MAX_QUERY_BYTES);
        while !self.text.is_char_boundary(end) {
            end -= 1;
        }
        &self.text[..end]
    }

    /// The words `who_knows` ranks by: tokenised like messages, without a leading
    /// "who knows (about)", de-duplicated, at most `MAX_QUERY_WORDS`.
    pub fn words(&self) -> Vec<QueryWord> {
        let folded = fold(self.bounded_text());
        let text = strip_intent(folded.trim_start());
        let mut words: Vec<QueryWord> = Vec::new();
        for_each_term(text, |raw, stem| {
            if words.len() < MAX_QUERY_WORDS && !words.iter().any(|w| w.stem == stem) {
                words.push(QueryWord {
                    raw: raw.to_owned(),
                    stem: stem.to_owned(),
                });
            }
        });
        words
    }

    /// Does the text end inside a word (the user is still typing it)?
    pub fn last_word_open(&self) -> bool {
        self.bounded_text()
            .chars()
            .next_back()
            .is_some_and(char::is_alphanumeric)
    }
}

/// Drops the phrasing of the question itself, so "who knows about kafka?" asks for `kafka`.
fn strip_intent(text: &str) -> &str {
    for lead in [
        "who knows about ",
        "who knows ",
        "who can help with ",
        "expert in ",
        "experts in ",
    ] {
        if let Some(rest) = text.strip_prefix(lead) {
            return rest;
        }
    }
    text
}

#[cfg(test)]
mod tests {
    use super::*;

    fn stems(text: &str) -> Vec<String> {
        Query::new(text)
            .words()
            .into_iter()
            .map(|w| w.stem)
            .collect()
    }

    #[test]
    fn drops_the_question_and_keeps_the_subject() {
        assert_eq!(stems("Who knows about Kafka?"), ["kafka"]);
        assert_eq!(stems("who knows GDPR audits"), ["gdpr", "audit"]);
        assert_eq!(stems("knows"), ["know"]);
    }

    #[test]
    fn deduplicates_and_caps_words() {
        assert_eq!(stems("pods pod POD"), ["pod"]);
        let many = (0..20)
            .map(|i| format!("word{i}"))
            .collect::<Vec<_>>()
            .join(" ");
        assert_eq!(stems(&many).len(), MAX_QUERY_WORDS);
    }

    #[test]
    fn huge_text_is_cut_on_a_char_boundary() {
        let query = Query::new("café é ".repeat(MAX_QUERY_BYTES));
        assert!(query.bounded_text().len() <= MAX_QUERY_BYTES);
        assert_eq!(stems(&query.text), ["cafe"]);
    }

    #[test]
    fn knows_when_a_word_is_still_being_typed() {
        assert!(Query::new("kub").last_word_open());
        assert!(!Query::new("kub ").last_word_open());
        assert!(!Query::new("").last_word_open());
    }
}
