//! The token a client sends and what a 401 does to it (CRD-06). A token from a `token_command`
//! is fetched again once when the server rejects it; a second rejection, or any rejection of a
//! token from an environment variable or a file, leaves the client *rejected*: it sends nothing
//! more (no request storm) until [`TokenCell::reload`] brings a token in.
//!
//! Owns the `Authorization` header value (marked sensitive) and the redaction of every token it
//! has held from error text. Must not print, log or put a token into an error.

use std::sync::{Arc, PoisonError, RwLock};

use reqwest::header::HeaderValue;

use super::error::ApiError;
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
}

/// The header a request carries and the token generation it belongs to.
#[derive(Clone, Debug)]
pub(crate) struct Credential {
    pub header: HeaderValue,
    pub generation: u64,
}

/// What to do after a 401.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum AfterUnauthorized {
    /// A different token is in place: an idempotent request may be replayed once with it.
    NewToken,
    /// The token is rejected: nothing more is sent.
    Rejected,
}

/// The client's token, shared by its clones. See the module header.
pub(crate) struct TokenCell {
    slot: RwLock<Slot>,
    /// Held while a 401 is being dealt with, so concurrent 401s run the command only once.
    refreshing: tokio::sync::Mutex<()>,
    origin: TokenOrigin,
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
            }),
            refreshing: tokio::sync::Mutex::new(()),
            origin,
        })
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
        ApiError::TokenRejected {
            origin: self.origin.describe(),
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

fn bearer(token: &str) -> Result<HeaderValue, ApiError> {
    let mut value = HeaderValue::from_str(&format!("Bearer {token}")).map_err(|_| {
        ApiError::Setup("the token contains characters a header cannot carry".into())
    })?;
    value.set_sensitive(true);
    Ok(value)
}
