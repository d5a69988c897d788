//! The HTTP transport: one `reqwest::Client` per account, the bearer token, timeouts, the request
//! budget, a response size cap, same-origin redirects only, retries for idempotent GETs, and the
//! mapping of statuses and error bodies to [`ApiError`]. A 401 goes to the token cell
//! (`token.rs`): a GET is replayed once with a fetched-again token, nothing else ever is. Typed
//! calls live in `calls.rs`. A clone from [`Client::background`] makes the same calls as
//! background work, behind interactive calls in the budget. Extra CA roots (a company's, for a
//! network that inspects TLS) are trusted besides the system's. A 404 before any call has
//! succeeded is checked against `users/current` (`base_check.rs`): a base URL with no API
//! behind it is named as such.

use std::sync::Arc;
use std::time::Duration;

use reqwest::header::{AUTHORIZATION, RETRY_AFTER};
use reqwest::{Method, Url};
use serde::de::DeserializeOwned;

use super::answer::{decode, status_error, strip_query};
use super::backoff::Backoff;
use super::base_check::{BaseCheck, CURRENT_USER};
use super::budget::{Family, Priority, RequestBudget};
use super::error::ApiError;
use super::options::ClientOptions;
use super::retry::parse_retry_after;
use super::token::{AfterUnauthorized, Credential, TokenCell};
use super::transport::{api_base, http_client};
use crate::config::secret::TokenOrigin;

/// A Yammer API client for one account. Cheap to clone: clones share the connection pool and the
/// request budget.
#[derive(Clone)]
pub struct Client {
    http: reqwest::Client,
    /// The base URL, and whether it has the API behind it once known.
    base: Arc<(Url, BaseCheck)>,
    options: Arc<ClientOptions>,
    budget: RequestBudget,
    /// Whether someone waits for this client's calls (see [`Client::background`]).
    priority: Priority,
    /// The token: sent in `Authorization`, redacted from server text, fetched again on a 401.
    token: Arc<TokenCell>,
}

impl std::fmt::Debug for Client {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Client")
            .field("base", &self.base.0.as_str())
            .finish_non_exhaustive()
    }
}

impl Client {
    /// A client for `base_url` (e.g. `https://www.yammer.com/api/v1`) with default options.
    pub fn new(base_url: &str, token: &str) -> Result<Self, ApiError> {
        Self::with_options(base_url, token, ClientOptions::default())
    }

    /// A client with explicit transport options.
    pub fn with_options(
        base_url: &str,
        token: &str,
        options: ClientOptions,
    ) -> Result<Self, ApiError> {
        Self::with_roots(base_url, token, options, Vec::new())
    }

    /// A client that trusts `extra_roots` (e.g. a company's CA, from `ca_file` or
    /// `SSL_CERT_FILE`) besides the system's roots.
    pub fn with_roots(
        base_url: &str,
        token: &str,
        options: ClientOptions,
        extra_roots: Vec<reqwest::Certificate>,
    ) -> Result<Self, ApiError> {
        let base = api_base(base_url)?;
        let token = TokenCell::new(token, TokenOrigin::Fixed)?;
        let http = http_client(&base, &options, extra_roots)?;
        let budget = match options.budget {
            Some(config) => RequestBudget::new(config),
            None => RequestBudget::unlimited(),
        };
        Ok(Self {
            http,
            base: Arc::new((base, BaseCheck::default())),
            options: Arc::new(options),
            budget,
            priority: Priority::Interactive,
            token: Arc::new(token),
        })
    }

    /// The same client, told where its token came from: a token from a `token_command` is
    /// fetched again once when the server rejects it; messages name the origin. Call before
    /// cloning (clones made earlier keep the old origin).
    pub fn with_token_origin(mut self, origin: TokenOrigin) -> Self {
        let current = self.token.current_secret();
        if let Ok(cell) = TokenCell::new(&current, origin) {
            self.token = Arc::new(cell);
        }
        self
    }

