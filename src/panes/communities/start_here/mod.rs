//! "Start here": the first-steps checklist atop the communities pane. Shown from the first
//! start on an account until the user dismisses it or every step is done; each step is done
//! by doing it (derived in `steps`), never ticked. Its rows are selectable like the pane's
//! other rows (`k` from the first feed goes up into it, `j` from its last row back out; `g g`
//! from a feed stays on the first feed); when the pane is short it folds into one line.
//!
//! Owns the checklist's state (the kept facts, where the cursor is, folded or open) and what
//! rows it shows, from its own state and the facts the steps are derived from (a [`Context`]
//! the core builds); never from the whole client's state. It must not do I/O: keeping the facts and fetching the guidelines are
//! effects (`effect`); the transitions are in `update`, the drawing in `view`.

pub mod effect;
pub mod steps;
pub mod update;
pub mod view;

pub use steps::{Context, Step};

/// Content rows from which the checklist opens by itself (below, it shows as one line).
pub const TALL: usize = 24;

/// The account facts kept in the cache.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Kept {
    /// The user dismissed the checklist.
    pub dismissed: bool,
    /// The network's guidelines were shown.
    pub guidelines_read: bool,
}

/// A selectable row of the checklist.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Row {
    /// "Start here 2/5": folds or opens the list.
    Header,
    Step(Step),
}

/// The checklist's state.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct StartHere {
    pub kept: Kept,
    /// The session set the list up: its kept facts were read before the first frame (or no
    /// cache backs it). A state built by hand (tests, snapshots) shows no checklist.
    pub loaded: bool,
    /// The checklist row selected, if the selection is on the checklist (otherwise it is on
    /// the pane's feed, `CommunitiesPane::selected`).
    pub cursor: Option<Row>,
    /// Opened (`true`) or folded by the user; `None` follows the pane's height.
    pub open: Option<bool>,
}

impl StartHere {
    /// Whether the steps show under the header in a pane `height` rows high.
    pub fn is_open(&self, height: usize) -> bool {
        self.open.unwrap_or(height >= TALL)
    }
}

/// Whether the checklist shows: its facts are known, it is not dismissed, a step is left
/// (`facts`: what the steps are derived from).
pub fn visible(list: &StartHere, facts: &Context<'_>) -> bool {
    list.loaded && !list.kept.dismissed && facts.done_count() < Step::ALL.len()
}

/// The selectable rows of `list` in a pane `height` rows high, when it is `shown` ([`visible`]).
pub fn rows_in(list: &StartHere, shown: bool, height: usize) -> Vec<Row> {
    if !shown {
        return Vec::new();
    }
    let mut rows = vec![Row::Header];
    if list.is_open(height) {
        rows.extend(Step::ALL.iter().map(|s| Row::Step(*s)));
    }
    rows
}

/// The selected row of `list`, when the selection is on a row that shows ([`rows_in`]).
pub fn cursor_in(list: &StartHere, shown: bool, height: usize) -> Option<Row> {
    let cursor = list.cursor?;
    rows_in(list, shown, height)
        .contains(&cursor)
        .then_some(cursor)
}
