//! The confirm overlay: a yes/no question carrying what to do on yes.

use ratatui::Frame;
use ratatui::layout::{Constraint, Flex, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, BorderType, Clear, Padding, Paragraph, Wrap};

use crate::config::theme::Theme;
use crate::domain::MessageId;

/// What a confirmed question does.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Confirmed {
    DeleteMessage(MessageId),
}

/// An open yes/no question.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Confirm {
    pub question: String,
    pub on_yes: Confirmed,
}

/// Draws the question centred over `area`.
pub fn draw(frame: &mut Frame, area: Rect, confirm: &Confirm, theme: &Theme) {
    let width = area.width.min(50);
    let [row] = Layout::vertical([Constraint::Length(5)])
        .flex(Flex::Center)
        .areas(area);
    let [rect] = Layout::horizontal([Constraint::Length(width)])
        .flex(Flex::Center)
        .areas(row);
    let block = Block::bordered()
        .border_type(BorderType::Rounded)
        .border_style(theme.base.border_focused)
        .padding(Padding::horizontal(1))
        .title(Span::styled(" Confirm ", theme.base.title_focused));
    let lines = vec![
        Line::styled(confirm.question.as_str(), theme.base.text),
        Line::from(vec![
            Span::styled("y", theme.status.key),
            Span::styled(" yes   ", theme.status.normal),
            Span::styled("n", theme.status.key),
            Span::styled(" no", theme.status.normal),
        ]),
    ];
    frame.render_widget(Clear, rect);
    frame.render_widget(
        Paragraph::new(lines).block(block).wrap(Wrap { trim: true }),
        rect,
    );
}
