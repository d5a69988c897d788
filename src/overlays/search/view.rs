//! Draws the search: a box over most of the screen with the line on top, a status line (how
//! many of each kind, where the server stands), then the results grouped by kind under their
//! headings with counts, each row with where it came from on the right, the selected one
//! highlighted and kept in view. Reads the overlay only; changes nothing.

use ratatui::Frame;
use ratatui::layout::{Constraint, Flex, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use super::{SearchOverlay, ServerState};
use crate::config::theme::Theme;
use crate::search::HitKind;
use crate::text::width::display_width;
use crate::widgets::body::fit_width;
use crate::widgets::popup::{draw_popup, popup_block, popup_rect};

/// The widest the box gets.
const MAX_WIDTH: u16 = 110;

/// Draws the search over `area`.
pub fn draw(frame: &mut Frame, area: Rect, search: &SearchOverlay, theme: &Theme) {
    let width = area.width.saturating_sub(2).min(MAX_WIDTH);
    let height = area.height.saturating_sub(2).max(6).min(area.height);
    let rect = popup_rect(area, width, height, Flex::Start);
    let title = Span::styled(" Search ", theme.base.title_focused);
    let block = popup_block(title, theme).title_bottom(Line::styled(
        " \"phrase\" #topic @user in:community from:person · tab next group · esc close ",
        theme.base.muted,
    ));
    let inner = draw_popup(frame, rect, block);
    let [line_area, list] =
        Layout::vertical([Constraint::Length(2), Constraint::Fill(1)]).areas(inner);
    let typed = fit_width(
        &format!("/ {}▏", search.line.text),
        usize::from(line_area.width),
    );
    frame.render_widget(
        Paragraph::new(vec![
            Line::styled(typed, theme.base.text),
            Line::styled(
                fit_width(&status(search), usize::from(line_area.width)),
                theme.base.muted,
            ),
        ]),
        line_area,
    );
    frame.render_widget(Paragraph::new(rows(search, list, theme)), list);
}

/// "12 messages · 2 people · server: searching…".
fn status(search: &SearchOverlay) -> String {
    if search.searched.trim().is_empty() {
        return "type to search messages, communities, people and topics".to_owned();
    }
    let mut parts: Vec<String> = HitKind::ALL
        .iter()
        .map(|k| (k, search.hits.group(*k).len()))
        .filter(|(_, n)| *n > 0)
        .map(|(k, n)| format!("{n} {}", k.heading().to_lowercase()))
        .collect();
    if parts.is_empty() {
        parts.push("nothing found".to_owned());
    }
    let server = match &search.server {
        ServerState::Idle => None,
        ServerState::Loading => Some("server: searching…".to_owned()),
        ServerState::Budget => Some("server: waiting for the rate budget".to_owned()),
        ServerState::Done => None,
        ServerState::Failed(why) => Some(format!("server: {why}; cached results only")),
    };
    parts.extend(server);
    parts.join(" · ")
}

/// The visible rows: headings and hits, scrolled so the selected hit shows.
fn rows(search: &SearchOverlay, list: Rect, theme: &Theme) -> Vec<Line<'static>> {
    let width = usize::from(list.width);
    let mut lines: Vec<(Line<'static>, bool)> = Vec::new();
    let mut index = 0;
    for kind in HitKind::ALL {
        let group = search.hits.group(kind);
        if group.is_empty() {
            continue;
        }
        lines.push((
            Line::styled(
                format!("{} ({})", kind.heading(), group.len()),
                theme.base.title,
            ),
            false,
        ));
        for hit in group {
            let source = format!(" {}", hit.source.label());
            let text = if hit.detail.is_empty() {
                hit.title.clone()
            } else {
                format!("{} — {}", hit.title, hit.detail)
            };
            let text_width = width.saturating_sub(display_width(&source) + 2);
            let text = fit_width(&text, text_width);
            let pad = width.saturating_sub(display_width(&text) + display_width(&source) + 2);
            let selected = index == search.selected;
            let line = Line::from(vec![
                Span::raw("  "),
                Span::styled(text, theme.base.text),
                Span::raw(" ".repeat(pad)),
                Span::styled(source, theme.base.muted),
            ]);
            lines.push((
                if selected {
                    line.patch_style(theme.base.selection)
                } else {
                    line
                },
                selected,
            ));
            index += 1;
        }
    }
    let height = usize::from(list.height).max(1);
    let at = lines.iter().position(|(_, s)| *s).unwrap_or(0);
    let skip = (at + 1).saturating_sub(height);
    lines
        .into_iter()
        .skip(skip)
        .take(height)
        .map(|(l, _)| l)
        .collect()
}
