//! The only place kring builds OSC sequences: clipboard (OSC 52), hyperlinks (OSC 8) and the
//! window title (OSC 2). Text from a server never goes into an OSC unencoded: clipboard text is
//! base64, URLs must be printable ASCII with an allowed scheme, titles pass an allow-list.
//! Owns building the bytes; must not write to the terminal or decide when to copy or link.

use base64::Engine;

use super::SafeText;

/// Longest URL put in an OSC 8 hyperlink (terminals cap URIs around 2 KiB).
pub const MAX_HYPERLINK_URL_LEN: usize = 2048;
/// Longest window title built by [`osc2_title_sequence`].
pub const MAX_TITLE_LEN: usize = 60;

/// True when `s` may appear inside an OSC sequence as is: printable ASCII (0x20–0x7E) only, so
/// no ESC, BEL, C1 ST (U+009C) or any byte that could end or nest a sequence.
pub fn is_safe_for_osc(s: &str) -> bool {
    s.bytes().all(|b| (0x20..0x7f).contains(&b))
}

/// `ESC ] 52 ; c ; <base64> BEL`: asks the terminal to put `text` on the clipboard. The text is
/// base64-encoded, so nothing in it can end the sequence. Callers decide what may be copied
/// (single-line data such as URLs and ids by default).
pub fn osc52_copy_sequence(text: &SafeText) -> String {
    let encoded = base64::engine::general_purpose::STANDARD.encode(text.as_str());
    format!("\x1b]52;c;{encoded}\x07")
}

/// An OSC 8 hyperlink showing `label` and pointing at `url`, or `None` when `url` is not
/// printable ASCII, longer than [`MAX_HYPERLINK_URL_LEN`], or not `http:`, `https:` or
/// `mailto:` (any case), or when `label` spans lines.
pub fn osc8_hyperlink(url: &str, label: &SafeText) -> Option<String> {
    let scheme_allowed = ["http://", "https://", "mailto:"].iter().any(|scheme| {
        url.len() > scheme.len()
            && url.as_bytes()[..scheme.len()].eq_ignore_ascii_case(scheme.as_bytes())
    });
    let url_ok = scheme_allowed && url.len() <= MAX_HYPERLINK_URL_LEN && is_safe_for_osc(url);
    if !url_ok || label.as_str().contains('\n') {
        return None;
    }
    Some(format!("\x1b]8;;{url}\x1b\\{label}\x1b]8;;\x1b\\"))
}

/// `url` when it is fit to copy or hand to a browser: one `http:` or `https:` URL of printable
/// ASCII with no spaces, at most [`MAX_HYPERLINK_URL_LEN`] long. A server's link with a newline,
/// a control or a space in it would paste as more (or other) than what the screen showed.
pub fn copyable_url(url: &str) -> Option<&str> {
    let scheme_allowed = ["http://", "https://"].iter().any(|scheme| {
        url.len() > scheme.len()
            && url.as_bytes()[..scheme.len()].eq_ignore_ascii_case(scheme.as_bytes())
    });
    let plain = url.bytes().all(|b| (0x21..0x7f).contains(&b));
    (scheme_allowed && plain && url.len() <= MAX_HYPERLINK_URL_LEN).then_some(url)
}

/// `ESC ] 2 ; <title> BEL` with a title made only of `[A-Za-z0-9 _.:#-]` (other characters are
/// dropped) and cut to [`MAX_TITLE_LEN`] characters.
pub fn osc2_title_sequence(title: &str) -> String {
    let cleaned: String = title
        .chars()
        .filter(|c| c.is_ascii_alphanumeric() || matches!(c, ' ' | '_' | '.' | ':' | '#' | '-'))
        .take(MAX_TITLE_LEN)
        .collect();
    format!("\x1b]2;{cleaned}\x07")
}
