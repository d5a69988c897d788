//! OSC 8 hyperlinks over a drawn frame: the links shown in the given areas (the timeline's
//! previews, the thread's bodies) become clickable in terminals that support them. Runs after
//! the views have drawn and changes only the cells of links it is sure of: text that is a whole
//! link of some message (not the cut-off head of a long one wrapped or shortened on screen) and
//! whose URL passes [`osc8_hyperlink`]'s check. Owns the cells' rewriting; must not decide
//! whether links are wanted ([`detect`] does) nor change the text anyone sees.
//!
//! Every cell of a link carries its own open sequence, character and close sequence, so that
//! ratatui's diff, which rewrites only the cells that changed, can never leave a link open; the
//! cell's width is forced to one column so the escape's bytes are not measured as text.

pub mod detect;

use std::num::NonZeroU16;

use ratatui::buffer::{Buffer, CellDiffOption};
use ratatui::layout::Rect;

use crate::text::SafeText;
use crate::text::osc::osc8_hyperlink;
use crate::text::tokens::{SpanKind, tokenize};

/// Makes every whole link in `areas` of `buf` a hyperlink. `is_whole_link(text)` says whether
/// `text`, found on one row, is a complete link of a message shown there (see [`is_link_in`]).
pub fn link_cells(buf: &mut Buffer, areas: &[Rect], is_whole_link: impl Fn(&str) -> bool) {
    for area in areas {
        let area = area.intersection(buf.area);
        for y in area.top()..area.bottom() {
            link_row(buf, area, y, &is_whole_link);
        }
    }
}

fn link_row(buf: &mut Buffer, area: Rect, y: u16, is_whole_link: &impl Fn(&str) -> bool) {
    // The row's text and, for each byte where a cell starts, that cell's column.
    let mut text = String::new();
    let mut columns: Vec<(usize, u16)> = Vec::new();
    for x in area.left()..area.right() {
        let symbol = buf[(x, y)].symbol();
        if symbol.contains('\x1b') {
            // Linked already (or not text): leave the row alone.
            return;
        }
        columns.push((text.len(), x));
        text.push_str(symbol);
    }
    if !text.contains("http") {
        return;
    }
    let mut at = 0;
    for span in tokenize(&text) {
        let start = at;
        at += span.text.len();
        if span.kind != SpanKind::Link || !is_whole_link(&span.text) {
            continue;
        }
        for &(offset, x) in columns.iter().filter(|(o, _)| (start..at).contains(o)) {
            let end = columns
                .iter()
                .find(|(o, _)| *o > offset)
                .map_or(text.len(), |(o, _)| *o);
            let Some(symbol) = text.get(offset..end) else {
                continue;
            };
            let Some(linked) = osc8_hyperlink(&span.text, &SafeText::new(symbol)) else {
                break;
            };
            let cell = &mut buf[(x, y)];
            cell.set_symbol(&linked);
            cell.set_diff_option(CellDiffOption::ForcedWidth(NonZeroU16::MIN));
        }
    }
}

/// Whether `url` appears in `body` as a whole link: where it starts, the link the body's own
/// tokens find there is `url` itself, not a longer one of which `url` is only the head.
pub fn is_link_in(body: &str, url: &str) -> bool {
    body.match_indices(url).any(|(start, _)| {
        let word_end = body[start..]
            .find(char::is_whitespace)
            .map_or(body.len(), |n| start + n);
        let before = body[..start].chars().next_back();
        // The character before decides whether a link may start here (`xhttp://` is text).
        let context_start = before.map_or(start, |c| start - c.len_utf8());
        let mut spans = tokenize(&body[context_start..word_end]).into_iter();
        let first = spans.next();
        let link = match before {
            Some(_) if first.as_ref().is_some_and(|s| s.kind == SpanKind::Plain) => spans.next(),
            _ => first,
        };
        link.is_some_and(|span| span.kind == SpanKind::Link && span.text == url)
    })
}

/// The text of `buf`'s cells on row `y` without any OSC 8 sequence: what the user sees.
#[cfg(test)]
pub fn visible_row(buf: &Buffer, y: u16) -> String {
    (buf.area.left()..buf.area.right())
        .map(|x| strip_osc8(buf[(x, y)].symbol()))
        .collect()
}

/// `symbol` without OSC 8 open and close sequences.
#[cfg(test)]
pub fn strip_osc8(symbol: &str) -> String {
    let mut out = String::new();
    let mut rest = symbol;
    while let Some(start) = rest.find("\x1b]8;") {
        out.push_str(&rest[..start]);
        match rest[start..].find("\x1b\\") {
            Some(end) => rest = &rest[start + end + 2..],
            None => return out,
        }
    }
    out.push_str(rest);
    out
}

#[cfg(test)]
#[path = "tests.rs"]
mod tests;
