//! The search language, taken apart in one place for the client and the server: plain words
//! (matched as prefixes), `"quoted phrases"`, `#topic`, `@user`, and kring's own filters
//! `in:community` and `from:person` (each may be quoted: `in:"release train"`; the server's
//! `search.json` reads them as words, see [`SearchQuery::parse_term`]). Turned into an FTS5
//! query in which every piece of user text is a quoted phrase, so no input (quotes, `*`,
//! `NEAR`, `-`, parentheses, column names) is ever read as FTS5 syntax, and into the term the
//! server's `search.json` understands. Pure text work: no SQL, no I/O.

/// What a search asks for.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct SearchQuery {
    /// Words and phrases, all required.
    pub phrases: Vec<Phrase>,
    /// `#name`: topic names (as typed, without the `#`).
    pub topics: Vec<String>,
    /// `@name`: people the message is from or mentions.
    pub users: Vec<String>,
    /// `in:name`: the community the message was posted in.
    pub community: Option<String>,
    /// `from:name`: who posted the message.
    pub from: Option<String>,
}

/// One piece of text to find.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Phrase {
    pub text: String,
    /// A plain word also matches longer words it starts (`kube` finds `kubernetes`).
    pub prefix: bool,
}

impl SearchQuery {
    /// Takes a search apart, with kring's `in:` and `from:` filters. An unclosed quote runs to
    /// the end.
    pub fn parse(term: &str) -> Self {
        Self::parse_with(term, true)
    }

    /// Takes a `search.json` term apart: as [`parse`](Self::parse), but `in:` and `from:` are
    /// plain words (the API has no such filters).
    pub fn parse_term(term: &str) -> Self {
        Self::parse_with(term, false)
    }

    fn parse_with(term: &str, filters: bool) -> Self {
        let mut query = Self::default();
        let mut rest = term.trim();
        while !rest.is_empty() {
            if let Some(after) = rest.strip_prefix('"') {
                let (inside, next) = after.split_once('"').unwrap_or((after, ""));
                query.push_phrase(inside, false);
                rest = next.trim_start();
                continue;
            }
            if let Some((filter, value, next)) = filter_at(rest).filter(|_| filters) {
                let value = value.split_whitespace().collect::<Vec<_>>().join(" ");
                if has_text(&value) {
                    match filter {
                        Filter::In => query.community = Some(value),
                        Filter::From => query.from = Some(value),
                    }
                }
                rest = next.trim_start();
                continue;
            }
            let end = rest
                .find(|c: char| c.is_whitespace() || c == '"')
                .unwrap_or(rest.len());
            let (word, next) = rest.split_at(end);
            rest = next.trim_start();
            if let Some(name) = word.strip_prefix('#').filter(|n| has_text(n)) {
                query.topics.push(name.to_owned());
            } else if let Some(name) = word.strip_prefix('@').filter(|n| has_text(n)) {
                query.users.push(name.to_owned());
            } else {
                query.push_phrase(word, true);
            }
        }
        query
    }

    fn push_phrase(&mut self, text: &str, prefix: bool) {
        let text = text.split_whitespace().collect::<Vec<_>>().join(" ");
        if has_text(&text) {
            self.phrases.push(Phrase { text, prefix });
        }
    }

    /// Whether nothing at all was asked.
    pub fn is_empty(&self) -> bool {
        self.phrases.is_empty()
            && self.topics.is_empty()
            && self.users.is_empty()
            && self.community.is_none()
            && self.from.is_none()
    }

    /// The FTS5 query over message text: the phrases and, as words, the topic names (a
    /// message tagged `#rust` says "rust"), all required; `None` when there is no text.
    pub fn message_fts(&self) -> Option<String> {
        self.message_fts_naming(|_| None)
    }

    /// [`Self::message_fts`] with each plain word's prefix spelled out: `words` gets the word
    /// in lowercase (ASCII letters and digits only) and answers the whole words it stands for,
    /// or `None` to leave it a prefix.
    pub fn message_fts_naming(
        &self,
        mut words: impl FnMut(&str) -> Option<Vec<String>>,
    ) -> Option<String> {
        let topics: Vec<Phrase> = self.topics.iter().map(|t| word(t)).collect();
        let parts: Vec<String> = self
            .phrases
            .iter()
            .chain(&topics)
            .map(|phrase| {
                let named = phrase
                    .prefix
                    .then(|| phrase.text.to_ascii_lowercase())
                    .filter(|w| w.bytes().all(|b| b.is_ascii_alphanumeric()))
                    .and_then(|w| words(&w))
                    .filter(|named| !named.is_empty());
                match named {
                    Some(named) => {
                        let exact: Vec<String> = named
                            .into_iter()
                            .map(|text| {
                                quote(&Phrase {
                                    text,
                                    prefix: false,
                                })
                            })
                            .collect();
                        format!("({})", exact.join(" OR "))
                    }
                    None => quote(phrase),
                }
            })
            .collect();
        (!parts.is_empty()).then(|| parts.join(" AND "))
    }

