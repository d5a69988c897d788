//! Draws the profile form: a box over the panes saying who sees what you write, then each
//! field with its name, "visible to everyone in the network", a hint and its text (wrapped;
//! the focused one marked, with the cursor at its end), then the keys, the discard question
//! or why the last save failed. Changes no state.

use ratatui::Frame;
use ratatui::layout::{Flex, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use super::{FIELDS, Field, ProfileForm};
use crate::config::theme::Theme;
use crate::text::wrap::wrap_lines;
use crate::widgets::body::fit_width as fit;
use crate::widgets::popup::{draw_popup, popup_block, popup_rect};

/// The widest the box gets.
const MAX_WIDTH: u16 = 90;
/// Said of every field.
pub const VISIBLE: &str = "visible to everyone in the network";

/// Draws `form` over `area`.
pub fn draw(frame: &mut Frame, area: Rect, form: &ProfileForm, theme: &Theme) {
    let width = area.width.saturating_sub(2).min(MAX_WIDTH);
    let cols = usize::from(width.saturating_sub(4)).max(1);
    let mut lines = vec![
        Line::styled(
            fit("Every field is optional and visible to everyone.", cols),
            theme.base.muted,
        ),
        Line::default(),
    ];
    for field in FIELDS {
        lines.extend(field_lines(form, field, cols, theme));
    }
    let footer = footer(form, cols, theme);
    let footer_rows = footer.len();
    lines.extend(footer);
    let wanted = u16::try_from(lines.len() + 2).unwrap_or(u16::MAX);
    let height = wanted.min(area.height);
    let rect = popup_rect(area, width, height, Flex::Center);
    let title = Span::styled(" Edit my profile ", theme.base.title_focused);
    let inner = draw_popup(frame, rect, popup_block(title, theme));
    // The footer stays in view when the box is cut short.
    let rows = usize::from(inner.height);
    if lines.len() > rows && rows > footer_rows {
        let footer = lines.split_off(lines.len() - footer_rows);
        lines.truncate(rows - footer_rows);
        lines.extend(footer);
    }
    frame.render_widget(Paragraph::new(lines), inner);
}

fn field_lines(form: &ProfileForm, field: Field, cols: usize, theme: &Theme) -> Vec<Line<'static>> {
    let focused = form.focus == field;
    let mark = if focused { "▸ " } else { "  " };
    let label_style = if focused {
        theme.base.title_focused
    } else {
        theme.base.title
    };
    let mut lines = vec![Line::from(vec![
        Span::styled(format!("{mark}{}", field.label()), label_style),
        Span::styled(format!(" · {VISIBLE}"), theme.base.muted),
    ])];
    if focused {
        lines.push(Line::styled(
            fit(&format!("  {}", field.hint()), cols),
            theme.base.muted,
        ));
    }
    let room = cols.saturating_sub(2).max(1);
    match form.text(field) {
        Some(text) => {
            let shown = if focused {
                format!("{text}█")
            } else if text.trim().is_empty() {
                String::new()
            } else {
                text.to_owned()
            };
            if shown.is_empty() {
                lines.push(Line::styled("  (empty)", theme.base.muted));
            }
            for part in wrap_lines(&shown, room) {
                lines.push(Line::styled(format!("  {part}"), theme.base.text));
            }
        }
        None => {
            let value = if form.listed {
                "yes: People, search and rankings show you"
            } else {
                "no: left out of People, search and rankings"
            };
            lines.push(Line::styled(
                fit(&format!("  {value}"), cols),
                theme.base.text,
            ));
        }
    }
    lines.push(Line::default());
    lines
}

fn footer(form: &ProfileForm, cols: usize, theme: &Theme) -> Vec<Line<'static>> {
    if form.confirm_discard {
        return vec![Line::from(vec![
            Span::styled("Drop your changes? ", theme.status.warning),
            Span::styled("y", theme.status.key),
            Span::styled(" drop  ", theme.status.normal),
            Span::styled("n", theme.status.key),
            Span::styled(" keep editing", theme.status.normal),
        ])];
    }
    if let Some(error) = &form.error {
        return wrap_lines(error, cols)
            .into_iter()
            .map(|part| Line::styled(part, theme.status.error))
            .collect();
    }
    vec![Line::from(vec![
        Span::styled("ctrl-s", theme.status.key),
        Span::styled(" save  ", theme.status.normal),
        Span::styled("tab", theme.status.key),
        Span::styled(" next field  ", theme.status.normal),
        Span::styled("esc", theme.status.key),
        Span::styled(" cancel", theme.status.normal),
    ])]
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::overlays::profile_edit::OwnProfile;
    use ratatui::Terminal;
    use ratatui::backend::TestBackend;

    fn screen(form: &ProfileForm, width: u16, height: u16) -> String {
        let mut terminal = Terminal::new(TestBackend::new(width, height)).expect("backend");
        let theme = Theme::builtin_default();
        terminal
            .draw(|frame| draw(frame, frame.area(), form, &theme))
            .expect("draw");
        terminal.backend().to_string()
    }

    #[test]
    fn every_field_says_who_sees_it_and_the_keys_stay_in_view() {
        let mut form = ProfileForm::new(OwnProfile::default());
        let shown = screen(&form, 80, 24);
        assert_eq!(shown.matches(VISIBLE).count(), FIELDS.len(), "{shown}");
        assert!(shown.contains("ctrl-s save"), "{shown}");
        // Cut short, the footer stays; a long reason wraps instead of being cut.
        form.error = Some(format!("Your profile was not saved ({}).", "x ".repeat(60)));
        let short = screen(&form, 60, 12);
        assert!(short.contains("Your profile was not saved"), "{short}");
        assert!(short.contains(")."), "{short}");
    }
}
