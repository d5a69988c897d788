//! Draws the checklist's lines atop the communities pane: a header ("Start here 2/5"), folded
//! into one line when the pane is short, or followed by one line per step (done steps ticked
//! and dimmed) and a rule before the feeds. The keys named are the loaded keymap's. Reads the
//! checklist's state and a [`StartHereView`] the frame builds; it must not change them.

use ratatui::style::Style;
use ratatui::text::{Line, Span};

use super::{Context, Row, StartHere, Step};
use crate::config::theme::Theme;
use crate::input::keys::Keymap;
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

/// What the checklist's lines draw from besides its own state.
#[derive(Clone, Copy)]
pub struct StartHereView<'a> {
    pub list: &'a StartHere,
    /// What the steps are derived from.
    pub facts: Context<'a>,
    /// The loaded keymap, for the keys the lines name.
    pub keymap: &'a Keymap,
}

impl StartHereView<'_> {
    /// Whether the checklist shows.
    pub fn visible(&self) -> bool {
        super::visible(self.list, &self.facts)
    }

    /// The selected checklist row in a pane `height` rows high, if the selection is on one.
    pub fn cursor(&self, height: usize) -> Option<Row> {
        super::cursor_in(self.list, self.visible(), height)
    }
}

/// The lines of `list`, when it is `shown`, in a pane `height` rows high, top first (none when
/// hidden).
pub fn lines(list: &StartHere, shown: bool, height: usize) -> Vec<Shown> {
    let rows = super::rows_in(list, shown, height);
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
fn key(keymap: &Keymap, modes: &[&str], action: &str) -> String {
    keymap
        .keys_for(modes, action)
        .into_iter()
        .next()
        .unwrap_or_else(|| action.replace('_', " "))
}

/// The keymap modes of the checklist's rows.
pub const MODES: &[&str] = &["start_here", "communities", "global"];

/// One line: `shown`, `selected` or not, `width` columns wide.
pub fn line(
    view: &StartHereView<'_>,
    shown: Shown,
    height: usize,
    selected: Option<Style>,
    width: usize,
    theme: &Theme,
) -> Line<'static> {
    let line = match shown {
        Shown::Row(Row::Header) => {
            let on_it = view.cursor(height).is_some();
            header(view, height, on_it, width, theme)
        }
        Shown::Row(Row::Step(step)) => {
            let done = view.facts.is_done(step);
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
fn header(
    view: &StartHereView<'_>,
    height: usize,
    on_it: bool,
    width: usize,
    theme: &Theme,
) -> Line<'static> {
    let done = view.facts.done_count();
    let count = format!("Start here {done}/{}", Step::ALL.len());
    if !view.list.is_open(height) {
        let text = format!(" {count} · {} to open", key(view.keymap, MODES, "open"));
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
            key(view.keymap, MODES, "dismiss_start_here")
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
