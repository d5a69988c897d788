//! The identity provider's endpoints (`{authority}/{tenant}/oauth2/v2.0/…`) and the one way kring
//! POSTs a form to them and reads the answer: a token grant, an OAuth error
//! (`{"error": "…", "error_description": "…"}`), or something else, which becomes a message that
//! names the status and never quotes the body (it may hold a token).
//!
//! Must not log or quote a body, a form value or a token.

use std::time::Duration;

use reqwest::StatusCode;
use serde_json::Value;

use super::AuthError;
use crate::config::SignInConfig;
use crate::config::secret::Secret;

/// Answers larger than this are not token answers.
const MAX_ANSWER_BYTES: usize = 64 * 1024;
/// Longest error description kept from the provider.
const MAX_DESCRIPTION_CHARS: usize = 300;

/// Where an account signs in.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(super) struct Endpoints {
    pub client_id: String,
    base: String,
}

impl Endpoints {
    pub fn new(config: &SignInConfig) -> Self {
        Self {
            client_id: config.client_id.clone(),
            base: format!(
                "{}/{}/oauth2/v2.0",
                config.authority.trim_end_matches('/'),
                config.tenant
            ),
        }
    }

    pub fn devicecode(&self) -> String {
        format!("{}/devicecode", self.base)
    }

    pub fn token(&self) -> String {
        format!("{}/token", self.base)
    }

    pub fn authorize(&self) -> String {
        format!("{}/authorize", self.base)
    }
}

/// Tokens the provider granted.
#[derive(Clone, Debug)]
pub(super) struct Grant {
    pub access: Secret,
    /// Absent when the provider did not rotate it (then the old one stays valid).
    pub refresh: Option<Secret>,
    pub expires_in: i64,
}

/// What the provider answered to a form.
#[derive(Debug)]
pub(super) enum Answer {
    /// 2xx with a JSON object.
    Ok(serde_json::Map<String, Value>),
    /// An OAuth error: `error` is the code (`authorization_pending`, `invalid_grant`, …).
    OAuth { error: String, description: String },
}

/// A client for the identity provider: no redirects, short timeouts.
pub(super) fn http_client() -> Result<reqwest::Client, AuthError> {
    reqwest::Client::builder()
        .user_agent(concat!("kring/", env!("CARGO_PKG_VERSION")))
        .connect_timeout(Duration::from_secs(10))
        .timeout(Duration::from_secs(30))
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .map_err(|error| AuthError::Config(format!("cannot set up HTTP: {error}")))
}

/// POSTs `form` to `url`. Form values are redacted from any description the provider sends.
pub(super) async fn post_form(
    http: &reqwest::Client,
    url: &str,
    form: &[(&str, &str)],
) -> Result<Answer, AuthError> {
    let bad = |detail: String| AuthError::BadAnswer {
        url: url.to_owned(),
        detail,
    };
    let mut response =
        http.post(url)
            .form(form)
            .send()
            .await
            .map_err(|error| AuthError::Network {
                url: url.to_owned(),
                detail: describe_transport(&error),
            })?;
    let status = response.status();
    let mut body = Vec::new();
    loop {
        match response.chunk().await {
            Ok(Some(chunk)) if body.len() + chunk.len() <= MAX_ANSWER_BYTES => {
                body.extend_from_slice(&chunk);
            }
            Ok(Some(_)) => return Err(bad(format!("status {status} with an oversized body"))),
            Ok(None) => break,
            Err(error) => {
                return Err(AuthError::Network {
                    url: url.to_owned(),
                    detail: describe_transport(&error),
                });
            }
        }
    }
    let parsed = serde_json::from_slice::<Value>(&body).ok();
    let Some(Value::Object(object)) = parsed else {
        return Err(bad(format!(
            "status {} with a body that is not JSON",
            status.as_u16()
        )));
    };
    if status.is_success() {
        return Ok(Answer::Ok(object));
    }
    match object.get("error").and_then(Value::as_str) {
        Some(error) if status.is_client_error() || status == StatusCode::OK => {
            let description = object
                .get("error_description")
                .and_then(Value::as_str)
                .unwrap_or_default();
            Ok(Answer::OAuth {
                error: clean(error, form).chars().take(60).collect(),
                description: clean(description, form),
            })
        }
        _ => Err(bad(format!("status {}", status.as_u16()))),
    }
}

/// The grant in a successful token answer.
pub(super) fn grant(
    url: &str,
    object: &serde_json::Map<String, Value>,
) -> Result<Grant, AuthError> {
    let text = |key: &str| {
        object
            .get(key)
            .and_then(Value::as_str)
            .map(str::trim)
            .filter(|value| !value.is_empty())
    };
    let Some(access) = text("access_token") else {
        return Err(AuthError::BadAnswer {
            url: url.to_owned(),
            detail: "success without an access token".into(),
        });
    };
    let expires_in = number(object.get("expires_in")).unwrap_or(3600).max(1);
    Ok(Grant {
        access: Secret::new(access),
        refresh: text("refresh_token").map(Secret::new),
        expires_in,
    })
}

/// A JSON number or a numeric string (some providers send `"3599"`).
pub(super) fn number(value: Option<&Value>) -> Option<i64> {
    match value? {
        Value::Number(n) => n.as_i64(),
        Value::String(s) => s.trim().parse().ok(),
        _ => None,
    }
}

/// The provider's text, one line, cut, control characters dropped, and every form value (a
/// device code, a refresh token, a verifier) removed.
fn clean(text: &str, form: &[(&str, &str)]) -> String {
    let mut text: String = text
        .chars()
        .map(|c| if c.is_control() { ' ' } else { c })
        .collect();
    for (_, value) in form {
        if value.len() >= 8 {
            text = text.replace(value, "***");
        }
    }
    let cut: String = text.chars().take(MAX_DESCRIPTION_CHARS).collect();
    if cut.len() < text.len() {
        format!("{cut}…")
    } else {
        cut
    }
}

fn describe_transport(error: &reqwest::Error) -> String {
    if error.is_timeout() {
        "timed out".to_owned()
    } else if error.is_connect() {
        "cannot connect".to_owned()
    } else {
        "the connection failed".to_owned()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn endpoints_follow_the_v2_layout() {
        let endpoints = Endpoints::new(&SignInConfig {
            client_id: "c".into(),
            tenant: "organizations".into(),
            authority: "https://login.microsoftonline.com/".into(),
        });
        assert_eq!(
            endpoints.token(),
            "https://login.microsoftonline.com/organizations/oauth2/v2.0/token"
        );
        assert!(endpoints.devicecode().ends_with("/v2.0/devicecode"));
        assert!(endpoints.authorize().ends_with("/v2.0/authorize"));
    }

    #[test]
    fn descriptions_lose_form_values_and_control_characters() {
        let form = [("refresh_token", "0.AAAArefreshsecret")];
        let text = clean("AADSTS70000: bad 0.AAAArefreshsecret\x1b[31m", &form);
        assert_eq!(text, "AADSTS70000: bad *** [31m");
    }

    #[test]
    fn a_grant_needs_an_access_token_and_reads_string_numbers() {
        let object = |v: Value| v.as_object().cloned().unwrap_or_default();
        let ok = grant(
            "u",
            &object(serde_json::json!({"access_token": "a", "expires_in": "90"})),
        );
        assert!(matches!(
            ok,
            Ok(Grant {
                expires_in: 90,
                refresh: None,
                ..
            })
        ));
        assert!(grant("u", &object(serde_json::json!({"token_type": "Bearer"}))).is_err());
    }
}
