//! Draws the health view: a box over the panes, a summary line, then one block per community
//! (what needs attention first): its name and what needs attention, the participation figures,
//! a 12-week activity sparkline with the time to a first reply and the champions, and the
//! coverage the figures come from. Changes no state.

use chrono::{DateTime, Utc};
use ratatui::Frame;
use ratatui::layout::{Constraint, Flex, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Sparkline};

use super::HealthView;
use crate::config::theme::Theme;
use crate::domain::{Catalog, GroupId};
use crate::social::DAY;
use crate::social::health::{CommunityHealth, WEEKS};
use crate::widgets::body::fit_width as fit;
use crate::widgets::popup::{draw_popup, popup_block, popup_rect};

/// Rows per community (four lines and a blank one).
pub const BLOCK_ROWS: u16 = 5;
/// The widest the box gets.
const MAX_WIDTH: u16 = 110;

/// What the health view reads besides its own state.
#[derive(Clone, Copy)]
pub struct HealthViewCtx<'a> {
    /// Where community names and member counts are looked up.
    pub catalog: &'a Catalog,
    /// The session's time.
    pub now: DateTime<Utc>,
}

/// Draws the view over `area`; where each community's block went is pushed on `items`.
pub fn draw(
    frame: &mut Frame,
    area: Rect,
    (ctx, view): (HealthViewCtx<'_>, &HealthView),
    items: &mut Vec<(Rect, usize)>,
    theme: &Theme,
) {
    let now = ctx.now.timestamp();
    let report = view.report(ctx.catalog, &view.asked, now);
    let width = area.width.saturating_sub(2).min(MAX_WIDTH);
    let height = area.height.saturating_sub(2);
    let rect = popup_rect(area, width, height, Flex::Center);
    let title = Span::styled(" Community health ", theme.base.title_focused);
    let inner = draw_popup(frame, rect, popup_block(title, theme));
    let [summary, list] =
        Layout::vertical([Constraint::Length(2), Constraint::Fill(1)]).areas(inner);
    frame.render_widget(
        Line::styled(
            fit(
                &summary_text(view, report.len()),
                usize::from(summary.width),
            ),
            theme.base.muted,
        ),
        summary,
    );
    let selected = view
        .selected
        .and_then(|g| report.iter().position(|h| GroupId(h.id) == g))
        .unwrap_or(0);
    let fits = usize::from((list.height / BLOCK_ROWS).max(1));
    let skip = (selected + 1).saturating_sub(fits);
    for (row, (index, h)) in report.iter().enumerate().skip(skip).take(fits).enumerate() {
        let top = list.y + u16::try_from(row).unwrap_or(0) * BLOCK_ROWS;
        if top + BLOCK_ROWS - 1 > list.bottom() {
            break;
        }
        let block = Rect::new(list.x, top, list.width, BLOCK_ROWS - 1);
        items.push((block, index));
        draw_community(frame, block, (ctx, view), h, index == selected, theme);
    }
}

fn summary_text(view: &HealthView, communities: usize) -> String {
    let pending = view.pending();
    if communities == 0 {
        return "You are in no community yet.".to_owned();
    }
    let order = "What needs attention first; enter opens a community.";
    if pending > 0 {
        format!("Reading {pending} of {communities} communities… {order}")
    } else {
        order.to_owned()
    }
}

fn draw_community(
    frame: &mut Frame,
    area: Rect,
    (ctx, view): (HealthViewCtx<'_>, &HealthView),
    h: &CommunityHealth,
    selected: bool,
    theme: &Theme,
) {
    let now = ctx.now.timestamp();
    let width = usize::from(area.width);
    let mut name = Line::from(vec![Span::styled(
        format!("{} {}", if selected { "▸" } else { " " }, h.name),
        theme.base.title,
    )]);
    let attention = h.attention(now);
    if !attention.is_empty() {
        name.push_span(Span::styled(
            format!("  ! {}", attention.join(" · ")),
            theme.status.warning,
        ));
    }
    if selected {
        name = name.patch_style(theme.base.selection);
    }
    let group = GroupId(h.id);
    let figures = fit(&figures_text(ctx.catalog, view, group, h), width);
    let after_spark = fit(
        &format!("  {}", reply_and_champions(ctx.catalog, view, h)),
        width.saturating_sub(WEEKS + 2),
    );
    let coverage = match view.fetched.get(&group).and_then(|f| f.error.as_deref()) {
        Some(error) => format!("  {} (could not read more: {error})", h.coverage.describe()),
        None => format!("  {}", h.coverage.describe()),
    };
    let rows: [Rect; 4] = Layout::vertical([Constraint::Length(1); 4]).areas(area);
    frame.render_widget(Paragraph::new(name), rows[0]);
    frame.render_widget(Line::styled(figures, theme.base.text), rows[1]);
    let [pad, spark, rest] = Layout::horizontal([
        Constraint::Length(2),
        Constraint::Length(u16::try_from(WEEKS).unwrap_or(12)),
        Constraint::Fill(1),
    ])
    .areas(rows[2]);
    frame.render_widget(Line::raw(""), pad);
    frame.render_widget(
        Sparkline::default()
            .data(h.weekly.iter().copied())
            .style(theme.base.title_focused)
            .absent_value_symbol("·")
            .absent_value_style(theme.base.muted),
        spark,
    );
    frame.render_widget(Line::styled(after_spark, theme.base.text), rest);
    frame.render_widget(
        Line::styled(fit(&coverage, width), theme.base.muted),
        rows[3],
    );
}

fn figures_text(
    catalog: &Catalog,
    view: &HealthView,
    group: GroupId,
    h: &CommunityHealth,
) -> String {
    if !view.members_known(group) {
        let members = catalog.community(group).map_or(0, |c| c.members);
        return format!(
            "  {members} members · {} active in 30 days · members being read",
            h.active_30d
        );
    }
    let share = h
        .active_share
        .map(|p| format!(" ({p:.0}%)"))
        .unwrap_or_default();
    let new = if h.new_silent.is_empty() {
        String::new()
    } else {
        format!(" · {} new, not posted", h.new_silent.len())
    };
    format!(
        "  {} members · {} active in 30 days{share} · {} only read{new}",
        h.members, h.active_30d, h.readers
    )
}

fn reply_and_champions(catalog: &Catalog, view: &HealthView, h: &CommunityHealth) -> String {
    let reply = h.median_first_reply.map_or_else(
        || "no replies".to_owned(),
        |s| format!("first reply {}", duration(s)),
    );
    if h.champions.is_empty() {
        return reply;
    }
    let champions: Vec<String> = h
        .champions
        .iter()
        .map(|c| format!("{} ♥{}", view.name(catalog, c.person_id), c.likes))
        .collect();
    format!("{reply} · helpful: {}", champions.join(", "))
}

/// `45 min`, `3.5 h`, `2.1 days`.
pub fn duration(secs: i64) -> String {
    if secs < 3_600 {
        format!("{} min", (secs / 60).max(1))
    } else if secs < DAY {
        format!("{:.1} h", secs as f64 / 3_600.0)
    } else {
        format!("{:.1} days", secs as f64 / DAY as f64)
    }
}
