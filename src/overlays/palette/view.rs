//! Draws the palette: a box in the upper middle of the screen with the filter line on top and
//! the matches below (label, then the keys or detail dimmed on the right), the selected one
//! highlighted and kept in view. Draws the matches it is given; changes nothing.

use ratatui::Frame;
use ratatui::layout::{Constraint, Flex, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use super::Palette;
use super::entries::Entry;
use crate::config::theme::Theme;
use crate::text::width::display_width;
use crate::widgets::body::fit_width;
use crate::widgets::popup::{draw_popup, popup_block, popup_rect};

/// The widest the box gets.
const MAX_WIDTH: u16 = 80;
/// The most match rows shown at once.
const MAX_ROWS: u16 = 16;

/// Draws the palette over `area`, listing `found` (what its text matches now).
pub fn draw(frame: &mut Frame, area: Rect, palette: &Palette, found: &[Entry], theme: &Theme) {
    let rows = u16::try_from(found.len())
        .unwrap_or(MAX_ROWS)
        .clamp(1, MAX_ROWS);
    let width = area.width.saturating_sub(2).min(MAX_WIDTH);
    let height = (rows + 4).min(area.height);
    let rect = popup_rect(area, width, height, Flex::Start);
    let title = Span::styled(" Go to · run ", theme.base.title_focused);
    let inner = draw_popup(frame, rect, popup_block(title, theme));
    let [line_area, list] =
        Layout::vertical([Constraint::Length(2), Constraint::Fill(1)]).areas(inner);
    let typed = fit_width(
        &format!("> {}▏", palette.line.text),
        usize::from(line_area.width),
    );
    frame.render_widget(
        Paragraph::new(vec![
            Line::styled(typed, theme.base.text),
            Line::styled(
                match found.len() {
                    1 => "1 match".to_owned(),
                    n => format!("{n} matches"),
                },
                theme.base.muted,
            ),
        ]),
        line_area,
    );
    let height = usize::from(list.height).max(1);
    let skip = (palette.selected + 1).saturating_sub(height);
    let width = usize::from(list.width);
    let lines: Vec<Line> = found
        .iter()
        .enumerate()
        .skip(skip)
        .take(height)
        .map(|(index, entry)| {
            let detail_width = display_width(&entry.detail).min(width / 2);
            let label_width = width.saturating_sub(detail_width + 1);
            let label = fit_width(&entry.label, label_width);
            let pad = width.saturating_sub(display_width(&label) + detail_width);
            let line = Line::from(vec![
                Span::styled(label, theme.base.text),
                Span::raw(" ".repeat(pad)),
                Span::styled(fit_width(&entry.detail, detail_width), theme.base.muted),
            ]);
            if index == palette.selected {
                line.patch_style(theme.base.selection)
            } else {
                line
            }
        })
        .collect();
    frame.render_widget(Paragraph::new(lines), list);
}
