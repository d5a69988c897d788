//! Yammer's documented rate limits: per token, independent buckets for
//! message calls and all other calls, each a sliding window (10 calls per 30 s by default).
//! Answers how long to wait; it does not build responses.

use std::collections::{HashMap, VecDeque};
use std::sync::{Mutex, PoisonError};
use std::time::{Duration, Instant};

/// Which bucket a call counts against.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Family {
    Messages,
    Other,
}

impl Family {
    /// Message calls are everything under `/api/v1/messages`.
    pub fn of_path(path: &str) -> Self {
        let rest = path.strip_prefix("/api/v1/").unwrap_or(path);
        if rest == "messages" || rest.starts_with("messages/") {
            Self::Messages
        } else {
            Self::Other
        }
    }
}

/// The limits in force.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Limits {
    pub enabled: bool,
    pub window: Duration,
    pub max_calls: u32,
}

/// Sliding-window counters per (token, family).
#[derive(Debug)]
pub struct RateLimiter {
    limits: Limits,
    buckets: Mutex<HashMap<(String, Family), VecDeque<Instant>>>,
}

impl RateLimiter {
    pub fn new(limits: Limits) -> Self {
        Self {
            limits,
            buckets: Mutex::new(HashMap::new()),
        }
    }

    /// Counts a call, or says how long until the next one is allowed. Refused calls do not count.
    pub fn check(&self, token: &str, family: Family) -> Result<(), Duration> {
        if !self.limits.enabled {
            return Ok(());
        }
        let now = Instant::now();
        let mut buckets = self.buckets.lock().unwrap_or_else(PoisonError::into_inner);
        let calls = buckets.entry((token.to_owned(), family)).or_default();
        while calls
            .front()
            .is_some_and(|t| now.duration_since(*t) >= self.limits.window)
        {
            calls.pop_front();
        }
        if calls.len() >= self.limits.max_calls as usize {
            let oldest = calls.front().copied().unwrap_or(now);
            return Err(self
                .limits
                .window
                .saturating_sub(now.duration_since(oldest)));
        }
        calls.push_back(now);
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn families_are_independent_and_the_window_slides() {
        let limiter = RateLimiter::new(Limits {
            enabled: true,
            window: Duration::from_millis(200),
            max_calls: 2,
        });
        assert!(limiter.check("t", Family::Messages).is_ok());
        assert!(limiter.check("t", Family::Messages).is_ok());
        let wait = limiter.check("t", Family::Messages).unwrap_err();
        assert!(wait <= Duration::from_millis(200));
        assert!(limiter.check("t", Family::Other).is_ok());
        assert!(limiter.check("u", Family::Messages).is_ok());
        std::thread::sleep(Duration::from_millis(250));
        assert!(limiter.check("t", Family::Messages).is_ok());
    }

    #[test]
    fn disabled_never_limits() {
        let limiter = RateLimiter::new(Limits {
            enabled: false,
            window: Duration::from_secs(30),
            max_calls: 0,
        });
        for _ in 0..50 {
            assert!(limiter.check("t", Family::Messages).is_ok());
        }
    }

    #[test]
    fn message_paths_are_message_calls() {
        assert_eq!(Family::of_path("/api/v1/messages"), Family::Messages);
        assert_eq!(
            Family::of_path("/api/v1/messages/in_group/5"),
            Family::Messages
        );
        assert_eq!(Family::of_path("/api/v1/messages_x"), Family::Other);
        assert_eq!(Family::of_path("/api/v1/users/current"), Family::Other);
    }
}
