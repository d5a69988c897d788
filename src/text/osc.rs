//! The only place kring builds OSC sequences: clipboard (OSC 52), hyperlinks (OSC 8), the
//! window title (OSC 2) and desktop notifications (OSC 777, OSC 9, wrapped for tmux). Text from a server never goes into an OSC unencoded: clipboard text is
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

/// How a notification reaches the terminal.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum NotifyEncoding {
    /// `ESC ] 777 ; notify ; <title> ; <body> ESC \`.
    Osc777,
    /// `ESC ] 9 ; <title>: <body> ESC \`.
    Osc9,
    /// `BEL`: the terminal decides (a sound, a flash, an urgent window).
    Bell,
}

/// Longest title or body put in a notification, in characters.
pub const MAX_NOTIFY_TEXT: usize = 200;

/// `text` fit for a notification field: no control characters at all (C0, DEL, C1: nothing can
/// end or nest the sequence), no `;` (OSC 777 splits fields on it, and `OSC 9 ; <digit> ;` is
/// another command on some terminals), cut to [`MAX_NOTIFY_TEXT`] characters.
fn notify_field(text: &str) -> String {
    text.chars()
        .filter(|c| !c.is_control())
        .map(|c| if c == ';' { ',' } else { c })
        .take(MAX_NOTIFY_TEXT)
        .collect()
}

/// The bytes that ask the terminal to show a notification. Inside tmux (`tmux`), an OSC goes
/// through tmux's DCS passthrough (`ESC P tmux ; … ESC \`, every ESC inside doubled), which
/// needs `set -g allow-passthrough on`; the bell needs no wrapping.
pub fn notify_sequence(encoding: NotifyEncoding, title: &str, body: &str, tmux: bool) -> String {
    let (title, body) = (notify_field(title), notify_field(body));
    let sequence = match encoding {
        NotifyEncoding::Bell => return "\x07".to_owned(),
        NotifyEncoding::Osc777 => format!("\x1b]777;notify;{title};{body}\x1b\\"),
        NotifyEncoding::Osc9 => format!("\x1b]9;{title}: {body}\x1b\\"),
    };
    if tmux {
        format!("\x1bPtmux;{}\x1b\\", sequence.replace('\x1b', "\x1b\x1b"))
    } else {
        sequence
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn osc777_and_osc9_carry_title_and_body() {
        assert_eq!(
            notify_sequence(NotifyEncoding::Osc777, "kring", "Dana mentioned you", false),
            "\x1b]777;notify;kring;Dana mentioned you\x1b\\"
        );
        assert_eq!(
            notify_sequence(NotifyEncoding::Osc9, "kring", "3 new mentions", false),
            "\x1b]9;kring: 3 new mentions\x1b\\"
        );
        assert_eq!(
            notify_sequence(NotifyEncoding::Bell, "a", "b", true),
            "\x07"
        );
    }

    #[test]
    fn inside_tmux_the_sequence_passes_through_with_every_esc_doubled() {
        let wrapped = notify_sequence(NotifyEncoding::Osc777, "kring", "hi", true);
        assert_eq!(
            wrapped,
            "\x1bPtmux;\x1b\x1b]777;notify;kring;hi\x1b\x1b\\\x1b\\"
        );
        // Only the passthrough's own ESC P and its final ESC \ stay single.
        let inner = &wrapped["\x1bPtmux;".len()..wrapped.len() - 2];
        assert_eq!(inner.matches('\x1b').count(), 4);
        assert!(!inner.replace("\x1b\x1b", "").contains('\x1b'));
    }

    #[test]
    fn hostile_text_cannot_end_the_sequence_or_add_fields() {
        let name = "Eve\x1b]777;notify;pwned;x\x07\u{9c}\u{9d};rm\x1b\\";
        let body = format!("{name} mentioned you");
        for encoding in [NotifyEncoding::Osc777, NotifyEncoding::Osc9] {
            let sequence = notify_sequence(encoding, "kring;x", &body, false);
            let inner = &sequence[2..sequence.len() - 2];
            assert!(!inner.chars().any(char::is_control), "{sequence:?}");
            assert!(!sequence.contains('\x07'));
            let fields = inner.matches(';').count();
            let expected = if encoding == NotifyEncoding::Osc777 {
                3
            } else {
                1
            };
            assert_eq!(fields, expected, "{sequence:?}");
        }
        let long = "x".repeat(1000);
        let sequence = notify_sequence(NotifyEncoding::Osc9, "t", &long, false);
        assert!(sequence.len() < MAX_NOTIFY_TEXT + 20);
    }
}
