//! Retry timing: exponential backoff with full jitter, and `Retry-After` parsing with clamping.
//! Only idempotent GETs are retried automatically; a POST never is (the outbox reconciles).

use std::time::Duration;

/// The delay before retry number `attempt` (0-based): uniform in `[0, min(cap, base·2^attempt)]`.
/// `unit` is a number in `[0, 1)` from the caller's random source.
pub fn backoff_delay(attempt: u32, base: Duration, cap: Duration, unit: f64) -> Duration {
    let exp = base.saturating_mul(2u32.saturating_pow(attempt.min(16)));
    let ceiling = exp.min(cap);
    ceiling.mul_f64(unit.clamp(0.0, 1.0))
}

/// The longest `Retry-After` kring honours; larger or nonsensical values are clamped to it.
pub const MAX_RETRY_AFTER: Duration = Duration::from_secs(15 * 60);

/// What to wait when a 429 carries no usable `Retry-After`.
pub const DEFAULT_RETRY_AFTER: Duration = Duration::from_secs(30);

/// Parses `Retry-After` as seconds or an HTTP date (relative to `now_unix`). Garbage gives `None`;
/// huge values are clamped to [`MAX_RETRY_AFTER`]; dates in the past give zero.
pub fn parse_retry_after(value: &str, now_unix: i64) -> Option<Duration> {
    let value = value.trim();
    if let Ok(secs) = value.parse::<u64>() {
        return Some(Duration::from_secs(secs).min(MAX_RETRY_AFTER));
    }
    let date = chrono::DateTime::parse_from_rfc2822(value).ok()?;
    let secs = date.timestamp().saturating_sub(now_unix).max(0);
    Some(Duration::from_secs(u64::try_from(secs).unwrap_or(0)).min(MAX_RETRY_AFTER))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn backoff_grows_and_is_capped() {
        let base = Duration::from_millis(250);
        let cap = Duration::from_secs(8);
        assert_eq!(
            backoff_delay(0, base, cap, 0.999_999),
            base.mul_f64(0.999_999)
        );
        assert!(backoff_delay(3, base, cap, 0.999) <= Duration::from_secs(2));
        assert!(backoff_delay(30, base, cap, 0.999) <= cap);
        assert_eq!(backoff_delay(5, base, cap, 0.0), Duration::ZERO);
    }

    #[test]
    fn retry_after_seconds_dates_and_garbage() {
        assert_eq!(parse_retry_after("12", 0), Some(Duration::from_secs(12)));
        assert_eq!(parse_retry_after("99999999", 0), Some(MAX_RETRY_AFTER));
        assert_eq!(parse_retry_after("soon", 0), None);
        assert_eq!(parse_retry_after("-5", 0), None);
        let now = chrono::DateTime::parse_from_rfc2822("Wed, 21 Oct 2015 07:28:00 GMT")
            .unwrap()
            .timestamp();
        assert_eq!(
            parse_retry_after("Wed, 21 Oct 2015 07:28:30 GMT", now),
            Some(Duration::from_secs(30))
        );
        assert_eq!(
            parse_retry_after("Wed, 21 Oct 2015 07:00:00 GMT", now),
            Some(Duration::ZERO)
        );
    }
}
