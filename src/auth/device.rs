//! The device code flow (RFC 8628 as Entra ID speaks it): ask `devicecode` for a user code,
//! then poll `token` with grant `urn:ietf:params:oauth:grant-type:device_code` at the interval
//! the provider asks for: `authorization_pending` waits, `slow_down` adds 5 seconds,
//! `expired_token` and `access_denied` end it.
//!
//! Owns the protocol only: showing the code and the time left is the caller's (through the
//! `progress` callback), and so is cancelling (drop the future).

use std::time::Duration;

use tokio::time::Instant;

use super::endpoint::{self, Answer, Endpoints, Grant};
use super::{AuthError, SCOPE};
use crate::config::secret::Secret;

const DEVICE_CODE_GRANT: &str = "urn:ietf:params:oauth:grant-type:device_code";

/// What the user is shown, and the code kring polls with.
#[derive(Debug)]
pub(super) struct DeviceCode {
    device_code: Secret,
    pub user_code: String,
    pub verification_uri: String,
    pub expires_in: Duration,
    pub interval: Duration,
}

/// Polling speeds: the floor under the provider's interval, and what `slow_down` adds.
#[derive(Clone, Copy, Debug)]
pub(super) struct Pace {
    pub min_interval: Duration,
    pub slow_down: Duration,
}

impl Default for Pace {
    fn default() -> Self {
        Self {
            min_interval: Duration::from_secs(1),
            slow_down: Duration::from_secs(5),
        }
    }
}

/// Asks for a device code.
pub(super) async fn start(
    http: &reqwest::Client,
    endpoints: &Endpoints,
) -> Result<DeviceCode, AuthError> {
    let url = endpoints.devicecode();
    let form = [
        ("client_id", endpoints.client_id.as_str()),
        ("scope", SCOPE),
    ];
    let object = match endpoint::post_form(http, &url, &form).await? {
        Answer::Ok(object) => object,
        Answer::OAuth { error, description } => {
            return Err(AuthError::Refused { error, description });
        }
    };
    let text = |key: &str| {
        object
            .get(key)
            .and_then(serde_json::Value::as_str)
            .map(str::trim)
            .filter(|v| !v.is_empty())
            .map(str::to_owned)
    };
    let (Some(device_code), Some(user_code), Some(verification_uri)) = (
        text("device_code"),
        text("user_code"),
        text("verification_uri"),
    ) else {
        return Err(AuthError::BadAnswer {
            url,
            detail: "a device code answer without device_code, user_code or verification_uri"
                .into(),
        });
    };
    let seconds = |key: &str, default: i64| {
        endpoint::number(object.get(key))
            .unwrap_or(default)
            .clamp(0, 86_400)
    };
    Ok(DeviceCode {
        device_code: Secret::new(device_code),
        user_code,
        verification_uri,
        expires_in: Duration::from_secs(seconds("expires_in", 900).unsigned_abs()),
        interval: Duration::from_secs(seconds("interval", 5).unsigned_abs()),
    })
}

