//! Word wrapping by display width. First version: hard breaks only.

use unicode_segmentation::UnicodeSegmentation;
use unicode_width::UnicodeWidthStr;

/// Wraps `s` into lines no wider than `width` columns.
pub fn wrap_lines(s: &str, width: usize) -> Vec<String> {
    if width == 0 {
        return Vec::new();
    }
    let mut lines = Vec::new();
    for source_line in s.split('\n') {
        let mut current = String::new();
        let mut used = 0;
        for grapheme in source_line.graphemes(true) {
            let w = grapheme.width();
            if used + w > width && !current.is_empty() {
                lines.push(std::mem::take(&mut current));
                used = 0;
            }
            current.push_str(grapheme);
            used += w;
        }
        lines.push(current);
    }
    lines
}
