//! Draws the thread pane: the reply tree with guide lines, each message's full text wrapped to
//! the pane, its links listed, and the selected message highlighted.

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

/// The thread laid out as lines, and where the selected message's lines are.
struct Laid {
    lines: Vec<Line<'static>>,
    selected: (usize, usize),
}

/// Draws the pane into `area`; `offset` is the first visible line.
pub fn draw(
    frame: &mut Frame,
    area: Rect,
    state: &State,
    focused: bool,
    offset: &mut usize,
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
    let laid = lay_out(state, inner.width, focused, theme);
    let height = usize::from(inner.height);
    keep_visible(offset, laid.selected.0, laid.selected.1, height);
    let visible: Vec<Line> = laid.lines.into_iter().skip(*offset).take(height).collect();
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

fn lay_out(state: &State, width: u16, focused: bool, theme: &Theme) -> Laid {
    let width = usize::from(width);
    // Leave at least half the width for text however deep the tree goes.
    let max_levels = (width / 2 / LEVEL_WIDTH).max(1);
    let rows = state.thread.rows();
    let mut laid = Laid {
        lines: Vec::new(),
        selected: (0, 0),
    };
    for (index, row) in rows.iter().enumerate() {
        let Some(message) = state.catalog.message(row.id) else {
            continue;
        };
        let has_replies = rows
            .get(index + 1)
            .is_some_and(|next| next.depth > row.depth);
        let is_selected = state.thread.selected == Some(row.id);
        let start = laid.lines.len();
        let mut header = header_line(state, row, message, max_levels, theme);
        if is_selected {
            header = header.patch_style(selection(focused, theme));
        }
        laid.lines.push(header);
        let guide = body_guide(row, has_replies, max_levels);
        let text_width = width
            .saturating_sub(text::width::display_width(&guide))
            .max(1);
        for line in body_lines(&message.body, text_width, theme) {
            laid.lines.push(prefixed(&guide, line, theme));
        }
        for (n, link) in message.links().iter().enumerate() {
            let label = Line::from(vec![
                Span::styled(format!("[{}] ", n + 1), theme.base.muted),
                Span::styled(link.clone(), theme.thread.link),
            ]);
            laid.lines.push(prefixed(&guide, label, theme));
        }
        if is_selected {
            laid.selected = (start, laid.lines.len().saturating_sub(1));
        }
        laid.lines
            .push(Line::styled(guide, theme.thread.tree_guide));
    }
    laid
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
        || format!("user {}", message.sender),
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
