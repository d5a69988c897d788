//! `ApiError`: every way a call can fail, told apart so the UI can say the right thing and the
//! outbox can tell "the server said no" from "we do not know". Error text never contains the token.

use std::time::Duration;

use thiserror::Error;

/// Why an API call failed.
#[derive(Clone, Debug, Error, PartialEq, Eq)]
pub enum ApiError {
    /// 401 (Yammer code 16): the token is missing, expired or revoked.
    #[error("not signed in: {message}")]
    Unauthorized { message: String },
    /// The server refused the old token and a new one was fetched from the `token_command`; the
    /// request (not a GET: those are replayed) was not sent again and may be sent now.
    #[error("the server refused the token; a new one was fetched: try again")]
    TokenRefreshed,
    /// The server rejected the token and kring sends nothing until it is updated (this request
    /// never left). `origin` says where the token came from.
    #[error(
        "the server rejected the token ({origin}): update it there and restart kring; \
         nothing is sent until then"
    )]
    TokenRejected { origin: String },
    /// The account signs in (`kring login`) and its sign-in has ended: the refresh token was
    /// refused, the user signed out, or never signed in. Nothing is sent until a new login.
    #[error(
        "signed out of `{account}`: run `kring login --account {account}` (drafts and queued \
         posts are kept)"
    )]
    SignedOut { account: String },
    /// The account's sign-in could not be renewed now (the identity provider is unreachable or
    /// answered nonsense); the next request tries again.
    #[error("cannot renew the sign-in: {reason}")]
    NotRenewed { reason: String },
    /// 403: no permission for this resource.
    #[error("forbidden: {message}")]
    Forbidden { message: String },
    /// 404: no such resource (or not visible to this user).
    #[error("not found")]
    NotFound,
    /// 404 on `users/current`, which every account has: no API under this base URL.
    #[error("not found: no Yammer API at {base} ({})", no_api_hint(suggestion.as_deref()))]
    NoApi {
        base: String,
        /// The base URL with `/api/v1` added, when it lacks it.
        suggestion: Option<String>,
    },
    /// 429, or 401 with code 33 (an old Yammer bug): too many requests.
    #[error("{}", rate_limited_text(*.retry_after))]
    RateLimited { retry_after: Option<Duration> },
    /// 400 with `{"base":[...]}` or another error body: the server refused the request.
    #[error("rejected: {}", messages.join("; "))]
    Validation { messages: Vec<String> },
    /// 5xx or any other unexpected status.
    #[error("server error {status}")]
    Server { status: u16 },
    /// The request did not complete: connect failure, timeout, reset.
    #[error("network: {kind}: {detail}")]
    Network { kind: NetworkKind, detail: String },
    /// The response did not decode into the expected shape.
    #[error("bad response from {url}: {detail} (starts {snippet:?})")]
    Decode {
        url: String,
        detail: String,
        snippet: String,
    },
    /// The response was larger than the cap.
    #[error("response from {url} is larger than {limit} bytes")]
    TooLarge { url: String, limit: usize },
    /// A redirect to another origin was refused (the token never follows it).
    #[error("refused a redirect away from the server")]
    RedirectRefused,
    /// The client could not be set up (bad base URL, TLS initialisation).
    #[error("client setup: {0}")]
    Setup(String),
}

/// The kind of network failure, for messages and retry decisions.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum NetworkKind {
    Connect,
    Timeout,
    /// The connection broke after the request may have been sent.
    Interrupted,
}

impl std::fmt::Display for NetworkKind {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(match self {
            Self::Connect => "cannot connect",
            Self::Timeout => "timed out",
            Self::Interrupted => "connection interrupted",
        })
    }
}

fn no_api_hint(suggestion: Option<&str>) -> String {
    match suggestion {
        Some(url) => format!("did you mean {url}?"),
        None => "check base_url or KRING_SERVER; `kring doctor` checks the way there".to_owned(),
    }
}

fn rate_limited_text(retry_after: Option<Duration>) -> String {
    match retry_after {
        // What the server asked for, not a countdown: this text is kept (an outbox item's last
        // error, a log line) and would stand still; screens that count down do it themselves.
        Some(d) => format!(
            "rate limited (the server asked to wait {} s)",
            d.as_secs().max(1)
        ),
        None => "rate limited".to_owned(),
    }
}

impl ApiError {
    /// Whether the same idempotent request may be tried again later.
    pub fn is_transient(&self) -> bool {
        match self {
            Self::Network { .. } | Self::RateLimited { .. } => true,
            Self::Server { status } => matches!(status, 500 | 502 | 503 | 504),
            _ => false,
        }
    }

