//! The status bar line: a notice when there is one, otherwise the few keys that matter here;
//! an activity marker on the right while a request is in flight.

use ratatui::text::{Line, Span};

use crate::config::theme::Theme;
use crate::panes::notice::{Level, Notice};

/// What the status bar shows.
#[derive(Clone, Debug, Default)]
pub struct StatusContent<'a> {
    /// (keys, what they do) for the current pane or overlay.
    pub hints: Vec<(String, &'a str)>,
    pub notice: Option<&'a Notice>,
    /// Keys typed so far of a sequence, and what can follow.
    pub pending: Option<(String, Vec<(String, String)>)>,
    pub busy: bool,
}

/// The status bar as one line `width` columns wide.
pub fn status_line(content: &StatusContent<'_>, width: u16, theme: &Theme) -> Line<'static> {
    let mut spans: Vec<Span<'static>> = Vec::new();
    if let Some((typed, next)) = &content.pending {
        spans.push(Span::styled(format!(" {typed} "), theme.status.key));
        for (key, action) in next {
            spans.push(Span::styled(format!(" {key}"), theme.status.key));
            spans.push(Span::styled(format!(" {action} "), theme.status.normal));
        }
    } else if let Some(notice) = content.notice {
        let style = match notice.level {
            Level::Info => theme.status.info,
            Level::Warning => theme.status.warning,
            Level::Error => theme.status.error,
        };
        spans.push(Span::styled(format!(" {} ", notice.text), style));
        if notice.level != Level::Info {
            spans.push(Span::styled("(esc dismiss)", theme.status.normal));
        }
    } else {
        for (key, label) in &content.hints {
            spans.push(Span::styled(format!(" {key}"), theme.status.key));
            spans.push(Span::styled(format!(" {label} "), theme.status.normal));
        }
    }
    if content.busy {
        let used: usize = spans.iter().map(Span::width).sum();
        let marker = " updating… ";
        let room = usize::from(width).saturating_sub(used + marker.chars().count());
        if room > 0 {
            spans.push(Span::styled(" ".repeat(room), theme.status.normal));
            spans.push(Span::styled(marker, theme.status.updating));
        }
    }
    Line::from(spans).style(theme.status.normal)
}

#[cfg(test)]
mod tests {
    use super::*;
    use ratatui::style::{Color, Style};

    #[test]
    fn a_notice_replaces_the_hints_and_errors_say_how_to_dismiss() {
        let mut theme = Theme::unstyled("test");
        theme.status.error = Style::new().fg(Color::Red);
        let notice = Notice::error("Loading the timeline: not found");
        let content = StatusContent {
            hints: vec![("?".into(), "help")],
            notice: Some(&notice),
            ..StatusContent::default()
        };
        let line = status_line(&content, 80, &theme);
        assert_eq!(line.spans[0].style, Style::new().fg(Color::Red));
        assert_eq!(
            line.to_string(),
            " Loading the timeline: not found (esc dismiss)"
        );
    }

    #[test]
    fn hints_show_keys_then_labels() {
        let theme = Theme::unstyled("test");
        let content = StatusContent {
            hints: vec![("enter".into(), "open"), ("?".into(), "help")],
            ..StatusContent::default()
        };
        assert_eq!(
            status_line(&content, 80, &theme).to_string(),
            " enter open  ? help "
        );
    }
}
