//! Background polling: when the shown feed is next refreshed, at the server's requested
//! interval and never faster.

use std::time::Duration;

use chrono::{DateTime, Utc};

/// The interval when the server asks for none (Yammer asks for 60 s).
pub const DEFAULT_POLL_SECS: u64 = 60;
/// A floor that protects the server from a zero or tiny requested interval.
pub const MIN_POLL_SECS: u64 = 10;

/// When the next background poll is due.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PollSchedule {
    interval_secs: u64,
    pub next_at: DateTime<Utc>,
}

impl PollSchedule {
    /// The first poll one default interval after `now`.
    pub fn new(now: DateTime<Utc>) -> Self {
        let mut schedule = Self {
            interval_secs: DEFAULT_POLL_SECS,
            next_at: now,
        };
        schedule.restart(now);
        schedule
    }

    /// Adopts the server's `requested_poll_interval`, never polling faster than it asks.
    pub fn set_interval(&mut self, requested_secs: Option<u64>, now: DateTime<Utc>) {
        let secs = requested_secs
            .unwrap_or(DEFAULT_POLL_SECS)
            .max(MIN_POLL_SECS);
        if secs != self.interval_secs {
            self.interval_secs = secs;
            self.restart(now);
        }
    }

    /// The interval in use.
    pub const fn interval(&self) -> Duration {
        Duration::from_secs(self.interval_secs)
    }

    /// Whether a poll is due at `now`.
    pub fn due(&self, now: DateTime<Utc>) -> bool {
        now >= self.next_at
    }

    /// Counts a fetch (a poll or a manual refresh): the next poll is one interval later.
    pub fn restart(&mut self, now: DateTime<Utc>) {
        let secs = i64::try_from(self.interval_secs).unwrap_or(i64::MAX);
        self.next_at = now + chrono::Duration::seconds(secs);
    }

    /// Puts the next poll off until at least `wait` from `now` (after a rate limit).
    pub fn back_off(&mut self, now: DateTime<Utc>, wait: Duration) {
        let wait = chrono::Duration::from_std(wait).unwrap_or(chrono::Duration::MAX);
        self.next_at = self.next_at.max(now + wait);
    }

    /// How long from `now` until the next poll.
    pub fn until_due(&self, now: DateTime<Utc>) -> Duration {
        (self.next_at - now).to_std().unwrap_or(Duration::ZERO)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn polls_at_the_requested_interval_and_never_faster_than_the_floor() {
        let now = Utc::now();
        let mut poll = PollSchedule::new(now);
        assert_eq!(poll.until_due(now), Duration::from_secs(60));
        poll.set_interval(Some(90), now);
        assert_eq!(poll.until_due(now), Duration::from_secs(90));
        poll.set_interval(Some(0), now);
        assert_eq!(poll.interval(), Duration::from_secs(MIN_POLL_SECS));
        assert!(!poll.due(now));
        assert!(poll.due(now + chrono::Duration::seconds(10)));
    }

    #[test]
    fn back_off_only_delays() {
        let now = Utc::now();
        let mut poll = PollSchedule::new(now);
        poll.back_off(now, Duration::from_secs(5));
        assert_eq!(poll.until_due(now), Duration::from_secs(60));
        poll.back_off(now, Duration::from_secs(300));
        assert_eq!(poll.until_due(now), Duration::from_secs(300));
    }
}
