//! Draws the people pane: the query line, a line on how complete the index is, and the listing
//! as two lines per person (name, title, department and location; then why they match, or what
//! they declare), only the visible rows, query words marked. An open card is drawn instead of
//! the listing (see `card_view`). Reads the pane and a `PeopleViewCtx`; only the scroll
//! offsets change, and no lock is taken (the caller holds the index).

use chrono::{DateTime, Utc};
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use super::ctx::PeopleViewCtx;
use super::highlight::{fit, marked, thousands};
use super::results::{Filter, Found};
use super::{PeoplePane, card_view, sort_label};
use crate::config::theme::Theme;
use crate::expertise::{ExpertiseIndex, IndexStats, PersonDoc};
use crate::input::action::Action;
use crate::panes::PaneId;
use crate::panes::communities::view::selection;
use crate::panes::cursor::keep_visible;
use crate::widgets::pane_block::pane_block;

/// Screen lines per listed person.
pub const ROW_HEIGHT: usize = 2;
/// Lines above the listing: the query line and the progress line.
const HEADER_HEIGHT: u16 = 2;
/// [`HEADER_HEIGHT`] as a count of lines (where a mouse click starts counting people).
pub const HEADER_LINES: usize = HEADER_HEIGHT as usize;

/// The status bar hints for the pane's current state.
pub fn hints(people: &PeoplePane) -> &'static [(Action, &'static str)] {
    if let Some(card) = &people.card {
        if people.following.get(&card.person) == Some(&true) {
            &[
                (Action::Open, "open thread"),
                (Action::DirectMessage, "message"),
                (Action::ToggleFollow, "unfollow"),
                (Action::Back, "back"),
            ]
        } else {
            &[
                (Action::Open, "open thread"),
                (Action::DirectMessage, "message"),
                (Action::ToggleFollow, "follow"),
                (Action::Back, "back"),
            ]
        }
    } else if people.line.editing {
        &[(Action::Open, "to results"), (Action::Back, "leave query")]
    } else if !people.line.text.is_empty() {
        &[
            (Action::Search, "edit query"),
            (Action::Open, "profile"),
            (Action::DirectMessage, "message"),
            (Action::CycleSort, "sort"),
            (Action::Back, "clear query"),
            (Action::Help, "help"),
        ]
    } else {
        &[
            (Action::Search, "find"),
            (Action::Open, "profile"),
            (Action::CycleSort, "sort"),
            (Action::FilterDepartment, "same dept"),
            (Action::FilterLocation, "same place"),
            (Action::Help, "help"),
        ]
    }
}

/// Draws the pane into `area`; `offsets` are the first visible person and the first visible
/// line of an open card.
pub fn draw(
    frame: &mut Frame,
    area: Rect,
    people: &PeoplePane,
    ctx: &PeopleViewCtx<'_>,
    offsets: (&mut usize, &mut usize),
) {
    let PeopleViewCtx {
        index,
        now,
        focused,
        theme,
        ..
    } = *ctx;
    if let Some(card) = &people.card {
        card_view::draw(frame, area, people, ctx, card, offsets.1);
        return;
    }
    let subtitle = subtitle(people);
    let block = pane_block(PaneId::People, focused, Some(&subtitle), theme);
    let inner = block.inner(area);
    frame.render_widget(block, area);
    if inner.height == 0 || inner.width == 0 {
        return;
    }
    let width = usize::from(inner.width);
    let header = vec![
        query_line(people, width, theme),
        progress_line(people, index, now, width, theme),
    ];
    let header_height = HEADER_HEIGHT.min(inner.height);
    frame.render_widget(
        Paragraph::new(header),
        Rect::new(inner.x, inner.y, inner.width, header_height),
    );
    let list = Rect::new(
        inner.x,
        inner.y + header_height,
        inner.width,
        inner.height - header_height,
    );
    if people.listing.found.is_empty() {
        let text = empty_text(people, index);
        frame.render_widget(Paragraph::new(Line::styled(text, theme.base.muted)), list);
        return;
    }
    let visible = (usize::from(list.height) / ROW_HEIGHT).max(1);
    let selected = people.selected_index().unwrap_or(0);
    keep_visible(offsets.0, selected, selected, visible);
    let words = query_words(people);
    let now = now.timestamp();
    let mut lines: Vec<Line> = Vec::new();
    for (at, found) in people.listing.found.iter().enumerate().skip(*offsets.0) {
        if lines.len() >= usize::from(list.height) {
            break;
        }
        let Some(doc) = index.person(found.id.0) else {
            continue;
        };
        let searched = people.from_search.contains(&found.id);
        let row = person_rows(doc, found, (&words, searched), now, width, theme);
        let style = (at == selected).then(|| selection(focused, theme));
        for line in row {
            lines.push(match style {
                Some(style) => padded(line, width).patch_style(style),
                None => line,
            });
        }
    }
    frame.render_widget(Paragraph::new(lines), list);
}

