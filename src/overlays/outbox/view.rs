//! Draws the outbox overlay: a centred box listing the posts not sent yet, one line each
//! (state, target, first line, age) plus the server's reason under a refused one, a summary
//! line on top and the keys or the cancel question at the bottom.

use ratatui::Frame;
use ratatui::layout::{Constraint, Flex, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use chrono::{DateTime, Utc};

use super::OutboxOverlay;
use super::update::selected_index;
use crate::config::theme::Theme;
use crate::domain::time::relative_label;
use crate::domain::{Catalog, SafeText};
use crate::input::action::Action;
use crate::input::keys::KeyInput;
use crate::panes::outbox::label::{pending_word, status_spans};
use crate::panes::outbox::{OutboxView, PendingPost, PendingStatus, target_label};
use crate::text::width::display_width;
use crate::widgets::body::fit_width as fit;
use crate::widgets::popup::{draw_popup, popup_block, popup_rect};

/// The widest the box gets.
const MAX_WIDTH: u16 = 96;
/// Columns of the state and target fields.
const STATE_WIDTH: usize = 10;
const TARGET_WIDTH: usize = 20;
const AGE_WIDTH: usize = 7;

/// What the list shows besides its own selection, looked up by the caller.
#[derive(Clone, Copy, Debug)]
pub struct OutboxViewCtx<'a> {
    /// The posts not sent yet, the queue count and the connection.
    pub outbox: &'a OutboxView,
    /// Where each post goes, by name.
    pub catalog: &'a Catalog,
    /// For the ages and the retry countdown.
    pub now: DateTime<Utc>,
    /// The app's own status already says the server cannot be reached.
    pub app_offline: bool,
    /// The keys the footer names.
    pub keys: &'a KeyInput,
}

/// Draws the list over `area`.
pub fn draw(
    frame: &mut Frame,
    area: Rect,
    ctx: OutboxViewCtx<'_>,
    overlay: &OutboxOverlay,
    theme: &Theme,
) {
    let posts = ctx.outbox.listed();
    let rows_wanted = posts
        .iter()
        .map(|p| if reason(p).is_some() { 2 } else { 1 })
        .sum::<u16>()
        .max(1);
    let width = area.width.saturating_sub(2).min(MAX_WIDTH);
    let height = (rows_wanted + 6).min(area.height.saturating_sub(2));
    let rect = popup_rect(area, width, height, Flex::Center);
    let title = Span::styled(" Outbox ", theme.base.title_focused);
    let inner = draw_popup(frame, rect, popup_block(title, theme));
    let [summary, _, list, footer] = Layout::vertical([
        Constraint::Length(1),
        Constraint::Length(1),
        Constraint::Fill(1),
        Constraint::Length(1),
    ])
    .areas(inner);
    frame.render_widget(summary_line(ctx, posts.len(), theme), summary);
    let ids: Vec<i64> = posts.iter().map(|p| p.local_id).collect();
    let selected = selected_index(overlay, &ids);
    let mut lines = Vec::new();
    let mut selected_line = 0;
    for (index, post) in posts.iter().enumerate() {
        let is_selected = selected == Some(index);
        if is_selected {
            selected_line = lines.len();
        }
        let mut line = post_line(ctx, post, usize::from(list.width), theme);
        if is_selected {
            line = line.patch_style(theme.base.selection);
        }
        lines.push(line);
        if let Some(reason) = reason(post) {
            let text = fit(&format!("  {reason}"), usize::from(list.width));
            lines.push(Line::styled(text, theme.status.error));
        }
    }
    let height = usize::from(list.height).max(1);
    let skip = (selected_line + 2).saturating_sub(height);
    let visible: Vec<Line> = lines.into_iter().skip(skip).take(height).collect();
    frame.render_widget(Paragraph::new(visible), list);
    frame.render_widget(footer_line(ctx, overlay, theme), footer);
}

/// "2 waiting, 1 refused" and the connection, or that nothing is waiting.
fn summary_line(ctx: OutboxViewCtx<'_>, listed: usize, theme: &Theme) -> Line<'static> {
    if listed == 0 {
        return Line::styled("Nothing waiting to be sent.", theme.base.muted);
    }
    let mut spans = vec![Span::styled(
        format!(
            "{listed} not sent yet{}",
            if ctx.outbox.pending == 0 { "" } else { " ·" }
        ),
        theme.base.text,
    )];
    spans.extend(status_spans(ctx.outbox, ctx.now, ctx.app_offline, theme));
    Line::from(spans)
}

/// `queued    Engineering Platform  Release notes are out, pleas…   5m`
fn post_line(
    ctx: OutboxViewCtx<'_>,
    post: &PendingPost,
    width: usize,
    theme: &Theme,
) -> Line<'static> {
    let (word, bad) = pending_word(&post.status);
    let word_style = if bad {
        theme.status.error
    } else {
        theme.status.updating
    };
    let target = SafeText::new(&target_label(ctx.catalog, post.draft_for)).to_string();
    let target = fit(&target, TARGET_WIDTH);
    let age = relative_label(ctx.now, post.created_at.fixed_offset());
    let text_room = width.saturating_sub(STATE_WIDTH + TARGET_WIDTH + AGE_WIDTH + 2);
    let first = SafeText::new(post.first_line()).to_string();
    let first = fit(&first, text_room);
    Line::from(vec![
        Span::styled(pad(word, STATE_WIDTH), word_style),
        Span::styled(pad(&target, TARGET_WIDTH + 1), theme.timeline.community),
        Span::styled(pad(&first, text_room + 1), theme.base.text),
        Span::styled(format!("{age:>AGE_WIDTH$}"), theme.timeline.time),
    ])
}

/// The keys, or the question before cancelling.
fn footer_line(ctx: OutboxViewCtx<'_>, overlay: &OutboxOverlay, theme: &Theme) -> Line<'static> {
    let key = |modes: &[&str], action| ctx.keys.key_for(modes, action);
    if let Some(local_id) = overlay.confirm_cancel {
        let unknown = ctx
            .outbox
            .post(local_id)
            .is_some_and(|p| p.status == PendingStatus::Unknown);
        let question = if unknown {
            "Cancel? It may have arrived already; cancelling does not unsend it. "
        } else {
            "Cancel this post? It will not be sent. "
        };
        let mut spans = vec![Span::styled(question, theme.status.warning)];
        for (action, label) in [(Action::ConfirmYes, "yes"), (Action::ConfirmNo, "no")] {
            if let Some(k) = key(&["confirm"], action) {
                spans.push(Span::styled(k, theme.status.key));
                spans.push(Span::styled(format!(" {label}  "), theme.status.normal));
            }
        }
        return Line::from(spans);
    }
    let mut spans = Vec::new();
    for (action, label) in [
        (Action::EditPost, "edit"),
        (Action::CancelPost, "cancel"),
        (Action::RetryPost, "retry now"),
        (Action::Back, "close"),
    ] {
        if let Some(k) = key(&["outbox", "global"], action) {
            spans.push(Span::styled(k, theme.status.key));
            spans.push(Span::styled(format!(" {label}  "), theme.status.normal));
        }
    }
    Line::from(spans)
}

fn reason(post: &PendingPost) -> Option<String> {
    match &post.status {
        PendingStatus::Failed { reason } => Some(SafeText::new(reason).to_string()),
        _ => None,
    }
}

/// `text` padded with spaces to `width` columns.
fn pad(text: &str, width: usize) -> String {
    let room = width.saturating_sub(display_width(text));
    format!("{text}{}", " ".repeat(room))
}