    /// The same client (same pool, budget and token) for calls nobody is waiting on, such as
    /// paging the people directory or reconciling the outbox: they use at most part of each
    /// budget window and let waiting interactive calls go first. Use it at the call site:
    /// `client.background().users(&query)`.
    pub fn background(&self) -> Self {
        Self {
            priority: Priority::Background,
            ..self.clone()
        }
    }

    /// Fetches the token again from its origin after the user updated it, and lets requests go
    /// out again if the server had rejected it. Blocks on a `token_command` for up to its
    /// timeout (off the runtime's worker threads).
    pub async fn reload_token(&self) -> Result<(), ApiError> {
        self.token.reload().await
    }

    /// True while the server has rejected the token: every call fails with
    /// [`ApiError::TokenRejected`] without sending anything.
    pub fn token_rejected(&self) -> bool {
        self.token.is_rejected()
    }

    /// The base URL calls are made against.
    pub fn base_url(&self) -> &str {
        self.base.0.as_str()
    }

    fn url(&self, path: &str) -> Result<Url, ApiError> {
        self.base
            .0
            .join(&format!("{path}.json"))
            .map_err(|e| ApiError::Setup(format!("path {path:?}: {e}")))
    }

    /// GET and decode, retrying transient failures with backoff and full jitter.
    pub(crate) async fn get<T: DeserializeOwned>(
        &self,
        family: Family,
        path: &str,
        query: &[(&str, String)],
    ) -> Result<T, ApiError> {
        let mut attempt = 0;
        loop {
            let result = self
                .authorized(family, Method::GET, path, Payload::query(query))
                .await;
            match result {
                Ok(bytes) => return decode(&self.url(path)?, &bytes, &self.token),
                Err(e) if attempt < self.options.get_retries && retry_get(&e) => {
                    let backoff = Backoff {
                        base: self.options.retry_base,
                        cap: Duration::from_secs(8),
                    };
                    let delay = backoff.delay(attempt, &mut rand::rng());
                    tokio::time::sleep(delay).await;
                    attempt += 1;
                }
                Err(ApiError::NotFound) => return Err(self.not_found(path).await),
                Err(e) => return Err(self.token.redact(e)),
            }
        }
    }

    /// What a 404 on `path` means (see `base_check.rs`); asks `users/current` at most once.
    async fn not_found(&self, path: &str) -> ApiError {
        let probe = self.authorized(
            Family::Other,
            Method::GET,
            CURRENT_USER,
            Payload::query(&[]),
        );
        self.base
            .1
            .explain_not_found(self.base_url(), path, probe)
            .await
    }

    /// POST a form, with `headers` beside the usual ones, and decode the answer. Never retried
    /// here.
    pub(crate) async fn post<T: DeserializeOwned>(
        &self,
        family: Family,
        path: &str,
        form: &[(String, String)],
        headers: &[(&'static str, &'static str)],
    ) -> Result<T, ApiError> {
        let payload = Payload {
            query: &[],
            form,
            headers,
        };
        let bytes = match self.authorized(family, Method::POST, path, payload).await {
            Ok(bytes) => bytes,
            Err(ApiError::NotFound) => return Err(self.not_found(path).await),
            Err(e) => return Err(self.token.redact(e)),
        };
        decode(&self.url(path)?, &bytes, &self.token)
    }

    /// A call whose answer has no body worth reading (likes, deletes, follows).
    pub(crate) async fn send_no_content(
        &self,
        family: Family,
        method: Method,
        path: &str,
        query: &[(&str, String)],
        form: &[(String, String)],
    ) -> Result<(), ApiError> {
        let payload = Payload {
            query,
            form,
            headers: &[],
        };
        match self.authorized(family, method, path, payload).await {
            Ok(_) => Ok(()),
            Err(ApiError::NotFound) => Err(self.not_found(path).await),
            Err(e) => Err(self.token.redact(e)),
        }
    }

