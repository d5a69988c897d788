//! Extractors for handlers: the merged `Params` (put in place by `prepare`) and `IdPath`, an id
//! from the URL where anything that is not a valid id (`abc`, `-1`, 2^64) is a 404 with a body.

use axum::extract::{FromRequestParts, Path};
use axum::http::request::Parts;

use super::errors::ApiError;
use super::params::{Params, parse_id};

impl<S: Send + Sync> FromRequestParts<S> for Params {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, _state: &S) -> Result<Self, ApiError> {
        Ok(parts
            .extensions
            .get::<Params>()
            .cloned()
            .unwrap_or_default())
    }
}

/// The one `{id}` of a route.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct IdPath(pub u64);

impl<S: Send + Sync> FromRequestParts<S> for IdPath {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, ApiError> {
        let Path(raw) = Path::<String>::from_request_parts(parts, state)
            .await
            .map_err(|_| ApiError::not_found("no such id"))?;
        parse_id(&raw).map(IdPath).ok_or_else(|| {
            ApiError::not_found(format!("id {:?}", raw.chars().take(40).collect::<String>()))
        })
    }
}
