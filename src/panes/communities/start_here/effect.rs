//! What the checklist asks of the world (`StartHereEffect`): keeping its facts, which is the
//! cache task's job (the run loop hands it the effect). The guidelines step opens the
//! Guidelines view, which fetches what it shows.

use super::Kept;

/// A request of the checklist.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum StartHereEffect {
    /// Keep the facts for the account, so they outlive the session.
    Keep(Kept),
}
