//! Request ids: every fetch carries one, and a pane only accepts the answer to its latest.

/// The id of one request the worker runs; answers carrying an older id are stale.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct RequestId(pub u64);

/// Hands out increasing request ids.
#[derive(Clone, Debug, Default)]
pub struct RequestIds {
    last: u64,
}

impl RequestIds {
    /// A fresh id, never handed out before by this counter.
    pub fn issue(&mut self) -> RequestId {
        self.last = self.last.wrapping_add(1);
        RequestId(self.last)
    }
}
