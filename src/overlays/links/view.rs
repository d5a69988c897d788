//! Draws the link picker: a small centred box listing where the message points, the
//! selection highlighted. Drawing only.

use ratatui::Frame;
use ratatui::layout::{Flex, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use super::LinkPicker;
use crate::config::theme::Theme;
use crate::text::SafeText;
use crate::widgets::body::fit_width as fit;
use crate::widgets::popup::{draw_popup, popup_block, popup_rect};

/// The widest the box gets.
const MAX_WIDTH: u16 = 80;

/// Draws the picker over `area`.
pub fn draw(frame: &mut Frame, area: Rect, picker: &LinkPicker, theme: &Theme) {
    let width = area.width.saturating_sub(2).min(MAX_WIDTH);
    let rows = u16::try_from(picker.targets.len()).unwrap_or(u16::MAX);
    let height = rows.saturating_add(2).min(area.height.saturating_sub(2));
    let rect = popup_rect(area, width, height, Flex::Center);
    let title = Span::styled(" Go to ", theme.base.title_focused);
    let inner = draw_popup(frame, rect, popup_block(title, theme));
    let text_width = usize::from(inner.width);
    let skip = (picker.selected + 1).saturating_sub(usize::from(inner.height).max(1));
    let lines: Vec<Line> = picker
        .targets
        .iter()
        .enumerate()
        .skip(skip)
        .map(|(index, target)| {
            // Labels come from the server: shown only as sanitized text.
            let label = SafeText::new(&target.label()).to_string();
            let line = Line::raw(fit(&label, text_width));
            if index == picker.selected {
                line.patch_style(theme.base.selection)
            } else {
                line
            }
        })
        .collect();
    frame.render_widget(Paragraph::new(lines), inner);
}
