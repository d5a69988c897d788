//! Turns byte offsets and `toml` errors into "file:line:col: message" text for config errors.
//!
//! Owns only error wording shared by the config, keymap and theme loaders; it reads no files.

use std::ops::Range;

/// 1-based line and column of a byte offset in `source` (columns count characters).
pub fn line_col(source: &str, offset: usize) -> (usize, usize) {
    let offset = offset.min(source.len());
    let before = source.get(..offset).unwrap_or(source);
    let line = before.matches('\n').count() + 1;
    let line_start = before.rfind('\n').map_or(0, |newline| newline + 1);
    let column = before
        .get(line_start..)
        .map_or(0, |text| text.chars().count())
        + 1;
    (line, column)
}

/// `":line:col"` for a span, or `""` when there is none.
pub fn span_suffix(source: &str, span: Option<Range<usize>>) -> String {
    span.map(|span| {
        let (line, column) = line_col(source, span.start);
        format!(":{line}:{column}")
    })
    .unwrap_or_default()
}

/// A `toml` error as one line: `":line:col: message"` (the caller prefixes the file name). The
/// message of an unknown field already names the key (`unknown field `foo``).
pub fn describe_toml_error(source: &str, error: &toml::de::Error) -> String {
    let message = error.message().trim().replace('\n', " ");
    format!("{}: {message}", span_suffix(source, error.span()))
}
