//! The which-key box: after a prefix key, every key that can follow it (the pane's and the
//! global ones) with the help screen's description, in a box above the status bar. Drawing only;
//! what can follow is worked out by the keymap when the prefix is pressed.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};

use super::body::fit_width;
use super::popup::{draw_popup, popup_block};
use crate::config::theme::Theme;

/// Columns of the key column (keys are short: "g", "ctrl-d").
const KEY_COLUMN: usize = 8;
/// The widest the box grows, borders included.
const MAX_WIDTH: usize = 72;

/// Draws the keys that may follow `typed` at the bottom right of `area` (the screen above the
/// status bar), just above the panes' bottom border, as wide as the longest description needs.
/// Draws nothing when there is no room.
pub fn draw(frame: &mut Frame, area: Rect, typed: &str, next: &[(String, String)], theme: &Theme) {
    let area = Rect {
        height: area.height.saturating_sub(1),
        width: area.width.saturating_sub(1),
        ..area
    };
    if next.is_empty() || area.height < 3 || area.width < 12 {
        return;
    }
    let longest = next
        .iter()
        .map(|(_, text)| crate::text::width::display_width(text))
        .max()
        .unwrap_or(0);
    // Borders (2), padding (2), the key column and the description.
    let width = (longest + KEY_COLUMN + 4)
        .min(MAX_WIDTH)
        .min(usize::from(area.width));
    let rows = next.len().min(usize::from(area.height - 2));
    let width_u16 = u16::try_from(width).unwrap_or(area.width);
    let height = u16::try_from(rows + 2).unwrap_or(area.height);
    let rect = Rect::new(
        area.right().saturating_sub(width_u16),
        area.bottom().saturating_sub(height),
        width_u16,
        height,
    );
    let title = Span::styled(format!(" {typed} … "), theme.status.key);
    let inner = draw_popup(frame, rect, popup_block(title, theme));
    let text_width = usize::from(inner.width).saturating_sub(KEY_COLUMN);
    for (row, (key, text)) in next.iter().take(rows).enumerate() {
        let line = Line::from(vec![
            Span::styled(format!("{key:<KEY_COLUMN$}"), theme.status.key),
            Span::styled(fit_width(text, text_width), theme.base.text),
        ]);
        let y = inner.y + u16::try_from(row).unwrap_or(0);
        frame.render_widget(line, Rect::new(inner.x, y, inner.width, 1));
    }
}
