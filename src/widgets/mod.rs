//! Stateless render helpers shared by the views: pane frames, overlay boxes, message bodies,
//! tree guides, thread cards and the status bar. They take data and a theme and return lines or draw into a
//! given area; they never change state.

pub mod body;
pub mod grapheme_guard;
pub mod hyperlinks;
pub mod marks;
pub mod message_label;
pub mod pane_block;
pub mod popup;
pub mod status_bar;
pub mod tree_guide;
pub mod which_key;
