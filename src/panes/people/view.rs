//! Draws the people pane's placeholder.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::Line;
use ratatui::widgets::{Paragraph, Wrap};

use crate::config::theme::Theme;
use crate::panes::PaneId;
use crate::widgets::pane_block::pane_block;

/// Draws the placeholder text inside the pane's border.
pub fn draw(frame: &mut Frame, area: Rect, focused: bool, theme: &Theme) {
    let block = pane_block(PaneId::People, focused, None, theme);
    let lines = vec![
        Line::styled("The people directory is coming:", theme.base.text),
        Line::styled(
            "who knows what, with their threads as evidence.",
            theme.base.muted,
        ),
    ];
    let text = Paragraph::new(lines).block(block).wrap(Wrap { trim: true });
    frame.render_widget(text, area);
}
