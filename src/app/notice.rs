//! The status line's notice: a short message about what just happened or went wrong.
//!
//! Information fades after a few seconds; warnings and errors stay until dismissed (`esc`).

use chrono::{DateTime, Utc};

use crate::api::ApiError;

/// How long an informational notice stays.
const INFO_SECONDS: i64 = 4;

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
}

impl Notice {
    /// A notice that fades on its own.
    pub fn info(text: impl Into<String>, now: DateTime<Utc>) -> Self {
        let expires_at = Some(now + chrono::Duration::seconds(INFO_SECONDS));
        Self {
            level: Level::Info,
            text: text.into(),
            expires_at,
        }
    }

    /// A notice that stays until dismissed.
    pub fn error(text: impl Into<String>) -> Self {
        Self {
            level: Level::Error,
            text: text.into(),
            expires_at: None,
        }
    }

    /// A warning that stays until dismissed.
    pub fn warning(text: impl Into<String>) -> Self {
        Self {
            level: Level::Warning,
            text: text.into(),
            expires_at: None,
        }
    }

    /// Says what failed (`doing`, e.g. "Loading the timeline") and why, in words a user can act
    /// on. Rate limits say when the next try happens.
    pub fn from_api(doing: &str, error: &ApiError) -> Self {
        match error {
            ApiError::RateLimited { retry_after } => {
                let wait = retry_after.map_or(60, |d| d.as_secs().max(1));
                Self::warning(format!(
                    "{doing}: rate limited by the server; retrying in {wait} s"
                ))
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

#[cfg(test)]
mod tests {
    use super::*;
    use std::time::Duration;

    #[test]
    fn rate_limits_say_when_they_retry() {
        let error = ApiError::RateLimited {
            retry_after: Some(Duration::from_secs(30)),
        };
        let notice = Notice::from_api("Loading the timeline", &error);
        assert_eq!(notice.level, Level::Warning);
        assert!(notice.text.contains("retrying in 30 s"), "{}", notice.text);
    }

    #[test]
    fn signed_out_says_how_to_sign_in() {
        let error = ApiError::SignedOut {
            account: "viva".into(),
        };
        let notice = Notice::from_api("Loading the timeline", &error);
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
        let notice = Notice::from_api("Signing in", &error);
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
}
