//! Mends the two text faults that would otherwise make a whole JSON answer undecodable: bytes
//! that are not UTF-8, and `\uD800`-style escapes of lone UTF-16 surrogates (what a server that
//! cuts strings on UTF-16 units sends). Both become U+FFFD, as a lossy decoder would show them,
//! so one bad character costs one character, not the feed.
//!
//! Used only after a strict decode failed, so well-formed answers pay nothing. Changes nothing
//! but those two faults: structure, other escapes and valid text stay byte for byte.

use std::borrow::Cow;

/// `input` with invalid UTF-8 and lone surrogate escapes replaced by U+FFFD, or `None` when it
/// has neither (a repair would not change the decoder's answer).
pub(crate) fn mend(input: &[u8]) -> Option<Vec<u8>> {
    let text = String::from_utf8_lossy(input);
    let utf8_mended = matches!(text, Cow::Owned(_));
    match mend_surrogate_escapes(&text) {
        Some(mended) => Some(mended.into_bytes()),
        None if utf8_mended => Some(text.into_owned().into_bytes()),
        None => None,
    }
}

/// Replaces `\uXXXX` escapes of unpaired surrogates with `\uFFFD`; `None` when there are none.
fn mend_surrogate_escapes(text: &str) -> Option<String> {
    let bytes = text.as_bytes();
    let mut out: Option<String> = None;
    let mut copied = 0;
    let mut in_string = false;
    let mut at = 0;
    while at < bytes.len() {
        match bytes[at] {
            b'"' => {
                in_string = !in_string;
                at += 1;
            }
            b'\\' if in_string => {
                let Some(unit) = escape_unit(bytes, at) else {
                    // Any other escape (or a broken one, left for the decoder to report).
                    at += 2;
                    continue;
                };
                let paired = is_high(unit) && escape_unit(bytes, at + 6).is_some_and(is_low);
                if paired {
                    at += 12;
                } else if is_high(unit) || is_low(unit) {
                    let mended = out.get_or_insert_with(|| String::with_capacity(text.len()));
                    mended.push_str(&text[copied..at]);
                    mended.push_str("\\uFFFD");
                    at += 6;
                    copied = at;
                } else {
                    at += 6;
                }
            }
            _ => at += 1,
        }
    }
    out.map(|mut mended| {
        mended.push_str(&text[copied..]);
        mended
    })
}

/// The code unit of a `\uXXXX` escape starting at `at`, if one does.
fn escape_unit(bytes: &[u8], at: usize) -> Option<u16> {
    let escape = bytes.get(at..at + 6)?;
    if escape[0] != b'\\' || escape[1] != b'u' {
        return None;
    }
    let hex = std::str::from_utf8(&escape[2..]).ok()?;
    u16::from_str_radix(hex, 16).ok()
}

fn is_high(unit: u16) -> bool {
    (0xD800..=0xDBFF).contains(&unit)
}

fn is_low(unit: u16) -> bool {
    (0xDC00..=0xDFFF).contains(&unit)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn decoded(input: &[u8]) -> serde_json::Value {
        let mended = mend(input).expect("something to mend");
        serde_json::from_slice(&mended).expect("decodes after mending")
    }

    #[test]
    fn a_lone_surrogate_becomes_one_replacement_character() {
        let input = br#"[{"body":"caf\ud800 ok"},{"body":"next"}]"#;
        assert!(serde_json::from_slice::<serde_json::Value>(input).is_err());
        let value = decoded(input);
        assert_eq!(value[0]["body"], "caf\u{FFFD} ok");
        assert_eq!(value[1]["body"], "next");
    }

    #[test]
    fn a_trailing_low_surrogate_and_a_cut_pair_are_mended() {
        assert_eq!(decoded(br#"{"a":"x\udc00"}"#)["a"], "x\u{FFFD}");
        assert_eq!(
            decoded(br#"{"a":"\ud83d","b":"\ud83d\ude00"}"#),
            serde_json::json!({"a": "\u{FFFD}", "b": "😀"})
        );
    }

    #[test]
    fn invalid_utf8_bytes_become_replacement_characters() {
        let value = decoded(b"{\"a\":\"bad \xff byte\",\"b\":1}");
        assert_eq!(value["a"], "bad \u{FFFD} byte");
        assert_eq!(value["b"], 1);
    }

    #[test]
    fn an_escaped_backslash_before_u_is_text_not_an_escape() {
        // `\\ud800` is a backslash followed by the letters "ud800".
        assert_eq!(mend(br#"{"a":"C:\\ud800"}"#), None);
        let value = decoded(br#"{"a":"C:\\ud800 \ud800"}"#);
        assert_eq!(value["a"], "C:\\ud800 \u{FFFD}");
    }

    #[test]
    fn well_formed_input_needs_no_mending() {
        assert_eq!(mend(br#"{"a":"\ud83d\ude00 \u00e9 \n","b":"\\"}"#), None);
        assert_eq!(mend(b"not json at all"), None);
    }

    #[test]
    fn surrogate_like_text_outside_strings_is_left_to_the_decoder() {
        assert_eq!(mend(br"\ud800"), None);
    }
}
