//! The people pane: a placeholder until the expertise directory fills it.

pub mod view;
