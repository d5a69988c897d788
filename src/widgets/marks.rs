//! Text marks the lists put beside a name: plain text, so they read without colour and in
//! ASCII. Constants only.

/// Shown beside a muted community or thread.
pub const MUTED_MARK: &str = " [muted]";
