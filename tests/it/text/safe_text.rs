//! `SafeText` can only be made through the sanitizer, including from JSON.

use kring::text::SafeText;

#[test]
fn constructors_sanitize() {
    let hostile = "a\x1b]0;t\x07b\u{202e}";
    assert_eq!(SafeText::new(hostile).as_str(), "a␛b⟨U+202E⟩");
    assert_eq!(SafeText::from_static("tab\there").as_str(), "tab here");
    assert_eq!(SafeText::from_static("kring").as_str(), "kring");
    assert_eq!(SafeText::new("x\u{9b}2Jy").to_string(), "x␛y");
}

#[test]
fn length_and_emptiness_are_of_the_sanitized_text() {
    let text = SafeText::new("\x07");
    assert_eq!(text.as_str(), "␇");
    assert_eq!(text.len(), "␇".len());
    assert!(!text.is_empty());
    assert!(SafeText::default().is_empty());
    assert!(SafeText::new("").is_empty());
}

#[test]
fn serializes_as_a_plain_string() {
    let text = SafeText::new("pay\u{200b}pal");
    let json = serde_json::to_string(&text).unwrap_or_default();
    assert_eq!(json, "\"pay⟨U+200B⟩pal\"");
}

#[test]
fn deserializing_sanitizes_again() {
    let json = "\"evil\\u001b]52;c;aGk=\\u0007 \\u202e\"";
    let text: SafeText = serde_json::from_str(json).unwrap_or_default();
    assert_eq!(text.as_str(), "evil␛ ⟨U+202E⟩");
    let round_trip: SafeText =
        serde_json::from_str(&serde_json::to_string(&text).unwrap_or_default()).unwrap_or_default();
    assert_eq!(round_trip, text);
}

#[test]
fn equal_inputs_after_sanitizing_are_equal_values() {
    assert_eq!(SafeText::new("a\r\nb"), SafeText::new("a\rb"));
    assert_ne!(SafeText::new("pay\u{200b}pal"), SafeText::new("paypal"));
}

#[test]
fn report_comes_with_the_text() {
    // The view shows a warning marker from the report.
    let (text, report) = SafeText::new_with_report("user\u{202e}gnp.exe");
    assert_eq!(text.as_str(), "user⟨U+202E⟩gnp.exe");
    assert!(report.needs_warning());
    let (_, clean) = SafeText::new_with_report("hello");
    assert!(!clean.needs_warning());
}