    /// For a POST: true when the request may have reached the server although no answer came
    /// back, so the outcome must be reconciled before any retry.
    pub fn outcome_unknown(&self) -> bool {
        match self {
            Self::Network { kind, .. } => *kind != NetworkKind::Connect,
            Self::Server { status } => matches!(status, 502 | 504),
            Self::Decode { .. } | Self::TooLarge { .. } => true,
            _ => false,
        }
    }

    /// The same error with `secret` (the token) removed from any text a server supplied: a
    /// server or proxy that echoes the request must not put the token on screen or in a log.
    pub(crate) fn redacted(self, secret: &str) -> Self {
        let clean = |text: String| redact_text(&text, secret);
        match self {
            Self::Unauthorized { message } => Self::Unauthorized {
                message: clean(message),
            },
            Self::Forbidden { message } => Self::Forbidden {
                message: clean(message),
            },
            Self::Validation { messages } => Self::Validation {
                messages: messages.into_iter().map(clean).collect(),
            },
            Self::Network { kind, detail } => Self::Network {
                kind,
                detail: clean(detail),
            },
            Self::Decode {
                url,
                detail,
                snippet,
            } => Self::Decode {
                url: clean(url),
                detail: clean(detail),
                snippet: clean(snippet),
            },
            Self::TooLarge { url, limit } => Self::TooLarge {
                url: clean(url),
                limit,
            },
            Self::Setup(text) => Self::Setup(clean(text)),
            Self::NotRenewed { reason } => Self::NotRenewed {
                reason: clean(reason),
            },
            other @ (Self::NotFound
            | Self::NoApi { .. }
            | Self::TokenRefreshed
            | Self::TokenRejected { .. }
            | Self::SignedOut { .. }
            | Self::RateLimited { .. }
            | Self::Server { .. }
            | Self::RedirectRefused) => other,
        }
    }

    /// Classifies a reqwest transport error; the URL is stripped of its query (which may hold
    /// an `access_token`).
    pub(crate) fn from_transport(err: &reqwest::Error) -> Self {
        // A connect timeout is both `is_connect` and `is_timeout`; it never sent the request, so
        // it must be `Connect` (outcome known), not `Timeout` (outcome unknown).
        let kind = if err.is_connect() {
            NetworkKind::Connect
        } else if err.is_timeout() {
            NetworkKind::Timeout
        } else {
            NetworkKind::Interrupted
        };
        if err.is_redirect() {
            return Self::RedirectRefused;
        }
        let place = match err.url() {
            Some(url) => format!("{}{}", origin_of(url), url.path()),
            None => String::new(),
        };
        // The innermost cause says why (refused, timed out, which certificate problem); the
        // outer layers repeat the URL, which may carry a query.
        let detail = match root_cause(err) {
            Some(cause) if !place.is_empty() => format!("{place}: {cause}"),
            Some(cause) => cause,
            None => place,
        };
        Self::Network { kind, detail }
    }
}

/// The text of the innermost error below `err`, if any.
fn root_cause(err: &reqwest::Error) -> Option<String> {
    let mut cause = std::error::Error::source(err)?;
    while let Some(deeper) = cause.source() {
        cause = deeper;
    }
    Some(cause.to_string())
}

/// Tokens shorter than this are not redacted: they would match ordinary words.
const MIN_REDACTED_LEN: usize = 6;

/// `text` with every occurrence of `secret` replaced by `[redacted]`.
pub(crate) fn redact_text(text: &str, secret: &str) -> String {
    if secret.len() < MIN_REDACTED_LEN || !text.contains(secret) {
        return text.to_owned();
    }
    text.replace(secret, "[redacted]")
}

/// `scheme://host:port` of a URL.
pub(crate) fn origin_of(url: &reqwest::Url) -> String {
    url.origin().ascii_serialization()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rate_limited_says_how_long_the_server_asks_to_wait() {
        let e = ApiError::RateLimited {
            retry_after: Some(Duration::from_secs(30)),
        };
        assert_eq!(
            e.to_string(),
            "rate limited (the server asked to wait 30 s)"
        );
    }

    #[test]
    fn connect_failures_are_known_not_to_have_arrived() {
        let connect = ApiError::Network {
            kind: NetworkKind::Connect,
            detail: String::new(),
        };
        assert!(!connect.outcome_unknown());
        let reset = ApiError::Network {
            kind: NetworkKind::Interrupted,
            detail: String::new(),
        };
        assert!(reset.outcome_unknown());
        assert!(!ApiError::Validation { messages: vec![] }.outcome_unknown());
    }

    #[test]
    fn redaction_removes_the_token_from_server_text_only_when_long_enough() {
        let e = ApiError::Validation {
            messages: vec!["token abc-123-xyz refused".into()],
        };
        assert_eq!(
            e.redacted("abc-123-xyz").to_string(),
            "rejected: token [redacted] refused"
        );
        assert_eq!(redact_text("a cat", "a"), "a cat", "too short to redact");
    }
}
