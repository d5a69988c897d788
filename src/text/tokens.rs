//! Yammer message bodies: splitting text into plain runs, `@mentions`, `#topics` and links, and
//! expanding `body.parsed` references. Owns recognising tokens only; it changes no text and
//! decides nothing about safety (run it on [`crate::text::SafeText`] content; identity decisions
//! use the numeric ids, never the text of a mention).
//!
//! Rules:
//! - A token starts at the beginning of the text or after a character that is not a letter,
//!   digit or `_` (so `user@example.com` and `C#` are plain text).
//! - `@name`: letters, digits, `_`, `.`, `-`, `:`; trailing `.`, `-`, `:` are left out
//!   (`@bob.` at the end of a sentence, `@bob:` before a reply).
//! - `#topic`: letters, digits, `_`, `-`; a trailing `-` is left out.
//! - Links: `http://` or `https://` (any case) up to whitespace, `<`, `>`, `"`, `` ` ``, a
//!   control or one of kring's marker glyphs (`⟨`, `␛`, …); then trailing `.,;:!?'` are left
//!   out, and a trailing `)`, `]` or `}` is left out when it has no partner inside the link.
//! - A token also takes the combining marks that follow it, so a span never starts with one.

mod parsed;

pub use parsed::{RefKind, expand_parsed};

use unicode_width::UnicodeWidthChar;

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

/// A run of body text of one kind. `text` includes the `@`/`#` sigil.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Span {
    pub kind: SpanKind,
    pub text: String,
}

/// Splits a body into plain text, mentions, topics and links. Concatenating the spans' text gives
/// back `text` exactly.
pub fn tokenize(text: &str) -> Vec<Span> {
    let mut spans = Vec::new();
    let mut plain_start = 0;
    let mut pos = 0;
    let mut prev: Option<char> = None;
    while let Some(c) = text[pos..].chars().next() {
        let token = if prev.is_some_and(is_word_char) {
            None
        } else {
            token_at(text, pos)
        };
        match token {
            Some((kind, end)) => {
                push_span(&mut spans, SpanKind::Plain, &text[plain_start..pos]);
                push_span(&mut spans, kind, &text[pos..end]);
                prev = text[..end].chars().next_back();
                pos = end;
                plain_start = end;
            }
            None => {
                prev = Some(c);
                pos += c.len_utf8();
            }
        }
    }
    push_span(&mut spans, SpanKind::Plain, &text[plain_start..]);
    spans
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

fn push_span(spans: &mut Vec<Span>, kind: SpanKind, text: &str) {
    if !text.is_empty() {
        spans.push(Span {
            kind,
            text: text.to_owned(),
        });
    }
}

fn is_word_char(c: char) -> bool {
    c.is_alphanumeric() || c == '_'
}

fn is_mark(c: char) -> bool {
    c.width() == Some(0) && c != '\u{200d}' && c != '\u{200c}'
}

/// The token starting at byte `pos`, if any: its kind and end.
fn token_at(text: &str, pos: usize) -> Option<(SpanKind, usize)> {
    let rest = &text[pos..];
    let (kind, end) = if let Some(name) = rest.strip_prefix('@') {
        let body = name_len(
            name,
            |c| is_word_char(c) || matches!(c, '.' | '-' | ':'),
            ".-:",
        );
        (SpanKind::Mention, 1 + body)
    } else if let Some(name) = rest.strip_prefix('#') {
        let body = name_len(name, |c| is_word_char(c) || c == '-', "-");
        (SpanKind::Topic, 1 + body)
    } else {
        (SpanKind::Link, link_len(rest)?)
    };
    if end <= 1 {
        return None;
    }
    Some((kind, pos + end + marks_len(&rest[end..])))
}

/// Length of the name at the start of `s`, without trailing characters from `trim`.
fn name_len(s: &str, allowed: impl Fn(char) -> bool, trim: &str) -> usize {
    let mut len = s.find(|c: char| !allowed(c)).unwrap_or(s.len());
    while let Some(last) = s[..len].chars().next_back() {
        if !trim.contains(last) {
            break;
        }
        len -= last.len_utf8();
    }
    len
}

fn marks_len(s: &str) -> usize {
    s.find(|c: char| !is_mark(c)).unwrap_or(s.len())
}

fn starts_with_ignore_case(s: &str, prefix: &str) -> bool {
    s.len() >= prefix.len() && s.as_bytes()[..prefix.len()].eq_ignore_ascii_case(prefix.as_bytes())
}

fn ends_link(c: char) -> bool {
    c.is_whitespace()
        || c.is_control()
        || matches!(
            c,
            '<' | '>' | '"' | '`' | '\u{27e8}' | '\u{27e9}' | '\u{25cc}'
        )
        || ('\u{2400}'..='\u{2426}').contains(&c)
}

/// Length of the link at the start of `s`, or `None` when there is none.
fn link_len(s: &str) -> Option<usize> {
    let scheme = ["https://", "http://"]
        .into_iter()
        .find(|scheme| starts_with_ignore_case(s, scheme))?;
    let mut len = s.find(ends_link).unwrap_or(s.len());
    let count = |open: char, close: char| {
        s[..len].chars().fold(0isize, |balance, c| {
            balance + isize::from(c == open) - isize::from(c == close)
        })
    };
    // Balance of each bracket pair inside the link: negative means unpaired closers.
    let mut balances = [count('(', ')'), count('[', ']'), count('{', '}')];
    while let Some(last) = s[..len].chars().next_back() {
        let pair = match last {
            ')' => Some(0),
            ']' => Some(1),
            '}' => Some(2),
            _ => None,
        };
        let trim = match pair {
            Some(index) if balances[index] < 0 => {
                balances[index] += 1;
                true
            }
            Some(_) => false,
            None => matches!(last, '.' | ',' | ';' | ':' | '!' | '?' | '\''),
        };
        if !trim {
            break;
        }
        len -= last.len_utf8();
    }
    (len > scheme.len()).then_some(len)
}
