//! Authentication: the caller's token from `Authorization: Bearer` or `?access_token=`, resolved to
//! a user, then counted against the rate limit. A missing or unknown token is Yammer's 401 code 16.

use axum::extract::FromRequestParts;
use axum::http::HeaderMap;
use axum::http::header::AUTHORIZATION;
use axum::http::request::Parts;

use super::db::tokens;
use super::errors::ApiError;
use super::params::Params;
use super::rate_limit::Family;
use super::state::AppState;

/// The authenticated user making the request.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Caller {
    pub user_id: u64,
}

/// The token of an `Authorization: Bearer` header, the only way the web pages accept one.
pub fn bearer_token(headers: &HeaderMap) -> Option<String> {
    let value = headers.get(AUTHORIZATION)?.to_str().ok()?.trim();
    let (scheme, token) = value.split_once(' ')?;
    let token = token.trim();
    (scheme.eq_ignore_ascii_case("bearer") && !token.is_empty()).then(|| token.to_owned())
}

fn token_of(parts: &Parts) -> Option<String> {
    if parts.headers.contains_key(AUTHORIZATION) {
        return bearer_token(&parts.headers);
    }
    let params = parts.extensions.get::<Params>()?;
    params
        .nonempty("access_token")
        .ok()
        .flatten()
        .map(str::to_owned)
}

impl FromRequestParts<AppState> for Caller {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, ApiError> {
        let token = token_of(parts).ok_or(ApiError::Unauthorized)?;
        let lookup = token.clone();
        let user = state
            .db
            .read(move |conn| Ok(tokens::user_for(conn, &lookup)?))
            .await?
            .ok_or(ApiError::Unauthorized)?;
        state
            .limiter
            .check(&token, Family::of_path(parts.uri.path()))
            .map_err(|retry_after| ApiError::RateLimited { retry_after })?;
        Ok(Self { user_id: user })
    }
}
