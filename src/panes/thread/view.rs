//! Draws the thread pane: the reply tree with guide lines, each message's full text wrapped to
//! the pane, its links listed, and the selected message highlighted.
//!
//! Only the messages in the visible window are laid out. Where the window is comes from each
//! message's height, which needs its text wrapped once per width: [`LineCounts`] (kept in the
//! view state) remembers those, so a frame costs the window, not the thread.

use ratatui::Frame;
use ratatui::layout::{Alignment, Margin, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Wrap};

use crate::app::state::State;
use crate::app::view_state::keep_visible;
use crate::config::theme::Theme;
use crate::domain::time::relative_label;
use crate::domain::{Message, MessageId, TreeRow};
use crate::panes::PaneId;
use crate::panes::communities::view::selection;
use crate::panes::load::Load;
use crate::text;
use crate::widgets::body::body_lines;
use crate::widgets::pane_block::pane_block;
use crate::widgets::tree_guide::{LEVEL_WIDTH, body_guide, header_guide};

/// Lines of text (wrapped body and links) per message and text width: wrapping is the costly
/// part of a layout, and a message's text does not change while it is shown.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct LineCounts {
    counts: std::collections::HashMap<(MessageId, usize), usize>,
}

impl LineCounts {
    /// Beyond this many entries the cache starts over (widths change, threads come and go).
    const MAX_ENTRIES: usize = 100_000;

    fn get_or_count(&mut self, message: &Message, text_width: usize, theme: &Theme) -> usize {
        if self.counts.len() > Self::MAX_ENTRIES {
            self.counts.clear();
        }
        *self
            .counts
            .entry((message.id, text_width))
            .or_insert_with(|| {
                body_lines(&message.body, text_width, theme).len() + message.links().len()
            })
    }
}

/// One row of the tree with what its layout needs: the guide and where its lines start.
struct Placed<'a> {
    row: &'a TreeRow,
    message: &'a Message,
    guide: String,
    text_width: usize,
    /// First line of the message in the whole thread's layout.
    start: usize,
    /// Lines it takes: header, text, links, and the guide line after it.
    height: usize,
}

/// Draws the pane into `area`; `offset` is the first visible line.
pub fn draw(
    frame: &mut Frame,
    area: Rect,
    state: &State,
    focused: bool,
    offset: &mut usize,
    counts: &mut LineCounts,
    theme: &Theme,
) {
    let subtitle = subtitle(state);
    let block = pane_block(PaneId::Thread, focused, Some(&subtitle), theme);
    let inner = block.inner(area).inner(Margin {
        horizontal: 1,
        vertical: 0,
    });
    frame.render_widget(block, area);
    if state.thread.rows().is_empty() {
        draw_empty(frame, inner, state, theme);
        return;
    }
    let placed = place(state, usize::from(inner.width), counts, theme);
    let height = usize::from(inner.height);
    if let Some(selected) = placed
        .iter()
        .find(|p| state.thread.selected == Some(p.row.id))
    {
        // The selected message's last line is the one before its trailing guide line.
        let last = selected.start + selected.height.saturating_sub(2);
        keep_visible(offset, selected.start, last, height);
    }
    let mut visible = Vec::with_capacity(height);
    for placed in placed
        .iter()
        .filter(|p| p.start + p.height > *offset && p.start < *offset + height)
    {
        let lines = lay_out(state, placed, usize::from(inner.width), focused, theme);
        let skip = offset.saturating_sub(placed.start);
        visible.extend(lines.into_iter().skip(skip));
        if visible.len() >= height {
            break;
        }
    }
    visible.truncate(height);
    frame.render_widget(Paragraph::new(visible), inner);
}

fn subtitle(state: &State) -> String {
    let community = state
        .thread
        .thread
        .and_then(|t| state.catalog.message(MessageId(t.0)))
        .and_then(|m| m.community)
        .and_then(|g| state.catalog.community(g))
        .map(|c| c.name.to_string())
        .unwrap_or_default();
    match state.thread.load {
        Load::Loading(_) => format!("{community} · loading…")
            .trim_start_matches(" · ")
            .to_owned(),
        _ => community,
    }
}

fn draw_empty(frame: &mut Frame, area: Rect, state: &State, theme: &Theme) {
    let text = match &state.thread.load {
        Load::Loading(_) => "Loading…".to_owned(),
        Load::Failed(reason) => format!("Could not load this thread: {reason}"),
        Load::Idle => "No thread open. Pick one in the timeline and press enter.".to_owned(),
    };
    let paragraph = Paragraph::new(Line::styled(text, theme.base.muted))
        .alignment(Alignment::Center)
        .wrap(Wrap { trim: true });
    frame.render_widget(paragraph, area);
}

/// Every shown message with its guide and place in the whole layout (heights from `counts`).
fn place<'a>(
    state: &'a State,
    width: usize,
    counts: &mut LineCounts,
    theme: &Theme,
) -> Vec<Placed<'a>> {
    // Leave at least half the width for text however deep the tree goes.
    let max_levels = (width / 2 / LEVEL_WIDTH).max(1);
    let rows = state.thread.rows();
    let mut placed = Vec::with_capacity(rows.len());
    let mut start = 0;
    for (index, row) in rows.iter().enumerate() {
        let Some(message) = state.catalog.message(row.id) else {
            continue;
        };
        let has_replies = rows
            .get(index + 1)
            .is_some_and(|next| next.depth > row.depth);
        let guide = body_guide(row, has_replies, max_levels);
        let text_width = width
            .saturating_sub(text::width::display_width(&guide))
            .max(1);
        let height = 2 + counts.get_or_count(message, text_width, theme);
        placed.push(Placed {
            row,
            message,
            guide,
            text_width,
            start,
            height,
        });
        start += height;
    }
    placed
}

/// The lines of one placed message: header, wrapped text, links, guide line.
fn lay_out(
    state: &State,
    placed: &Placed<'_>,
    width: usize,
    focused: bool,
    theme: &Theme,
) -> Vec<Line<'static>> {
    let max_levels = (width / 2 / LEVEL_WIDTH).max(1);
    let (row, message, guide) = (placed.row, placed.message, &placed.guide);
    let mut lines = Vec::with_capacity(placed.height);
    let mut header = header_line(state, row, message, max_levels, theme);
    if state.thread.selected == Some(row.id) {
        header = header.patch_style(selection(focused, theme));
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
    state: &State,
    row: &TreeRow,
    message: &Message,
    max_levels: usize,
    theme: &Theme,
) -> Line<'static> {
    let catalog = &state.catalog;
    let own = catalog.me == Some(message.sender);
    let author = catalog.person(message.sender).map_or_else(
        || crate::app::outbox::unknown_author(message),
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
            format!(
                " · {}",
                relative_label(state.session.now, message.created_at)
            ),
            theme.thread.time,
        ),
    ];
    if let Some(label) = crate::app::outbox::label::pending_span(state, message.id, theme) {
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
    Line::from(spans)
}

fn prefixed(guide: &str, line: Line<'static>, theme: &Theme) -> Line<'static> {
    let mut spans = vec![Span::styled(guide.to_owned(), theme.thread.tree_guide)];
    spans.extend(line.spans);
    Line::from(spans)
}
