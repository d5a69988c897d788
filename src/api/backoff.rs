//! Exponential backoff with full jitter: a delay drawn uniformly from
//! `0 ..= min(cap, base * 2^attempt)`. The random source is passed in (no global RNG), so the
//! schedule is reproducible in tests. Owns only the arithmetic; it must never overflow or
//! exceed the cap whatever the attempt number.

use std::time::Duration;

use rand::Rng;

/// A bounded backoff schedule.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Backoff {
    pub base: Duration,
    pub cap: Duration,
}

impl Backoff {
    /// Base 1 s, cap 60 s.
    pub const DEFAULT: Backoff = Backoff {
        base: Duration::from_secs(1),
        cap: Duration::from_secs(60),
    };

    /// The largest delay for `attempt` (0 for the first retry): `min(cap, base * 2^attempt)`.
    pub fn ceiling(&self, attempt: u32) -> Duration {
        let base = millis(self.base);
        let cap = millis(self.cap);
        let grown = base.saturating_mul(2u64.saturating_pow(attempt));
        Duration::from_millis(grown.min(cap))
    }

    /// A delay drawn uniformly (millisecond steps) from `0 ..= ceiling(attempt)`.
    pub fn delay<R: Rng>(&self, attempt: u32, rng: &mut R) -> Duration {
        let ceiling = millis(self.ceiling(attempt));
        Duration::from_millis(rng.random_range(0..=ceiling))
    }

    /// `now + delay`, rounded up to whole seconds, for the store's unix-second timestamps.
    pub fn retry_at<R: Rng>(&self, now: i64, attempt: u32, rng: &mut R) -> i64 {
        let delay = self.delay(attempt, rng);
        let secs = delay.as_secs() + u64::from(delay.subsec_nanos() > 0);
        now.saturating_add(i64::try_from(secs).unwrap_or(i64::MAX))
    }
}

fn millis(duration: Duration) -> u64 {
    u64::try_from(duration.as_millis()).unwrap_or(u64::MAX)
}

#[cfg(test)]
mod tests {
    use rand::SeedableRng;
    use rand::rngs::StdRng;

    use super::*;

    #[test]
    fn a_sub_second_base_grows_to_its_cap() {
        let backoff = Backoff {
            base: Duration::from_millis(250),
            cap: Duration::from_secs(8),
        };
        assert_eq!(backoff.ceiling(0), Duration::from_millis(250));
        assert_eq!(backoff.ceiling(3), Duration::from_secs(2));
        assert_eq!(backoff.ceiling(30), Duration::from_secs(8));
        let mut rng = StdRng::seed_from_u64(1);
        assert!((0..100).all(|_| backoff.delay(30, &mut rng) <= Duration::from_secs(8)));
    }
}
