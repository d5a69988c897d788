//! The command palette (`:` or `ctrl-p`): one filter line over everything a user can reach by
//! name: actions (with their keys), feeds and communities, and people in the directory. Typed
//! text narrows the list by fuzzy match (nucleo's matcher, the one helix and others use), best
//! first; `enter` runs the selected entry. The entries are worked out on demand (`entries`) from
//! a small input the core builds, so the palette holds only its line and selection.
//!
//! One job per file: `entries` (what can be listed, and the matching), `update` (keys),
//! `view` (drawing).

pub mod entries;
pub mod update;
pub mod view;

use crate::panes::people::query::QueryLine;

/// The palette's own state: the filter line and which match is selected.
#[derive(Clone, Debug, Default)]
pub struct Palette {
    pub line: QueryLine,
    /// Index into the current matches.
    pub selected: usize,
}
