//! Draws the tour's box at the bottom of the screen, over the panes, so the focused pane it
//! speaks of stays in sight: the stop's title and place, its text, and the tour's own keys
//! from the keymap. Drawing only.

use ratatui::Frame;
use ratatui::layout::{Flex, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use super::{STOPS, Tour, keys};
use crate::config::theme::Theme;
use crate::input::keys::Keymap;
use crate::text::wrap::wrap_lines;
use crate::widgets::popup::{draw_popup, popup_block, popup_rect};

/// Widest the box gets.
const MAX_WIDTH: u16 = 72;

/// Draws `tour` near the bottom of `area`.
pub fn draw(frame: &mut Frame, area: Rect, tour: &Tour, keymap: &Keymap, theme: &Theme) {
    let Some(stop) = STOPS.get(tour.stop) else {
        return;
    };
    // The area may reach the status bar's row; the box stays above it.
    let area = Rect {
        height: area.height.saturating_sub(1),
        ..area
    };
    let width = area.width.saturating_sub(2).min(MAX_WIDTH);
    let inner_width = usize::from(width.saturating_sub(4)).max(1);
    let text: Vec<Line> = wrap_lines(&stop.text(keymap), inner_width)
        .into_iter()
        .map(|l| Line::styled(l, theme.base.text))
        .collect();
    let height = u16::try_from(text.len() + 2)
        .unwrap_or(u16::MAX)
        .min(area.height);
    let title = format!(
        " Tour {}/{} · {} ",
        tour.stop + 1,
        STOPS.len(),
        stop.title()
    );
    let last = tour.stop + 1 == STOPS.len();
    let footer = format!(
        " {} {} · {} ends ",
        keys(keymap, "tour", "tour_next", 1),
        if last { "ends" } else { "next" },
        keys(keymap, "tour", "back", 1),
    );
    let block = popup_block(Span::styled(title, theme.base.title_focused), theme)
        .title_bottom(Line::styled(footer, theme.base.muted));
    let rect = popup_rect(area, width, height, Flex::End);
    let inner = draw_popup(frame, rect, block);
    frame.render_widget(Paragraph::new(text), inner);
}
