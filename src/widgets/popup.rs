//! The box every overlay draws in: placed in the given area, what is under it cleared, a
//! rounded border in the focused colour with one column of padding, and a title. Drawing only.

use ratatui::Frame;
use ratatui::layout::{Constraint, Flex, Layout, Rect};
use ratatui::text::Span;
use ratatui::widgets::{Block, BorderType, Clear, Padding};

use crate::config::theme::Theme;

/// The overlay frame with `title`, not yet drawn (callers may add a bottom title).
pub fn popup_block<'a>(title: Span<'a>, theme: &Theme) -> Block<'a> {
    Block::bordered()
        .border_type(BorderType::Rounded)
        .border_style(theme.base.border_focused)
        .padding(Padding::horizontal(1))
        .title(title)
}

/// A `width`×`height` rectangle in `area`, centred across and placed by `vertical` down.
pub fn popup_rect(area: Rect, width: u16, height: u16, vertical: Flex) -> Rect {
    let [row] = Layout::vertical([Constraint::Length(height)])
        .flex(vertical)
        .areas(area);
    let [rect] = Layout::horizontal([Constraint::Length(width)])
        .flex(Flex::Center)
        .areas(row);
    rect
}

/// Clears `rect`, draws `block` there, and returns the area inside it.
pub fn draw_popup(frame: &mut Frame, rect: Rect, block: Block<'_>) -> Rect {
    let inner = block.inner(rect);
    frame.render_widget(Clear, rect);
    frame.render_widget(block, rect);
    inner
}
