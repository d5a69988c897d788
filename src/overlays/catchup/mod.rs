//! The catch-up overlay (`C`): what happened since the user last looked, per community, as
//! `social::catchup` summarizes the messages the client knows. Each line opens its thread
//! (`enter`); after that `n` walks on to the next catch-up item until they run out. At start,
//! an account away for more than [`AWAY`] is told about it in one notice line.
//!
//! Owns the overlay's selection, the trail `n` follows and when the user last looked; the
//! summary itself is computed in `social::catchup`. Must not do I/O: "last looked" is kept in
//! the cache store through an effect.

pub mod update;
pub mod view;

use crate::social::catchup::{CatchUp, Item};

/// Away longer than this, the start offers a catch-up.
pub const AWAY: i64 = 8 * 3_600;
/// Without a "last looked" kept, the catch-up reaches back this far.
pub const DEFAULT_REACH: i64 = 24 * 3_600;

/// The open catch-up list.
#[derive(Clone, Debug, PartialEq)]
pub struct CatchUpOverlay {
    pub summary: CatchUp,
    /// Every listed item, in display order.
    pub items: Vec<Item>,
    pub selected: usize,
}

/// The session's catch-up bookkeeping (kept in `State`).
#[derive(Clone, Debug, Default, PartialEq)]
pub struct CatchUpState {
    /// Unix seconds: when the user last looked before this session, once known.
    pub last_looked: Option<i64>,
    /// The items of the last catch-up opened from, and the one opened last, for `n`.
    pub trail: Option<(Vec<Item>, usize)>,
}
