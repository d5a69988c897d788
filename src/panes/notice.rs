//! The status line's notice: a short message about what just happened or went wrong.
//!
//! Information fades after a few seconds; warnings and errors stay until dismissed (`esc`). A
//! notice that counts down ("retrying in 12 s") keeps its number live — `tick` rewrites it as
//! time passes — and goes away by itself when the wait is over. `Notices` holds the one shown
//! and the lasting ones a newer notice covered, which come back when it goes.

use std::time::Duration;

use chrono::{DateTime, Utc};

use crate::api::ApiError;
use crate::panes::countdown::Countdown;

/// How long an informational notice stays.
const INFO_SECONDS: i64 = 4;
/// How many covered lasting notices are kept (the oldest give way).
const COVERED_KEPT: usize = 8;

/// How serious a notice is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Level {
    Info,
    Warning,
    Error,
}

/// One notice on the status line.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Notice {
    pub level: Level,
    pub text: String,
    /// When an informational notice disappears by itself.
    pub expires_at: Option<DateTime<Utc>>,
    /// The text before the seconds left, and the wait, for a notice that counts down.
    pub countdown: Option<(String, Countdown)>,
}

impl Notice {
    /// A notice that fades on its own.
    pub fn info(text: impl Into<String>, now: DateTime<Utc>) -> Self {
        let expires_at = Some(now + chrono::Duration::seconds(INFO_SECONDS));
        Self {
            level: Level::Info,
            text: text.into(),
            expires_at,
            countdown: None,
        }
    }

    /// A notice that stays until dismissed.
    pub fn error(text: impl Into<String>) -> Self {
        Self {
            level: Level::Error,
            text: text.into(),
            expires_at: None,
            countdown: None,
        }
    }

    /// A warning that stays until dismissed.
    pub fn warning(text: impl Into<String>) -> Self {
        Self {
            level: Level::Warning,
            text: text.into(),
            expires_at: None,
            countdown: None,
        }
    }

    /// A warning that counts the seconds of `wait` down after `prefix` and disappears when the
    /// wait is over.
    pub fn counting_down(prefix: impl Into<String>, wait: Duration, now: DateTime<Utc>) -> Self {
        let countdown = Countdown::starting(now, wait);
        let mut notice = Self {
            level: Level::Warning,
            text: String::new(),
            expires_at: Some(countdown.until),
            countdown: Some((prefix.into(), countdown)),
        };
        notice.tick(now);
        notice
    }

    /// Brings a countdown's text up to `now`.
    pub fn tick(&mut self, now: DateTime<Utc>) {
        if let Some((prefix, countdown)) = &self.countdown {
            self.text = format!("{prefix}{} s", countdown.seconds_left(now).max(1));
        }
    }

    /// How long until the text changes by itself (a countdown's next second), if it does.
    pub fn until_change(&self, now: DateTime<Utc>) -> Option<Duration> {
        self.countdown.as_ref()?.1.until_change(now)
    }

    /// Says what failed (`doing`, e.g. "Loading the timeline") and why, in words a user can act
    /// on. Rate limits count down, from `now`, to when the next try happens.
    pub fn from_api(doing: &str, error: &ApiError, now: DateTime<Utc>) -> Self {
        match error {
            ApiError::RateLimited { retry_after } => {
                let wait = retry_after.unwrap_or(Duration::from_secs(60));
                let prefix = format!("{doing}: rate limited by the server; retrying in ");
                Self::counting_down(prefix, wait.max(Duration::from_secs(1)), now)
            }
            // What was being loaded matters less than how to sign in again; it must fit 80
            // columns.
            ApiError::SignedOut { account } => Self::error(format!(
                "Signed out: run `kring login --account {account}` (drafts and queued posts wait)"
            )),
            ApiError::Unauthorized { .. } => Self::error(format!(
                "{doing}: the server rejected the token (check KRING_TOKEN or config.toml)"
            )),
            other => Self::error(format!("{doing}: {other}")),
        }
    }

    /// Whether the notice has faded by `now`.
    pub fn expired(&self, now: DateTime<Utc>) -> bool {
        self.expires_at.is_some_and(|at| now >= at)
    }
}

impl Notice {
    /// Whether it stays until dismissed: a warning or an error that does not count down.
    pub fn lasts(&self) -> bool {
        self.level != Level::Info && self.countdown.is_none()
    }
}

/// The status line's notices: the one shown, and the lasting notices newer ones covered.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Notices {
    shown: Option<Notice>,
    covered: Vec<Notice>,
}

impl Notices {
    /// The notice on the status line.
    pub fn current(&self) -> Option<&Notice> {
        self.shown.as_ref()
    }

