//! Draws the checklist's lines atop the communities pane: a header ("Start here 2/5"), folded
//! into one line when the pane is short, or followed by one line per step (done steps ticked
//! and dimmed) and a rule before the feeds. The keys named are the loaded keymap's. Reads the
//! state only; it must not change it.

use ratatui::style::Style;
use ratatui::text::{Line, Span};

use super::{Row, Step};
use crate::app::core::state::State;
use crate::config::theme::Theme;
use crate::text::width::display_width;
use crate::widgets::body::fit_width;

/// One line of the checklist as drawn.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Shown {
    /// A selectable row.
    Row(Row),
    /// A step's dimmed note, under it.
    Note(Step),
    /// The rule between the checklist and the feeds.
    Rule,
}

/// The checklist's lines in a pane `height` rows high, top first (none when hidden).
pub fn lines(state: &State, height: usize) -> Vec<Shown> {
    let rows = super::rows(state, height);
    if rows.len() <= 1 {
        return rows.into_iter().map(Shown::Row).collect();
    }
    let mut shown = Vec::new();
    for row in rows {
        shown.push(Shown::Row(row));
        if let Row::Step(step) = row
            && step.note().is_some()
        {
            shown.push(Shown::Note(step));
        }
    }
    shown.push(Shown::Rule);
    shown
}

/// The first key bound to `action` in `modes`, or its name when none is.
fn key(state: &State, modes: &[&str], action: &str) -> String {
    state
        .keys
        .keymap
        .keys_for(modes, action)
        .into_iter()
        .next()
        .unwrap_or_else(|| action.replace('_', " "))
}

/// The keymap modes of the checklist's rows.
pub const MODES: &[&str] = &["start_here", "communities", "global"];

/// One line: `shown`, `selected` or not, `width` columns wide.
pub fn line(
    state: &State,
    shown: Shown,
    height: usize,
    selected: Option<Style>,
    width: usize,
    theme: &Theme,
) -> Line<'static> {
    let line = match shown {
        Shown::Row(Row::Header) => {
            let on_it = super::cursor(state, height).is_some();
            header(state, height, on_it, width, theme)
        }
        Shown::Row(Row::Step(step)) => {
            let done = super::context(state).is_done(step);
            let mark = if done { "[x]" } else { "[ ]" };
            let text = fitting(
                &format!(" {mark} {}", step.label()),
                &format!(" {mark} {}", step.short_label()),
                width,
            );
            let pad = width.saturating_sub(display_width(&text));
            let style = if done {
                theme.base.muted
            } else {
                theme.communities.feed
            };
            Line::from(vec![Span::styled(text, style), Span::raw(" ".repeat(pad))])
        }
        Shown::Note(step) => {
            let text = fitting(
                &format!("     {}", step.note().unwrap_or_default()),
                &format!("     {}", step.short_note().unwrap_or_default()),
                width,
            );
            Line::styled(text, theme.base.muted)
        }
        Shown::Rule => rule("Feeds", width, theme),
    };
    match selected {
        Some(style) => line.patch_style(style),
        None => line,
    }
}

/// "Start here 2/5 · enter to open" when folded; a rule with the count when open, naming the
/// dismiss key while the selection is on the checklist.
fn header(state: &State, height: usize, on_it: bool, width: usize, theme: &Theme) -> Line<'static> {
    let done = super::context(state).done_count();
    let count = format!("Start here {done}/{}", Step::ALL.len());
    if !state.communities.start_here.is_open(height) {
        let text = format!(" {count} · {} to open", key(state, MODES, "open"));
        let text = fit_width(&text, width);
        let pad = width.saturating_sub(display_width(&text));
        return Line::from(vec![
            Span::styled(text, theme.communities.feed),
            Span::raw(" ".repeat(pad)),
        ]);
    }
    let label = if on_it {
        format!(
            "{count} · {} hides",
            key(state, MODES, "dismiss_start_here")
        )
    } else {
        count
    };
    rule(&label, width, theme)
}

/// `full` when it fits in `width` columns, else `short` (cut to fit).
fn fitting(full: &str, short: &str, width: usize) -> String {
    if display_width(full) <= width {
        full.to_owned()
    } else {
        fit_width(short, width)
    }
}

fn rule(text: &str, width: usize, theme: &Theme) -> Line<'static> {
    let label = fit_width(&format!("─ {text} "), width);
    let rest = width.saturating_sub(display_width(&label));
    Line::styled(format!("{label}{}", "─".repeat(rest)), theme.base.muted)
}
