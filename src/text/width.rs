//! Display width of text in terminal columns, measured per grapheme cluster exactly the way
//! ratatui's buffer measures it (`ratatui::buffer::CellWidth`), so layout computed here matches
//! what the renderer draws. Owns measuring only; must not change text.

use ratatui::buffer::CellWidth;
use unicode_segmentation::UnicodeSegmentation;

/// Display width of `s` in terminal columns, summed over grapheme clusters.
///
/// A grapheme containing a control character counts 0 (ratatui drops such graphemes when it
/// draws); `\n` therefore counts 0. Never panics.
pub fn display_width(s: &str) -> usize {
    if s.is_ascii() {
        return s.bytes().filter(|b| !b.is_ascii_control()).count();
    }
    s.graphemes(true).map(grapheme_width).sum()
}

/// Display width of one grapheme cluster, as ratatui draws it.
pub fn grapheme_width(grapheme: &str) -> usize {
    if grapheme.contains(char::is_control) {
        return 0;
    }
    usize::from(grapheme.cell_width())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ascii_counts_printable_bytes() {
        assert_eq!(display_width("hello"), 5);
        assert_eq!(display_width("a\nb\x1b"), 2);
        assert_eq!(display_width(""), 0);
    }

    #[test]
    fn wide_and_combined_graphemes() {
        assert_eq!(display_width("日本語"), 6);
        assert_eq!(display_width("e\u{301}"), 1);
        assert_eq!(display_width("👨\u{200d}👩\u{200d}👧"), 2);
        assert_eq!(display_width("🇫🇷"), 2);
        assert_eq!(display_width("a\u{7}b"), 2);
    }
}
