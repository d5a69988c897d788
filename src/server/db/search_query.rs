//! A `search.json` term taken apart: `"quoted phrases"`, `#topic`, `@user` and plain words, and
//! the words turned into an FTS5 query in which every piece of user text is a quoted phrase, so
//! no input (quotes, `*`, `NEAR`, `-`, parentheses, column names) is read as query syntax.
//! Pure text work: no SQL runs here.

/// What a search term asks for.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct SearchQuery {
    /// Words (matched as prefixes) and quoted phrases (matched exactly), all required.
    pub phrases: Vec<Phrase>,
    /// `#name`: normalized topic names the message must carry.
    pub topics: Vec<String>,
    /// `@name`: usernames (lower case) the message must be from or mention.
    pub users: Vec<String>,
}

/// One piece of text to find.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Phrase {
    pub text: String,
    /// A plain word also matches longer words it starts (`kube` finds `kubernetes`).
    pub prefix: bool,
}

impl SearchQuery {
    /// Takes a term apart. An unclosed quote runs to the end of the term.
    pub fn parse(term: &str) -> Self {
        let mut query = Self::default();
        let mut rest = term.trim();
        while !rest.is_empty() {
            if let Some(after) = rest.strip_prefix('"') {
                let (inside, next) = after.split_once('"').unwrap_or((after, ""));
                query.push_phrase(inside, false);
                rest = next.trim_start();
                continue;
            }
            let end = rest
                .find(|c: char| c.is_whitespace() || c == '"')
                .unwrap_or(rest.len());
            let (word, next) = rest.split_at(end);
            rest = next.trim_start();
            if let Some(name) = word.strip_prefix('#').filter(|n| has_text(n)) {
                query.topics.push(super::topics::normalize(name));
            } else if let Some(name) = word.strip_prefix('@').filter(|n| has_text(n)) {
                query.users.push(name.to_lowercase());
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

    /// The FTS5 query for the phrases (all required), or `None` when there are none.
    pub fn fts(&self) -> Option<String> {
        self.fts_with(false, false)
    }

    /// The FTS5 query for the phrases plus, as plain words, the topic names and/or the user
    /// names: people are found by `#rust` when they list rust, communities by either.
    pub fn fts_with(&self, topics_as_words: bool, users_as_words: bool) -> Option<String> {
        let topics = self.topics.iter().filter(|_| topics_as_words);
        let users = self.users.iter().filter(|_| users_as_words);
        let names: Vec<Phrase> = topics
            .chain(users)
            .map(|name| Phrase {
                text: name.clone(),
                prefix: true,
            })
            .collect();
        fts_of(self.phrases.iter().chain(&names))
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

/// One phrase in FTS5 syntax: double quotes around it, inner double quotes doubled.
fn quote(phrase: &Phrase) -> String {
    let star = if phrase.prefix { "*" } else { "" };
    format!("\"{}\"{star}", phrase.text.replace('"', "\"\""))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn word(text: &str) -> Phrase {
        Phrase {
            text: text.to_owned(),
            prefix: true,
        }
    }

    #[test]
    fn words_quotes_topics_and_users_are_told_apart() {
        let q = SearchQuery::parse(r#"  kube "release  train" #Rust @Dana  "#);
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
        assert_eq!(q.topics, ["rust"]);
        assert_eq!(q.users, ["dana"]);
        assert_eq!(
            q.fts().unwrap(),
            r#""kube"* AND "release train""#.to_owned()
        );
        assert_eq!(
            q.fts_with(true, false).unwrap(),
            r#""kube"* AND "release train" AND "rust"*"#.to_owned()
        );
        assert_eq!(
            q.fts_with(true, true).unwrap(),
            r#""kube"* AND "release train" AND "rust"* AND "dana"*"#.to_owned()
        );
    }

    #[test]
    fn query_syntax_in_user_text_stays_text() {
        let q = SearchQuery::parse(r#"a"b NEAR(x y) col:val -z *"#);
        let fts = q.fts().unwrap();
        assert_eq!(
            fts,
            r#""a"* AND "b NEAR(x y) col:val -z *""#.to_owned(),
            "an unclosed quote runs to the end"
        );
        let q = SearchQuery::parse(r#"say "he said ""hi""" "#);
        assert_eq!(
            q.fts().unwrap(),
            r#""say"* AND "he said" AND "hi""#.to_owned()
        );
    }

    #[test]
    fn terms_with_nothing_findable_are_empty() {
        for term in ["", "   ", "!!!", "\"\"", "# @", "\"  \" - *"] {
            let q = SearchQuery::parse(term);
            assert_eq!(q, SearchQuery::default(), "{term:?}");
            assert_eq!(q.fts(), None);
        }
    }
}
