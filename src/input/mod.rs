//! Input vocabulary: the [`action::Action`]s a user can ask for and the [`keys`] that resolve a
//! key press (chords, counts, modes) into one. Shared by the core, the panes and the overlays;
//! it knows nothing of any of them.

pub mod action;
pub mod keys;
