//! Relative time labels ("now", "5m", "3h", "2d", "12 Mar") computed from a given `now`.
//!
//! Never reads the clock: `now` comes from the caller (the app state, set by ticks), so labels are
//! deterministic in tests and views stay pure.

use chrono::{DateTime, Datelike, Duration, FixedOffset, Utc};

/// A point in time as the server reported it (its offset is kept for absolute labels).
pub type Timestamp = DateTime<FixedOffset>;

const MINUTE: i64 = 60;
const HOUR: i64 = 60 * MINUTE;
const DAY: i64 = 24 * HOUR;
const WEEK: i64 = 7 * DAY;

/// A short label for how long ago `then` was, as seen at `now`.
///
/// Times in the future (clock skew between client and server) read as "now".
pub fn relative_label(now: DateTime<Utc>, then: Timestamp) -> String {
    let age = age_seconds(now, then);
    match age {
        a if a < MINUTE => "now".to_owned(),
        a if a < HOUR => format!("{}m", a / MINUTE),
        a if a < DAY => format!("{}h", a / HOUR),
        a if a < WEEK => format!("{}d", a / DAY),
        _ => absolute_date(now, then),
    }
}

/// A thread's times, worded the same wherever a thread is shown: when it was started, and when
/// its last reply came when it has one ("4h · last reply 30m"); just "4h" without replies.
pub fn thread_label(
    now: DateTime<Utc>,
    started: Timestamp,
    last_reply: Option<Timestamp>,
) -> String {
    let started_label = relative_label(now, started);
    match last_reply {
        Some(last) if last > started => {
            format!("{started_label} · last reply {}", relative_label(now, last))
        }
        _ => started_label,
    }
}

/// The short form of [`thread_label`] for a narrow card: only when the thread last moved
/// ("reply 30m"), the order the timeline is sorted in; just "4h" without replies.
pub fn thread_label_short(
    now: DateTime<Utc>,
    started: Timestamp,
    last_reply: Option<Timestamp>,
) -> String {
    match last_reply {
        Some(last) if last > started => format!("reply {}", relative_label(now, last)),
        _ => relative_label(now, started),
    }
}

/// How long until [`relative_label`] for `then` changes, or `None` once it shows a fixed date.
///
/// The run loop uses the smallest of these over the visible rows to schedule its next tick, so an
/// idle screen is only redrawn when a label would actually change.
pub fn until_label_changes(now: DateTime<Utc>, then: Timestamp) -> Option<std::time::Duration> {
    let age = age_seconds(now, then);
    let step = match age {
        a if a < HOUR => MINUTE,
        a if a < DAY => HOUR,
        a if a < WEEK => DAY,
        _ => return None,
    };
    let left = step - age.rem_euclid(step);
    u64::try_from(left).ok().map(std::time::Duration::from_secs)
}

/// A full timestamp for the thread view, in the offset the server reported: "2026-03-12 14:05".
pub fn absolute_label(then: Timestamp) -> String {
    then.format("%Y-%m-%d %H:%M").to_string()
}

fn age_seconds(now: DateTime<Utc>, then: Timestamp) -> i64 {
    let age: Duration = now.signed_duration_since(then);
    age.num_seconds().max(0)
}

fn absolute_date(now: DateTime<Utc>, then: Timestamp) -> String {
    if then.year() == now.year() {
        then.format("%-d %b").to_string()
    } else {
        then.format("%-d %b %Y").to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    fn now() -> DateTime<Utc> {
        Utc.with_ymd_and_hms(2026, 3, 12, 12, 0, 0)
            .single()
            .unwrap()
    }

    fn ago(seconds: i64) -> Timestamp {
        (now() - Duration::seconds(seconds)).fixed_offset()
    }

    #[test]
    fn labels_follow_the_age_buckets() {
        assert_eq!(relative_label(now(), ago(5)), "now");
        assert_eq!(relative_label(now(), ago(-30)), "now");
        assert_eq!(relative_label(now(), ago(5 * MINUTE + 3)), "5m");
        assert_eq!(relative_label(now(), ago(3 * HOUR)), "3h");
        assert_eq!(relative_label(now(), ago(2 * DAY + 5)), "2d");
        assert_eq!(relative_label(now(), ago(20 * DAY)), "20 Feb");
        assert_eq!(relative_label(now(), ago(400 * DAY)), "5 Feb 2025");
    }

    #[test]
    fn next_change_is_the_next_bucket_boundary() {
        let secs = |d: Option<std::time::Duration>| d.map(|d| d.as_secs());
        assert_eq!(secs(until_label_changes(now(), ago(10))), Some(50));
        assert_eq!(
            secs(until_label_changes(now(), ago(5 * MINUTE + 3))),
            Some(57)
        );
        assert_eq!(
            secs(until_label_changes(now(), ago(3 * HOUR + 10))),
            Some(3590)
        );
        assert_eq!(until_label_changes(now(), ago(30 * DAY)), None);
    }

    #[test]
    fn absolute_label_keeps_the_server_offset() {
        let offset = FixedOffset::east_opt(3600).unwrap();
        let then = offset
            .with_ymd_and_hms(2026, 3, 12, 14, 5, 0)
            .single()
            .unwrap();
        assert_eq!(absolute_label(then), "2026-03-12 14:05");
    }

    #[test]
    fn a_thread_says_when_it_started_and_when_it_was_last_answered() {
        let (started, reply) = (ago(4 * HOUR), ago(30 * MINUTE));
        assert_eq!(thread_label(now(), started, None), "4h");
        assert_eq!(thread_label(now(), started, Some(started)), "4h");
        assert_eq!(
            thread_label(now(), started, Some(reply)),
            "4h · last reply 30m"
        );
    }

    #[test]
    fn the_short_thread_label_says_when_it_last_moved() {
        let (started, reply) = (ago(4 * HOUR), ago(30 * MINUTE));
        assert_eq!(thread_label_short(now(), started, None), "4h");
        assert_eq!(thread_label_short(now(), started, Some(started)), "4h");
        assert_eq!(thread_label_short(now(), started, Some(reply)), "reply 30m");
    }
}
