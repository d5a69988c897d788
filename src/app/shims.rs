//! Temporary stand-ins for modules landing in parallel (`api::ApiError`); deleted when they land.

use std::time::Duration;

/// Stand-in for `crate::api::ApiError`.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum ApiError {
    #[error("not signed in")]
    Unauthorized,
    #[error("forbidden")]
    Forbidden,
    #[error("not found")]
    NotFound,
    #[error("rate limited")]
    RateLimited { retry_after: Option<Duration> },
    #[error("rejected: {messages:?}")]
    Validation { messages: Vec<String> },
    #[error("server error {status}")]
    Server { status: u16 },
    #[error("network: {message}")]
    Network { message: String },
    #[error("decode: {message}")]
    Decode { message: String },
}
