//! What the delivery engine tells its observer (the TUI's status bar and outbox list), and the
//! engine's tuning. Plain data; the engine owns the behaviour.

use std::time::Duration;

use crate::api::backoff::Backoff;

/// Something happened to the outbox. Sent on the channel given to `Delivery::run`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DeliveryEvent {
    /// A post was put in the outbox (durable).
    Queued { local_id: i64 },
    /// Its request is about to leave.
    Sending { local_id: i64 },
    /// The server has it under `server_id` (answered, or found by reconciliation).
    Sent { local_id: i64, server_id: u64 },
    /// The server refused it; it stays in the outbox for the user to edit, retry or cancel.
    Failed { local_id: i64, reason: String },
    /// The request may or may not have arrived; it is checked against the sent feed before
    /// any retry.
    Unknown { local_id: i64, reason: String },
    /// The server cannot be reached; delivery resumes by itself in `retry_in`.
    Offline { retry_in: Duration },
    /// The server asked to slow down; nothing is sent for `retry_in`.
    RateLimited { retry_in: Duration },
    /// Delivery is held up by something the user may need to fix (e.g. the token was
    /// refused); it tries again in `retry_in`.
    Blocked { reason: String, retry_in: Duration },
    /// The number of unsettled posts (queued, sending or unknown) changed.
    CountChanged(u64),
}

/// Timings and limits of the delivery engine.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DeliveryOptions {
    /// How long a claim holds. Must exceed the client's total timeout plus any wait for its
    /// request budget, or a slow request could be taken for a dead one.
    pub lease: Duration,
    /// A post missing from the sent feed counts as not arrived only once this long has passed
    /// since its request started (a request still in flight could land later). 0 suits a
    /// server that stores a post before it is visible to anyone, such as `kring serve`; on an
    /// unknown server keep the default.
    pub settle: Duration,
    /// How far around the request times a sent message may lie and still match.
    pub match_window: Duration,
    /// When to look again after a check that could not decide.
    pub recheck: Duration,
    /// How often to look whether another engine finished the post it holds (also the pause
    /// after losing a race for a claim).
    pub peer_poll: Duration,
    /// Pages of the sent feed read per check at most.
    pub max_sent_pages: u32,
    /// Delay before re-sending after a failure that proves nothing arrived.
    pub backoff: Backoff,
    /// Pause after the server refused the token.
    pub auth_pause: Duration,
}

impl Default for DeliveryOptions {
    fn default() -> Self {
        Self {
            lease: Duration::from_secs(300),
            settle: Duration::from_secs(30),
            match_window: Duration::from_secs(120),
            recheck: Duration::from_secs(30),
            peer_poll: Duration::from_secs(2),
            max_sent_pages: 25,
            backoff: Backoff::DEFAULT,
            auth_pause: Duration::from_secs(300),
        }
    }
}
