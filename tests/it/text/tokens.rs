//! Yammer body tokens: mentions, topics, links and `body.parsed` expansion, including unicode
//! around tokens and hostile URLs (links are only ever text, and stop at markers the
//! sanitizer left).

use kring::text::SafeText;
use kring::text::tokens::{RefKind, Span, SpanKind, expand_parsed, links, tokenize};
use proptest::prelude::*;

fn spans(text: &str) -> Vec<(SpanKind, String)> {
    tokenize(text)
        .into_iter()
        .map(|Span { kind, text }| (kind, text))
        .collect()
}

fn plain(s: &str) -> (SpanKind, String) {
    (SpanKind::Plain, s.to_owned())
}
fn mention(s: &str) -> (SpanKind, String) {
    (SpanKind::Mention, s.to_owned())
}
fn topic(s: &str) -> (SpanKind, String) {
    (SpanKind::Topic, s.to_owned())
}
fn link(s: &str) -> (SpanKind, String) {
    (SpanKind::Link, s.to_owned())
}

#[test]
fn mentions_and_topics() {
    assert_eq!(
        spans("hi @bob and #rust"),
        [
            plain("hi "),
            mention("@bob"),
            plain(" and "),
            topic("#rust")
        ]
    );
    assert_eq!(
        spans("@bob. @ann: ok"),
        [mention("@bob"), plain(". "), mention("@ann"), plain(": ok")]
    );
    assert_eq!(spans("@user:123"), [mention("@user:123")]);
    assert_eq!(
        spans("#release-2024-"),
        [topic("#release-2024"), plain("-")]
    );
}

#[test]
fn not_tokens() {
    for text in [
        "mail user@example.com",
        "C# and F#",
        "@ alone",
        "# alone",
        "a@b#c",
        "x http:// y",
    ] {
        assert_eq!(spans(text), [plain(text)], "{text:?}");
    }
}

#[test]
fn unicode_around_tokens() {
    assert_eq!(
        spans("Grüße @jörg #café 日本@名前"),
        [
            plain("Grüße "),
            mention("@jörg"),
            plain(" "),
            topic("#café"),
            plain(" 日本@名前")
        ]
    );
    assert_eq!(
        spans("「@名前」"),
        [plain("「"), mention("@名前"), plain("」")]
    );
    // A combining mark after a token stays with it.
    assert_eq!(
        spans("#cafe\u{301} x"),
        [topic("#cafe\u{301}"), plain(" x")]
    );
    assert_eq!(spans("👋@bob"), [plain("👋"), mention("@bob")]);
}

#[test]
fn links_trim_trailing_punctuation() {
    assert_eq!(
        spans("see https://example.com/a."),
        [plain("see "), link("https://example.com/a"), plain(".")]
    );
    assert_eq!(
        spans("(https://example.com/x)"),
        [plain("("), link("https://example.com/x"), plain(")")]
    );
    assert_eq!(
        spans("https://en.wikipedia.org/wiki/Rust_(language))."),
        [
            link("https://en.wikipedia.org/wiki/Rust_(language)"),
            plain(").")
        ]
    );
    assert_eq!(
        spans("HTTP://EXAMPLE.COM/?q=1&r=2#frag!"),
        [link("HTTP://EXAMPLE.COM/?q=1&r=2#frag"), plain("!")]
    );
    assert_eq!(
        spans("<https://a.example>"),
        [plain("<"), link("https://a.example"), plain(">")]
    );
}

#[test]
fn mentions_inside_links_are_part_of_the_link() {
    assert_eq!(
        spans("https://x.example/@bob/#top"),
        [link("https://x.example/@bob/#top")]
    );
}

#[test]
fn other_schemes_are_plain() {
    for text in [
        "javascript:alert(1)",
        "ftp://files.example",
        "file:///etc/passwd",
        "data:text/html,x",
    ] {
        assert_eq!(spans(text), [plain(text)], "{text:?}");
    }
}

