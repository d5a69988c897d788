//! Draws "Questions for you": a box over the panes with a summary line, then the questions in
//! their two parts under a heading each, three lines per question: where, who and when; the
//! question; why it is yours, or who could answer it. Changes no state.

use chrono::{DateTime, Utc};
use ratatui::Frame;
use ratatui::layout::{Constraint, Flex, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use super::{Item, Part, QuestionsView};
use crate::config::theme::Theme;
use crate::domain::Catalog;
use crate::domain::time::relative_label;
use crate::text::width::display_width;
use crate::widgets::body::fit_width as fit;
use crate::widgets::popup::{draw_popup, popup_block, popup_rect};

/// The widest the box gets.
const MAX_WIDTH: u16 = 110;

/// What the questions view reads besides its own state.
#[derive(Clone, Copy)]
pub struct QuestionsViewCtx<'a> {
    /// Where community names are looked up.
    pub catalog: &'a Catalog,
    /// The session's time.
    pub now: DateTime<Utc>,
}

/// Draws the view over `area`; where each question's lines went is pushed on `items`.
pub fn draw(
    frame: &mut Frame,
    area: Rect,
    (ctx, view): (QuestionsViewCtx<'_>, &QuestionsView),
    items: &mut Vec<(Rect, usize)>,
    theme: &Theme,
) {
    let width = area.width.saturating_sub(2).min(MAX_WIDTH);
    let rect = popup_rect(area, width, area.height.saturating_sub(2), Flex::Center);
    let title = Span::styled(" Questions for you ", theme.base.title_focused);
    let inner = draw_popup(frame, rect, popup_block(title, theme));
    let [summary, list] =
        Layout::vertical([Constraint::Length(2), Constraint::Fill(1)]).areas(inner);
    let cols = usize::from(inner.width);
    let found = if view.items.is_empty() {
        "No open question".to_owned()
    } else {
        format!("{} open questions", view.items.len())
    };
    let mut text = format!(
        "{found} in the {} messages read so far; {} people matched.",
        view.from_messages, view.people
    );
    if let Some(error) = &view.kept_error {
        text = format!("{text} {error}");
    }
    frame.render_widget(Line::styled(fit(&text, cols), theme.base.muted), summary);
    let mut lines: Vec<Line> = Vec::new();
    let mut selected_line = 0;
    let mut starts = Vec::with_capacity(view.items.len());
    let mut part = None;
    for (index, item) in view.items.iter().enumerate() {
        if part != Some(item.part) {
            part = Some(item.part);
            lines.push(heading(item.part, cols, theme));
        }
        if index == view.selected {
            selected_line = lines.len();
        }
        starts.push(lines.len());
        lines.extend(item_lines(ctx, item, index == view.selected, cols, theme));
    }
    let height = usize::from(list.height).max(1);
    let skip = (selected_line + 3).saturating_sub(height);
    for (index, start) in starts.into_iter().enumerate() {
        let (first, last) = (start.max(skip), (start + 3).min(skip + height));
        if first < last {
            let y = list.y + u16::try_from(first - skip).unwrap_or(u16::MAX);
            let rows = u16::try_from(last - first).unwrap_or(0);
            items.push((Rect::new(list.x, y, list.width, rows), index));
        }
    }
    let visible: Vec<Line> = lines.into_iter().skip(skip).take(height).collect();
    frame.render_widget(Paragraph::new(visible), list);
}

fn heading(part: Part, cols: usize, theme: &Theme) -> Line<'static> {
    let label = match part {
        Part::ForYou => "─ Your expertise matches ",
        Part::InYourCommunities => "─ Open in communities you keep: who could answer ",
    };
    let rule = cols.saturating_sub(display_width(label));
    Line::styled(format!("{label}{}", "─".repeat(rule)), theme.base.muted)
}

fn item_lines(
    ctx: QuestionsViewCtx<'_>,
    item: &Item,
    selected: bool,
    cols: usize,
    theme: &Theme,
) -> [Line<'static>; 3] {
    let place = item
        .community
        .map(|g| {
            crate::panes::communities::view::feed_label(
                ctx.catalog,
                crate::domain::Feed::Community(g),
            )
        })
        .unwrap_or_else(|| "All Company".to_owned());
    let when = DateTime::from_timestamp(item.asked_at, 0)
        .map(|t| relative_label(ctx.now, t.fixed_offset()))
        .unwrap_or_default();
    let mark = if selected { "▸" } else { " " };
    let mut top = Line::styled(
        fit(&format!("{mark} {} · {place} · {when}", item.asker), cols),
        theme.base.title,
    );
    if selected {
        top = top.patch_style(theme.base.selection);
    }
    let first = item.text.lines().next().unwrap_or_default();
    let question = Line::styled(fit(&format!("  {first}"), cols), theme.base.text);
    let detail = match (&item.why, item.answerers.is_empty()) {
        (Some(why), _) => format!("  why you: {why}"),
        (None, false) => {
            let names: Vec<&str> = item.answerers.iter().map(|a| a.name.as_str()).collect();
            format!("  could answer: {}", names.join(", "))
        }
        (None, true) => "  nobody in the directory matches it yet".to_owned(),
    };
    [
        top,
        question,
        Line::styled(fit(&detail, cols), theme.base.muted),
    ]
}
