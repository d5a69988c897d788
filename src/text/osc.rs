//! The only builders of OSC sequences (clipboard, hyperlinks). First version of the API.

use base64::Engine;

use super::SafeText;

/// True when `s` may appear inside an OSC sequence: printable ASCII only.
pub fn is_safe_for_osc(s: &str) -> bool {
    s.bytes().all(|b| (0x20..0x7f).contains(&b))
}

/// `ESC ] 52 ; c ; <base64> BEL`: asks the terminal to put `text` on the clipboard.
pub fn osc52_copy_sequence(text: &SafeText) -> String {
    let encoded = base64::engine::general_purpose::STANDARD.encode(text.as_str());
    format!("\x1b]52;c;{encoded}\x07")
}

/// An OSC 8 hyperlink, or `None` when `url` or `label` is not safe.
pub fn osc8_hyperlink(url: &str, label: &SafeText) -> Option<String> {
    let scheme_ok = ["http://", "https://", "mailto:"]
        .iter()
        .any(|p| url.starts_with(p));
    if !scheme_ok || !is_safe_for_osc(url) {
        return None;
    }
    Some(format!("\x1b]8;;{url}\x1b\\{label}\x1b]8;;\x1b\\"))
}
