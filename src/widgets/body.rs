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

/// At most `max_lines` wrapped lines of `body`, the last ending in `…` when text was cut.
pub fn preview_lines(
    body: &SafeText,
    width: usize,
    max_lines: usize,
    style: Style,
) -> Vec<Line<'static>> {
    let width = width.max(1);
    let flat = body
        .as_str()
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ");
    let mut lines = text::wrap::wrap_lines(&flat, width);
    let cut = lines.len() > max_lines;
    lines.truncate(max_lines);
    if let Some(last) = lines.last_mut().filter(|_| cut) {
        *last = with_ellipsis(last, width);
    }
    lines
        .into_iter()
        .map(|line| Line::styled(line, style))
        .collect()
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
    let mut used = 0;
    let mut end = 0;
    for (at, grapheme) in text.grapheme_indices(true) {
        used += text::width::grapheme_width(grapheme);
        if used > room {
            break;
        }
        end = at + grapheme.len();
    }
    let mut out = String::with_capacity(end + '…'.len_utf8());
    out.push_str(&text[..end]);
    out.push('…');
    out
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