fn subtitle(people: &PeoplePane) -> String {
    let found = people.listing.found.len();
    if people.line.text.trim().is_empty() {
        String::new()
    } else {
        format!("{} found", thousands(found))
    }
}

/// The words of the query, lower case, for marking.
fn query_words(people: &PeoplePane) -> Vec<String> {
    people
        .line
        .parsed()
        .text
        .to_lowercase()
        .split_whitespace()
        .filter(|w| w.chars().count() >= 2)
        .map(str::to_owned)
        .collect()
}

fn query_line(people: &PeoplePane, width: usize, theme: &Theme) -> Line<'static> {
    let line = &people.line;
    // The query line shows whether keys go into it: a highlighted prompt and a cursor while
    // typing, a muted one (and how to get back) while the results have the keys.
    let prompt = if line.editing {
        theme.status.key
    } else {
        theme.base.muted
    };
    let mut spans = vec![Span::styled(" / ", prompt)];
    if line.text.is_empty() && !line.editing {
        spans.push(Span::styled(
            "find people or who knows what · dept:… loc:… filter",
            theme.base.muted,
        ));
    } else if line.editing {
        spans.push(Span::styled(line.text.clone(), theme.base.text));
        spans.push(Span::styled("▏", theme.compose.cursor));
        spans.push(Span::styled(
            "  enter/↓ results · esc leave",
            theme.base.muted,
        ));
    } else {
        spans.push(Span::styled(line.text.clone(), theme.base.text));
        spans.push(Span::styled("  / edit · esc clear", theme.base.muted));
    }
    Line::from(fit(spans, width))
}

fn progress_line(
    people: &PeoplePane,
    index: &ExpertiseIndex,
    now: DateTime<Utc>,
    width: usize,
    theme: &Theme,
) -> Line<'static> {
    let stats = index.stats();
    let messages = messages_label(people, &stats);
    let mut indexed = match listing_state(people, &stats, now) {
        Some(listing) => format!("{listing} · {messages}"),
        None => messages,
    };
    if !people.from_search.is_empty() && !people.paging.complete {
        let found = thousands(people.from_search.len());
        indexed.push_str(&format!(" · {found} found by search"));
    }
    let mut parts = vec![format!("sort: {}", sort_label(people.sort))];
    for (label, filter) in [
        ("dept", &people.listing.department),
        ("loc", &people.listing.location),
    ] {
        match filter {
            Filter::Off => {}
            Filter::On(value) => parts.push(format!("{label}: {value}")),
            Filter::Unknown(typed) => parts.push(format!("{label}: no “{typed}”")),
        }
    }
    parts.push(indexed);
    let spans = vec![Span::styled(
        format!(" {}", parts.join(" · ")),
        theme.base.muted,
    )];
    Line::from(fit(spans, width))
}

/// What the message count is and whether it is still moving: the messages read so far for
/// "who knows what" grow while the directory is listed or a search reads more, so say so then
/// ("reading messages… 134 so far") and give the plain figure once nothing is being read.
fn messages_label(people: &PeoplePane, stats: &IndexStats) -> String {
    let count = thousands(stats.messages_indexed);
    let searching = people.evidence.in_flight.is_some() || people.evidence.pending.is_some();
    if searching || (people.paging.started() && !people.paging.complete) {
        format!("reading messages… {count} so far")
    } else {
        format!("{count} messages read")
    }
}

