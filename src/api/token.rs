//! The token a client sends and what a 401 does to it. A token from a `token_command`
//! is fetched again once when the server rejects it; a second rejection, or any rejection of a
//! token from an environment variable or a file, leaves the client *rejected*: it sends nothing
//! more (no request storm) until [`TokenCell::reload`] brings a token in.
//!
//! A signed-in account's token (`TokenOrigin::SignIn`) is also renewed before it expires
//! ([`TokenCell::prepare`], before each request) and on a 401, through `crate::auth`; when the
//! sign-in has ended the client is rejected as *signed out*, and it takes a new `kring login`
//! from the store as soon as the store file changes.
//!
//! Owns the `Authorization` header value (marked sensitive) and the redaction of every token it
//! has held from error text. Must not print, log or put a token into an error.

use std::sync::{Arc, PoisonError, RwLock};
use std::time::SystemTime;

use reqwest::header::HeaderValue;

use super::error::ApiError;
use crate::auth::{AuthError, REFRESH_MARGIN_SECS, Renewal, Renewer};
use crate::config::secret::{Secret, TokenOrigin};

/// What the last answers said about the token.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Standing {
    /// Not rejected (or accepted since its last refresh).
    Trusted,
    /// Fetched again after a 401 and not yet accepted: one more 401 rejects it.
    Refreshed,
    /// Rejected: nothing is sent until a reload.
    Rejected,
}

struct Slot {
    header: HeaderValue,
    secret: Arc<str>,
    /// The token before the last refresh, still redacted from error text.
    previous: Option<Arc<str>>,
    /// Bumped whenever the token changes, so a 401 answered to an older token is recognised.
    generation: u64,
    standing: Standing,
    /// A signed-in token's expiry (Unix seconds); `None` until learnt from the store.
    expires_at: Option<i64>,
    /// When rejected: the store's modification time then, so a new login is noticed.
    store_seen: Option<SystemTime>,
}

/// The header a request carries and the token generation it belongs to.
#[derive(Clone, Debug)]
pub(crate) struct Credential {
    pub header: HeaderValue,
    pub generation: u64,
}

/// What to do after a 401.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) enum AfterUnauthorized {
    /// A different token is in place: an idempotent request may be replayed once with it.
    NewToken,
    /// The token is rejected: nothing more is sent.
    Rejected,
    /// A signed-in token could not be renewed for now (the identity provider is unreachable or
    /// answered nonsense): this request fails with that reason, the next one tries again.
    NotRenewed(ApiError),
}

/// The client's token, shared by its clones. See the module header.
pub(crate) struct TokenCell {
    slot: RwLock<Slot>,
    /// Held while a 401 is being dealt with, so concurrent 401s run the command only once.
    refreshing: tokio::sync::Mutex<()>,
    origin: TokenOrigin,
    /// Renews a signed-in account's token; `None` for every other origin.
    renewer: Option<Renewer>,
}

impl TokenCell {
    pub(crate) fn new(token: &str, origin: TokenOrigin) -> Result<Self, ApiError> {
        let token = token.trim();
        Ok(Self {
            slot: RwLock::new(Slot {
                header: bearer(token)?,
                secret: Arc::from(token),
                previous: None,
                generation: 0,
                standing: Standing::Trusted,
                expires_at: None,
                store_seen: None,
            }),
            refreshing: tokio::sync::Mutex::new(()),
            renewer: Renewer::for_origin(&origin),
            origin,
        })
    }

