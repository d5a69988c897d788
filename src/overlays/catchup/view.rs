//! Draws the catch-up: a centred box with how far it reaches on top, then each community (most
//! active first) with its items, what concerns the user first, one line each (why, thread,
//! first line). Drawing only; the time of the reach is shown in the local time zone.

use ratatui::Frame;
use ratatui::layout::{Constraint, Flex, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use super::CatchUpOverlay;
use crate::config::theme::Theme;
use crate::social::catchup::{CommunityNews, Counted, Item};
use crate::widgets::body::fit_width as fit;
use crate::widgets::popup::{draw_popup, popup_block, popup_rect};

/// The widest the box gets.
const MAX_WIDTH: u16 = 100;

/// Draws the list over `area`.
pub fn draw(frame: &mut Frame, area: Rect, overlay: &CatchUpOverlay, theme: &Theme) {
    let width = area.width.saturating_sub(2).min(MAX_WIDTH);
    let inner_width = usize::from(width.saturating_sub(4));
    let (lines, selected_line) = lines(overlay, inner_width, theme);
    let wanted = u16::try_from(lines.len()).unwrap_or(u16::MAX);
    let height = wanted.saturating_add(5).min(area.height.saturating_sub(2));
    let rect = popup_rect(area, width, height, Flex::Center);
    let title = Span::styled(" Catch up ", theme.base.title_focused);
    let inner = draw_popup(frame, rect, popup_block(title, theme));
    let [reach, _, list, footer] = Layout::vertical([
        Constraint::Length(1),
        Constraint::Length(1),
        Constraint::Fill(1),
        Constraint::Length(1),
    ])
    .areas(inner);
    let reach_text = overlay.summary.reach.text(&chrono::Local);
    frame.render_widget(
        Line::styled(fit(&reach_text, inner_width), theme.base.muted),
        reach,
    );
    let height = usize::from(list.height).max(1);
    let skip = (selected_line + 2).saturating_sub(height);
    let visible: Vec<Line> = lines.into_iter().skip(skip).take(height).collect();
    frame.render_widget(Paragraph::new(visible), list);
    let keys = "enter open · n next after opening · esc close";
    frame.render_widget(
        Line::styled(fit(keys, inner_width), theme.base.muted),
        footer,
    );
}

/// Every line of the list and the index of the selected item's line.
fn lines(overlay: &CatchUpOverlay, width: usize, theme: &Theme) -> (Vec<Line<'static>>, usize) {
    let mut out = Vec::new();
    let mut selected_line = 0;
    if overlay.items.is_empty() {
        out.push(Line::styled(
            "Nothing new since you last looked.",
            theme.base.muted,
        ));
        return (out, 0);
    }
    let mut index = 0;
    for news in &overlay.summary.communities {
        out.push(Line::styled(
            fit(&heading(news), width),
            theme.base.title_focused,
        ));
        for (title, counted) in sections(news) {
            for item in &counted.items {
                if index == overlay.selected {
                    selected_line = out.len();
                }
                let mut line = Line::raw(fit(&item_text(title, counted, item), width));
                if index == overlay.selected {
                    line = line.patch_style(theme.base.selection);
                }
                out.push(line);
                index += 1;
            }
        }
    }
    (out, selected_line)
}

fn heading(news: &CommunityNews) -> String {
    format!("{} · {} new", news.name, news.new_messages)
}

/// The sections in the order items are listed (`CatchUp::items`).
fn sections(news: &CommunityNews) -> [(&'static str, &Counted); 5] {
    [
        ("reply to you", &news.replies_to_you),
        ("mentions you", &news.mentions),
        ("question for you", &news.questions),
        ("busy", &news.busiest),
        ("new thread", &news.new_threads),
    ]
}

/// `  busy +4 (of 8) · How do we pin a helm chart…`
fn item_text(title: &str, counted: &Counted, item: &Item) -> String {
    let count = if item.count > 0 {
        format!(" +{}", item.count)
    } else {
        String::new()
    };
    let more = if counted.total > counted.items.len() {
        format!(" (of {})", counted.total)
    } else {
        String::new()
    };
    format!("  {title}{count}{more} · {}", item.text)
}
