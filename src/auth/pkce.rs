//! The authorization code flow with PKCE (RFC 7636, S256): a random verifier and `state`, the
//! authorize URL the user opens, checking the redirect that comes back (its `state`, an
//! `error`), and redeeming the code with the verifier.
//!
//! Owns the protocol; receiving the redirect (loopback listener or pasted URL) is `loopback`'s
//! and the caller's. Must not print the verifier or the code.

use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use reqwest::Url;
use sha2::{Digest, Sha256};

use super::endpoint::{self, Answer, Endpoints, Grant};
use super::{AuthError, SCOPE};
use crate::config::secret::Secret;

/// One authorization attempt: what the URL carries and what redeeming needs.
#[derive(Debug)]
pub(super) struct Attempt {
    verifier: Secret,
    pub state: String,
    pub redirect_uri: String,
}

fn random_text(bytes: usize) -> String {
    let mut buffer = vec![0u8; bytes];
    rand::fill(&mut buffer[..]);
    URL_SAFE_NO_PAD.encode(buffer)
}

/// The decoded `key=value` pairs of a query string.
fn query_pairs(query: &str) -> Vec<(String, String)> {
    let mut url = match Url::parse("http://localhost/") {
        Ok(url) => url,
        Err(_) => return Vec::new(),
    };
    url.set_query(Some(query));
    url.query_pairs().into_owned().collect()
}

/// The S256 challenge of `verifier`: base64url(SHA-256(verifier)), no padding.
pub(super) fn challenge(verifier: &str) -> String {
    URL_SAFE_NO_PAD.encode(Sha256::digest(verifier.as_bytes()))
}

impl Attempt {
    /// A new attempt redirecting to `http://localhost:{port}/`: a 43-character verifier (32
    /// random bytes) and a random `state`.
    pub fn new(port: u16) -> Self {
        Self {
            verifier: Secret::new(random_text(32)),
            state: random_text(16),
            redirect_uri: format!("http://localhost:{port}/"),
        }
    }

    /// The URL the user opens in a browser.
    pub fn authorize_url(&self, endpoints: &Endpoints) -> Result<String, AuthError> {
        let mut url = Url::parse(&endpoints.authorize())
            .map_err(|error| AuthError::Config(format!("authority: {error}")))?;
        url.query_pairs_mut()
            .append_pair("client_id", &endpoints.client_id)
            .append_pair("response_type", "code")
            .append_pair("redirect_uri", &self.redirect_uri)
            .append_pair("response_mode", "query")
            .append_pair("scope", SCOPE)
            .append_pair("state", &self.state)
            .append_pair("code_challenge", &challenge(self.verifier.expose()))
            .append_pair("code_challenge_method", "S256");
        Ok(url.into())
    }

    /// The code in a redirect's query (`code=…&state=…`, or `error=…`), once `state` matches.
    pub fn code_from_query(&self, query: &str) -> Result<Secret, AuthError> {
        let mut code = None;
        let mut state = None;
        let mut error = None;
        let mut description = String::new();
        for (key, value) in query_pairs(query) {
            match key.as_str() {
                "code" => code = Some(Secret::new(value)),
                "state" => state = Some(value),
                "error" => error = Some(value),
                "error_description" => description = value,
                _ => {}
            }
        }
        if state.as_deref() != Some(self.state.as_str()) {
            return Err(AuthError::Redirect(
                "the redirect's state does not match this sign-in (an old or foreign link?)".into(),
            ));
        }
        match (error, code) {
            (Some(error), _) if error == "access_denied" => Err(AuthError::Denied),
            (Some(error), _) => Err(AuthError::Refused {
                error: error.chars().filter(|c| !c.is_control()).take(60).collect(),
                description: description
                    .chars()
                    .filter(|c| !c.is_control())
                    .take(300)
                    .collect(),
            }),
            (None, Some(code)) if !code.expose().is_empty() => Ok(code),
            (None, _) => Err(AuthError::Redirect("the redirect carries no code".into())),
        }
    }

    /// The code in a pasted redirect URL (the browser's address bar after the redirect).
    pub fn code_from_pasted(&self, pasted: &str) -> Result<Secret, AuthError> {
        let pasted = pasted.trim();
        let query = match Url::parse(pasted) {
            Ok(url) => url.query().unwrap_or_default().to_owned(),
            // Only the query (`code=…&state=…`) is fine too.
            Err(_) => pasted.trim_start_matches('?').to_owned(),
        };
        self.code_from_query(&query)
    }

    /// Redeems `code` with the verifier.
    pub async fn redeem(
        &self,
        http: &reqwest::Client,
        endpoints: &Endpoints,
        code: &Secret,
    ) -> Result<Grant, AuthError> {
        let url = endpoints.token();
        let form = [
            ("grant_type", "authorization_code"),
            ("client_id", endpoints.client_id.as_str()),
            ("code", code.expose()),
            ("redirect_uri", self.redirect_uri.as_str()),
            ("code_verifier", self.verifier.expose()),
            ("scope", SCOPE),
        ];
        match endpoint::post_form(http, &url, &form).await? {
            Answer::Ok(object) => endpoint::grant(&url, &object),
            Answer::OAuth { error, description } => Err(AuthError::Refused { error, description }),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::fake_idp::{FakeIdp, grant};
    use super::*;

    #[test]
    fn the_challenge_is_rfc_7636s_example() {
        // RFC 7636, appendix B.
        assert_eq!(
            challenge("dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk"),
            "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM"
        );
    }

    #[test]
    fn the_redirect_must_carry_this_attempts_state() {
        let attempt = Attempt::new(8400);
        assert_eq!(attempt.verifier.expose().len(), 43);
        let good = format!("code=C0DE&state={}", attempt.state);
        assert_eq!(
            attempt
                .code_from_query(&good)
                .map(|c| c.expose().to_owned()),
            Ok("C0DE".to_owned())
        );
        assert!(matches!(
            attempt.code_from_query("code=C0DE&state=other"),
            Err(AuthError::Redirect(_))
        ));
        let denied = format!("error=access_denied&state={}", attempt.state);
        assert_eq!(
            attempt.code_from_query(&denied).err(),
            Some(AuthError::Denied)
        );
        let pasted = format!("http://localhost:8400/?code=C0DE&state={}", attempt.state);
        assert!(attempt.code_from_pasted(&pasted).is_ok());
    }

    #[tokio::test]
    async fn the_url_carries_the_challenge_and_redeeming_sends_the_verifier() {
        let idp = FakeIdp::start(vec![grant("A1", "R1", 60)]).await;
        let endpoints = Endpoints::new(&idp.config());
        let attempt = Attempt::new(8400);
        let url = attempt.authorize_url(&endpoints).unwrap_or_default();
        let parsed = Url::parse(&url).unwrap_or_else(|e| panic!("{e}"));
        let query: std::collections::HashMap<_, _> = parsed.query_pairs().into_owned().collect();
        assert_eq!(query["code_challenge_method"], "S256");
        assert_eq!(query["redirect_uri"], "http://localhost:8400/");
        assert_eq!(query["scope"], SCOPE);
        let http = endpoint::http_client().unwrap_or_else(|e| panic!("{e}"));
        let granted = attempt
            .redeem(&http, &endpoints, &Secret::new("C0DE"))
            .await
            .unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(granted.access.expose(), "A1");
        let form = &idp.forms()[0];
        assert_eq!(challenge(&form["code_verifier"]), query["code_challenge"]);
        assert_eq!(form["grant_type"], "authorization_code");
        assert_eq!(form["redirect_uri"], "http://localhost:8400/");
    }
}
