//! Draws the timeline: fixed-height thread cards, only those on screen, so the cost of a frame
//! does not grow with the length of the feed.
//!
//! When the selection leaves the window, the window jumps instead of creeping one card at a
//! time (see [`follow_selection`]): moving the highlight rewrites two cards, shifting the window
//! rewrites the whole pane, and over SSH every step's bytes are felt.

use ratatui::Frame;
use ratatui::layout::{Alignment, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Wrap};

use super::draw_line::draw_line;
use super::header::{self, HeaderParts};
use super::{CARD_HEIGHT, FeedTimeline, TimelinePane};
use crate::config::theme::Theme;
use crate::domain::time::{thread_label, thread_label_short};
use crate::domain::{MessageId, ThreadId};
use crate::panes::PaneId;
use crate::panes::communities::view::{EXTERNAL_MARK, selection};
use crate::panes::load::Load;
use crate::panes::message_view::MessageViewCtx;
use crate::text;
use crate::widgets::message_label::{LabelStyles, preview_with_label};
use crate::widgets::pane_block::pane_block;

/// Draws `pane` into `area` under the title `label` (the feed's name); `offset` is the first
/// visible card.
pub fn draw(
    frame: &mut Frame,
    area: Rect,
    (pane, label): (&TimelinePane, Option<&str>),
    ctx: &MessageViewCtx<'_>,
    offset: &mut usize,
    theme: &Theme,
) {
    let block = pane_block(PaneId::Timeline, ctx.focused, label, theme);
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let Some(timeline) = pane.active().filter(|t| !t.threads().is_empty()) else {
        draw_empty(frame, inner, (pane, ctx.offline), theme);
        return;
    };
    let card_rows = usize::from(CARD_HEIGHT);
    let full_cards = (usize::from(inner.height) / card_rows).max(1);
    let selected = timeline.selected_index().unwrap_or(0);
    follow_selection(offset, selected, full_cards);
    let mut y = inner.y;
    for (index, thread) in timeline.threads().iter().enumerate().skip(*offset) {
        if y >= inner.bottom() {
            break;
        }
        let shown_feed = pane.current.and_then(crate::domain::Feed::community);
        let lines = card(
            (ctx, shown_feed),
            *thread,
            index == selected,
            inner.width,
            theme,
        );
        for line in lines {
            if y >= inner.bottom() {
                break;
            }
            draw_line(
                &line,
                Rect::new(inner.x, y, inner.width, 1),
                frame.buffer_mut(),
            );
            y += 1;
        }
    }
    if y < inner.bottom() {
        let footer = footer(timeline);
        frame.render_widget(
            Line::styled(footer, theme.base.muted).alignment(Alignment::Center),
            Rect::new(inner.x, y, inner.width, 1),
        );
    }
}

/// Moves the window of `visible` cards starting at `offset` so that card `selected` is in it.
/// A selection still inside leaves the window alone. One that left it past the bottom lands
/// second from the top (the card it came from stays above it as context), one that left past
/// the top lands second from the bottom, so the next `visible - 2` steps only move the
/// highlight. Windows of one or two cards have no room for context and turn whole pages.
pub fn follow_selection(offset: &mut usize, selected: usize, visible: usize) {
    let visible = visible.max(1);
    if (*offset..*offset + visible).contains(&selected) {
        return;
    }
    let context = usize::from(visible > 2);
    *offset = if selected < *offset {
        (selected + 1 + context).saturating_sub(visible)
    } else {
        selected - context
    };
}

fn footer(timeline: &FeedTimeline) -> &'static str {
    if timeline.older.is_loading() {
        "loading older…"
    } else if timeline.exhausted {
        "· no older conversations ·"
    } else {
        ""
    }
}

fn draw_empty(
    frame: &mut Frame,
    area: Rect,
    (pane, offline): (&TimelinePane, bool),
    theme: &Theme,
) {
    let text = match pane.active().map(|t| &t.load) {
        None => "Pick a feed or community and press enter.".to_owned(),
        // Offline, an uncached feed would say "Loading…" until the connection returns.
        Some(Load::Loading(_) | Load::Failed(_)) if offline => {
            "Not cached; shown when online.".to_owned()
        }
        Some(Load::Loading(_)) => "Loading…".to_owned(),
        Some(Load::Failed(reason)) => format!("Could not load this feed: {reason}"),
        Some(Load::Idle) => "No conversations here yet. Press c to start one.".to_owned(),
    };
    let paragraph = Paragraph::new(Line::styled(text, theme.base.muted))
        .alignment(Alignment::Center)
        .wrap(Wrap { trim: true });
    frame.render_widget(paragraph, area);
}

