//! Message bodies as styled lines: wrapped by display width, with mentions, topics and links
//! highlighted; and short previews for timeline cards.

use ratatui::style::Style;
use ratatui::text::{Line, Span};

use crate::config::theme::Theme;
use crate::domain::SafeText;
use crate::text;
use text::tokens::SpanKind;
use unicode_segmentation::UnicodeSegmentation;

/// The body wrapped to `width` columns, each line styled by token kind.
pub fn body_lines(body: &SafeText, width: usize, theme: &Theme) -> Vec<Line<'static>> {
    text::wrap::wrap_lines(body.as_str(), width.max(1))
        .into_iter()
        .map(|line| styled_line(text::tokens::tokenize(&line), theme))
        .collect()
}

/// One line of body tokens, each styled by its kind.
pub fn styled_line(tokens: Vec<text::tokens::Span>, theme: &Theme) -> Line<'static> {
    let spans: Vec<Span<'static>> = tokens
        .into_iter()
        .map(|span| Span::styled(span.text, token_style(span.kind, theme)))
        .collect();
    Line::from(spans)
}

/// At most `max_lines` wrapped lines of `body` with its whitespace runs (newlines included)
/// flattened to single spaces, the last ending in `…` when text was cut.
pub fn preview_lines(
    body: &SafeText,
    width: usize,
    max_lines: usize,
    style: Style,
) -> Vec<Line<'static>> {
    preview_text(body.as_str(), width, max_lines)
        .into_iter()
        .map(|line| Line::styled(line, style))
        .collect()
}

/// The lines of [`preview_lines`] as text.
///
/// Only a prefix of the flattened body is built and wrapped, doubled until its wrap shows
/// more than `max_lines` lines. That is exact: the prefix ends at a word whose following space
/// is a grapheme of its own, so every line the prefix's wrap completes is a line of the whole
/// body's wrap.
pub fn preview_text(body: &str, width: usize, max_lines: usize) -> Vec<String> {
    let width = width.max(1);
    let limit = max_lines.saturating_add(1);
    let mut words = body.split_whitespace().peekable();
    let mut flat = String::new();
    let mut budget = limit.saturating_mul(width + 1).saturating_add(32);
    while let Some(word) = words.next() {
        if !flat.is_empty() {
            flat.push(' ');
        }
        flat.push_str(word);
        let Some(next) = words.peek().filter(|_| flat.len() >= budget) else {
            continue;
        };
        if space_stands_alone(&flat, next) {
            let lines = text::wrap::wrap_first_lines(&flat, width, limit);
            if lines.len() > max_lines {
                return with_cut_marked(lines, width, max_lines);
            }
        }
        budget = budget.saturating_mul(2);
    }
    let lines = text::wrap::wrap_first_lines(&flat, width, limit);
    with_cut_marked(lines, width, max_lines)
}

/// Whether in `before + " " + after` the space is a grapheme cluster of its own (it is unless
/// `before` ends in a prepended mark or `after` starts with a combining one).
fn space_stands_alone(before: &str, after: &str) -> bool {
    let (Some(last), Some(first)) = (before.chars().next_back(), after.chars().next()) else {
        return true;
    };
    if last.is_ascii() && first.is_ascii() {
        return true;
    }
    let joint: String = [last, ' ', first].into_iter().collect();
    joint.graphemes(true).count() == 3
}

fn with_cut_marked(mut lines: Vec<String>, width: usize, max_lines: usize) -> Vec<String> {
    let cut = lines.len() > max_lines;
    lines.truncate(max_lines);
    if let Some(last) = lines.last_mut().filter(|_| cut) {
        *last = with_ellipsis(last, width);
    }
    lines
}

/// `text` as it is when it fits `width` columns, else cut with a trailing `…`.
pub fn fit_width(text: &str, width: usize) -> String {
    if text::width::display_width(text) > width {
        with_ellipsis(text, width)
    } else {
        text.to_owned()
    }
}

/// `text` shortened to fit `width` columns including a trailing `…` (always added: for text
/// known to be cut; see [`fit_width`] otherwise). One pass over the
/// graphemes: it runs for several labels of every card in every frame.
pub fn with_ellipsis(text: &str, width: usize) -> String {
    let room = width.saturating_sub(1);
    let end = if text.is_ascii() {
        ascii_fit(text, room)
    } else {
        graphemes_fit(text, room)
    };
    let mut out = String::with_capacity(end + '…'.len_utf8());
    out.push_str(&text[..end]);
    out.push('…');
    out
}

/// Bytes of ASCII `text` that fit `room` columns: each byte is a grapheme there (`\r\n`, the
/// one pair that joins, is 0 columns wide, so it cannot be split by a cut).
fn ascii_fit(text: &str, room: usize) -> usize {
    let mut used = 0;
    for (at, byte) in text.bytes().enumerate() {
        used += usize::from(!byte.is_ascii_control());
        if used > room {
            return at;
        }
    }
    text.len()
}

