//! `Countdown`: a wait that ends at a known moment, shown on screen as whole seconds left
//! ("retrying in 12 s"). It says how many seconds are left at a given time and when that number
//! next changes, so the run loop ticks exactly when the text must change, and only while a
//! countdown is shown. Pure arithmetic on the state's clock: no timers, no I/O.

use std::time::Duration;

use chrono::{DateTime, Utc};

/// A wait that ends at `until`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Countdown {
    pub until: DateTime<Utc>,
}

impl Countdown {
    /// A wait of `wait` from `now`.
    pub fn starting(now: DateTime<Utc>, wait: Duration) -> Self {
        let wait = chrono::Duration::from_std(wait).unwrap_or(chrono::Duration::MAX);
        Self {
            until: now.checked_add_signed(wait).unwrap_or(now),
        }
    }

    /// Whether the wait is over at `now`.
    pub fn is_over(&self, now: DateTime<Utc>) -> bool {
        now >= self.until
    }

    /// Whole seconds left at `now`, rounded up (a wait of 0.2 s shows "1 s"; an ended one 0).
    pub fn seconds_left(&self, now: DateTime<Utc>) -> u64 {
        let millis = self.millis_left(now);
        millis.div_ceil(1000)
    }

    /// How long until the shown number changes (or the wait ends), from `now`; `None` once over.
    pub fn until_change(&self, now: DateTime<Utc>) -> Option<Duration> {
        let millis = self.millis_left(now);
        if millis == 0 {
            return None;
        }
        let into_second = millis % 1000;
        let step = if into_second == 0 { 1000 } else { into_second };
        Some(Duration::from_millis(step))
    }

    fn millis_left(&self, now: DateTime<Utc>) -> u64 {
        let left = (self.until - now).num_milliseconds();
        u64::try_from(left).unwrap_or(0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(millis: i64) -> DateTime<Utc> {
        DateTime::from_timestamp_millis(1_700_000_000_000 + millis).unwrap_or_default()
    }

    #[test]
    fn counts_whole_seconds_down_and_says_when_the_number_changes() {
        let countdown = Countdown::starting(at(0), Duration::from_secs(24));
        assert_eq!(countdown.seconds_left(at(0)), 24);
        assert_eq!(
            countdown.until_change(at(0)),
            Some(Duration::from_millis(1000))
        );
        assert_eq!(countdown.seconds_left(at(300)), 24);
        assert_eq!(
            countdown.until_change(at(300)),
            Some(Duration::from_millis(700))
        );
        assert_eq!(countdown.seconds_left(at(1000)), 23);
        assert_eq!(countdown.seconds_left(at(23_900)), 1);
        assert!(!countdown.is_over(at(23_900)));
        assert_eq!(
            countdown.until_change(at(23_900)),
            Some(Duration::from_millis(100))
        );
        assert!(countdown.is_over(at(24_000)));
        assert_eq!(countdown.seconds_left(at(24_000)), 0);
        assert_eq!(countdown.until_change(at(30_000)), None);
    }
}