    /// One request with the current token. On a 401 the token cell decides: with a new token a
    /// GET is replayed once; any other method is never replayed and reports
    /// `TokenRefreshed`, so its caller (the outbox) sends it again itself.
    async fn authorized(
        &self,
        family: Family,
        method: Method,
        path: &str,
        payload: Payload<'_>,
    ) -> Result<Vec<u8>, ApiError> {
        let replayable = method == Method::GET;
        self.token.prepare().await;
        let mut credential = self.token.credential()?;
        let mut replayed = false;
        loop {
            let result = self
                .request(family, method.clone(), path, payload, &credential)
                .await;
            match result {
                Ok(body) => {
                    self.token.accepted(credential.generation);
                    self.base.1.confirm();
                    return Ok(body);
                }
                Err(ApiError::Unauthorized { message }) => {
                    match self.token.unauthorized(credential.generation).await {
                        AfterUnauthorized::NewToken if replayable && !replayed => {
                            replayed = true;
                            credential = self.token.credential()?;
                        }
                        AfterUnauthorized::NewToken => return Err(ApiError::TokenRefreshed),
                        AfterUnauthorized::Rejected => {
                            return Err(self.token.unauthorized_error(message));
                        }
                        AfterUnauthorized::NotRenewed(error) => return Err(error),
                    }
                }
                Err(other) => return Err(other),
            }
        }
    }

    /// Refuses to send while a 429's `Retry-After` runs, whatever the call's priority.
    fn refuse_while_paused(&self) -> Result<(), ApiError> {
        match self.budget.paused_for() {
            Some(wait) => Err(ApiError::RateLimited {
                retry_after: Some(wait),
            }),
            None => Ok(()),
        }
    }

    async fn request(
        &self,
        family: Family,
        method: Method,
        path: &str,
        payload: Payload<'_>,
        credential: &Credential,
    ) -> Result<Vec<u8>, ApiError> {
        let Payload {
            query,
            form,
            headers,
        } = payload;
        let url = self.url(path)?;
        // After a 429 nothing is sent until the server's Retry-After has passed:
        // checked again after waiting for a slot, since a 429 may have come meanwhile.
        self.refuse_while_paused()?;
        self.budget.acquire(family, self.priority).await;
        self.refuse_while_paused()?;
        let mut builder = self
            .http
            .request(method, url.clone())
            .header(AUTHORIZATION, credential.header.clone())
            .query(query);
        for (name, value) in headers {
            builder = builder.header(*name, *value);
        }
        if !form.is_empty() {
            builder = builder.form(form);
        }
        let mut response = builder
            .send()
            .await
            .map_err(|e| ApiError::from_transport(&e))?;
        let status = response.status();
        let retry_after = response
            .headers()
            .get(RETRY_AFTER)
            .and_then(|v| v.to_str().ok())
            .and_then(|v| parse_retry_after(v, chrono::Utc::now().timestamp()));
        let limit = self.options.max_response_bytes;
        if response
            .content_length()
            .is_some_and(|len| len > limit as u64)
        {
            return Err(ApiError::TooLarge {
                url: strip_query(&url),
                limit,
            });
        }
        let mut body = Vec::new();
        while let Some(chunk) = response
            .chunk()
            .await
            .map_err(|e| ApiError::from_transport(&e))?
        {
            if body.len() + chunk.len() > limit {
                return Err(ApiError::TooLarge {
                    url: strip_query(&url),
                    limit,
                });
            }
            body.extend_from_slice(&chunk);
        }
        if status.is_success() {
            Ok(body)
        } else {
            let error = status_error(status, &body, retry_after);
            if let ApiError::RateLimited {
                retry_after: Some(wait),
            } = &error
            {
                self.budget.pause_for(*wait);
            }
            Err(error)
        }
    }
}

/// What a request carries besides its method and path.
#[derive(Clone, Copy)]
struct Payload<'a> {
    query: &'a [(&'a str, String)],
    form: &'a [(String, String)],
    /// Headers beside the usual ones (the token, the user agent).
    headers: &'a [(&'static str, &'static str)],
}

impl<'a> Payload<'a> {
    /// Only a query string.
    const fn query(query: &'a [(&'a str, String)]) -> Self {
        Self {
            query,
            form: &[],
            headers: &[],
        }
    }
}

fn retry_get(error: &ApiError) -> bool {
    !matches!(error, ApiError::RateLimited { .. }) && error.is_transient()
}
