//! Drawing helpers of the people pane: query words marked inside a piece of text (ignoring
//! case), spans cut to a width with an ellipsis, and counts with thousands separators. Pure
//! functions over already-sanitized text.

use ratatui::style::Style;
use ratatui::text::Span;

use crate::text::width::display_width;
use crate::widgets::body::with_ellipsis;

/// `text` as spans in `base`, with every case-insensitive occurrence of one of `words` patched
/// with `mark`.
pub fn marked(text: &str, words: &[String], base: Style, mark: Style) -> Vec<Span<'static>> {
    let ranges = word_ranges(text, words);
    let mut spans = Vec::new();
    let mut at = 0;
    for (start, end) in ranges {
        if start > at {
            spans.push(Span::styled(text[at..start].to_owned(), base));
        }
        spans.push(Span::styled(text[start..end].to_owned(), base.patch(mark)));
        at = end;
    }
    if at < text.len() || spans.is_empty() {
        spans.push(Span::styled(text[at..].to_owned(), base));
    }
    spans
}

/// Byte ranges of `text` where a word starts, merged and in order. Characters whose lower case
/// is not one character are compared as they are.
fn word_ranges(text: &str, words: &[String]) -> Vec<(usize, usize)> {
    let chars: Vec<(usize, char)> = text
        .char_indices()
        .map(|(at, c)| (at, single_lower(c)))
        .collect();
    let mut ranges: Vec<(usize, usize)> = Vec::new();
    for word in words {
        let needle: Vec<char> = word.chars().map(single_lower).collect();
        if needle.is_empty() || needle.len() > chars.len() {
            continue;
        }
        for start in 0..=chars.len() - needle.len() {
            let window = &chars[start..start + needle.len()];
            if window.iter().map(|(_, c)| *c).eq(needle.iter().copied()) {
                let from = window.first().map_or(0, |(at, _)| *at);
                let to = chars
                    .get(start + needle.len())
                    .map_or(text.len(), |(at, _)| *at);
                ranges.push((from, to));
            }
        }
    }
    ranges.sort_unstable();
    let mut merged: Vec<(usize, usize)> = Vec::new();
    for (start, end) in ranges {
        match merged.last_mut() {
            Some(last) if start <= last.1 => last.1 = last.1.max(end),
            _ => merged.push((start, end)),
        }
    }
    merged
}

fn single_lower(c: char) -> char {
    let mut lower = c.to_lowercase();
    match (lower.next(), lower.next()) {
        (Some(l), None) => l,
        _ => c,
    }
}

/// `spans` cut to `width` columns, the last visible one ending in `…` when something was cut.
pub fn fit(spans: Vec<Span<'static>>, width: usize) -> Vec<Span<'static>> {
    let total: usize = spans.iter().map(|s| display_width(&s.content)).sum();
    if total <= width {
        return spans;
    }
    let mut out = Vec::new();
    let mut used = 0;
    for span in spans {
        let w = display_width(&span.content);
        if used + w < width {
            used += w;
            out.push(span);
            continue;
        }
        let room = width - used;
        if room > 0 {
            out.push(Span::styled(with_ellipsis(&span.content, room), span.style));
        }
        break;
    }
    out
}

/// `1204` as `1,204`.
pub fn thousands(n: usize) -> String {
    let digits = n.to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use ratatui::style::Modifier;

    fn texts(spans: &[Span]) -> Vec<String> {
        spans.iter().map(|s| s.content.to_string()).collect()
    }

    #[test]
    fn query_words_are_marked_whatever_their_case() {
        let mark = Style::default().add_modifier(Modifier::BOLD);
        let spans = marked(
            "Kubernetes, helm, KUBE",
            &["kube".into()],
            Style::default(),
            mark,
        );
        assert_eq!(texts(&spans), ["Kube", "rnetes, helm, ", "KUBE"]);
        assert_eq!(spans[0].style, mark);
        assert_eq!(spans[1].style, Style::default());
        let plain = marked("", &["x".into()], Style::default(), mark);
        assert_eq!(texts(&plain), [""]);
    }

    #[test]
    fn overlapping_words_merge_and_wide_text_keeps_char_boundaries() {
        let mark = Style::default().add_modifier(Modifier::BOLD);
        let spans = marked(
            "İstanbul ünïcode",
            &["ünï".into(), "nïc".into()],
            Style::default(),
            mark,
        );
        assert_eq!(texts(&spans), ["İstanbul ", "ünïc", "ode"]);
    }

    #[test]
    fn spans_are_cut_with_an_ellipsis() {
        let spans = vec![Span::raw("Kim de Vries"), Span::raw(" · Platform")];
        assert_eq!(
            texts(&fit(spans.clone(), 40)),
            ["Kim de Vries", " · Platform"]
        );
        assert_eq!(texts(&fit(spans.clone(), 15)), ["Kim de Vries", " ·…"]);
        assert_eq!(texts(&fit(spans, 5)), ["Kim …"]);
    }

    #[test]
    fn counts_get_thousands_separators() {
        assert_eq!(thousands(0), "0");
        assert_eq!(thousands(999), "999");
        assert_eq!(thousands(1_204), "1,204");
        assert_eq!(thousands(1_000_000), "1,000,000");
    }
}