    /// Shows `notice`; a lasting notice it covers comes back when it goes.
    pub fn show(&mut self, notice: Notice) {
        if let Some(covered) = self
            .shown
            .take()
            .filter(|old| old.lasts() && *old != notice)
        {
            self.covered.retain(|kept| kept.text != covered.text);
            self.covered.push(covered);
            if self.covered.len() > COVERED_KEPT {
                self.covered.remove(0);
            }
        }
        self.shown = Some(notice);
    }

    /// Takes the shown notice away (dismissed, or faded); the last one it covered comes back.
    pub fn dismiss(&mut self) {
        self.shown = self.covered.pop();
    }

    /// Fades an informational notice whose time is up, and brings a countdown up to `now`.
    pub fn tick(&mut self, now: DateTime<Utc>) {
        if self.shown.as_ref().is_some_and(|n| n.expired(now)) {
            self.dismiss();
        }
        if let Some(notice) = &mut self.shown {
            notice.tick(now);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rate_limits_count_down_to_the_retry_and_then_go() {
        let error = ApiError::RateLimited {
            retry_after: Some(Duration::from_secs(30)),
        };
        let now = Utc::now();
        let mut notice = Notice::from_api("Loading the timeline", &error, now);
        assert_eq!(notice.level, Level::Warning);
        assert!(notice.text.contains("retrying in 30 s"), "{}", notice.text);
        assert_eq!(notice.until_change(now), Some(Duration::from_secs(1)));
        let later = now + chrono::Duration::milliseconds(12_500);
        notice.tick(later);
        assert!(notice.text.contains("retrying in 18 s"), "{}", notice.text);
        assert!(!notice.expired(later));
        assert!(notice.expired(now + chrono::Duration::seconds(30)));
    }

    #[test]
    fn signed_out_says_how_to_sign_in() {
        let error = ApiError::SignedOut {
            account: "viva".into(),
        };
        let notice = Notice::from_api("Loading the timeline", &error, Utc::now());
        assert_eq!(notice.level, Level::Error);
        assert!(
            notice
                .text
                .starts_with("Signed out: run `kring login --account viva`")
        );
    }

    #[test]
    fn a_base_url_without_the_api_gets_the_hint_not_just_not_found() {
        let error = ApiError::NoApi {
            base: "http://127.0.0.1:8808/yammer".to_owned(),
            suggestion: Some("http://127.0.0.1:8808/yammer/api/v1".to_owned()),
        };
        let notice = Notice::from_api("Signing in", &error, Utc::now());
        assert_eq!(notice.level, Level::Error);
        assert_eq!(
            notice.text,
            "Signing in: not found: no Yammer API at http://127.0.0.1:8808/yammer \
             (did you mean http://127.0.0.1:8808/yammer/api/v1?)"
        );
    }

    #[test]
    fn info_fades_and_errors_stay() {
        let now = Utc::now();
        let info = Notice::info("Posted", now);
        assert!(!info.expired(now));
        assert!(info.expired(now + chrono::Duration::seconds(5)));
        assert!(!Notice::error("x").expired(now + chrono::Duration::days(1)));
    }

    fn at(seconds: i64) -> DateTime<Utc> {
        DateTime::<Utc>::from_timestamp(1_800_000_000 + seconds, 0).unwrap_or_default()
    }

    #[test]
    fn a_lasting_notice_comes_back_when_the_one_covering_it_goes() {
        let mut notices = Notices::default();
        notices.show(Notice::warning("The local cache was damaged"));
        notices.show(Notice::error("The server refused a post"));
        assert_eq!(
            notices.current().map(|n| n.text.as_str()),
            Some("The server refused a post")
        );
        notices.dismiss();
        assert_eq!(
            notices.current().map(|n| n.text.as_str()),
            Some("The local cache was damaged")
        );
        notices.show(Notice::info("Posted", at(0)));
        notices.tick(at(10));
        assert_eq!(
            notices.current().map(|n| n.text.as_str()),
            Some("The local cache was damaged"),
            "an informational notice fades back to it"
        );
        notices.dismiss();
        assert_eq!(notices.current(), None);
    }

    #[test]
    fn information_and_countdowns_are_not_kept_under_newer_notices() {
        let mut notices = Notices::default();
        notices.show(Notice::info("Posted", at(0)));
        let wait = Duration::from_secs(30);
        notices.show(Notice::counting_down("retrying in ", wait, at(0)));
        notices.show(Notice::error("boom"));
        notices.dismiss();
        assert_eq!(notices.current(), None);
    }

    #[test]
    fn the_same_notice_again_is_not_kept_twice() {
        let mut notices = Notices::default();
        for _ in 0..3 {
            notices.show(Notice::error("offline"));
        }
        notices.dismiss();
        assert_eq!(notices.current(), None);
        for n in 0..20 {
            notices.show(Notice::error(format!("error {n}")));
        }
        let mut seen = 0;
        while notices.current().is_some() {
            notices.dismiss();
            seen += 1;
        }
        assert_eq!(seen, COVERED_KEPT + 1, "the oldest covered ones give way");
    }
}
