//! Word wrapping by display width. Owns line breaking only; it expects sanitized text
//! ([`crate::text::SafeText`]) and measures with [`crate::text::width`], like ratatui.
//!
//! Rules:
//! - `\n` always ends a line; an empty source line gives an empty output line.
//! - Lines break at whitespace; the whitespace at a break is dropped, leading indentation of a
//!   source line is kept, trailing whitespace of a source line is dropped.
//! - A word wider than the width is broken at grapheme boundaries; a grapheme is never split.
//! - A single grapheme wider than the whole width (a CJK character or emoji at width 1) goes on
//!   a line of its own: that line is the only kind that can exceed `width`.
//! - `width == 0` gives no lines.
//!
//! Each output line is one slice of the input copied once; nothing is allocated per grapheme.
//! An ASCII source line is walked byte by byte (each byte is a grapheme there: the only
//! multi-byte ASCII cluster, `\r\n`, cannot occur inside a line), skipping segmentation.
//! [`wrap_first_lines`] stops as soon as it has the lines asked for, so a preview of a long
//! body costs its first lines, not the whole body.
//!
//! Views should wrap message text with this rather than `Paragraph::wrap`: ratatui 0.30.2's word
//! wrapper lets a line of wide graphemes exceed the area by a column (`"日 日 日 日"` at width
//! 10 renders 11 columns), overwriting a block's right border.

use unicode_segmentation::UnicodeSegmentation;

use super::width::grapheme_width;

/// Wraps `s` into lines no wider than `width` columns (see the module rules).
pub fn wrap_lines(s: &str, width: usize) -> Vec<String> {
    wrap_first_lines(s, width, usize::MAX)
}

/// The first `limit` lines of [`wrap_lines`]`(s, width)`, without wrapping the rest of `s`.
pub fn wrap_first_lines(s: &str, width: usize, limit: usize) -> Vec<String> {
    let mut out = Vec::new();
    if width == 0 {
        return out;
    }
    for source in s.split('\n') {
        if out.len() >= limit {
            break;
        }
        wrap_source_line(source, source.is_ascii(), width, limit, &mut out);
    }
    out.truncate(limit);
    out
}

/// The grapheme clusters of a source line with their byte offsets.
enum Graphemes<'a> {
    /// ASCII without `\r\n`: one grapheme per byte.
    Ascii {
        text: &'a str,
        at: usize,
    },
    Segmented(unicode_segmentation::GraphemeIndices<'a>),
}

impl<'a> Graphemes<'a> {
    fn of(text: &'a str, ascii: bool) -> Graphemes<'a> {
        if ascii {
            Graphemes::Ascii { text, at: 0 }
        } else {
            Graphemes::Segmented(text.grapheme_indices(true))
        }
    }
}

impl<'a> Iterator for Graphemes<'a> {
    type Item = (usize, &'a str);

    fn next(&mut self) -> Option<Self::Item> {
        match self {
            Graphemes::Ascii { text, at } => {
                let grapheme = text.get(*at..*at + 1)?;
                *at += 1;
                Some((*at - 1, grapheme))
            }
            Graphemes::Segmented(graphemes) => graphemes.next(),
        }
    }
}

/// A run of the source line: byte range and display width.
#[derive(Clone, Copy, Default)]
struct Run {
    start: usize,
    end: usize,
    width: usize,
}

impl Run {
    fn at(start: usize) -> Run {
        Run {
            start,
            end: start,
            width: 0,
        }
    }

    fn is_empty(&self) -> bool {
        self.start == self.end
    }

    fn extend(&mut self, end: usize, width: usize) {
        self.end = end;
        self.width += width;
    }
}

/// Whitespace a line may break at (no-break spaces excluded).
fn is_break_space(grapheme: &str) -> bool {
    if let [byte] = grapheme.as_bytes() {
        return char::from(*byte).is_whitespace();
    }
    grapheme
        .chars()
        .all(|c| c.is_whitespace() && !matches!(c, '\u{a0}' | '\u{2007}' | '\u{202f}'))
}

struct LineWrapper<'a, 'o> {
    source: &'a str,
    /// The source line is ASCII (see [`Graphemes::Ascii`]).
    ascii: bool,
    max: usize,
    limit: usize,
    out: &'o mut Vec<String>,
    line: Run,
}

impl LineWrapper<'_, '_> {
    fn emit(&mut self) {
        self.out
            .push(self.source[self.line.start..self.line.end].to_owned());
    }

    fn is_full(&self) -> bool {
        self.out.len() >= self.limit
    }

    /// Puts `word`, preceded on the current line by `gap`, onto the output.
    fn place(&mut self, gap: Run, word: Run) {
        if word.is_empty() {
            return;
        }
        if !self.line.is_empty() {
            if self.line.width + gap.width + word.width <= self.max {
                self.line.extend(word.end, gap.width + word.width);
                return;
            }
            self.emit();
        }
        if word.width <= self.max {
            self.line = word;
        } else {
            self.hard_break(word);
        }
    }

