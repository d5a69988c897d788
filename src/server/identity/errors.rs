//! OAuth errors of the sign-in endpoints, worded and shaped the way Microsoft Entra ID answers
//! them: status 400 (500/503 for the server's own trouble) and `{error, error_description,
//! error_codes, timestamp, trace_id, correlation_id}`, the description starting `AADSTSnnnn:`
//! and ending with the trace and correlation ids. Rendering only; the flows decide which error
//! applies.

use axum::Json;
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use rand::RngCore;
use serde::Serialize;

/// One OAuth error: the RFC 6749 / RFC 8628 `error` value, Entra's AADSTS number and its text.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error("{error}: AADSTS{code}: {message}")]
pub struct OAuthError {
    pub error: &'static str,
    pub code: u32,
    pub message: String,
    /// The caller's `client-request-id`, echoed as the correlation id.
    correlation: Option<String>,
}

impl OAuthError {
    fn new(error: &'static str, code: u32, message: impl Into<String>) -> Self {
        Self {
            error,
            code,
            message: message.into(),
            correlation: None,
        }
    }

    /// A required parameter is missing.
    pub fn missing(parameter: &str) -> Self {
        Self::new(
            "invalid_request",
            900_144,
            format!("The request body must contain the following parameter: '{parameter}'."),
        )
    }

    /// A parameter is malformed or not allowed.
    pub fn invalid_request(message: impl Into<String>) -> Self {
        Self::new("invalid_request", 9_002_313, message)
    }

    pub fn unsupported_grant_type(grant: &str) -> Self {
        let shown: String = grant.chars().take(80).collect();
        Self::new(
            "unsupported_grant_type",
            70_003,
            format!("The app requested an unsupported grant type '{shown}'."),
        )
    }

    pub fn authorization_pending() -> Self {
        Self::new(
            "authorization_pending",
            70_016,
            "OAuth 2.0 device flow error. Authorization is pending. Continue polling.",
        )
    }

    pub fn slow_down(interval_secs: u64) -> Self {
        Self::new(
            "slow_down",
            70_016,
            format!(
                "OAuth 2.0 device flow error. Polling too fast: wait at least {interval_secs} \
                 seconds between requests."
            ),
        )
    }

    pub fn expired_token() -> Self {
        Self::new(
            "expired_token",
            70_019,
            "Verification code expired. Have the user retry the sign-in.",
        )
    }

    pub fn access_denied() -> Self {
        Self::new(
            "access_denied",
            65_004,
            "User declined to consent to access the app.",
        )
    }

    /// A grant (device code, authorization code, refresh token) this server does not honour.
    pub fn invalid_grant(message: impl Into<String>) -> Self {
        Self::new("invalid_grant", 70_000, message)
    }

    /// An authorization code presented a second time.
    pub fn code_redeemed() -> Self {
        Self::new(
            "invalid_grant",
            54_005,
            "OAuth2 Authorization code was already redeemed, please retry with a new valid code \
             or use an existing refresh token.",
        )
    }

    /// An authorization code or refresh token past its lifetime.
    pub fn grant_expired() -> Self {
        Self::new(
            "invalid_grant",
            70_008,
            "The provided authorization code or refresh token has expired due to inactivity. \
             Send a new interactive authorization request for this user and resource.",
        )
    }

    pub fn wrong_verifier() -> Self {
        Self::new(
            "invalid_grant",
            501_481,
            "The Code_Verifier does not match the code_challenge supplied in the authorization \
             request.",
        )
    }

    pub fn wrong_redirect_uri() -> Self {
        Self::new(
            "invalid_grant",
            500_112,
            "The reply address does not match the reply address provided when requesting the \
             authorization code.",
        )
    }

    /// A refresh token that was revoked (or spent and presented again).
    pub fn revoked() -> Self {
        Self::new(
            "invalid_grant",
            50_173,
            "The provided grant has expired due to it being revoked, a fresh auth token is \
             needed. The user might have changed or reset their password.",
        )
    }

    /// Too many sign-ins in progress.
    pub fn unavailable() -> Self {
        Self::new(
            "temporarily_unavailable",
            90_033,
            "A transient error has occurred. Please try again.",
        )
    }

    /// Internal failure (the database): no detail reaches the client.
    pub fn server_error() -> Self {
        Self::new(
            "server_error",
            90_033,
            "A transient error has occurred. Please try again.",
        )
    }

    /// Echoes the request's `client-request-id` (when it looks like one) as the correlation id.
    pub fn for_request(mut self, headers: &HeaderMap) -> Self {
        self.correlation = headers
            .get("client-request-id")
            .and_then(|v| v.to_str().ok())
            .filter(|v| {
                !v.is_empty()
                    && v.len() <= 64
                    && v.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-')
            })
            .map(str::to_owned);
        self
    }
}

#[derive(Serialize)]
struct Body {
    error: &'static str,
    error_description: String,
    error_codes: [u32; 1],
    timestamp: String,
    trace_id: String,
    correlation_id: String,
}

/// A random id in GUID form (`8-4-4-4-12` hex digits).
pub fn guid() -> String {
    let mut b = [0u8; 16];
    rand::rng().fill_bytes(&mut b);
    let hex: String = b.iter().map(|x| format!("{x:02x}")).collect();
    format!(
        "{}-{}-{}-{}-{}",
        &hex[..8],
        &hex[8..12],
        &hex[12..16],
        &hex[16..20],
        &hex[20..]
    )
}

impl IntoResponse for OAuthError {
    fn into_response(self) -> Response {
        let timestamp = chrono::Utc::now().format("%Y-%m-%d %H:%M:%SZ").to_string();
        let trace_id = guid();
        let correlation_id = self.correlation.unwrap_or_else(guid);
        let body = Body {
            error: self.error,
            error_description: format!(
                "AADSTS{}: {}\r\nTrace ID: {trace_id}\r\nCorrelation ID: {correlation_id}\r\n\
                 Timestamp: {timestamp}",
                self.code, self.message
            ),
            error_codes: [self.code],
            timestamp,
            trace_id,
            correlation_id,
        };
        let status = match self.error {
            "server_error" => StatusCode::INTERNAL_SERVER_ERROR,
            "temporarily_unavailable" => StatusCode::SERVICE_UNAVAILABLE,
            _ => StatusCode::BAD_REQUEST,
        };
        (status, Json(body)).into_response()
    }
}

impl From<crate::server::errors::ApiError> for OAuthError {
    fn from(e: crate::server::errors::ApiError) -> Self {
        tracing::error!(detail = %e, "sign-in request failed inside the server");
        Self::server_error()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn guids_have_the_usual_shape() {
        let id = guid();
        let parts: Vec<usize> = id.split('-').map(str::len).collect();
        assert_eq!(parts, [8, 4, 4, 4, 12]);
        assert_ne!(id, guid());
    }

    #[test]
    fn only_plausible_request_ids_are_echoed() {
        let mut headers = HeaderMap::new();
        headers.insert("client-request-id", "abc-123".parse().unwrap());
        let e = OAuthError::expired_token().for_request(&headers);
        assert_eq!(e.correlation.as_deref(), Some("abc-123"));
        headers.insert("client-request-id", "a b<".parse().unwrap());
        let e = OAuthError::expired_token().for_request(&headers);
        assert_eq!(e.correlation, None);
    }
}
