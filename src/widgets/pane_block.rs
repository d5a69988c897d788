//! The frame around a pane: rounded border and title, emphasised when the pane has focus.

use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, BorderType};

use crate::config::theme::Theme;
use crate::panes::PaneId;

/// A bordered block titled with the pane's number and name, plus an optional subtitle.
pub fn pane_block<'a>(
    pane: PaneId,
    focused: bool,
    subtitle: Option<&str>,
    theme: &Theme,
) -> Block<'a> {
    let (border, title) = if focused {
        (theme.base.border_focused, theme.base.title_focused)
    } else {
        (theme.base.border, theme.base.title)
    };
    let number = PaneId::ALL
        .iter()
        .position(|p| *p == pane)
        .map_or(0, |i| i + 1);
    let mut spans = vec![Span::styled(format!(" {number} {} ", pane.title()), title)];
    if let Some(subtitle) = subtitle.filter(|s| !s.is_empty()) {
        spans.push(Span::styled(format!("{subtitle} "), theme.base.muted));
    }
    Block::bordered()
        .border_type(BorderType::Rounded)
        .border_style(border)
        .title(Line::from(spans))
}