/// Polls until the user approves (the grant), declines, or the code expires. `progress` is
/// told the time left every second.
pub(super) async fn wait_for_approval(
    http: &reqwest::Client,
    endpoints: &Endpoints,
    code: &DeviceCode,
    pace: Pace,
    mut progress: impl FnMut(Duration),
) -> Result<Grant, AuthError> {
    let url = endpoints.token();
    let deadline = Instant::now() + code.expires_in;
    let mut interval = code.interval.max(pace.min_interval);
    loop {
        let left = deadline.saturating_duration_since(Instant::now());
        if left.is_zero() {
            return Err(AuthError::CodeExpired);
        }
        // The time left is shown every second while waiting for the next poll.
        let next_poll = Instant::now() + interval.min(left);
        loop {
            progress(deadline.saturating_duration_since(Instant::now()));
            let now = Instant::now();
            if now >= next_poll {
                break;
            }
            tokio::time::sleep((next_poll - now).min(Duration::from_secs(1))).await;
        }
        let form = [
            ("grant_type", DEVICE_CODE_GRANT),
            ("client_id", endpoints.client_id.as_str()),
            ("device_code", code.device_code.expose()),
        ];
        match endpoint::post_form(http, &url, &form).await? {
            Answer::Ok(object) => return endpoint::grant(&url, &object),
            Answer::OAuth { error, description } => match error.as_str() {
                "authorization_pending" => {}
                "slow_down" => interval += pace.slow_down,
                "expired_token" | "code_expired" => return Err(AuthError::CodeExpired),
                "access_denied" | "authorization_declined" => return Err(AuthError::Denied),
                _ => return Err(AuthError::Refused { error, description }),
            },
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::fake_idp::{FakeIdp, grant, oauth_error};
    use super::*;
    use serde_json::json;

    fn fast() -> Pace {
        Pace {
            min_interval: Duration::ZERO,
            slow_down: Duration::from_millis(40),
        }
    }

    fn code_answer(interval: u64) -> (u16, serde_json::Value) {
        (
            200,
            json!({"device_code": "DC-0123456789", "user_code": "ABCD1234",
                   "verification_uri": "https://login.example/devicelogin",
                   "expires_in": 900, "interval": interval, "message": "To sign in, …"}),
        )
    }

    async fn run(answers: Vec<(u16, serde_json::Value)>) -> (Result<Grant, AuthError>, FakeIdp) {
        let idp = FakeIdp::start(answers).await;
        let http = endpoint::http_client().unwrap_or_else(|e| panic!("{e}"));
        let endpoints = Endpoints::new(&idp.config());
        let code = start(&http, &endpoints)
            .await
            .unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(code.user_code, "ABCD1234");
        let result = wait_for_approval(&http, &endpoints, &code, fast(), |_| {}).await;
        (result, idp)
    }

    #[tokio::test]
    async fn pending_then_granted_polls_with_the_device_code() {
        let (result, idp) = run(vec![
            code_answer(0),
            oauth_error("authorization_pending"),
            oauth_error("authorization_pending"),
            grant("A1", "R1", 60),
        ])
        .await;
        let granted = result.unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(granted.access.expose(), "A1");
        let forms = idp.forms();
        assert_eq!(forms.len(), 4);
        assert_eq!(forms[0]["scope"], SCOPE);
        assert_eq!(forms[3]["grant_type"], DEVICE_CODE_GRANT);
        assert_eq!(forms[3]["device_code"], "DC-0123456789");
        assert_eq!(forms[3]["client_id"], "client-1");
    }

    #[tokio::test]
    async fn slow_down_adds_to_the_interval() {
        let began = std::time::Instant::now();
        let (result, _idp) = run(vec![
            code_answer(0),
            oauth_error("slow_down"),
            oauth_error("authorization_pending"),
            oauth_error("authorization_pending"),
            grant("A1", "R1", 60),
        ])
        .await;
        assert!(result.is_ok());
        // Three polls after the slow_down, each at least 40 ms apart.
        assert!(
            began.elapsed() >= Duration::from_millis(120),
            "{:?}",
            began.elapsed()
        );
    }

    #[tokio::test]
    async fn expiry_and_denial_end_the_wait() {
        let (expired, _idp) = run(vec![code_answer(0), oauth_error("expired_token")]).await;
        assert_eq!(expired.err(), Some(AuthError::CodeExpired));
        let (denied, _idp) = run(vec![code_answer(0), oauth_error("access_denied")]).await;
        assert_eq!(denied.err(), Some(AuthError::Denied));
    }

    #[tokio::test]
    async fn a_garbage_or_failing_provider_is_named_without_its_body() {
        let (garbage, _idp) = run(vec![code_answer(0), (200, json!(["DC-0123456789"]))]).await;
        let text = garbage.err().map(|e| e.to_string()).unwrap_or_default();
        assert!(text.contains("not JSON"), "{text}");
        let (failed, _idp) = run(vec![code_answer(0), (500, json!({"x": 1}))]).await;
        let text = failed.err().map(|e| e.to_string()).unwrap_or_default();
        assert!(
            text.contains("status 500") && !text.contains("DC-0"),
            "{text}"
        );
    }
}
