//! Draws one left-aligned [`Line`] into the buffer, leaving exactly the cells ratatui's own
//! `Line` widget leaves, but writing printable-ASCII spans cell by cell instead of segmenting
//! and measuring them grapheme by grapheme (three times: line width, span width, each cell).
//! Spans with any other text go through ratatui's `Span` widget unchanged. Owns drawing only.

use ratatui::buffer::Buffer;
use ratatui::layout::{Alignment, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::Widget;

/// Draws `line` on the first row of `area`, as `line.render(area, buf)` would.
pub fn draw_line(line: &Line<'_>, area: Rect, buf: &mut Buffer) {
    if line.alignment.is_some_and(|a| a != Alignment::Left) {
        line.render(area, buf);
        return;
    }
    let area = area.intersection(buf.area);
    if area.is_empty() {
        return;
    }
    let mut area = Rect { height: 1, ..area };
    if line.spans.iter().all(|span| span_width(span) == 0) {
        return;
    }
    // A style that sets nothing changes no cell.
    if line.style != Style::default() {
        buf.set_style(area, line.style);
    }
    for span in &line.spans {
        if area.is_empty() {
            break;
        }
        let width = if is_printable_ascii(&span.content) {
            draw_ascii(&span.content, span.style, area, buf);
            span.content.len()
        } else {
            draw_mixed(span, area, buf);
            span.width()
        };
        area = indent_x(area, u16::try_from(width).unwrap_or(u16::MAX));
    }
}

/// `area` without its first `offset` columns (ratatui's crate-private `Rect::indent_x`).
fn indent_x(area: Rect, offset: u16) -> Rect {
    Rect {
        x: area.x.saturating_add(offset),
        width: area.width.saturating_sub(offset),
        ..area
    }
}

/// A span with some non-ASCII text: its printable-ASCII head but the head's last character is
/// written directly, the rest by ratatui's `Span` widget. The cut lies between two printable
/// ASCII characters, which is always a grapheme boundary, and the rest starts with a grapheme
/// at least one column wide, which that widget writes as it would have mid-span.
fn draw_mixed(span: &Span<'_>, area: Rect, buf: &mut Buffer) {
    let text: &str = &span.content;
    let head = text
        .bytes()
        .take_while(|b| matches!(b, b' '..=b'~'))
        .count()
        .saturating_sub(1);
    let (Some(ascii), Some(rest)) = (text.get(..head), text.get(head..)) else {
        span.render(area, buf);
        return;
    };
    if head == 0 || head >= usize::from(area.width) {
        span.render(area, buf);
        return;
    }
    draw_ascii(ascii, span.style, area, buf);
    let rest = Span::styled(rest, span.style);
    rest.render(indent_x(area, u16::try_from(head).unwrap_or(u16::MAX)), buf);
}

/// Display width as ratatui measures a span.
fn span_width(span: &Span<'_>) -> usize {
    if is_printable_ascii(&span.content) {
        span.content.len()
    } else {
        span.width()
    }
}

/// Printable ASCII: one byte is one grapheme one column wide.
fn is_printable_ascii(text: &str) -> bool {
    text.bytes().all(|b| matches!(b, b' '..=b'~'))
}

/// What ratatui's `Span` widget does for printable ASCII: each byte's cell gets the byte as
/// its symbol and the span's style patched over what the cell had; the text stops at the
/// area's right edge.
fn draw_ascii(text: &str, style: Style, area: Rect, buf: &mut Buffer) {
    let room = usize::from(area.width);
    for (x, at) in (area.x..).zip(0..text.len().min(room)) {
        let symbol = text.get(at..at + 1).unwrap_or(" ");
        buf[(x, area.y)].set_symbol(symbol).set_style(style);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use ratatui::style::{Color, Modifier};

    /// `draw_line` and ratatui's `Line` widget on the same starting buffer.
    fn both(line: &Line<'_>, area: Rect) -> (Buffer, Buffer) {
        let mut start = Buffer::empty(Rect::new(0, 0, 12, 2));
        start.set_string(0, 0, "xxxxxxxxxxxx", Style::new().fg(Color::Red));
        start.set_string(0, 1, "yyyyyyyyyyyy", Style::new().bg(Color::Blue));
        let mut ours = start.clone();
        draw_line(line, area, &mut ours);
        let mut theirs = start;
        line.render(area, &mut theirs);
        (ours, theirs)
    }

    // Cards with a typed message's label, drawn from the lines the timeline builds for them.
    #[test]
    fn labelled_previews_match_ratatuis_line_widget() {
        use crate::domain::test_support::message;
        use crate::domain::{MessageKind, SafeText};
        use crate::widgets::message_label::{LabelStyles, preview_with_label};
        let styles = LabelStyles {
            label: Style::new().fg(Color::Green).add_modifier(Modifier::BOLD),
            title: Style::new().add_modifier(Modifier::UNDERLINED),
            text: Style::new().fg(Color::White),
        };
        let mut m = message(1, 1, None);
        m.kind = MessageKind::Announcement;
        m.title = SafeText::new("Réunion à 14h 日本");
        m.body = SafeText::new("Bring questions 👍🏽 and e\u{301} accents to the meeting room.");
        for width in [3, 8, 11, 30] {
            for line in preview_with_label(&m, width, 2, styles) {
                let line = line.patch_style(Style::new().bg(Color::Yellow));
                for area in [Rect::new(0, 0, 12, 1), Rect::new(1, 1, 9, 1)] {
                    let (ours, theirs) = both(&line, area);
                    assert_eq!(ours, theirs, "{line:?} in {area:?}");
                }
            }
        }
    }

    #[test]
    fn cells_match_ratatuis_line_widget() {
        let bold = Style::new().add_modifier(Modifier::BOLD);
        let selected = Style::new()
            .bg(Color::Yellow)
            .remove_modifier(Modifier::BOLD);
        let lines = [
            Line::from(vec![Span::styled("ab", bold), Span::raw(" cd")]),
            Line::from(vec![
                Span::raw("日本"),
                Span::styled("ok", bold),
                Span::raw("e\u{301}"),
            ])
            .style(selected),
            Line::from("a\tb\u{7}c"),
            Line::from(vec![
                Span::raw("a very long line that overflows"),
                Span::raw("!"),
            ]),
            Line::from(vec![Span::raw("ab"), Span::raw("日本語テキスト")]),
            Line::default().style(selected),
            Line::from(vec![Span::raw(""), Span::raw("")]).style(selected),
            Line::from("centered").centered().style(selected),
            Line::from("right").right_aligned(),
            Line::from("\u{301}x").left_aligned(),
            Line::from(vec![Span::raw(" "), Span::styled("cut short…", bold)]).style(selected),
            Line::from(vec![
                Span::raw("ab\u{301}c"),
                Span::raw("a日b"),
                Span::raw("x\u{600}y"),
            ]),
            Line::from(vec![Span::raw("ab\u{7}\u{301}c"), Span::raw("a\r\nb")]),
            Line::from("abcdefghij日本"),
            // A card's first preview line with a label and a title, as the timeline draws it.
            Line::from(vec![
                Span::raw(" "),
                Span::styled("[Announcement]", bold),
                Span::raw(" "),
                Span::styled("Réunion 日本", bold.add_modifier(Modifier::UNDERLINED)),
                Span::raw(" the body…"),
            ])
            .style(selected),
            Line::from(vec![
                Span::raw(" "),
                Span::styled("[Q]", bold),
                Span::styled("", bold),
                Span::raw(" x"),
            ]),
        ];
        let areas = [
            Rect::new(0, 0, 12, 1),
            Rect::new(2, 1, 7, 1),
            Rect::new(10, 0, 5, 2),
            Rect::new(0, 1, 0, 1),
            Rect::new(3, 5, 4, 1),
        ];
        for line in &lines {
            for area in areas {
                let (ours, theirs) = both(line, area);
                assert_eq!(ours, theirs, "{line:?} in {area:?}");
            }
        }
    }
}
