//! Draws the thread pane: the reply tree with guide lines, each message's full text wrapped to
//! the pane, its links listed, and the selected message highlighted.
//!
//! Only the messages in the visible window are laid out. Where the window is comes from where
//! each row starts, which needs every message's text wrapped once per width: [`LineCounts`]
//! (kept in the view state) remembers the counts and the rows' starts until the rows or the
//! width change, and the window is found by binary search, so a frame costs the window, not
//! the thread.

use ratatui::Frame;
use ratatui::layout::{Alignment, Margin, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Wrap};

use super::ThreadPane;
use super::line_counts::{LineCounts, body_geometry, max_levels};
use crate::config::theme::Theme;
use crate::domain::time::{relative_label, thread_label, thread_label_short};
use crate::domain::{Message, MessageId, TreeRow};
use crate::panes::PaneId;
use crate::panes::communities::view::selection;
use crate::panes::cursor::keep_visible;
use crate::panes::load::Load;
use crate::panes::message_view::MessageViewCtx;
use crate::widgets::body::body_lines;
use crate::widgets::message_label::{LabelStyles, header_spans};
use crate::widgets::pane_block::pane_block;
use crate::widgets::tree_guide::header_guide;

/// One row of the tree in the visible window, with what its layout needs.
struct Placed<'a> {
    row: &'a TreeRow,
    message: &'a Message,
    guide: String,
    text_width: usize,
    /// Lines it takes: header, text, links, and the guide line after it.
    height: usize,
}

/// Draws `pane` into `area`; `offset` is the first visible line.
pub fn draw(
    frame: &mut Frame,
    area: Rect,
    (pane, ctx): (&ThreadPane, &MessageViewCtx<'_>),
    offset: &mut usize,
    counts: &mut LineCounts,
    theme: &Theme,
) {
    let view = View { pane, ctx };
    let subtitle = subtitle(&view);
    let block = pane_block(PaneId::Thread, ctx.focused, Some(&subtitle), theme);
    let inner = block.inner(area).inner(Margin {
        horizontal: 1,
        vertical: 0,
    });
    frame.render_widget(block, area);
    if pane.rows().is_empty() {
        draw_empty(frame, inner, &view, theme);
        return;
    }
    let width = usize::from(inner.width);
    let height = usize::from(inner.height);
    let rows = pane.shared_rows();
    let placement = counts.placement(rows, ctx.catalog, width, theme);
    if let Some(selected) = pane.selected.and_then(|id| placement.row_of(id)) {
        let lines = placement.span(selected);
        if !lines.is_empty() {
            // The selected message's last line is the one before its trailing guide line.
            let last = lines.start + lines.len().saturating_sub(2);
            keep_visible(offset, lines.start, last, height);
        }
    }
    let mut visible = Vec::with_capacity(height);
    let mut at = placement.first_row_reaching(*offset);
    while at < rows.len() && visible.len() < height {
        let lines = placement.span(at);
        if lines.start >= *offset + height {
            break;
        }
        if let Some(placed) = placed(&view, rows, at, width, lines.len()) {
            let skip = offset.saturating_sub(lines.start);
            visible.extend(lay_out(&view, &placed, width, theme).into_iter().skip(skip));
        }
        at += 1;
    }
    visible.truncate(height);
    frame.render_widget(Paragraph::new(visible), inner);
}

/// The thread pane and its context, as the drawing below reads them.
struct View<'a> {
    pane: &'a ThreadPane,
    ctx: &'a MessageViewCtx<'a>,
}

fn subtitle(view: &View<'_>) -> String {
    let catalog = view.ctx.catalog;
    let community = view
        .pane
        .thread
        .and_then(|t| catalog.message(MessageId(t.0)))
        .and_then(|m| m.community)
        .and_then(|g| catalog.community(g))
        .map(|c| {
            if c.external {
                format!("{} [ext]", c.name)
            } else {
                c.name.to_string()
            }
        })
        .unwrap_or_default();
    let mut parts = vec![community];
    parts.extend(cached_replies(view));
    if view.pane.load.is_loading() && !view.ctx.offline {
        parts.push("loading…".to_owned());
    }
    parts.retain(|part| !part.is_empty());
    parts.join(" · ")
}

/// "2 of 21 replies cached" when only some of the thread's replies are here (from the cache,
/// offline or before the thread has loaded), so a partial thread never looks complete.
fn cached_replies(view: &View<'_>) -> Option<String> {
    let thread = view.pane.thread?;
    let catalog = view.ctx.catalog;
    let here = catalog.loaded_replies(thread);
    let total = usize::try_from(catalog.reply_count(thread)).unwrap_or(usize::MAX);
    (here < total).then(|| format!("{here} of {total} replies cached"))
}

fn draw_empty(frame: &mut Frame, area: Rect, view: &View<'_>, theme: &Theme) {
    let text = match &view.pane.load {
        Load::Loading(_) | Load::Failed(_) if view.ctx.offline => {
            "Not cached; shown when online.".to_owned()
        }
        Load::Loading(_) => "Loading…".to_owned(),
        Load::Failed(reason) => format!("Could not load this thread: {reason}"),
        Load::Idle => "No thread open. Pick one in the timeline and press enter.".to_owned(),
    };
    let paragraph = Paragraph::new(Line::styled(text, theme.base.muted))
        .alignment(Alignment::Center)
        .wrap(Wrap { trim: true });
    frame.render_widget(paragraph, area);
}

