//! Marks shown beside a list's items, as text so they read without colour and in ASCII. Plain
//! constants: what is marked is decided by whoever draws the list.

/// Shown beside a muted community or thread.
pub const MUTED_MARK: &str = " [muted]";