/// Bytes of `text` whose whole graphemes fit `room` columns.
fn graphemes_fit(text: &str, room: usize) -> usize {
    let mut used = 0;
    let mut end = 0;
    for (at, grapheme) in text.grapheme_indices(true) {
        used += text::width::grapheme_width(grapheme);
        if used > room {
            break;
        }
        end = at + grapheme.len();
    }
    end
}

fn token_style(kind: SpanKind, theme: &Theme) -> Style {
    match kind {
        SpanKind::Plain => theme.thread.body,
        SpanKind::Mention => theme.thread.mention,
        SpanKind::Topic => theme.thread.topic,
        SpanKind::Link => theme.thread.link,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use ratatui::style::Color;

    #[test]
    fn mentions_topics_and_links_get_their_styles() {
        let mut theme = Theme::unstyled("test");
        theme.thread.mention = Style::new().fg(Color::Cyan);
        theme.thread.topic = Style::new().fg(Color::Green);
        let token = |kind, text: &str| text::tokens::Span {
            kind,
            text: text.to_owned(),
        };
        let line = styled_line(
            vec![
                token(SpanKind::Plain, "hi "),
                token(SpanKind::Mention, "@ada"),
                token(SpanKind::Plain, " see "),
                token(SpanKind::Topic, "#rust"),
            ],
            &theme,
        );
        assert_eq!(line.to_string(), "hi @ada see #rust");
        let styled: Vec<(String, Style)> = line
            .spans
            .iter()
            .map(|s| (s.content.to_string(), s.style))
            .collect();
        assert!(styled.contains(&("@ada".to_owned(), Style::new().fg(Color::Cyan))));
        assert!(styled.contains(&("#rust".to_owned(), Style::new().fg(Color::Green))));
    }

    #[test]
    fn ellipsis_cuts_whole_graphemes_by_display_width() {
        assert_eq!(with_ellipsis("日本語テキスト", 7), "日本語…");
        assert_eq!(with_ellipsis("日本語テキスト", 8), "日本語…");
        assert_eq!(
            with_ellipsis("e\u{301}e\u{301}e\u{301}", 3),
            "e\u{301}e\u{301}…"
        );
        assert_eq!(with_ellipsis("abc", 0), "…");
        assert_eq!(fit_width("abc", 3), "abc");
        assert_eq!(fit_width("abcd", 3), "ab…");
        assert_eq!(with_ellipsis("Engineering Platform", 12), "Engineering…");
        assert_eq!(with_ellipsis("a\tb\r\ncd", 4), "a\tb\r\nc…");
        assert_eq!(with_ellipsis("abc", 4), "abc…");
    }

    proptest::proptest! {
        #[test]
        fn ascii_cuts_like_grapheme_cuts(text in "[ab \t\r\n]{0,12}", room in 0usize..10) {
            proptest::prop_assert_eq!(ascii_fit(&text, room), graphemes_fit(&text, room));
        }
    }

    /// The whole body flattened and wrapped, then cut: what a preview must equal.
    fn preview_of_whole_body(body: &str, width: usize, max_lines: usize) -> Vec<String> {
        let width = width.max(1);
        let flat = body.split_whitespace().collect::<Vec<_>>().join(" ");
        let mut lines = text::wrap::wrap_lines(&flat, width);
        let cut = lines.len() > max_lines;
        lines.truncate(max_lines);
        if let Some(last) = lines.last_mut().filter(|_| cut) {
            *last = with_ellipsis(last, width);
        }
        lines
    }

    #[test]
    fn a_long_body_previews_like_the_whole_body() {
        let body = "word ".repeat(5_000);
        assert_eq!(
            preview_text(&body, 20, 2),
            ["word word word word", "word word word word…"]
        );
        assert_eq!(
            preview_text(&body, 20, 2),
            preview_of_whole_body(&body, 20, 2)
        );
        assert_eq!(preview_text(" \n ", 20, 2), [""]);
    }

    proptest::proptest! {
        #[test]
        fn previews_match_the_whole_body_wrapped(
            body in "[ab \n\u{a0}\u{301}\u{600}日]{0,120}",
            width in 0usize..12,
            max_lines in 0usize..4,
        ) {
            proptest::prop_assert_eq!(
                preview_text(&body, width, max_lines),
                preview_of_whole_body(&body, width, max_lines)
            );
        }
    }

    #[test]
    fn previews_are_cut_with_an_ellipsis() {
        let body = SafeText::new("one two three four five six seven eight nine ten");
        let lines = preview_lines(&body, 10, 2, Style::new());
        assert_eq!(lines.len(), 2);
        let last = lines[1].to_string();
        assert!(last.ends_with('…'), "{last}");
        assert!(text::width::display_width(&last) <= 10);
    }
}
