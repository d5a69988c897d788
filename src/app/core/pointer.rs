//! [`Pointer`]: a mouse event as the core reads it, the pane (and item) under the pointer and
//! what it did. The shell finds it from the last frame; the core's mouse route applies it.
//! Plain data: nothing here knows the frame or the state.

use crate::panes::PaneId;

/// What the pointer did, and where.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Pointer {
    pub pane: PaneId,
    pub kind: PointerKind,
    /// The item under the pointer, counting those scrolled off above, when it is inside the
    /// frame: the communities list's row, the timeline's thread card, the open thread's row,
    /// the people results' person.
    pub row: Option<usize>,
    /// The item of the open list overlay (health, questions) under the pointer.
    pub item: Option<usize>,
}

/// The mouse events kring acts on.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PointerKind {
    WheelUp,
    WheelDown,
    Click,
}
