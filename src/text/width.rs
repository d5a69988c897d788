//! Display width of text in terminal columns, measured per grapheme cluster exactly the way
//! ratatui's buffer measures it (`ratatui::buffer::CellWidth`), so layout computed here matches
//! what the renderer draws. Owns measuring only; must not change text.

use ratatui::buffer::CellWidth;
use unicode_segmentation::UnicodeSegmentation;

/// Display width of `s` in terminal columns, summed over grapheme clusters.
///
/// A grapheme containing a control character counts 0 (ratatui drops such graphemes when it
/// draws); `\n` therefore counts 0. Never panics.
///
/// Only the stretches around non-ASCII characters are segmented: an ASCII character between
/// two ASCII neighbours is a grapheme of its own (`\r\n`, the one ASCII pair that joins,
/// measures 0 either way).
pub fn display_width(s: &str) -> usize {
    if s.is_ascii() {
        return s.bytes().filter(|b| !b.is_ascii_control()).count();
    }
    let bytes = s.as_bytes();
    let mut total = 0;
    let mut stretch_start = None;
    for (at, byte) in bytes.iter().enumerate() {
        let alone = byte.is_ascii()
            && bytes.get(at + 1).is_none_or(u8::is_ascii)
            && (at == 0 || bytes[at - 1].is_ascii());
        if !alone {
            stretch_start.get_or_insert(at);
            continue;
        }
        if let Some(start) = stretch_start.take() {
            total += s.get(start..at).map_or(0, segmented_width);
        }
        total += usize::from(!byte.is_ascii_control());
    }
    if let Some(start) = stretch_start {
        total += s.get(start..).map_or(0, segmented_width);
    }
    total
}

fn segmented_width(s: &str) -> usize {
    s.graphemes(true).map(grapheme_width).sum()
}

/// Display width of one grapheme cluster, as ratatui draws it.
pub fn grapheme_width(grapheme: &str) -> usize {
    if let [byte] = grapheme.as_bytes() {
        return usize::from(!byte.is_ascii_control());
    }
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
        assert_eq!(display_width("↩ 12  ♥ 3 "), 10);
        assert_eq!(display_width("Ada · Platform"), 14);
    }

    proptest::proptest! {
        /// Skipping segmentation between ASCII neighbours changes no sum, whatever joins to
        /// the ASCII characters around the skipped stretches (marks, keycaps, prepended signs).
        #[test]
        fn mixed_text_measures_like_full_segmentation(
            s in "[a# \r\n\t\u{301}\u{fe0f}\u{20e3}\u{600}\u{200d}é日👩🇫🇷]{0,14}",
        ) {
            proptest::prop_assert_eq!(display_width(&s), segmented_width(&s));
        }
    }
}
