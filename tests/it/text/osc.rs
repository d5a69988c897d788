//! OSC builders never carry server bytes unencoded.

use base64::Engine;
use kring::text::SafeText;
use kring::text::osc::{
    MAX_HYPERLINK_URL_LEN, MAX_TITLE_LEN, copyable_url, is_safe_for_osc, osc2_title_sequence,
    osc8_hyperlink, osc52_copy_sequence,
};

/// The payload between `ESC ]` and the terminator must be printable ASCII.
fn assert_single_clean_osc(sequence: &str, terminator: &str) {
    let body = sequence
        .strip_prefix("\x1b]")
        .and_then(|s| s.strip_suffix(terminator))
        .unwrap_or_else(|| panic!("not one OSC: {sequence:?}"));
    assert!(is_safe_for_osc(body), "unsafe payload in {sequence:?}");
}

#[test]
fn osc_safety_is_printable_ascii() {
    assert!(is_safe_for_osc("https://example.com/a?b=c;d"));
    for unsafe_text in ["a\x1bb", "a\x07", "a\u{9c}", "é", "a\nb", "\x7f"] {
        assert!(!is_safe_for_osc(unsafe_text), "{unsafe_text:?}");
    }
}

#[test]
fn clipboard_payload_is_base64_of_the_safe_text() {
    let text = SafeText::new("pwn\x07\x1b]0;title\x07\u{9c}日本");
    let sequence = osc52_copy_sequence(&text);
    assert_single_clean_osc(&sequence, "\x07");
    let encoded = sequence
        .strip_prefix("\x1b]52;c;")
        .and_then(|s| s.strip_suffix('\x07'))
        .unwrap_or_default();
    let decoded = base64::engine::general_purpose::STANDARD
        .decode(encoded)
        .unwrap_or_default();
    assert_eq!(decoded, text.as_str().as_bytes());
}

#[test]
fn hyperlinks_accept_only_clean_allowed_urls() {
    let label = SafeText::new("docs");
    for good in [
        "https://example.com/a_(b)?q=1",
        "HTTP://EXAMPLE.COM",
        "mailto:a@example.com",
    ] {
        let sequence = osc8_hyperlink(good, &label).unwrap_or_default();
        assert_eq!(sequence, format!("\x1b]8;;{good}\x1b\\docs\x1b]8;;\x1b\\"));
    }
    let long = format!("https://example.com/{}", "a".repeat(3000));
    for bad in [
        "javascript:alert(1)",
        "file:///etc/passwd",
        "https://",
        "https://a.example\x1b\\\x1b]0;pwn\x07",
        "https://a.example\x07",
        "https://a.example\u{9c}",
        "https://exa\u{200b}mple.com",
        "https://a.example/\nb",
        "data:text/html,x",
        long.as_str(),
    ] {
        assert_eq!(osc8_hyperlink(bad, &label), None, "{bad:?}");
    }
    assert_eq!(
        osc8_hyperlink("https://a.example", &SafeText::new("two\nlines")),
        None
    );
}

#[test]
fn title_uses_an_allow_list() {
    let sequence = osc2_title_sequence("kring #general\x07\x1b]0;pwn\u{202e}日本");
    assert_single_clean_osc(&sequence, "\x07");
    assert_eq!(sequence, "\x1b]2;kring #general0pwn\x07");
    let long = osc2_title_sequence(&"x".repeat(500));
    assert_eq!(long.len(), "\x1b]2;\x07".len() + MAX_TITLE_LEN);
}

#[test]
fn only_single_line_http_urls_are_copyable() {
    let ok = "https://kring.test/threads/20?message=21";
    assert_eq!(copyable_url(ok), Some(ok));
    assert_eq!(copyable_url("HTTP://x.test/a"), Some("HTTP://x.test/a"));
    for bad in [
        "https://evil.example/\nsecond",
        "https://evil.example/\rsecond",
        "https://x.test/a b",
        "https://x.test/\u{1b}]52;c;AAAA\u{7}",
        "https://x.test/\u{202e}gpj",
        "javascript:alert(1)",
        "file:///etc/passwd",
        "https://",
        "",
    ] {
        assert_eq!(copyable_url(bad), None, "{bad:?}");
    }
    let long = format!("https://x.test/{}", "a".repeat(MAX_HYPERLINK_URL_LEN));
    assert_eq!(copyable_url(&long), None);
}
