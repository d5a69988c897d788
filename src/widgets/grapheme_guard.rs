//! Keeps multi-codepoint graphemes from leaving residue on the terminal. A flag (a pair of
//! regional indicators), a ZWJ sequence, a skin-toned or VS16 emoji is one grapheme two columns
//! wide to kring and ratatui, but some terminals draw its parts separately; when the next frame
//! puts a narrow character where it began, ratatui's diff rewrites only that column, and the
//! terminal's copy of the second part ("🇱" of "🇳🇱") stays beside it.
//!
//! After a frame is drawn, the columns such a grapheme covers after its first are marked to be written out: in that frame they are skipped as part of the wide
//! grapheme or written as usual, and in the next frame the mark differs from what is there, so
//! ratatui writes them again and whatever the terminal kept there is cleared. Changes only the
//! cells' diff marks, never what they show.

use ratatui::buffer::{Buffer, CellDiffOption};
use ratatui::layout::Position;
use unicode_width::UnicodeWidthStr;

/// Marks the columns after every fragile grapheme of `buffer` to be rewritten next frame.
pub fn mark(buffer: &mut Buffer) {
    let area = buffer.area;
    for y in area.top()..area.bottom() {
        let mut x = area.left();
        while x < area.right() {
            let width = buffer
                .cell(Position::new(x, y))
                .map_or(1, |cell| fragile_width(cell.symbol()));
            if width > 0 {
                let end = x.saturating_add(width).min(area.right());
                for after in x + 1..end {
                    if let Some(cell) = buffer.cell_mut(Position::new(after, y))
                        && cell.diff_option == CellDiffOption::None
                    {
                        cell.diff_option = CellDiffOption::AlwaysUpdate;
                    }
                }
            }
            x = x.saturating_add(1);
        }
    }
}

/// The columns `symbol` takes when terminals may disagree on how to draw it (more than one code
/// point and wider than one column, or any regional indicator), else 0.
fn fragile_width(symbol: &str) -> u16 {
    let several = symbol.chars().nth(1).is_some();
    let regional = symbol.chars().any(is_regional_indicator);
    let width = symbol.width();
    if regional || (several && width > 1) {
        u16::try_from(width.max(1)).unwrap_or(1)
    } else {
        0
    }
}

fn is_regional_indicator(c: char) -> bool {
    ('\u{1F1E6}'..='\u{1F1FF}').contains(&c)
}

#[cfg(test)]
mod tests {
    use super::*;
    use ratatui::layout::Rect;

    fn row(text: &str) -> Buffer {
        let mut buffer = Buffer::empty(Rect::new(0, 0, 8, 1));
        buffer.set_string(0, 0, text, ratatui::style::Style::default());
        buffer
    }

    fn written(prev: &Buffer, next: &Buffer) -> Vec<u16> {
        prev.diff(next).into_iter().map(|(x, _, _)| x).collect()
    }

    #[test]
    fn a_flag_scrolled_away_has_both_its_columns_rewritten() {
        for fragile in ["🇳🇱", "👨\u{200d}👩\u{200d}👧", "👍🏽", "❤\u{fe0f}"] {
            let mut prev = row(&format!("{fragile}ab"));
            let next = row("x ab");
            assert!(
                !written(&prev, &next).contains(&1),
                "{fragile}: unmarked, ratatui leaves the second column to the terminal"
            );
            mark(&mut prev);
            assert!(
                written(&prev, &next).contains(&1),
                "{fragile}: marked, the second column is written again"
            );
        }
    }

    #[test]
    fn plain_and_cjk_text_is_left_alone() {
        for text in ["abcdefgh", "日本語ab", "e\u{301}abc"] {
            let mut buffer = row(text);
            mark(&mut buffer);
            assert!(
                buffer
                    .content()
                    .iter()
                    .all(|cell| cell.diff_option == CellDiffOption::None),
                "{text}"
            );
        }
    }

    #[test]
    fn the_same_flag_in_the_next_frame_is_not_rewritten_over() {
        let mut prev = row("🇳🇱ab");
        mark(&mut prev);
        let mut next = row("🇳🇱ab");
        mark(&mut next);
        assert!(written(&prev, &next).is_empty());
    }
}
