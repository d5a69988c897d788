//! Retry timing: `Retry-After` parsing with clamping (the backoff itself is
//! [`super::backoff::Backoff`]). Only idempotent GETs are retried automatically; a POST never is
//! (the outbox reconciles).

use std::time::Duration;

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
