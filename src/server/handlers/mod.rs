//! HTTP handlers, one file per resource. Each handler validates its parameters, runs one database
//! job and renders DTOs; none holds SQL. Shared response helpers live here.

pub mod feeds;
pub mod groups;
pub mod likes;
pub mod messages;
pub mod networks;
pub mod notifications;
pub mod relationships;
pub mod search;
pub mod subscriptions;
pub mod threads;
pub mod topics;
pub mod users;
pub mod web;

use axum::Json;
use axum::http::{Method, StatusCode, Uri};
use axum::response::{IntoResponse, Response};
use serde::Serialize;

use super::errors::ApiError;
use super::params::Params;

/// 201 with a JSON body.
pub fn created<T: Serialize>(value: T) -> Response {
    (StatusCode::CREATED, Json(value)).into_response()
}

/// 200 with an empty body (Yammer's answer to a successful delete).
pub fn empty_ok() -> Response {
    StatusCode::OK.into_response()
}

/// The 1-based `page` parameter (absent or 0 means the first page).
pub fn page(params: &Params) -> Result<u64, ApiError> {
    Ok(params.count("page")?.unwrap_or(1).max(1))
}

/// The first character of `letter`, which must be a letter or digit.
pub fn letter(params: &Params) -> Result<Option<char>, ApiError> {
    match params.nonempty("letter")? {
        None => Ok(None),
        Some(text) => match text.chars().next() {
            Some(c) if c.is_alphanumeric() && text.chars().count() == 1 => Ok(Some(c)),
            _ => Err(ApiError::invalid("letter must be a single letter or digit")),
        },
    }
}

/// Unknown routes: 404 with a body.
pub async fn no_route(method: Method, uri: Uri) -> ApiError {
    let path: String = uri.path().chars().take(120).collect();
    ApiError::not_found(format!("no route for {method} {path}"))
}

/// Known routes with the wrong method: 405 with a body.
pub async fn wrong_method() -> ApiError {
    ApiError::MethodNotAllowed
}
