//! Silent renewal of a signed-in account's access token with its refresh token (grant
//! `refresh_token`; the provider rotates the refresh token and the new one is saved at once).
//!
//! Every renewal holds the store's lock from reading the refresh token to saving its successor
//! and re-reads the store under it: when another process already renewed (the stored access
//! token is not the one this process holds), that token is used and nothing is redeemed. So two
//! processes never present the same refresh token (Entra may revoke the whole family when a
//! used one comes back).
//!
//! Must not redeem without the lock, and must not change the store when the provider's answer
//! is not a grant (a 500 or garbage leaves the stored sign-in as it was).

use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use super::endpoint::{self, Answer, Endpoints};
use super::{AuthError, REFRESH_MARGIN_SECS, SCOPE, now_unix, store};
use crate::config::secret::{Secret, SignInTokens, TokenOrigin};

/// A usable access token and when it expires (Unix seconds).
#[derive(Clone, Debug)]
pub struct Renewal {
    pub access: Secret,
    pub expires_at: i64,
}

/// Renews one account's sign-in. Built from a `TokenOrigin::SignIn`.
#[derive(Debug)]
pub struct Renewer {
    account: String,
    store: PathBuf,
    endpoints: Endpoints,
    /// Made at the first renewal (loading trust roots costs; a fresh token needs none).
    http: OnceLock<reqwest::Client>,
}

impl Renewer {
    /// A renewer for a signed-in account's origin; `None` for every other origin.
    pub fn for_origin(origin: &TokenOrigin) -> Option<Self> {
        match origin {
            TokenOrigin::SignIn {
                account,
                store,
                config,
            } => Some(Self {
                account: account.clone(),
                store: store.clone(),
                endpoints: Endpoints::new(config),
                http: OnceLock::new(),
            }),
            _ => None,
        }
    }

    /// The credentials file the tokens live in.
    pub fn store(&self) -> &Path {
        &self.store
    }

    fn signed_out(&self) -> AuthError {
        AuthError::SignedOut {
            account: self.account.clone(),
        }
    }

    /// The stored token as it is, without renewing (a new login, or the first look).
    pub async fn stored(&self) -> Result<Renewal, AuthError> {
        let tokens = store::read(&self.store, &self.account)
            .await?
            .ok_or_else(|| self.signed_out())?;
        Ok(Renewal {
            access: tokens.access,
            expires_at: tokens.expires_at,
        })
    }

    /// A token to use instead of `held`: another process's newer one, or a renewed one. With
    /// `rejected` (the server answered 401 to `held`) it renews even when the stored token
    /// should still be valid; without, only within [`REFRESH_MARGIN_SECS`] of expiry.
    pub async fn renew(&self, held: &str, rejected: bool) -> Result<Renewal, AuthError> {
        let lock = store::lock(&self.store).await?;
        let stored = store::read(&self.store, &self.account)
            .await?
            .ok_or_else(|| self.signed_out())?;
        let now = now_unix();
        let newer = stored.access.expose() != held.trim() && stored.expires_at > now;
        let valid = stored.expires_at - now > REFRESH_MARGIN_SECS;
        if newer || (valid && !rejected) {
            return Ok(Renewal {
                access: stored.access,
                expires_at: stored.expires_at,
            });
        }
        let renewed = self.redeem(&stored).await?;
        let expires_at = now_unix() + renewed.expires_in;
        let tokens = SignInTokens {
            access: renewed.access.clone(),
            refresh: renewed.refresh.unwrap_or(stored.refresh),
            expires_at,
            user: stored.user,
        };
        store::write(&self.store, &self.account, tokens, &lock).await?;
        drop(lock);
        tracing::info!(account = %self.account, "sign-in renewed");
        Ok(Renewal {
            access: renewed.access,
            expires_at,
        })
    }

    async fn redeem(&self, stored: &SignInTokens) -> Result<endpoint::Grant, AuthError> {
        let http = match self.http.get() {
            Some(http) => http,
            None => {
                let made = endpoint::http_client()?;
                self.http.get_or_init(|| made)
            }
        };
        let url = self.endpoints.token();
        let form = [
            ("grant_type", "refresh_token"),
            ("client_id", self.endpoints.client_id.as_str()),
            ("refresh_token", stored.refresh.expose()),
            ("scope", SCOPE),
        ];
        match endpoint::post_form(http, &url, &form).await? {
            Answer::Ok(object) => endpoint::grant(&url, &object),
            Answer::OAuth { error, description } => {
                tracing::warn!(account = %self.account, %error, %description, "renewal refused");
                if ends_the_sign_in(&error) {
                    Err(self.signed_out())
                } else {
                    Err(AuthError::Refused { error, description })
                }
            }
        }
    }
}

/// Errors after which only a new sign-in helps (the refresh token is expired, revoked, or the
/// tenant wants the user back, e.g. for MFA).
fn ends_the_sign_in(error: &str) -> bool {
    matches!(
        error,
        "invalid_grant" | "interaction_required" | "login_required" | "consent_required"
    )
}

#[cfg(test)]
#[path = "refresh_tests.rs"]
mod tests;