#[test]
fn hostile_urls_stop_at_sanitizer_markers() {
    let cases = [
        ("https://exa\u{200b}mple.com", "https://exa"),
        (
            "https://bank.example\u{202e}moc.live",
            "https://bank.example",
        ),
        (
            "https://a.example\x1b]8;;https://evil\x07",
            "https://a.example",
        ),
        ("https://a.example\x07", "https://a.example"),
        ("https://a.example/\u{9b}2J", "https://a.example/"),
    ];
    for (raw, expected) in cases {
        let safe = SafeText::new(raw);
        assert_eq!(links(safe.as_str()), [expected], "{raw:?} -> {safe:?}");
    }
}

#[test]
fn links_are_unique_and_in_order() {
    let text = "b https://b.example a https://a.example again https://b.example.";
    assert_eq!(links(text), ["https://b.example", "https://a.example"]);
    assert!(links("no links here").is_empty());
}

fn names(kind: RefKind, id: u64) -> Option<String> {
    match (kind, id) {
        (RefKind::User, 1) => Some("alice".into()),
        (RefKind::Topic, 2) => Some("rust".into()),
        (RefKind::Group, 3) => Some("engineering".into()),
        (RefKind::User, 4) => Some("evil\x1b]0;pwn\x07\u{202e}".into()),
        _ => None,
    }
}

#[test]
fn expands_parsed_references() {
    assert_eq!(
        expand_parsed(
            "[[user:1]] likes [[tag:2]] in [[group:3]], [[topic:2]]",
            names
        ),
        "@alice likes #rust in @engineering, #rust"
    );
}

#[test]
fn unresolvable_references_show_kind_and_id() {
    assert_eq!(
        expand_parsed("[[user:99]] [[tag:98]] [[topic:97]] [[group:96]]", names),
        "@user:99 #tag:98 #topic:97 @group:96"
    );
}

#[test]
fn malformed_references_stay_literal() {
    for text in [
        "[[user:]]",
        "[[user:abc]]",
        "[[foo:1]]",
        "[[User:1]]",
        "[[user:1]",
        "[[user:99999999999999999999999]]",
        "[[user: 1]]",
        "[[",
    ] {
        assert_eq!(expand_parsed(text, names), text, "{text:?}");
    }
    assert_eq!(expand_parsed("[[[[user:1]]]]", names), "[[@alice]]");
}

#[test]
fn expansion_is_not_rescanned_and_names_are_sanitized_after() {
    let resolve = |_: RefKind, _: u64| Some("[[user:1]]".to_owned());
    assert_eq!(expand_parsed("[[user:5]]", resolve), "@[[user:1]]");
    let expanded = SafeText::new(&expand_parsed("hi [[user:4]]", names));
    assert_eq!(expanded.as_str(), "hi @evil␛⟨U+202E⟩");
}

#[test]
fn many_openers_stay_linear() {
    let text = format!("{}]]", "[[".repeat(50_000));
    assert_eq!(expand_parsed(&text, names), text);
    let parens = format!("https://a.example/{}", ")".repeat(50_000));
    assert_eq!(links(&parens), ["https://a.example/"]);
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(2_000))]

    #[test]
    fn spans_cover_the_text_exactly(text in "[ a-z@#:./()\\[\\]éЖ日👋\u{301}]{0,40}|https?://[a-z./()?!]{0,20}") {
        let joined: String = tokenize(&text).into_iter().map(|s| s.text).collect();
        prop_assert_eq!(joined, text.clone());
        for span in tokenize(&text) {
            prop_assert!(!span.text.is_empty());
            match span.kind {
                SpanKind::Mention => prop_assert!(span.text.starts_with('@') && span.text.len() > 1),
                SpanKind::Topic => prop_assert!(span.text.starts_with('#') && span.text.len() > 1),
                SpanKind::Link => prop_assert!(span.text.to_ascii_lowercase().starts_with("http")),
                SpanKind::Plain => {}
            }
        }
    }
}