/// Where the people listing stands, in words: complete, from the cache (and being refreshed),
/// paging, paused with a live countdown, or stopped.
fn listing_state(people: &PeoplePane, stats: &IndexStats, now: DateTime<Utc>) -> Option<String> {
    let paging = &people.paging;
    let visible = thousands(stats.people_visible);
    if paging.complete {
        return Some(format!("{visible} people"));
    }
    let paused = paging.paused.as_ref().map(|pause| {
        let left = pause.countdown.seconds_left(now).max(1);
        format!("paused ({}, resuming in {left} s)", pause.reason)
    });
    let stopped = paging
        .failed
        .as_ref()
        .map(|reason| format!("stopped ({reason}), ctrl-r retries"));
    let so_far = match stats.people_expected {
        Some(total) => format!("{}/{}", thousands(stats.people_known), thousands(total)),
        None => format!("{} so far", thousands(stats.people_known)),
    };
    let listed = thousands(paging.listed());
    let why = paused.or(stopped);
    let text = match people.cached {
        Some(cached) => {
            let from = format!("from cache, {visible} people");
            let pass = if cached.complete {
                "refresh"
            } else {
                "listing"
            };
            match why {
                Some(why) => format!("{from} · {pass} {why}"),
                None if paging.started() && cached.complete => {
                    format!("{from}, refreshing… {listed} listed")
                }
                None if paging.started() => format!("{from}, listing… {so_far}"),
                None if cached.complete => from,
                None => format!("{from} (listing unfinished)"),
            }
        }
        None => match why {
            Some(why) => format!("{visible} people · listing {why}"),
            None if paging.started() => format!("indexing people {so_far}"),
            None => return None,
        },
    };
    Some(text)
}

fn empty_text(people: &PeoplePane, index: &ExpertiseIndex) -> String {
    let filter_unknown = |f: &Filter| matches!(f, Filter::Unknown(_));
    if filter_unknown(&people.listing.department) || filter_unknown(&people.listing.location) {
        " Nobody has that department or location.".to_owned()
    } else if !people.line.text.trim().is_empty() {
        format!(" Nobody matches “{}” yet.", people.line.parsed().text)
    } else if people.paging.is_loading() || index.stats().people_known == 0 {
        " Loading the people directory…".to_owned()
    } else {
        " Nobody to show.".to_owned()
    }
}

/// The two lines of one person.
fn person_rows(
    doc: &PersonDoc,
    found: &Found,
    (words, searched): (&[String], bool),
    now: i64,
    width: usize,
    theme: &Theme,
) -> [Line<'static>; 2] {
    let mark = theme.people.match_highlight;
    let mut first = vec![Span::raw(" ")];
    first.extend(marked(doc.display_name(), words, theme.people.name, mark));
    let details = [
        (doc.job_title.as_deref(), theme.people.title),
        (doc.department.as_deref(), theme.people.department),
        (doc.location.as_deref(), theme.people.department),
    ];
    for (value, style) in details {
        if let Some(value) = value {
            first.push(Span::styled(" · ", theme.base.muted));
            first.extend(marked(value, words, style, mark));
        }
    }
    if searched {
        // Not listed yet: the server's search found them.
        first.push(Span::styled(" · found by search", theme.base.muted));
    }
    let mut second = vec![Span::raw("   ")];
    match &found.why {
        Some(why) => second.push(Span::styled(why.summary(now), theme.people.reason)),
        None if !doc.expertise.is_empty() => {
            second.extend(marked(
                &doc.expertise.join(", "),
                words,
                theme.people.expertise,
                mark,
            ));
        }
        None => {}
    }
    [
        Line::from(fit(first, width)),
        Line::from(fit(second, width)),
    ]
}

/// `line` padded with spaces to `width`, so a selection style covers the whole row.
fn padded(mut line: Line<'static>, width: usize) -> Line<'static> {
    let used = line.width();
    if used < width {
        line.spans
            .push(Span::styled(" ".repeat(width - used), Style::default()));
    }
    line
}
