//! [`Shown`]: what the last frame showed of the timeline, kept in the state by the shell after
//! each frame so that `update` knows what is on screen (the notifications leave that out).
//! Plain data: the shell measures it, the core only reads it.

/// What the last frame showed of the timeline.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Shown {
    /// The feed the timeline showed.
    pub feed: Option<crate::domain::Feed>,
    /// The first thread card shown.
    pub offset: usize,
    /// How many cards (whole or cut) fit; 0 when the timeline was not drawn.
    pub cards: usize,
}
