//! Draws the communities pane: the "Start here" checklist while it shows, the feeds, then the
//! user's communities, with unread counts, then Discover (the rest, in suggestion order).
//! Reads the pane's own state and a [`CommunitiesView`] the frame builds (the catalog, the
//! counts and marks it shows, the checklist's facts, focus); it changes nothing but the scroll
//! offset it is given.

use std::collections::{HashMap, HashSet};

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use crate::config::theme::Theme;
use crate::domain::{Catalog, Feed, GroupId};
use crate::panes::PaneId;
use crate::panes::communities::start_here::view::StartHereView;
use crate::panes::communities::{CommunitiesPane, discover, start_here};
use crate::panes::cursor::keep_visible;
use crate::text;
use crate::widgets::body::with_ellipsis;
use crate::widgets::marks::MUTED_MARK;
use crate::widgets::pane_block::pane_block;

/// What the pane draws from besides its own state.
pub struct CommunitiesView<'a> {
    pub catalog: &'a Catalog,
    /// Unread counts of the feeds listed (a feed left out has none).
    pub unread: HashMap<Feed, usize>,
    /// The muted communities.
    pub muted: HashSet<GroupId>,
    /// The "Start here" checklist's facts.
    pub start_here: StartHereView<'a>,
    /// The pane has focus.
    pub focused: bool,
}

/// One row of the list.
enum Row {
    Heading(&'static str),
    /// A line of the "Start here" checklist.
    Start(start_here::view::Shown),
    Entry(Feed),
    /// The line under a Discover row.
    Detail(GroupId),
}

/// Draws the pane into `area`; `offset` is its scroll position.
pub fn draw(
    frame: &mut Frame,
    area: Rect,
    (pane, view): (&CommunitiesPane, &CommunitiesView<'_>),
    offset: &mut usize,
    theme: &Theme,
) {
    let focused = view.focused;
    let block = pane_block(PaneId::Communities, focused, None, theme);
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let height = usize::from(inner.height);
    let checklist = view.start_here;
    let mut rows: Vec<Row> = start_here::view::lines(checklist.list, checklist.visible(), height)
        .into_iter()
        .map(Row::Start)
        .collect();
    rows.extend(Feed::BUILT_IN.iter().map(|f| Row::Entry(*f)));
    if !pane.mine.is_empty() {
        rows.push(Row::Heading("Communities"));
        rows.extend(pane.mine.iter().map(|g| Row::Entry(Feed::Community(*g))));
    }
    let discover = pane.discover.rows(&pane.mine);
    if !discover.is_empty() {
        rows.push(Row::Heading("Discover"));
        for group in discover {
            rows.push(Row::Entry(Feed::Community(group)));
            rows.push(Row::Detail(group));
        }
    }
    let cursor = checklist.cursor(height);
    let selected = rows
        .iter()
        .position(|r| match (r, cursor) {
            (Row::Start(start_here::view::Shown::Row(row)), Some(at)) => *row == at,
            (Row::Entry(f), None) => *f == pane.selected,
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
                start_here::view::line(&checklist, *shown, height, style, width, theme)
            }
            Row::Entry(feed) => entry_line(
                view,
                *feed,
                i == selected && cursor.is_none(),
                focused,
                width,
                theme,
            ),
            Row::Detail(group) => {
                discover::view::detail_line(view.catalog, &pane.discover, *group, width, theme)
            }
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
    view: &CommunitiesView<'_>,
    feed: Feed,
    selected: bool,
    focused: bool,
    width: usize,
    theme: &Theme,
) -> Line<'static> {
    let label = feed_label(view.catalog, feed);
    let unread = view.unread.get(&feed).copied().unwrap_or(0);
    let count = if unread > 0 {
        format!(" {unread} ")
    } else {
        String::new()
    };
    // An external community's mark stays whole; its name gives way first.
    let muted = feed.community().is_some_and(|g| view.muted.contains(&g));
    let mark = match (is_external(view.catalog, feed), muted) {
        (true, true) => " [ext] [muted]",
        (true, false) => EXTERNAL_MARK,
        (false, true) => MUTED_MARK,
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
pub fn is_external(catalog: &Catalog, feed: Feed) -> bool {
    feed.community()
        .and_then(|g| catalog.community(g))
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
pub fn feed_label(catalog: &Catalog, feed: Feed) -> String {
    if let Some(label) = feed.builtin_label() {
        return label.to_owned();
    }
    match feed {
        Feed::Community(g) => catalog
            .community(g)
            .map_or_else(|| format!("community {g}"), |c| c.name.to_string()),
        Feed::Topic(t) => catalog
            .topic(t)
            .map_or_else(|| format!("topic {t}"), |n| format!("#{n}")),
        Feed::FromUser(u) => catalog
            .person(u)
            .map_or_else(|| format!("user {u}"), |p| p.full_name.to_string()),
        _ => String::new(),
    }
}
