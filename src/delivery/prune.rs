//! Pruning sent posts from the outbox, so `outbox.sqlite` does not grow forever: a sent post
//! goes once it has been sent for [`SENT_RETENTION`], but never while a reconciliation could
//! still need it (the store keeps every sent post from `match_window` before the oldest post
//! not sent yet; see `OutboxStore::prune_sent_keeping_unresolved`). The engine prunes when it starts
//! and then at most once per [`PRUNE_INTERVAL`]; `kring post` prunes after it delivered.
//! Only sent posts are ever removed: the TUI lists queued, sending, unknown and failed ones
//! from the store, and leaves sent ones out when it loads the outbox, so none it shows as
//! pending can go.

use std::time::{Duration, Instant};

use super::Delivery;
use super::error::DeliveryError;
use super::shared::{secs_ceil, unix_now};

/// How long a sent post stays in the outbox at least.
pub const SENT_RETENTION: Duration = Duration::from_secs(7 * 24 * 60 * 60);
/// How often a running engine prunes at most.
pub const PRUNE_INTERVAL: Duration = Duration::from_secs(24 * 60 * 60);

impl Delivery {
    /// Deletes this account's posts sent more than [`SENT_RETENTION`] ago that no
    /// reconciliation can still need. Returns how many went.
    pub async fn prune_sent(&self) -> Result<usize, DeliveryError> {
        let account = self.shared.account.clone();
        let finished_before = unix_now().saturating_sub(secs_ceil(SENT_RETENTION));
        let window = secs_ceil(self.options.match_window);
        self.shared
            .store(move |store| {
                store.prune_sent_keeping_unresolved(&account, finished_before, window)
            })
            .await
    }

    /// [`Delivery::prune_sent`] for a caller that carries on whatever happens: a failure is
    /// logged and the sent posts stay until the next time.
    pub async fn prune_sent_logged(&self) {
        match self.prune_sent().await {
            Ok(0) => {}
            Ok(pruned) => tracing::debug!(pruned, "pruned sent posts from the outbox"),
            Err(err) => tracing::warn!(%err, "cannot prune sent posts from the outbox"),
        }
    }
}

/// When a running engine prunes next.
#[derive(Debug, Clone, Copy)]
pub(super) struct PruneSchedule {
    next_at: Instant,
}

impl PruneSchedule {
    /// Due at once (an engine prunes when it starts).
    pub(super) fn starting(now: Instant) -> Self {
        Self { next_at: now }
    }

    /// Whether a prune is due at `now`; if so, the next one is one interval later.
    pub(super) fn take_if_due(&mut self, now: Instant) -> bool {
        if now < self.next_at {
            return false;
        }
        self.next_at = now + PRUNE_INTERVAL;
        true
    }

    /// How long from `now` until the next prune is due.
    pub(super) fn until_next(&self, now: Instant) -> Duration {
        self.next_at.saturating_duration_since(now)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_engine_prunes_at_start_then_once_per_interval() {
        let start = Instant::now();
        let mut schedule = PruneSchedule::starting(start);
        assert!(schedule.take_if_due(start), "at start");
        assert!(!schedule.take_if_due(start + Duration::from_secs(60)));
        let hour_before = PRUNE_INTERVAL - Duration::from_secs(3600);
        assert_eq!(
            schedule.until_next(start + hour_before),
            Duration::from_secs(3600)
        );
        assert!(!schedule.take_if_due(start + hour_before));
        assert!(schedule.take_if_due(start + PRUNE_INTERVAL));
        assert!(!schedule.take_if_due(start + PRUNE_INTERVAL + Duration::from_secs(1)));
    }

    #[test]
    fn a_week_of_sent_posts_outlasts_reconciliation() {
        assert!(SENT_RETENTION > super::super::DeliveryOptions::default().match_window * 100);
    }
}
