//! Whether the base URL points at the API at all. Every account has `users/current`, so a 404
//! there means the base URL is wrong (most often `/api/v1` left off), not that something is
//! missing: the client then says "no Yammer API at … — did you mean …/api/v1?" instead of "not
//! found". A 404 on another path before anything has succeeded is checked once against
//! `users/current`; any success settles the question for the client's lifetime.
//!
//! Holds only the verdict, shared by a client's clones; it sends nothing itself.

use std::sync::OnceLock;

use super::error::ApiError;
use crate::config::base_url::suggest_api_base;

/// The path every account can read; a 404 there condemns the base URL.
pub(crate) const CURRENT_USER: &str = "users/current";

/// What is known about the base URL.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) enum Verdict {
    /// A call succeeded: the API is there, and a 404 means what it says.
    Confirmed,
    /// `users/current` was not found: no API under this base URL.
    NoApi,
}

/// The verdict, once there is one.
#[derive(Debug, Default)]
pub(crate) struct BaseCheck {
    verdict: OnceLock<Verdict>,
}

impl BaseCheck {
    pub(crate) fn verdict(&self) -> Option<&Verdict> {
        self.verdict.get()
    }

    /// Notes a successful call (the first verdict stays).
    pub(crate) fn confirm(&self) {
        let _ = self.verdict.set(Verdict::Confirmed);
    }

    /// Notes that `users/current` was not found.
    pub(crate) fn condemn(&self) {
        let _ = self.verdict.set(Verdict::NoApi);
    }

    /// What a 404 on `path` under `base` means: a missing resource, or (on `users/current`, or
    /// when `probe`, a request for `users/current`, is not found either) no API at `base`.
    /// `probe` runs only while there is no verdict and `path` is another one.
    pub(crate) async fn explain_not_found<T>(
        &self,
        base: &str,
        path: &str,
        probe: impl Future<Output = Result<T, ApiError>>,
    ) -> ApiError {
        match self.verdict() {
            Some(Verdict::Confirmed) => return ApiError::NotFound,
            Some(Verdict::NoApi) => return no_api(base),
            None => {}
        }
        if path != CURRENT_USER && !matches!(probe.await, Err(ApiError::NotFound)) {
            return ApiError::NotFound;
        }
        self.condemn();
        no_api(base)
    }
}

/// The error for a base URL with no API behind it, with the suggestion when there is one.
pub(crate) fn no_api(base: &str) -> ApiError {
    ApiError::NoApi {
        base: base.trim_end_matches('/').to_owned(),
        suggestion: suggest_api_base(base),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_first_verdict_stays() {
        let check = BaseCheck::default();
        assert_eq!(check.verdict(), None);
        check.condemn();
        check.confirm();
        assert_eq!(check.verdict(), Some(&Verdict::NoApi));
    }

    #[tokio::test]
    async fn a_404_elsewhere_asks_users_current_once_only_when_unsure() {
        let base = "http://h:1/x/";
        let check = BaseCheck::default();
        let found = async { Ok::<(), ApiError>(()) };
        let error = check.explain_not_found(base, "messages/1", found).await;
        assert_eq!(
            error,
            ApiError::NotFound,
            "users/current answered: a real 404"
        );
        assert_eq!(
            check.verdict(),
            None,
            "only a success seen by the client confirms"
        );

        let missing = async { Err::<(), ApiError>(ApiError::NotFound) };
        let error = check.explain_not_found(base, "messages/1", missing).await;
        assert!(matches!(error, ApiError::NoApi { .. }), "{error:?}");
        let never = async { panic!("no second probe") };
        let error = check.explain_not_found::<()>(base, "groups/2", never).await;
        assert!(matches!(error, ApiError::NoApi { .. }), "{error:?}");

        let confirmed = BaseCheck::default();
        confirmed.confirm();
        let never = async { panic!("no probe once confirmed") };
        let error = confirmed
            .explain_not_found::<()>(base, CURRENT_USER, never)
            .await;
        assert_eq!(error, ApiError::NotFound);
    }

    #[test]
    fn the_error_suggests_the_api_path() {
        let text = no_api("http://127.0.0.1:8808/yammer/").to_string();
        assert_eq!(
            text,
            "not found: no Yammer API at http://127.0.0.1:8808/yammer \
             (did you mean http://127.0.0.1:8808/yammer/api/v1?)"
        );
        let text = no_api("https://www.yammer.com/api/v1/").to_string();
        assert!(text.contains("check base_url or KRING_SERVER"), "{text}");
    }
}
