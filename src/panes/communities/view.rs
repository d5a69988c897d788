//! Draws the communities pane: the "Start here" checklist while it shows, the feeds, then the
//! user's communities, with unread counts, then Discover (the rest, in suggestion order).

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use crate::app::core::state::State;
use crate::config::theme::Theme;
use crate::domain::Feed;
use crate::panes::PaneId;
use crate::panes::communities::{discover, start_here};
use crate::panes::cursor::keep_visible;
use crate::text;
use crate::widgets::body::with_ellipsis;
use crate::widgets::pane_block::pane_block;

/// One row of the list.
enum Row {
    Heading(&'static str),
    /// A line of the "Start here" checklist.
    Start(start_here::view::Shown),
    Entry(Feed),
    /// The line under a Discover row.
    Detail(crate::domain::GroupId),
}

/// Draws the pane into `area`; `offset` is its scroll position.
pub fn draw(
    frame: &mut Frame,
    area: Rect,
    state: &State,
    focused: bool,
    offset: &mut usize,
    theme: &Theme,
) {
    let block = pane_block(PaneId::Communities, focused, None, theme);
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let height = usize::from(inner.height);
    let mut rows: Vec<Row> = start_here::view::lines(state, height)
        .into_iter()
        .map(Row::Start)
        .collect();
    rows.extend(Feed::BUILT_IN.iter().map(|f| Row::Entry(*f)));
    if !state.communities.mine.is_empty() {
        rows.push(Row::Heading("Communities"));
        rows.extend(
            state
                .communities
                .mine
                .iter()
                .map(|g| Row::Entry(Feed::Community(*g))),
        );
    }
    let discover = state.communities.discover.rows(&state.communities.mine);
    if !discover.is_empty() {
        rows.push(Row::Heading("Discover"));
        for group in discover {
            rows.push(Row::Entry(Feed::Community(group)));
            rows.push(Row::Detail(group));
        }
    }
    let cursor = start_here::cursor(state, height);
    let selected = rows
        .iter()
        .position(|r| match (r, cursor) {
            (Row::Start(start_here::view::Shown::Row(row)), Some(at)) => *row == at,
            (Row::Entry(f), None) => *f == state.communities.selected,
            _ => false,
        })
        .unwrap_or(0);
    let last = match rows.get(selected + 1) {
        Some(Row::Detail(_)) => selected + 1,
        _ => selected,
    };
    keep_visible(offset, selected, last, height);
    let width = usize::from(inner.width);
    let lines: Vec<Line> = rows
        .iter()
        .enumerate()
        .skip(*offset)
        .take(height)
        .map(|(i, row)| match row {
            Row::Heading(text) => heading(text, width, theme),
            Row::Start(shown) => {
                let style = (i == selected && cursor.is_some()).then(|| selection(focused, theme));
                start_here::view::line(state, *shown, height, style, width, theme)
            }
            Row::Entry(feed) => entry_line(
                state,
                *feed,
                i == selected && cursor.is_none(),
                focused,
                width,
                theme,
            ),
            Row::Detail(group) => discover::view::detail_line(state, *group, width, theme),
        })
        .collect();
    frame.render_widget(Paragraph::new(lines), inner);
}

fn heading(text: &str, width: usize, theme: &Theme) -> Line<'static> {
    let label = format!("─ {text} ");
    let rule = width.saturating_sub(text::width::display_width(&label));
    Line::styled(format!("{label}{}", "─".repeat(rule)), theme.base.muted)
}

fn entry_line(
    state: &State,
    feed: Feed,
    selected: bool,
    focused: bool,
    width: usize,
    theme: &Theme,
) -> Line<'static> {
    let label = feed_label(state, feed);
    let unread = state.unread.count(feed);
    let count = if unread > 0 {
        format!(" {unread} ")
    } else {
        String::new()
    };
    // An external community's mark stays whole; its name gives way first.
    let muted = feed
        .community()
        .is_some_and(|g| state.unread.mutes().community_muted(g));
    let mark = match (is_external(state, feed), muted) {
        (true, true) => " [ext] [muted]",
        (true, false) => EXTERNAL_MARK,
        (false, true) => crate::widgets::marks::MUTED_MARK,
        (false, false) => "",
    };
    let room = width.saturating_sub(text::width::display_width(&count) + 1);
    let name_room = room.saturating_sub(mark.len());
    let mut label = format!(" {label}");
    if text::width::display_width(&label) > name_room {
        label = with_ellipsis(&label, name_room);
    }
    let pad = name_room.saturating_sub(text::width::display_width(&label));
    let label_style = if muted {
        theme.base.muted
    } else if feed.builtin_label().is_some() {
        theme.communities.feed
    } else {
        theme.communities.community
    };
    let count_style = if selected {
        theme.communities.selected_unread
    } else {
        theme.communities.unread_count
    };
    let line = Line::from(vec![
        Span::styled(label, label_style),
        Span::styled(
            mark,
            if muted {
                theme.base.muted
            } else {
                theme.communities.external
            },
        ),
        Span::raw(" ".repeat(pad + 1)),
        Span::styled(count, count_style),
    ]);
    if selected {
        line.patch_style(selection(focused, theme))
    } else {
        line
    }
}

/// Marks a community people outside the company take part in: text, so it reads without
/// colour and in ASCII.
pub const EXTERNAL_MARK: &str = " [ext]";

/// Whether `feed` is an external community.
pub fn is_external(state: &State, feed: Feed) -> bool {
    feed.community()
        .and_then(|g| state.catalog.community(g))
        .is_some_and(|c| c.external)
}

/// The selection style, dimmer when the pane does not have focus.
pub fn selection(focused: bool, theme: &Theme) -> Style {
    if focused {
        theme.base.selection
    } else {
        theme.base.selection_unfocused
    }
}

/// A feed's name: built-in labels, or the community's name from the catalog.
pub fn feed_label(state: &State, feed: Feed) -> String {
    if let Some(label) = feed.builtin_label() {
        return label.to_owned();
    }
    match feed {
        Feed::Community(g) => state
            .catalog
            .community(g)
            .map_or_else(|| format!("community {g}"), |c| c.name.to_string()),
        Feed::Topic(t) => state
            .catalog
            .topic(t)
            .map_or_else(|| format!("topic {t}"), |n| format!("#{n}")),
        Feed::FromUser(u) => state
            .catalog
            .person(u)
            .map_or_else(|| format!("user {u}"), |p| p.full_name.to_string()),
        _ => String::new(),
    }
}
