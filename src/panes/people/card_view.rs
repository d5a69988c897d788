//! Draws a profile card in the people pane: name and handle; title, department and location;
//! then only the fields the person shared (expertise, interests, about), activity, communities
//! and why they matched the query; then their threads, evidence first, one selectable entry of
//! two lines each. Nothing absent is mentioned. Scrolls to keep the selected thread in view.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use super::card::{CardThread, ProfileCard};
use super::highlight::{fit, thousands};
use super::why_listed::{WhyLine, WhyListed};
use crate::app::core::state::State;
use crate::config::theme::Theme;
use crate::domain::time::relative_label;
use crate::expertise::{ExpertiseIndex, PersonDoc, relative_age};
use crate::panes::PaneId;
use crate::panes::communities::view::selection;
use crate::panes::cursor::keep_visible;
use crate::text::width::display_width;
use crate::text::wrap::wrap_lines;
use crate::widgets::pane_block::pane_block;

/// Width of the field labels column.
const LABEL_WIDTH: usize = 13;

/// Draws `card` into `area`; `offset` is its first visible line.
#[allow(clippy::too_many_arguments)]
pub fn draw(
    frame: &mut Frame,
    area: Rect,
    state: &State,
    index: &ExpertiseIndex,
    card: &ProfileCard,
    focused: bool,
    offset: &mut usize,
    theme: &Theme,
) {
    let doc = index.person(card.person.0);
    let name = doc.map_or("profile", PersonDoc::display_name);
    let block = pane_block(PaneId::People, focused, Some(name), theme);
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let width = usize::from(inner.width);
    if width == 0 || inner.height == 0 {
        return;
    }
    let Some(doc) = doc else {
        let gone = Line::styled(" This person is not in the directory.", theme.base.muted);
        frame.render_widget(Paragraph::new(gone), inner);
        return;
    };
    let mut lines = details(state, doc, card, width, theme);
    let own = state.catalog.me == Some(card.person);
    if own {
        lines.push(own_hint(card, width, theme));
    }
    let height = usize::from(inner.height);
    if let Some(why) = card.why.as_ref().filter(|_| own) {
        lines.push(Line::default());
        lines.extend(why_lines(why, width, theme));
        *offset = why.scroll.min(lines.len().saturating_sub(height));
        let shown: Vec<Line> = lines.into_iter().skip(*offset).take(height).collect();
        frame.render_widget(Paragraph::new(shown), inner);
        return;
    }
    lines.push(Line::default());
    lines.push(threads_heading(card, width, theme));
    let first_thread = lines.len();
    lines.extend(thread_lines(state, card, focused, width, theme));
    if card.threads.is_empty() {
        keep_visible(offset, 0, 0, height);
    } else {
        let top = first_thread + card.selected * 2;
        keep_visible(offset, top.saturating_sub(1), top + 1, height);
    }
    let shown: Vec<Line> = lines.into_iter().skip(*offset).take(height).collect();
    frame.render_widget(Paragraph::new(shown), inner);
}

fn details(
    state: &State,
    doc: &PersonDoc,
    card: &ProfileCard,
    width: usize,
    theme: &Theme,
) -> Vec<Line<'static>> {
    let people = &state.people;
    let mut lines = Vec::new();
    let mut head = vec![Span::styled(
        format!(" {}", doc.display_name()),
        theme.people.name,
    )];
    if !doc.username.is_empty() {
        head.push(Span::styled(
            format!("  @{}", doc.username),
            theme.base.muted,
        ));
    }
    lines.push(Line::from(fit(head, width)));
    let role: Vec<Span<'static>> = [
        (doc.job_title.as_deref(), theme.people.title),
        (doc.department.as_deref(), theme.people.department),
        (doc.location.as_deref(), theme.people.department),
    ]
    .into_iter()
    .filter_map(|(value, style)| value.map(|v| (v, style)))
    .enumerate()
    .flat_map(|(i, (value, style))| {
        let sep = if i == 0 { " " } else { " · " };
        [
            Span::styled(sep, theme.base.muted),
            Span::styled(value.to_owned(), style),
        ]
    })
    .collect();
    if !role.is_empty() {
        lines.push(Line::from(fit(role, width)));
    }
    lines.push(Line::default());
    let extras = people.extras.get(&card.person);
    let now = state.session.now.timestamp();
    let mut field = |label: &str, value: String, style: Style| {
        if !value.is_empty() {
            lines.extend(labelled(label, &value, style, width, theme));
        }
    };
    field(
        "Expertise",
        doc.expertise.join(", "),
        theme.people.expertise,
    );
    field(
        "Interests",
        doc.interests.join(", "),
        theme.people.expertise,
    );
    if let Some(summary) = extras.and_then(|e| e.summary.as_ref()) {
        field("About", summary.to_string(), theme.base.text);
    }
    field("Activity", activity(doc, extras, now), theme.base.text);
    if let Some(names) = people.communities.get(&card.person) {
        let names: Vec<&str> = names.iter().map(|n| n.as_str()).collect();
        field("Communities", names.join(", "), theme.base.text);
    }
    let why = people
        .listing
        .found
        .iter()
        .find(|f| f.id == card.person)
        .and_then(|f| f.why.as_ref())
        .map(|m| m.summary(now));
    if let Some(why) = why.filter(|_| !card.query.is_empty()) {
        field("Why", why, theme.people.reason);
    }
    let you = match people.following.get(&card.person) {
        Some(true) => "follow them",
        Some(false) => "do not follow them",
        None => "",
    };
    field("You", you.to_owned(), theme.base.text);
    lines
}