    /// The FTS5 query over names (people, communities): the phrases and the `@`/`#` names.
    pub fn name_fts(&self) -> Option<String> {
        self.fts_with(true, true)
    }

    /// The FTS5 query for the phrases alone (all required), or `None` when there are none.
    pub fn fts(&self) -> Option<String> {
        self.fts_with(false, false)
    }

    /// The FTS5 query for the phrases plus, as plain words, the topic names and/or the user
    /// names: people are found by `#rust` when they list rust, communities by either.
    pub fn fts_with(&self, topics_as_words: bool, users_as_words: bool) -> Option<String> {
        let topics = self.topics.iter().filter(|_| topics_as_words);
        let users = self.users.iter().filter(|_| users_as_words);
        let names: Vec<Phrase> = topics.chain(users).map(|t| word(t)).collect();
        fts_of(self.phrases.iter().chain(&names))
    }

    /// The term for the server's `search.json`: phrases quoted, `#topic` and `@user`. `in:` and
    /// `from:` are not sent (the server has no such filters and `@` needs an exact username):
    /// the server's results are narrowed here. `None` when there is nothing to send.
    pub fn server_term(&self) -> Option<String> {
        let mut parts: Vec<String> = self
            .phrases
            .iter()
            .map(|p| {
                if p.prefix && !p.text.contains(' ') {
                    p.text.replace('"', "")
                } else {
                    format!("\"{}\"", p.text.replace('"', ""))
                }
            })
            .collect();
        parts.extend(self.topics.iter().map(|t| format!("#{t}")));
        parts.extend(self.users.iter().map(|u| format!("@{u}")));
        let term = parts.join(" ");
        has_text(&term).then_some(term)
    }
}

/// `text` as an FTS5 prefix phrase (a name typed after `in:` or `from:`).
pub fn name_phrase(text: &str) -> String {
    quote(&word(text))
}

#[derive(Clone, Copy)]
enum Filter {
    In,
    From,
}

/// `in:value` or `from:value` at the start of `rest` (the value quoted or one word, maybe
/// empty): the filter, its value and what follows.
fn filter_at(rest: &str) -> Option<(Filter, &str, &str)> {
    let starts = |prefix: &str| {
        rest.get(..prefix.len())
            .is_some_and(|head| head.eq_ignore_ascii_case(prefix))
    };
    let (filter, after) = if starts("in:") {
        (Filter::In, rest.get(3..)?)
    } else if starts("from:") {
        (Filter::From, rest.get(5..)?)
    } else {
        return None;
    };
    if let Some(quoted) = after.strip_prefix('"') {
        let (inside, next) = quoted.split_once('"').unwrap_or((quoted, ""));
        return Some((filter, inside, next));
    }
    let end = after.find(char::is_whitespace).unwrap_or(after.len());
    let (value, next) = after.split_at(end);
    Some((filter, value, next))
}

fn word(text: &str) -> Phrase {
    Phrase {
        text: text.to_owned(),
        prefix: true,
    }
}

/// Whether text holds anything the tokenizer keeps (a letter or digit).
fn has_text(text: &str) -> bool {
    text.chars().any(char::is_alphanumeric)
}

fn fts_of<'a>(phrases: impl Iterator<Item = &'a Phrase>) -> Option<String> {
    let parts: Vec<String> = phrases.map(quote).collect();
    (!parts.is_empty()).then(|| parts.join(" AND "))
}

