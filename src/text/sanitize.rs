//! The sanitizer. First version: replaces every control character except `\n`.

/// Sanitizes text from a server or a file for display.
pub fn sanitize(raw: &str) -> String {
    raw.replace("\r\n", "\n")
        .chars()
        .map(|c| if c == '\r' { '\n' } else { c })
        .filter(|c| *c == '\n' || !c.is_control())
        .collect()
}

/// Sanitizes pasted text before it enters a draft.
pub fn sanitize_paste(raw: &str) -> String {
    sanitize(raw)
}