/// Row `at` ready to lay out, when its message is in the catalog and takes lines.
fn placed<'a>(
    view: &View<'a>,
    rows: &'a [TreeRow],
    at: usize,
    width: usize,
    height: usize,
) -> Option<Placed<'a>> {
    let row = rows.get(at)?;
    let message = view.ctx.catalog.message(row.id)?;
    if height == 0 {
        return None;
    }
    let (guide, text_width) = body_geometry(rows, at, width);
    Some(Placed {
        row,
        message,
        guide,
        text_width,
        height,
    })
}

/// The lines of one placed message: header, wrapped text, links, guide line.
fn lay_out(
    view: &View<'_>,
    placed: &Placed<'_>,
    width: usize,
    theme: &Theme,
) -> Vec<Line<'static>> {
    let max_levels = max_levels(width);
    let (row, message, guide) = (placed.row, placed.message, &placed.guide);
    let mut lines = Vec::with_capacity(placed.height);
    let mut header = header_line(view, row, message, max_levels, false, theme);
    if header.width() > width {
        // The starter's "4h · last reply 30m" gives way to "reply 30m" before its label is cut.
        header = header_line(view, row, message, max_levels, true, theme);
    }
    if view.pane.highlighted == Some(row.id) {
        header
            .spans
            .push(Span::styled("  ◆ found", theme.base.title_focused));
    }
    if view.pane.selected == Some(row.id) {
        // The selection's colours win over the author's and the time's, which could match its
        // background and vanish.
        let style = selection(view.ctx.focused, theme);
        header.style = header.style.patch(style);
        for span in &mut header.spans {
            span.style = span.style.patch(style);
        }
    }
    lines.push(header);
    for line in body_lines(&message.body, placed.text_width, theme) {
        lines.push(prefixed(guide, line, theme));
    }
    for (n, link) in message.links().iter().enumerate() {
        let label = Line::from(vec![
            Span::styled(format!("[{}] ", n + 1), theme.base.muted),
            Span::styled(link.clone(), theme.thread.link),
        ]);
        lines.push(prefixed(guide, label, theme));
    }
    lines.push(Line::styled(guide.clone(), theme.thread.tree_guide));
    lines
}

fn header_line(
    view: &View<'_>,
    row: &TreeRow,
    message: &Message,
    max_levels: usize,
    short_time: bool,
    theme: &Theme,
) -> Line<'static> {
    let catalog = view.ctx.catalog;
    let own = catalog.me == Some(message.sender);
    let author = catalog.person(message.sender).map_or_else(
        || view.ctx.marks.unknown_author(message),
        |p| p.full_name.to_string(),
    );
    let mut spans = vec![
        Span::styled(header_guide(row, max_levels), theme.thread.tree_guide),
        Span::styled(
            author,
            if own {
                theme.thread.own
            } else {
                theme.thread.author
            },
        ),
        Span::styled(
            format!(" · {}", message_time(view, message, short_time)),
            theme.thread.time,
        ),
    ];
    if let Some(label) = view.ctx.marks.pending(message.id) {
        // A post still in the outbox says where it is instead of when it was written.
        spans.pop();
        spans.push(Span::styled(" · ", theme.thread.time));
        spans.push(label);
    }
    if message.likes.count > 0 {
        let style = if message.likes.by_me {
            theme.thread.liked
        } else {
            theme.thread.time
        };
        spans.push(Span::styled(format!("  ♥ {}", message.likes.count), style));
    }
    if row.hidden > 0 {
        let replies = if row.hidden == 1 { "reply" } else { "replies" };
        spans.push(Span::styled(
            format!("  [+{} {replies} folded]", row.hidden),
            theme.thread.folded,
        ));
    }
    // A question or an announcement says so (and its title) last: a narrow pane cuts the
    // title, not the likes.
    spans.extend(header_spans(
        message,
        LabelStyles {
            label: theme.thread.kind_label,
            title: theme.thread.title,
            text: theme.thread.time,
        },
    ));
    Line::from(spans)
}

fn prefixed(guide: &str, line: Line<'static>, theme: &Theme) -> Line<'static> {
    let mut spans = vec![Span::styled(guide.to_owned(), theme.thread.tree_guide)];
    spans.extend(line.spans);
    Line::from(spans)
}

/// When `message` was written; the thread's starter also says when its last reply came, in the
/// timeline's words (`short`: only that, as a narrow timeline card does).
fn message_time(view: &View<'_>, message: &Message, short: bool) -> String {
    let now = view.ctx.now;
    let Some(thread) = view.pane.thread else {
        return relative_label(now, message.created_at);
    };
    if message.id.0 != thread.0 {
        return relative_label(now, message.created_at);
    }
    let catalog = view.ctx.catalog;
    let latest = catalog.latest_activity(thread);
    let last_reply = catalog
        .message(latest)
        .filter(|m| m.id != message.id)
        .map(|m| m.created_at);
    if short {
        thread_label_short(now, message.created_at, last_reply)
    } else {
        thread_label(now, message.created_at, last_reply)
    }
}
