//! Authorization codes with PKCE (S256 only): the codes `authorize` issues, kept in memory, and
//! the authorization-code grant of the token endpoint, which redeems a code once, with the same
//! `redirect_uri` and the matching `code_verifier`. A code presented again revokes the sign-in
//! it produced.

use std::collections::HashMap;
use std::sync::{Mutex, MutexGuard, PoisonError};
use std::time::Instant;

use base64::Engine;
use sha2::{Digest, Sha256};

use super::errors::OAuthError;
use super::form::Form;
use super::token::Approved;
use super::{MAX_PENDING, Scope};
use crate::server::db::{refresh, tokens};
use crate::server::state::AppState;

/// An issued authorization code.
#[derive(Debug)]
pub struct Code {
    pub client_id: String,
    pub redirect_uri: String,
    pub challenge: String,
    pub user_id: u64,
    pub scope: Scope,
    pub expires: Instant,
    /// Redeemed: `Some(None)` while its tokens are being issued, then the sign-in's id.
    pub spent: Option<Option<i64>>,
}

/// Authorization codes in progress, by code.
#[derive(Debug, Default)]
pub struct AuthCodes {
    codes: Mutex<HashMap<String, Code>>,
}

impl AuthCodes {
    fn lock(&self) -> MutexGuard<'_, HashMap<String, Code>> {
        self.codes.lock().unwrap_or_else(PoisonError::into_inner)
    }

    /// Stores a new code and returns it; `None` when too many are pending.
    pub fn issue(&self, code: Code) -> Option<String> {
        let now = Instant::now();
        let mut codes = self.lock();
        codes.retain(|_, c| now < c.expires);
        if codes.len() >= MAX_PENDING {
            return None;
        }
        let secret = tokens::new_secret();
        codes.insert(secret.clone(), code);
        Some(secret)
    }

    /// Records the sign-in a redeemed code produced, so a replay can revoke it.
    pub fn spent(&self, code: &str, sign_in: i64) {
        if let Some(entry) = self.lock().get_mut(code) {
            entry.spent = Some(Some(sign_in));
        }
    }
}

/// `BASE64URL(SHA256(verifier))`, the S256 challenge of a verifier.
fn s256(verifier: &str) -> String {
    base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(Sha256::digest(verifier.as_bytes()))
}

/// The authorization-code grant of the token endpoint: checks the code and returns what to
/// issue, with the code (for [`AuthCodes::spent`]). A replayed code revokes its sign-in.
pub async fn redeem(
    state: &AppState,
    form: &Form,
    client_id: &str,
) -> Result<(Approved, String), OAuthError> {
    let code = form.required("code")?.to_owned();
    let redirect_uri = form.required("redirect_uri")?;
    let verifier = form.required("code_verifier")?;
    let replayed = {
        let mut codes = state.identity.codes.lock();
        let Some(entry) = codes.get_mut(&code).filter(|c| c.client_id == client_id) else {
            return Err(OAuthError::invalid_grant(
                "The provided authorization code is not valid: it is unknown or was issued to \
                 another client.",
            ));
        };
        match entry.spent {
            Some(sign_in) => sign_in,
            None => {
                if Instant::now() >= entry.expires {
                    return Err(OAuthError::grant_expired());
                }
                if entry.redirect_uri != redirect_uri {
                    return Err(OAuthError::wrong_redirect_uri());
                }
                if s256(verifier) != entry.challenge {
                    return Err(OAuthError::wrong_verifier());
                }
                entry.spent = Some(None);
                return Ok((
                    Approved {
                        user_id: entry.user_id,
                        client_id: entry.client_id.clone(),
                        scope: entry.scope.clone(),
                    },
                    code,
                ));
            }
        }
    };
    if let Some(sign_in) = replayed {
        state
            .db
            .call(move |conn| Ok(refresh::revoke(conn, sign_in)?))
            .await?;
    }
    Err(OAuthError::code_redeemed())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn s256_matches_rfc_7636_appendix_b() {
        assert_eq!(
            s256("dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk"),
            "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM"
        );
    }
}