    /// Before a request, for a signed-in account: renews the token within
    /// [`REFRESH_MARGIN_SECS`] of its expiry (or learns the expiry at the first call), and
    /// when signed out takes a new login from the store once the store file has changed.
    pub(crate) async fn prepare(&self) {
        let Some(renewer) = &self.renewer else {
            return;
        };
        let now = chrono::Utc::now().timestamp();
        let due = |slot: &Slot| {
            slot.standing != Standing::Rejected
                && slot
                    .expires_at
                    .is_none_or(|at| at - now <= REFRESH_MARGIN_SECS)
        };
        let (rejected, seen) = {
            let slot = self.slot.read().unwrap_or_else(PoisonError::into_inner);
            if !due(&slot) && slot.standing != Standing::Rejected {
                return;
            }
            (slot.standing == Standing::Rejected, slot.store_seen)
        };
        let modified = crate::auth::store_modified(renewer.store());
        if rejected && (modified.is_none() || modified == seen) {
            return;
        }
        let _one_at_a_time = self.refreshing.lock().await;
        let held = self.current_secret();
        let result = if rejected {
            renewer.stored().await
        } else {
            if !due(&self.slot.read().unwrap_or_else(PoisonError::into_inner)) {
                return; // Another request renewed it meanwhile.
            }
            renewer.renew(&held, false).await
        };
        let mut slot = self.slot.write().unwrap_or_else(PoisonError::into_inner);
        match result {
            Ok(renewal) if !rejected || *renewal.access.expose() != *held => {
                install_renewal(&mut slot, &renewal, Standing::Trusted);
            }
            Ok(_) => slot.store_seen = modified,
            Err(AuthError::SignedOut { .. }) => {
                slot.standing = Standing::Rejected;
                slot.store_seen = modified;
            }
            Err(error) => {
                tracing::warn!(%error, "cannot renew the sign-in yet");
                // Tried again at the next request, or by the 401 it may get.
                slot.expires_at = Some(now + REFRESH_MARGIN_SECS + 30);
            }
        }
    }

    /// The header for the next request, or `TokenRejected` (sent nowhere) when rejected.
    pub(crate) fn credential(&self) -> Result<Credential, ApiError> {
        let slot = self.slot.read().unwrap_or_else(PoisonError::into_inner);
        if slot.standing == Standing::Rejected {
            return Err(self.rejected_error());
        }
        Ok(Credential {
            header: slot.header.clone(),
            generation: slot.generation,
        })
    }

    /// A request with `generation`'s token succeeded: a refreshed token is trusted again, so
    /// when it expires in turn it may be fetched again.
    pub(crate) fn accepted(&self, generation: u64) {
        let mut slot = self.slot.write().unwrap_or_else(PoisonError::into_inner);
        if slot.generation == generation && slot.standing == Standing::Refreshed {
            slot.standing = Standing::Trusted;
        }
    }

    /// The server answered 401 to a request sent with `generation`'s token.
    pub(crate) async fn unauthorized(&self, generation: u64) -> AfterUnauthorized {
        let _one_at_a_time = self.refreshing.lock().await;
        {
            let mut slot = self.slot.write().unwrap_or_else(PoisonError::into_inner);
            match slot.standing {
                Standing::Rejected => return AfterUnauthorized::Rejected,
                // Another request already dealt with this token's rejection.
                _ if slot.generation != generation => return AfterUnauthorized::NewToken,
                Standing::Refreshed => {
                    slot.standing = Standing::Rejected;
                    return AfterUnauthorized::Rejected;
                }
                Standing::Trusted if !self.origin.refreshes_by_itself() => {
                    slot.standing = Standing::Rejected;
                    return AfterUnauthorized::Rejected;
                }
                Standing::Trusted => {}
            }
        }
        if let Some(renewer) = &self.renewer {
            let held = self.current_secret();
            let result = renewer.renew(&held, true).await;
            let mut slot = self.slot.write().unwrap_or_else(PoisonError::into_inner);
            return match result {
                Ok(renewal) if install_renewal(&mut slot, &renewal, Standing::Refreshed) => {
                    AfterUnauthorized::NewToken
                }
                Ok(_) | Err(AuthError::SignedOut { .. }) => {
                    slot.standing = Standing::Rejected;
                    slot.store_seen = crate::auth::store_modified(renewer.store());
                    AfterUnauthorized::Rejected
                }
                Err(error) => AfterUnauthorized::NotRenewed(ApiError::NotRenewed {
                    reason: error.to_string(),
                }),
            };
        }
        match self.fetch_again().await {
            Ok(token) => {
                let mut slot = self.slot.write().unwrap_or_else(PoisonError::into_inner);
                if install(&mut slot, &token, Standing::Refreshed) {
                    AfterUnauthorized::NewToken
                } else {
                    slot.standing = Standing::Rejected;
                    AfterUnauthorized::Rejected
                }
            }
            Err(reason) => {
                tracing::warn!(origin = %self.origin.describe(), %reason, "cannot fetch a new token");
                self.slot
                    .write()
                    .unwrap_or_else(PoisonError::into_inner)
                    .standing = Standing::Rejected;
                AfterUnauthorized::Rejected
            }
        }
    }