/// The lines of one thread card: header, two preview lines and a spacer. `shown_feed` is the
/// community whose feed the timeline shows, if it shows one.
fn card(
    (ctx, shown_feed): (&MessageViewCtx<'_>, Option<crate::domain::GroupId>),
    thread: ThreadId,
    selected: bool,
    width: u16,
    theme: &Theme,
) -> Vec<Line<'static>> {
    let width = usize::from(width);
    let catalog = ctx.catalog;
    let starter = catalog
        .message(MessageId(thread.0))
        .or_else(|| catalog.message(catalog.latest_activity(thread)));
    let Some(starter) = starter else {
        return vec![
            Line::styled(format!(" thread {thread}"), theme.base.muted),
            Line::default(),
            Line::default(),
            Line::default(),
        ];
    };
    let author = catalog.person(starter.sender).map_or_else(
        || ctx.marks.unknown_author(starter),
        |p| p.full_name.to_string(),
    );
    // Inside a community's own feed its name on every card would be noise.
    let community = match starter.community.and_then(|g| catalog.community(g)) {
        Some(c) if Some(c.id) == shown_feed => String::new(),
        // People outside the company read an external community's threads: say so here too.
        Some(c) if c.external => format!("{}{}", c.name, EXTERNAL_MARK),
        Some(c) => c.name.to_string(),
        None if starter.direct => "private".to_owned(),
        None => String::new(),
    };
    // A muted thread (or one of a muted community) says so, and its card is dimmed.
    let muted = ctx.marks.is_muted(thread, starter.community);
    let community = match (muted, community.is_empty()) {
        (false, _) => community,
        (true, true) => crate::widgets::marks::MUTED_MARK.trim_start().to_owned(),
        (true, false) => format!("{community}{}", crate::widgets::marks::MUTED_MARK),
    };
    let latest = catalog
        .message(catalog.latest_activity(thread))
        .unwrap_or(starter);
    // A post still in the outbox says where it is instead of when it was written.
    let pending = ctx.marks.pending(latest.id);
    let last_reply = (latest.id != starter.id).then_some(latest.created_at);
    let (when, when_short) = pending.as_ref().map_or_else(
        || {
            let now = ctx.now;
            (
                thread_label(now, starter.created_at, last_reply),
                thread_label_short(now, starter.created_at, last_reply),
            )
        },
        |label| (label.content.to_string(), label.content.to_string()),
    );
    let when_style = pending.map_or(theme.timeline.time, |label| label.style);
    let replies = catalog.reply_count(thread);
    let marker = if ctx.marks.is_unread(thread) {
        "●"
    } else {
        " "
    };
    let fitted = header::fit(
        &HeaderParts {
            author: &author,
            community: &community,
            when: &when,
            when_short: &when_short,
            replies,
            likes: starter.likes.count,
        },
        width,
    );
    let [reply_count, like_count] =
        header::counts(replies, starter.likes.count, fitted.compact_counts);
    let separator = if fitted.community.is_empty() {
        ""
    } else {
        " · "
    };
    let used = 1
        + text::width::display_width(&fitted.author)
        + text::width::display_width(separator)
        + text::width::display_width(&fitted.community)
        + 1
        + text::width::display_width(fitted.when);
    let counts_width =
        2 + text::width::display_width(&reply_count) + text::width::display_width(&like_count);
    let pad = width.saturating_sub(used + counts_width);
    let likes_style = if starter.likes.by_me {
        theme.timeline.liked
    } else {
        theme.timeline.counts
    };
    // The glyphs are spans of their own so that draw_line writes the ASCII text around them
    // directly; the cells are the same as with one span per part (a space is never joined to
    // the glyph beside it).
    let header = Line::from(vec![
        Span::styled(marker, theme.timeline.unread_marker),
        Span::styled(fitted.author, theme.timeline.author),
        Span::styled(separator, theme.timeline.community),
        Span::styled(fitted.community, theme.timeline.community),
        Span::raw(" "),
        Span::styled(fitted.when.to_owned(), when_style),
        Span::raw(" ".repeat(pad)),
        Span::styled("↩", likes_style),
        Span::styled(reply_count, likes_style),
        Span::styled("♥", likes_style),
        Span::styled(like_count, likes_style),
    ]);
    let mut lines = vec![header];
    // A question's or an announcement's label (and title) starts the preview, so it costs
    // no line of the card.
    let preview = preview_with_label(
        starter,
        width.saturating_sub(2),
        2,
        LabelStyles {
            label: theme.timeline.kind_label,
            title: theme.timeline.title,
            text: theme.timeline.preview,
        },
    );
    for line in preview {
        let mut spans = vec![Span::raw(" ")];
        spans.extend(line.spans);
        lines.push(Line::from(spans).style(theme.timeline.preview));
    }
    lines.resize(usize::from(CARD_HEIGHT) - 1, Line::default());
    if muted {
        for line in &mut lines {
            for span in &mut line.spans {
                span.style = span.style.patch(theme.base.muted);
            }
        }
    }
    // The selection's own colours win over the card's: the author's colour is the focused
    // selection's background in the default theme, and would vanish on it.
    if selected {
        let style = selection(ctx.focused, theme);
        for line in &mut lines {
            line.style = line.style.patch(style);
            for span in &mut line.spans {
                span.style = span.style.patch(style);
            }
        }
    }
    lines.push(Line::default());
    lines
}

#[cfg(test)]
mod tests {
    use super::follow_selection;

    #[test]
    fn the_window_jumps_when_the_selection_leaves_it() {
        let mut offset = 0;
        follow_selection(&mut offset, 9, 10);
        assert_eq!(offset, 0, "inside the window nothing moves");
        follow_selection(&mut offset, 10, 10);
        assert_eq!(offset, 9, "past the bottom: second from the top");
        follow_selection(&mut offset, 18, 10);
        assert_eq!(offset, 9);
        follow_selection(&mut offset, 8, 10);
        assert_eq!(offset, 0, "past the top: second from the bottom");
        follow_selection(&mut offset, 0, 10);
        assert_eq!(offset, 0);
    }

    #[test]
    fn far_jumps_and_tiny_windows_keep_the_selection_visible() {
        for visible in 1..6 {
            let mut offset = 0;
            for selected in [0, 1, 7, 3, 250, 249, 0, 40, 39, 38, 37, 36, 35] {
                follow_selection(&mut offset, selected, visible);
                assert!(
                    (offset..offset + visible).contains(&selected),
                    "{selected} outside {offset}+{visible}"
                );
            }
        }
        let mut offset = 5;
        follow_selection(&mut offset, 4, 2);
        assert_eq!(offset, 3, "a window of two turns a page back");
        follow_selection(&mut offset, 5, 2);
        assert_eq!(offset, 5, "and a page forward");
    }
}
