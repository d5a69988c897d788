//! Errors of `kring serve`: `ServerError` for starting and seeding, `ApiError` for one request.
//! `ApiError` renders every failure the way Yammer does (401 code 16, 429 code 33 with
//! `Retry-After`, 400 `{"base":[...]}`, 404 with a body); it never leaks internals to the client.

use std::time::Duration;

use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};

use crate::api::dto::{ErrorBody, ErrorResponse};

/// Why the server could not start, seed its database or mint a token.
#[derive(Debug, thiserror::Error)]
pub enum ServerError {
    #[error("could not bind or serve: {0}")]
    Io(#[from] std::io::Error),
    #[error("database error: {0}")]
    Db(#[from] rusqlite::Error),
    #[error("cannot create the database {}: {source}", path.display())]
    Create {
        path: std::path::PathBuf,
        source: std::io::Error,
    },
    #[error("cannot open the database: {0}")]
    Schema(#[from] super::db::upgrade::UpgradeError),
    #[error("no user named {0:?} in this database")]
    UnknownUser(String),
    #[error("{0:?} is disabled and cannot be given a token")]
    Disabled(String),
    #[error("background task failed: {0}")]
    Task(String),
}

/// A failed request, answered with Yammer's status and body.
#[derive(Debug, thiserror::Error)]
pub enum ApiError {
    #[error("token not found")]
    Unauthorized,
    #[error("rate limited")]
    RateLimited { retry_after: Duration },
    #[error("validation failed: {0:?}")]
    Validation(Vec<String>),
    #[error("not found: {0}")]
    NotFound(String),
    #[error("forbidden: {0}")]
    Forbidden(String),
    #[error("method not allowed")]
    MethodNotAllowed,
    #[error("request body too large")]
    PayloadTooLarge,
    #[error("unsupported content type: {0}")]
    UnsupportedMediaType(String),
    #[error("internal error: {0}")]
    Internal(String),
}

impl ApiError {
    /// A 400 with one validation message.
    pub fn invalid(message: impl Into<String>) -> Self {
        Self::Validation(vec![message.into()])
    }

    /// A 404 naming what was not found.
    pub fn not_found(what: impl Into<String>) -> Self {
        Self::NotFound(what.into())
    }

    fn status(&self) -> StatusCode {
        match self {
            Self::Unauthorized => StatusCode::UNAUTHORIZED,
            Self::RateLimited { .. } => StatusCode::TOO_MANY_REQUESTS,
            Self::Validation(_) => StatusCode::BAD_REQUEST,
            Self::NotFound(_) => StatusCode::NOT_FOUND,
            Self::Forbidden(_) => StatusCode::FORBIDDEN,
            Self::MethodNotAllowed => StatusCode::METHOD_NOT_ALLOWED,
            Self::PayloadTooLarge => StatusCode::PAYLOAD_TOO_LARGE,
            Self::UnsupportedMediaType(_) => StatusCode::UNSUPPORTED_MEDIA_TYPE,
            Self::Internal(_) => StatusCode::INTERNAL_SERVER_ERROR,
        }
    }

    fn body(&self) -> ErrorBody {
        match self {
            Self::Unauthorized => ErrorBody::response("Token not found.", 16),
            Self::RateLimited { .. } => {
                ErrorBody::response("Rate limited due to excessive requests.", 33)
            }
            Self::Validation(messages) => ErrorBody::validation(messages.clone()),
            Self::NotFound(what) => failure(format!("Not found: {what}.")),
            Self::Forbidden(why) => failure(format!("Forbidden: {why}.")),
            Self::MethodNotAllowed => failure("Method not allowed for this resource.".to_owned()),
            Self::PayloadTooLarge => failure("Request body too large.".to_owned()),
            Self::UnsupportedMediaType(kind) => {
                failure(format!("Unsupported content type: {kind}."))
            }
            Self::Internal(_) => failure("Internal server error.".to_owned()),
        }
    }
}

/// The `{"response":{"message":..,"code":null,"stat":"fail"}}` form for errors without a code.
fn failure(message: String) -> ErrorBody {
    ErrorBody {
        response: Some(ErrorResponse {
            message,
            code: None,
            stat: "fail".to_owned(),
        }),
        ..ErrorBody::default()
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        if let Self::Internal(detail) = &self {
            tracing::error!(%detail, "request failed inside the server");
        }
        let mut response = (self.status(), axum::Json(self.body())).into_response();
        if let Self::RateLimited { retry_after } = &self {
            let secs = retry_after.as_secs_f64().ceil().max(1.0) as u64;
            if let Ok(value) = HeaderValue::from_str(&secs.to_string()) {
                response.headers_mut().insert(header::RETRY_AFTER, value);
            }
        }
        response
    }
}

impl From<rusqlite::Error> for ApiError {
    fn from(e: rusqlite::Error) -> Self {
        Self::Internal(e.to_string())
    }
}