    /// Fetches the token again from its origin (the user says it was updated) and lets
    /// requests go out again, whatever the last answer was. Fails, leaving the state as it
    /// was, when the origin gives no token (an environment variable cannot change).
    pub(crate) async fn reload(&self) -> Result<(), ApiError> {
        let _one_at_a_time = self.refreshing.lock().await;
        let token = self.fetch_again().await.map_err(ApiError::Setup)?;
        let mut slot = self.slot.write().unwrap_or_else(PoisonError::into_inner);
        // A signed-in token's expiry is learnt again from the store before the next request.
        slot.expires_at = None;
        if !install(&mut slot, &token, Standing::Trusted) {
            // The same token again: the user may have fixed the account on the server side.
            slot.standing = Standing::Trusted;
        }
        Ok(())
    }

    /// Whether the token is rejected (nothing is being sent).
    pub(crate) fn is_rejected(&self) -> bool {
        self.slot
            .read()
            .unwrap_or_else(PoisonError::into_inner)
            .standing
            == Standing::Rejected
    }

    /// `error` with every token this cell holds removed from its text.
    pub(crate) fn redact(&self, error: ApiError) -> ApiError {
        let slot = self.slot.read().unwrap_or_else(PoisonError::into_inner);
        let error = error.redacted(&slot.secret);
        match &slot.previous {
            Some(previous) => error.redacted(previous),
            None => error,
        }
    }

    /// The current token, for redacting a response snippet before it is cut.
    pub(crate) fn current_secret(&self) -> Arc<str> {
        Arc::clone(
            &self
                .slot
                .read()
                .unwrap_or_else(PoisonError::into_inner)
                .secret,
        )
    }

    fn rejected_error(&self) -> ApiError {
        match &self.origin {
            TokenOrigin::SignIn { account, .. } => ApiError::SignedOut {
                account: account.clone(),
            },
            origin => ApiError::TokenRejected {
                origin: origin.describe(),
            },
        }
    }

    /// The error for a request the server answered 401 and that is not replayed: a signed-in
    /// account says how to sign in again, others keep the server's message.
    pub(crate) fn unauthorized_error(&self, message: String) -> ApiError {
        match &self.origin {
            TokenOrigin::SignIn { .. } => self.rejected_error(),
            _ => ApiError::Unauthorized { message },
        }
    }

    /// Runs the origin's fetch off the async runtime (a command may take seconds).
    async fn fetch_again(&self) -> Result<Secret, String> {
        let origin = self.origin.clone();
        match tokio::task::spawn_blocking(move || origin.fetch_again()).await {
            Ok(result) => result.map_err(|error| error.to_string()),
            Err(join) => Err(join.to_string()),
        }
    }
}

/// Puts `token` in the slot with `standing`. False (slot unchanged) when it equals the current
/// token or cannot be a header value.
fn install(slot: &mut Slot, token: &Secret, standing: Standing) -> bool {
    let text = token.expose().trim();
    if *slot.secret == *text {
        return false;
    }
    let Ok(header) = bearer(text) else {
        return false;
    };
    slot.previous = Some(std::mem::replace(&mut slot.secret, Arc::from(text)));
    slot.header = header;
    slot.generation = slot.generation.wrapping_add(1);
    slot.standing = standing;
    true
}

/// Puts a renewal in the slot: its expiry always, its token when it differs. True when the
/// token changed.
fn install_renewal(slot: &mut Slot, renewal: &Renewal, standing: Standing) -> bool {
    slot.expires_at = Some(renewal.expires_at);
    let changed = install(slot, &renewal.access, standing);
    if !changed && standing == Standing::Trusted {
        slot.standing = Standing::Trusted;
    }
    changed
}

fn bearer(token: &str) -> Result<HeaderValue, ApiError> {
    let mut value = HeaderValue::from_str(&format!("Bearer {token}")).map_err(|_| {
        ApiError::Setup("the token contains characters a header cannot carry".into())
    })?;
    value.set_sensitive(true);
    Ok(value)
}

#[cfg(test)]
#[path = "token_signin_tests.rs"]
mod signin_tests;
