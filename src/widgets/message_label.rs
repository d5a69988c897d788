//! The label a typed message carries where the timeline and the thread show it: `[Question]`,
//! `[Announcement]` and an announcement's title (then ` — ` and the body), in front of a card's
//! preview or after a thread message's header. Plain updates carry none and keep the plain
//! preview path. Returns lines and spans; draws nothing and holds no state.

use ratatui::style::Style;
use ratatui::text::{Line, Span};

use crate::domain::Message;
use crate::widgets::body::{preview_lines, preview_text};

/// The styles a label is drawn in.
#[derive(Clone, Copy, Debug)]
pub struct LabelStyles {
    pub label: Style,
    pub title: Style,
    /// The text around them.
    pub text: Style,
}

/// `[Kind]` for a typed message, `None` for a plain one. Brackets keep it a label without
/// colour (`NO_COLOR`) and in ASCII.
pub fn kind_tag(message: &Message) -> Option<String> {
    message.kind.label().map(|label| format!("[{label}]"))
}

/// The label and title, in that order, each `None` when the message has none.
fn head(message: &Message) -> (Option<String>, Option<&str>) {
    let title = Some(message.title.as_str()).filter(|t| !t.trim().is_empty());
    (kind_tag(message), title)
}

/// The spans a thread message's header ends with: ` [Kind] Title`; empty for a plain message.
pub fn header_spans(message: &Message, styles: LabelStyles) -> Vec<Span<'static>> {
    let (tag, title) = head(message);
    let mut spans = Vec::new();
    if let Some(tag) = tag {
        spans.push(Span::styled(" ", styles.text));
        spans.push(Span::styled(tag, styles.label));
    }
    if let Some(title) = title {
        spans.push(Span::styled(" ", styles.text));
        spans.push(Span::styled(title.to_owned(), styles.title));
    }
    spans
}

/// A card's preview: at most `max_lines` lines of `width` columns of the label, the title and
/// the body, flowing as one text so the label costs no line of its own. A plain message's
/// preview is [`preview_lines`] unchanged.
pub fn preview_with_label(
    message: &Message,
    width: usize,
    max_lines: usize,
    styles: LabelStyles,
) -> Vec<Line<'static>> {
    let (tag, title) = head(message);
    if tag.is_none() && title.is_none() {
        return preview_lines(&message.body, width, max_lines, styles.text);
    }
    // Byte ranges of the label and the title in the flattened text, and their styles.
    let mut flat = String::new();
    let mut marked: Vec<(std::ops::Range<usize>, Style)> = Vec::new();
    for (part, style) in [(tag.as_deref(), styles.label), (title, styles.title)] {
        let Some(part) = part else { continue };
        let part = part.split_whitespace().collect::<Vec<_>>().join(" ");
        if !flat.is_empty() {
            flat.push(' ');
        }
        marked.push((flat.len()..flat.len() + part.len(), style));
        flat.push_str(&part);
    }
    let mut words = message.body.as_str().split_whitespace().peekable();
    if title.is_some() && words.peek().is_some() {
        // The title ends where the body begins.
        flat.push_str(" —");
    }
    for word in words {
        flat.push(' ');
        flat.push_str(word);
    }
    let mut cursor = 0;
    preview_text(&flat, width, max_lines)
        .into_iter()
        .map(|line| {
            // Each wrapped line is a piece of `flat` (the last may end in `…` instead).
            let probe = line.trim_end_matches('…');
            let Some(found) = flat.get(cursor..).and_then(|rest| rest.find(probe)) else {
                return Line::styled(line, styles.text);
            };
            let start = cursor + found;
            cursor = start + probe.len();
            styled_piece(&line, start, probe.len(), &marked, styles.text)
        })
        .collect()
}

/// `line`, whose first `len` bytes are `flat[start..start + len]`, with the marked ranges
/// styled; everything else in `text`.
fn styled_piece(
    line: &str,
    start: usize,
    len: usize,
    marked: &[(std::ops::Range<usize>, Style)],
    text: Style,
) -> Line<'static> {
    let mut spans = Vec::new();
    let mut at = 0;
    for (range, style) in marked {
        let from = range.start.saturating_sub(start).min(len);
        let to = range.end.saturating_sub(start).min(len);
        if from >= to || from < at {
            continue;
        }
        if let (Some(before), Some(inside)) = (line.get(at..from), line.get(from..to)) {
            if !before.is_empty() {
                spans.push(Span::styled(before.to_owned(), text));
            }
            spans.push(Span::styled(inside.to_owned(), *style));
            at = to;
        }
    }
    if let Some(rest) = line.get(at..).filter(|r| !r.is_empty()) {
        spans.push(Span::styled(rest.to_owned(), text));
    }
    Line::from(spans).style(text)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::test_support::message;
    use crate::domain::{MessageKind, SafeText};
    use ratatui::style::Modifier;

    fn styles() -> LabelStyles {
        LabelStyles {
            label: Style::new().add_modifier(Modifier::BOLD),
            title: Style::new().add_modifier(Modifier::UNDERLINED),
            text: Style::new(),
        }
    }

    fn text(line: &Line<'_>) -> String {
        line.spans.iter().map(|s| s.content.as_ref()).collect()
    }

    #[test]
    fn a_plain_message_has_no_label_and_the_plain_preview() {
        let plain = message(1, 1, None);
        assert!(header_spans(&plain, styles()).is_empty());
        let ours = preview_with_label(&plain, 20, 2, styles());
        assert_eq!(ours, preview_lines(&plain.body, 20, 2, Style::new()));
    }

    #[test]
    fn the_label_and_title_flow_into_the_preview_styled() {
        let mut m = message(1, 1, None);
        m.kind = MessageKind::Announcement;
        m.title = SafeText::new("Release   4.2 is out");
        m.body = SafeText::new("Faster exports and the audit log.");
        let lines = preview_with_label(&m, 30, 2, styles());
        assert_eq!(text(&lines[0]), "[Announcement] Release 4.2 is");
        assert_eq!(lines[0].spans[0].content, "[Announcement]");
        assert_eq!(lines[0].spans[0].style, styles().label);
        assert_eq!(lines[0].spans[2].content, "Release 4.2 is");
        assert_eq!(lines[0].spans[2].style, styles().title);
        assert_eq!(lines[1].spans[0].content, "out");
        assert_eq!(lines[1].spans[0].style, styles().title);
        assert!(text(&lines[1]).starts_with("out — Faster exports"));
        let header: String = header_spans(&m, styles())
            .iter()
            .map(|s| s.content.as_ref())
            .collect();
        assert_eq!(header, " [Announcement] Release   4.2 is out");
    }

    #[test]
    fn odd_widths_and_wide_text_never_lose_or_split_characters() {
        let mut m = message(1, 1, None);
        m.kind = MessageKind::Question;
        m.title = SafeText::new("日本語のタイトル");
        m.body = SafeText::new("emoji 👍🏽 and e\u{301} accents");
        for width in 1..40 {
            let lines = preview_with_label(&m, width, 2, styles());
            assert!(lines.len() <= 2);
            let plain = preview_text(
                &format!("[Question] 日本語のタイトル — {}", m.body.as_str()),
                width,
                2,
            );
            let ours: Vec<String> = lines.iter().map(text).collect();
            assert_eq!(ours, plain, "width {width}");
        }
    }
}
