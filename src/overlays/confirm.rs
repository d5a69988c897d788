//! The confirm overlay: a yes/no question carrying what to do on yes.

use ratatui::Frame;
use ratatui::layout::{Flex, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Clear, Paragraph, Wrap};

use crate::config::theme::Theme;
use crate::domain::MessageId;
use crate::widgets::popup::{popup_block, popup_rect};

/// What a confirmed question does.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Confirmed {
    DeleteMessage(MessageId),
    /// Leave a community.
    LeaveCommunity(crate::domain::GroupId),
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
    let rect = popup_rect(area, width, 5, Flex::Center);
    let block = popup_block(Span::styled(" Confirm ", theme.base.title_focused), theme);
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