/// Messages, followers, following and last activity, as far as they are known.
fn activity(doc: &PersonDoc, extras: Option<&super::effect::ProfileExtras>, now: i64) -> String {
    let mut parts = Vec::new();
    if let Some(e) = extras.filter(|e| e.messages + e.followers + e.following > 0) {
        parts.push(counted(e.messages, "message"));
        parts.push(counted(e.followers, "follower"));
        parts.push(format!("follows {}", thousands(saturating(e.following))));
    }
    if let Some(last) = doc.last_active {
        parts.push(format!("active {}", relative_age(now, last)));
    }
    parts.join(" · ")
}

fn saturating(n: u64) -> usize {
    usize::try_from(n).unwrap_or(usize::MAX)
}

/// `1 message`, `1,204 messages`.
fn counted(n: u64, noun: &str) -> String {
    let plural = if n == 1 { "" } else { "s" };
    format!("{} {noun}{plural}", thousands(saturating(n)))
}

/// `label` in a column, `value` wrapped beside it.
fn labelled(
    label: &str,
    value: &str,
    style: Style,
    width: usize,
    theme: &Theme,
) -> Vec<Line<'static>> {
    let column = LABEL_WIDTH.min(width / 3);
    let room = width.saturating_sub(column + 1).max(1);
    wrap_lines(value, room)
        .into_iter()
        .enumerate()
        .map(|(i, text)| {
            let head = if i == 0 { label } else { "" };
            let pad = column.saturating_sub(display_width(head) + 1);
            let spans = vec![
                Span::styled(format!(" {head}{}", " ".repeat(pad)), theme.base.muted),
                Span::styled(text, style),
            ];
            Line::from(fit(spans, width))
        })
        .collect()
}

/// The keys only your own card has.
fn own_hint(card: &ProfileCard, width: usize, theme: &Theme) -> Line<'static> {
    let why = if card.why.is_some() {
        " back to your threads"
    } else {
        " why am I listed?"
    };
    Line::from(fit(
        vec![
            Span::styled(" e", theme.status.key),
            Span::styled(" edit my profile  ", theme.base.muted),
            Span::styled("w", theme.status.key),
            Span::styled(why, theme.base.muted),
        ],
        width,
    ))
}

/// "Why am I listed?": headings as rules, facts in the label column, notes wrapped.
fn why_lines(why: &WhyListed, width: usize, theme: &Theme) -> Vec<Line<'static>> {
    let mut lines = Vec::new();
    for line in &why.lines {
        match line {
            WhyLine::Heading(text) => {
                let label = format!("─ {text} ");
                let rule = width.saturating_sub(display_width(&label));
                lines.push(Line::styled(
                    format!("{label}{}", "─".repeat(rule)),
                    theme.base.muted,
                ));
            }
            WhyLine::Item { label, text } => {
                lines.extend(labelled(label, text, theme.people.reason, width, theme));
            }
            WhyLine::Note(text) => {
                for part in wrap_lines(text, width.saturating_sub(1).max(1)) {
                    lines.push(Line::styled(format!(" {part}"), theme.base.text));
                }
            }
        }
    }
    lines
}

fn threads_heading(card: &ProfileCard, width: usize, theme: &Theme) -> Line<'static> {
    let evidence = card.evidence_count();
    let label = if card.query.is_empty() || evidence == 0 {
        "─ Recent threads ".to_owned()
    } else {
        format!("─ Threads · {evidence} about “{}” first ", card.query)
    };
    let rule = width.saturating_sub(display_width(&label));
    Line::from(fit(
        vec![Span::styled(
            format!("{label}{}", "─".repeat(rule)),
            theme.base.muted,
        )],
        width,
    ))
}

fn thread_lines(
    state: &State,
    card: &ProfileCard,
    focused: bool,
    width: usize,
    theme: &Theme,
) -> Vec<Line<'static>> {
    if card.threads.is_empty() {
        let text = if card.written.is_some() {
            " Loading their messages…"
        } else {
            " No threads of theirs seen yet."
        };
        return vec![Line::styled(text, theme.base.muted)];
    }
    let mut lines = Vec::new();
    for (at, entry) in card.threads.iter().enumerate() {
        let pair = thread_entry(state, entry, width, theme);
        let selected = at == card.selected;
        for line in pair {
            lines.push(if selected {
                let used = line.width();
                let mut line = line;
                line.spans
                    .push(Span::raw(" ".repeat(width.saturating_sub(used))));
                line.patch_style(selection(focused, theme))
            } else {
                line
            });
        }
    }
    lines
}

fn thread_entry(
    state: &State,
    entry: &CardThread,
    width: usize,
    theme: &Theme,
) -> [Line<'static>; 2] {
    let Some(message) = state.catalog.message(entry.message) else {
        return [Line::default(), Line::default()];
    };
    let place = message
        .community
        .and_then(|g| state.catalog.community(g))
        .map_or_else(|| "All Company".to_owned(), |c| c.name.to_string());
    let marker = if entry.evidence { " ● " } else { "   " };
    let mut head = vec![
        Span::styled(marker, theme.people.match_highlight),
        Span::styled(place, theme.timeline.community),
        Span::styled(
            format!(
                " · {}",
                relative_label(state.session.now, message.created_at)
            ),
            theme.timeline.time,
        ),
    ];
    if message.likes.count > 0 {
        head.push(Span::styled(
            format!(" · ♥ {}", message.likes.count),
            theme.timeline.counts,
        ));
    }
    let preview: String = message
        .body
        .as_str()
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ");
    let body = vec![
        Span::raw("   "),
        Span::styled(preview, theme.timeline.preview),
    ];
    [Line::from(fit(head, width)), Line::from(fit(body, width))]
}
