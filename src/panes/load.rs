//! The loading state of a pane's content: idle, waiting for one request, or failed.

use crate::panes::request::RequestId;

/// Where a pane's last fetch stands. The last good content stays on screen in every state.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub enum Load {
    #[default]
    Idle,
    /// Waiting for this request; answers to any other are stale.
    Loading(RequestId),
    /// The last fetch failed; the text says why.
    Failed(String),
}

impl Load {
    /// Whether `req` is the answer this pane waits for.
    pub fn awaits(&self, req: RequestId) -> bool {
        matches!(self, Self::Loading(current) if *current == req)
    }

    /// Whether a request is in flight.
    pub const fn is_loading(&self) -> bool {
        matches!(self, Self::Loading(_))
    }
}
