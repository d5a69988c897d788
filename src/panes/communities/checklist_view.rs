//! Draws the "Start here" checklist rows at the top of the communities pane: one line per
//! step, done steps ticked and dimmed. Reads the state only; it must not change it.

use ratatui::text::{Line, Span};

use super::checklist::{Checklist, Context, Step};
use crate::app::core::state::State;
use crate::config::theme::Theme;
use crate::widgets::body::fit_width;

/// The checklist's steps with whether each is done, or nothing when the list is hidden.
pub fn steps(state: &State) -> Vec<(Step, bool)> {
    let list: &Checklist = &state.communities.checklist;
    let ctx = Context {
        catalog: &state.catalog,
        mine: &state.communities.mine,
        following: &state.people.following,
    };
    if list.visible(&ctx) {
        list.steps(&ctx)
    } else {
        Vec::new()
    }
}

/// One step's line, `[x]` when done, cut to `width` columns.
pub fn step_line(step: Step, done: bool, width: usize, theme: &Theme) -> Line<'static> {
    let mark = if done { "[x]" } else { "[ ]" };
    let text = fit_width(&format!(" {mark} {}", step.label()), width);
    let style = if done {
        theme.base.muted
    } else {
        theme.communities.feed
    };
    Line::from(Span::styled(text, style))
}
