//! Yammer body tokens. First version of the API.

/// What a span of a message body is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum SpanKind {
    /// Ordinary text.
    Plain,
    /// `@username`.
    Mention,
    /// `#topic`.
    Topic,
    /// An `http://` or `https://` URL.
    Link,
}

/// A run of body text of one kind.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Span {
    pub kind: SpanKind,
    pub text: String,
}

/// What a `[[kind:id]]` reference in `body.parsed` points at.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum RefKind {
    User,
    Topic,
    Group,
}

/// Splits a body into plain text, mentions, topics and links.
pub fn tokenize(text: &str) -> Vec<Span> {
    vec![Span {
        kind: SpanKind::Plain,
        text: text.to_owned(),
    }]
}

/// Expands `[[user:1]]`, `[[tag:2]]`/`[[topic:2]]` and `[[group:3]]` references.
pub fn expand_parsed(parsed: &str, resolve: impl Fn(RefKind, u64) -> Option<String>) -> String {
    let _ = &resolve;
    parsed.to_owned()
}

/// The links in `text`, unique, in order of first appearance.
pub fn links(text: &str) -> Vec<String> {
    let mut found: Vec<String> = Vec::new();
    for span in tokenize(text) {
        if span.kind == SpanKind::Link && !found.contains(&span.text) {
            found.push(span.text);
        }
    }
    found
}