/// One phrase in FTS5 syntax: double quotes around it, inner double quotes doubled, control
/// characters as spaces (FTS5 ends a string at a NUL).
fn quote(phrase: &Phrase) -> String {
    let star = if phrase.prefix { "*" } else { "" };
    let text: String = phrase
        .text
        .chars()
        .map(|c| if c.is_control() { ' ' } else { c })
        .collect();
    format!("\"{}\"{star}", text.replace('"', "\"\""))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_phrases_topics_people_and_filters_are_told_apart() {
        let q = SearchQuery::parse(
            r#" kube "release  train" #Rust @dana in:"Platform Team" from:ada "#,
        );
        assert_eq!(
            q.phrases,
            [
                word("kube"),
                Phrase {
                    text: "release train".into(),
                    prefix: false
                }
            ]
        );
        assert_eq!(q.topics, ["Rust"]);
        assert_eq!(q.users, ["dana"]);
        assert_eq!(q.community.as_deref(), Some("Platform Team"));
        assert_eq!(q.from.as_deref(), Some("ada"));
        assert_eq!(
            q.message_fts().as_deref(),
            Some(r#""kube"* AND "release train" AND "Rust"*"#)
        );
        assert_eq!(
            q.server_term().as_deref(),
            Some(r#"kube "release train" #Rust @dana"#)
        );
    }

    #[test]
    fn query_syntax_in_user_text_stays_text() {
        let q = SearchQuery::parse(r#"a"b NEAR(x y) col:val -z *"#);
        assert_eq!(
            q.message_fts().as_deref(),
            Some(r#""a"* AND "b NEAR(x y) col:val -z *""#)
        );
        let q = SearchQuery::parse(r#"say "he said ""hi""" "#);
        assert_eq!(
            q.message_fts().as_deref(),
            Some(r#""say"* AND "he said" AND "hi""#)
        );
    }

    #[test]
    fn filters_alone_ask_for_something_but_have_no_text() {
        let q = SearchQuery::parse("from:ada IN:design");
        assert_eq!(q.from.as_deref(), Some("ada"));
        assert_eq!(q.community.as_deref(), Some("design"));
        assert!(!q.is_empty());
        assert_eq!(q.message_fts(), None);
    }

    #[test]
    fn terms_with_nothing_findable_are_empty() {
        for term in [
            "",
            "   ",
            "!!!",
            "\"\"",
            "# @",
            "\"  \" - *",
            "in: from:\"\"",
        ] {
            let q = SearchQuery::parse(term);
            assert!(q.is_empty(), "{term:?}: {q:?}");
            assert_eq!(q.message_fts(), None);
            assert_eq!(q.server_term(), None);
        }
    }

    #[test]
    fn named_words_replace_a_prefix_and_quoted_or_unusual_text_stays_as_typed() {
        let q = SearchQuery::parse(r#"Kube "roll back" #Rust über"#);
        let mut asked = Vec::new();
        let fts = q.message_fts_naming(|word| {
            asked.push(word.to_owned());
            match word {
                "kube" => Some(vec!["kube".into(), "kubernetes".into()]),
                _ => Some(Vec::new()),
            }
        });
        assert_eq!(
            asked,
            ["kube", "rust"],
            "phrases and non-ASCII words are not named"
        );
        assert_eq!(
            fts.as_deref(),
            Some(r#"("kube" OR "kubernetes") AND "roll back" AND "über"* AND "Rust"*"#),
            "no named word leaves the prefix"
        );
    }

    #[test]
    fn a_search_json_term_reads_filters_as_words() {
        let q = SearchQuery::parse_term(r#"  kube "release  train" #Rust @Dana in:ops "#);
        assert_eq!(q.community, None);
        assert_eq!(q.topics, ["Rust"]);
        assert_eq!(q.users, ["Dana"]);
        assert_eq!(
            q.fts().as_deref(),
            Some(r#""kube"* AND "release train" AND "in:ops"*"#)
        );
        assert_eq!(
            q.fts_with(true, true).as_deref(),
            Some(r#""kube"* AND "release train" AND "in:ops"* AND "Rust"* AND "Dana"*"#)
        );
    }

    #[test]
    fn an_unclosed_quote_runs_to_the_end_of_the_term() {
        let q = SearchQuery::parse_term(r#"a"b NEAR(x y) col:val -z *"#);
        assert_eq!(
            q.fts().as_deref(),
            Some(r#""a"* AND "b NEAR(x y) col:val -z *""#)
        );
    }

    #[test]
    fn a_term_with_nothing_findable_is_empty_for_the_server_too() {
        for term in ["", "   ", "!!!", "\"\"", "# @", "\"  \" - *"] {
            let q = SearchQuery::parse_term(term);
            assert_eq!(q, SearchQuery::default(), "{term:?}");
            assert_eq!(q.fts(), None);
        }
    }
}
