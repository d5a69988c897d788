//! What the people pane reads besides its own state: [`PeopleCtx`] for keys, ticks and answers
//! (the catalog, the time, who you are, its size, where request ids come from), and
//! [`PeopleViewCtx`] for drawing (the index the caller holds for the frame, the catalog, the
//! time, focus, the theme). Built by the core and the frame; data only.

use chrono::{DateTime, Utc};

use crate::config::theme::Theme;
use crate::domain::{Catalog, UserId};
use crate::expertise::ExpertiseIndex;
use crate::panes::request::RequestIds;

/// What the people pane reads besides its own state.
#[derive(Debug)]
pub struct PeopleCtx<'a> {
    pub catalog: &'a Catalog,
    /// The session's time.
    pub now: DateTime<Utc>,
    /// The signed-in user, when known.
    pub me: Option<UserId>,
    /// The pane has focus (the listing and a card follow the index only then).
    pub shown: bool,
    /// The rows the pane has for its content.
    pub rows: usize,
    /// The terminal's height in rows.
    pub height: u16,
    /// Where new request ids come from.
    pub requests: &'a mut RequestIds,
}

/// What the people pane's drawing reads besides the pane.
#[derive(Clone, Copy)]
pub struct PeopleViewCtx<'a> {
    /// The expertise index, held by the caller for the frame.
    pub index: &'a ExpertiseIndex,
    pub catalog: &'a Catalog,
    /// The session's time.
    pub now: DateTime<Utc>,
    /// The pane has the keys.
    pub focused: bool,
    pub theme: &'a Theme,
}