    /// Breaks a word wider than the line at grapheme boundaries; the last piece stays as the
    /// current line so the next word can follow it.
    fn hard_break(&mut self, word: Run) {
        self.line = Run::at(word.start);
        let piece = &self.source[word.start..word.end];
        for (offset, grapheme) in Graphemes::of(piece, self.ascii) {
            if self.is_full() {
                return;
            }
            let start = word.start + offset;
            let width = grapheme_width(grapheme);
            if !self.line.is_empty() && self.line.width + width > self.max {
                self.emit();
                self.line = Run::at(start);
            }
            self.line.extend(start + grapheme.len(), width);
        }
    }
}

/// Wraps one source line (no `\n`); `ascii` says it is ASCII, so graphemes are bytes.
fn wrap_source_line(source: &str, ascii: bool, max: usize, limit: usize, out: &mut Vec<String>) {
    if source.is_empty() {
        out.push(String::new());
        return;
    }
    let mut wrapper = LineWrapper {
        source,
        ascii,
        max,
        limit,
        out,
        line: Run::default(),
    };
    let mut in_indent = true;
    let mut gap = Run::default();
    let mut word = Run::at(0);
    for (start, grapheme) in Graphemes::of(source, ascii) {
        if wrapper.is_full() {
            return;
        }
        let end = start + grapheme.len();
        let width = grapheme_width(grapheme);
        if is_break_space(grapheme) && !in_indent {
            if !word.is_empty() {
                wrapper.place(gap, word);
                gap = Run::at(start);
            }
            gap.extend(end, width);
            word = Run::at(end);
        } else {
            in_indent &= is_break_space(grapheme);
            word.extend(end, width);
        }
    }
    wrapper.place(gap, word);
    if !wrapper.line.is_empty() {
        wrapper.emit();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn breaks_at_spaces_and_drops_them() {
        assert_eq!(
            wrap_lines("the quick brown fox", 10),
            ["the quick", "brown fox"]
        );
        assert_eq!(wrap_lines("a  b", 1), ["a", "b"]);
    }

    #[test]
    fn keeps_indentation_and_empty_lines() {
        assert_eq!(wrap_lines("  code\n\nx", 10), ["  code", "", "x"]);
        assert_eq!(wrap_lines("", 10), [""]);
    }

    #[test]
    fn hard_breaks_long_words() {
        assert_eq!(wrap_lines("abcdefgh ij", 3), ["abc", "def", "gh", "ij"]);
        assert_eq!(wrap_lines("日本語", 4), ["日本", "語"]);
    }

    #[test]
    fn wide_grapheme_at_width_one_is_alone() {
        assert_eq!(wrap_lines("日本", 1), ["日", "本"]);
    }

    #[test]
    fn width_zero_gives_nothing() {
        assert!(wrap_lines("anything", 0).is_empty());
    }

    /// `s` wrapped with every source line walked by segmentation or, when `bytes`, by byte.
    fn wrap_walking(s: &str, width: usize, bytes: bool) -> Vec<String> {
        let mut out = Vec::new();
        for source in s.split('\n') {
            wrap_source_line(source, bytes, width, usize::MAX, &mut out);
        }
        out
    }

    #[test]
    fn first_lines_stop_early_with_the_same_lines() {
        let text = "alpha beta gamma delta epsilon\n\nzeta eta theta";
        let all = wrap_lines(text, 11);
        let expected = [
            "alpha beta",
            "gamma delta",
            "epsilon",
            "",
            "zeta eta",
            "theta",
        ];
        assert_eq!(all, expected);
        for limit in 0..9 {
            assert_eq!(
                wrap_first_lines(text, 11, limit),
                all[..limit.min(6)],
                "{limit}"
            );
        }
        assert_eq!(wrap_first_lines("abcdefgh", 3, 2), ["abc", "def"]);
    }

    proptest::proptest! {
        #[test]
        fn ascii_by_byte_wraps_like_segmentation(s in "[ab \t\r\x0b\x1b]{0,30}", width in 1usize..8) {
            proptest::prop_assert_eq!(wrap_walking(&s, width, true), wrap_walking(&s, width, false));
        }

        #[test]
        fn first_lines_are_a_prefix_of_all_lines(
            s in "[ab \n\u{a0}\u{301}日]{0,30}",
            width in 1usize..8,
            limit in 0usize..6,
        ) {
            let mut all = wrap_lines(&s, width);
            all.truncate(limit);
            proptest::prop_assert_eq!(wrap_first_lines(&s, width, limit), all);
        }
    }

    #[test]
    fn trailing_spaces_are_dropped() {
        assert_eq!(wrap_lines("ab   ", 10), ["ab"]);
        assert_eq!(wrap_lines("   ", 10), ["   "]);
    }
}
