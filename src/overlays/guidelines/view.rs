//! Draws the Guidelines view (the code of conduct, its link, then the chosen community's
//! guidelines, wrapped and scrolled); the compose window draws its own guidelines line. Drawing
//! only: reads the guidelines and the catalog, changes nothing.

use ratatui::Frame;
use ratatui::layout::{Margin, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use super::{Guidelines, GuidelinesView, Known};
use crate::config::theme::Theme;
use crate::domain::Catalog;
use crate::text::wrap::wrap_lines;
use crate::widgets::popup::{draw_popup, popup_block};

/// What the Guidelines view reads besides its own state.
#[derive(Clone, Copy, Debug)]
pub struct GuidelinesViewCtx<'a> {
    pub guidelines: &'a Guidelines,
    pub catalog: &'a Catalog,
}

/// The view's box in `area`.
fn view_rect(area: Rect) -> Rect {
    area.inner(Margin {
        horizontal: area.width / 8,
        vertical: area.height / 10,
    })
}

/// The width text wraps to inside the box (borders and padding off).
fn text_width(rect: Rect) -> usize {
    usize::from(rect.width.saturating_sub(4)).max(1)
}

/// The view's lines at `width`, wrapped.
fn content(
    ctx: GuidelinesViewCtx<'_>,
    view: &GuidelinesView,
    width: usize,
    theme: &Theme,
) -> Vec<Line<'static>> {
    let (text, muted, title) = (theme.base.text, theme.base.muted, theme.base.title);
    let guidelines = ctx.guidelines;
    let mut out = vec![Line::styled("Code of conduct", title)];
    let paragraph = |out: &mut Vec<Line<'static>>, body: &str, style| {
        for line in body.lines() {
            if line.trim().is_empty() {
                out.push(Line::default());
                continue;
            }
            out.extend(
                wrap_lines(line, width)
                    .into_iter()
                    .map(|l| Line::styled(l, style)),
            );
        }
    };
    match (guidelines.network_text(), &guidelines.network) {
        (Some(conduct), _) => paragraph(&mut out, conduct.as_str(), text),
        (None, Known::Unasked | Known::Loading) => paragraph(&mut out, "Loading…", muted),
        (None, Known::Failed(reason)) => {
            paragraph(&mut out, &format!("Could not fetch it: {reason}"), muted);
        }
        (None, Known::Loaded(_)) => {
            paragraph(&mut out, "The network has no code of conduct here.", muted);
        }
    }
    if let Some(url) = &guidelines.url {
        paragraph(&mut out, &format!("More: {url} (o opens it)"), muted);
    }
    out.push(Line::default());
    let Some(group) = view.community else {
        out.push(Line::styled("All Company", title));
        paragraph(&mut out, "The code of conduct applies.", muted);
        return out;
    };
    let name = ctx
        .catalog
        .community(group)
        .map_or_else(|| format!("Community {group}"), |c| c.name.to_string());
    out.push(Line::styled(format!("{name}: guidelines"), title));
    let known = guidelines.communities.get(&group);
    match (guidelines.community_text(group, ctx.catalog), known) {
        (Some(own), _) => paragraph(&mut out, own.as_str(), text),
        (None, Some(Known::Failed(reason))) => {
            paragraph(&mut out, &format!("Could not fetch them: {reason}"), muted);
        }
        (None, Some(Known::Loaded(_))) => paragraph(
            &mut out,
            "None of its own: the code of conduct applies.",
            muted,
        ),
        (None, _) => paragraph(&mut out, "Loading…", muted),
    }
    out
}

/// How far `view` can scroll in a terminal of `size` (columns, rows), of which `taken` rows are
/// not the body's (the status bar, a banner).
pub fn last_scroll(
    ctx: GuidelinesViewCtx<'_>,
    view: &GuidelinesView,
    (width, height): (u16, u16),
    taken: u16,
) -> u16 {
    let rect = view_rect(Rect::new(0, 0, width, height.saturating_sub(taken)));
    let lines = content(ctx, view, text_width(rect), &Theme::default()).len();
    let rows = usize::from(rect.height.saturating_sub(2));
    u16::try_from(lines.saturating_sub(rows)).unwrap_or(u16::MAX)
}

/// Draws the Guidelines view over `area`.
pub fn draw(
    frame: &mut Frame,
    area: Rect,
    ctx: GuidelinesViewCtx<'_>,
    view: &GuidelinesView,
    theme: &Theme,
) {
    let rect = view_rect(area);
    let hints = if ctx.guidelines.url.is_some() {
        " o open the link · esc close "
    } else {
        " esc close "
    };
    let block = popup_block(
        Span::styled(" Guidelines ", theme.base.title_focused),
        theme,
    )
    .title_bottom(Line::styled(hints, theme.base.muted));
    let inner = draw_popup(frame, rect, block);
    let lines = content(ctx, view, text_width(rect), theme);
    frame.render_widget(Paragraph::new(lines).scroll((view.scroll, 0)), inner);
}
