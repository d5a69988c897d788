//! Reading an answer: a non-success status and its body become an [`ApiError`]; a success body
//! is decoded, mended once when only broken text stopped it (`lossy_json`), and a body that is
//! not what was asked is quoted in the error with every token redacted. No I/O.

use std::time::Duration;

use reqwest::{StatusCode, Url};
use serde::de::DeserializeOwned;

use super::dto::ErrorBody;
use super::error::{ApiError, redact_text};
use super::retry::DEFAULT_RETRY_AFTER;
use super::token::TokenCell;

/// Maps a non-success status and its body to an error.
pub(super) fn status_error(
    status: StatusCode,
    body: &[u8],
    retry_after: Option<Duration>,
) -> ApiError {
    let parsed: ErrorBody = serde_json::from_slice(body).unwrap_or_default();
    let messages = parsed.messages();
    let first = messages.first().cloned().unwrap_or_default();
    match status.as_u16() {
        401 if parsed.code() == Some(33) => ApiError::RateLimited {
            retry_after: Some(retry_after.unwrap_or(DEFAULT_RETRY_AFTER)),
        },
        429 => ApiError::RateLimited {
            retry_after: Some(retry_after.unwrap_or(DEFAULT_RETRY_AFTER)),
        },
        401 => ApiError::Unauthorized { message: first },
        403 => ApiError::Forbidden { message: first },
        404 => ApiError::NotFound,
        400..=499 => ApiError::Validation {
            messages: if messages.is_empty() {
                vec![format!("status {}", status.as_u16())]
            } else {
                messages
            },
        },
        code => ApiError::Server { status: code },
    }
}

/// How many characters of a bad body an error quotes.
const SNIPPET_CHARS: usize = 80;

/// Decodes a body; on failure the error quotes the start of the body with `secret` redacted.
pub(super) fn decode<T: DeserializeOwned>(
    url: &Url,
    bytes: &[u8],
    token: &TokenCell,
) -> Result<T, ApiError> {
    let secret = token.current_secret();
    let secret: &str = &secret;
    // Successful deletes and likes may answer with an empty or blank body.
    let trimmed = bytes.trim_ascii();
    let input: &[u8] = if trimmed.is_empty() { b"null" } else { trimmed };
    let strict = serde_json::from_slice(input);
    let strict = match strict {
        Err(error) => match super::lossy_json::mend(input) {
            // A server that cuts text on UTF-16 units, or sends a stray byte, costs one
            // character (U+FFFD) instead of the whole answer.
            Some(mended) => serde_json::from_slice(&mended)
                .inspect(|_| {
                    tracing::warn!(url = %strip_query(url), "answer had broken text; shown with U+FFFD")
                })
                .map_err(|_| error),
            None => Err(error),
        },
        decoded => decoded,
    };
    strict.map_err(|e| {
        // A login page or proxy answering in place of the API is worth naming as such.
        let detail = if trimmed.starts_with(b"<") {
            "unexpected HTML response (a login page or a proxy?)".to_owned()
        } else {
            e.to_string()
        };
        // Redact before cutting, so a token straddling the cut cannot leak in part.
        let window = &bytes[..bytes.len().min(4 * SNIPPET_CHARS + secret.len())];
        let head = redact_text(&String::from_utf8_lossy(window), secret);
        let error = ApiError::Decode {
            url: strip_query(url),
            detail,
            snippet: head.chars().take(SNIPPET_CHARS).collect(),
        };
        token.redact(error)
    })
}

/// The URL without its query string, which may carry an `access_token`.
pub(super) fn strip_query(url: &Url) -> String {
    let mut clean = url.clone();
    clean.set_query(None);
    clean.to_string()
}
