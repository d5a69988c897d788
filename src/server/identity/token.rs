//! The token endpoint (`POST /{tenant}/oauth2/v2.0/token`): dispatches on `grant_type` to the
//! device-code and authorization-code flows, handles the refresh-token grant itself (rotation,
//! reuse revokes the sign-in), and issues tokens in Entra's response shape. Never logs a token.

use std::time::Duration;

use axum::Json;
use axum::body::Bytes;
use axum::extract::State;
use axum::extract::rejection::BytesRejection;
use axum::http::HeaderMap;
use axum::response::{IntoResponse, Response};
use serde::Serialize;

use super::errors::OAuthError;
use super::form::Form;
use super::{REFRESH_TTL, Scope, authcode, device};
use crate::server::db::refresh::{self, Redeemed, SignIn};
use crate::server::db::tokens::{self, now_millis};
use crate::server::state::AppState;

const DEVICE_CODE_GRANT: &str = "urn:ietf:params:oauth:grant-type:device_code";

/// A successful token response.
#[derive(Debug, Serialize)]
pub struct TokenResponse {
    token_type: &'static str,
    scope: String,
    expires_in: u64,
    ext_expires_in: u64,
    access_token: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    refresh_token: Option<String>,
}

/// A user's sign-in through a client that a flow has completed: what to issue tokens for.
#[derive(Clone, Debug)]
pub struct Approved {
    pub user_id: u64,
    pub client_id: String,
    pub scope: Scope,
}

/// `POST token`.
pub async fn token(
    State(state): State<AppState>,
    headers: HeaderMap,
    body: Result<Bytes, BytesRejection>,
) -> Response {
    match grant(&state, &headers, body).await {
        Ok(issued) => Json(issued).into_response(),
        Err(error) => error.for_request(&headers).into_response(),
    }
}

async fn grant(
    state: &AppState,
    headers: &HeaderMap,
    body: Result<Bytes, BytesRejection>,
) -> Result<TokenResponse, OAuthError> {
    let body = body.map_err(|_| OAuthError::invalid_request("The request body is too large."))?;
    let form = Form::from_body(headers, &body)?;
    let grant_type = form.required("grant_type")?;
    let client_id = form.required("client_id")?.to_owned();
    match grant_type {
        DEVICE_CODE_GRANT => {
            let approved = device::redeem(state, &form, &client_id)?;
            issue_new(state, approved).await
        }
        "authorization_code" => {
            let (approved, code) = authcode::redeem(state, &form, &client_id).await?;
            let sign_in = start(state, &approved).await?;
            state.identity.codes.spent(&code, sign_in.id);
            issue(state, sign_in, approved.scope).await
        }
        "refresh_token" => refresh_grant(state, &form, client_id).await,
        other => Err(OAuthError::unsupported_grant_type(other)),
    }
}

/// Records the sign-in and issues its first tokens.
async fn issue_new(state: &AppState, approved: Approved) -> Result<TokenResponse, OAuthError> {
    let sign_in = start(state, &approved).await?;
    issue(state, sign_in, approved.scope).await
}

async fn start(state: &AppState, approved: &Approved) -> Result<SignIn, OAuthError> {
    let (user, client) = (approved.user_id, approved.client_id.clone());
    Ok(state
        .db
        .call(move |conn| Ok(refresh::start(conn, user, &client)?))
        .await?)
}

/// Issues an access token (and, with `offline_access`, a refresh token) for `sign_in`.
async fn issue(
    state: &AppState,
    sign_in: SignIn,
    scope: Scope,
) -> Result<TokenResponse, OAuthError> {
    let ttl = state.identity.settings.token_ttl;
    let (granted, full, offline) = (scope.granted(), scope.full(), scope.offline());
    let (access_token, refresh_token) = state
        .db
        .call(move |conn| {
            let now = now_millis();
            let tx = conn.transaction()?;
            let access = tokens::mint(
                &tx,
                sign_in.user_id,
                Some(now.saturating_add(millis(ttl))),
                Some(sign_in.id),
            )?;
            let refresh = if offline {
                let expires = now.saturating_add(millis(REFRESH_TTL));
                Some(refresh::issue(&tx, sign_in.id, &full, expires)?)
            } else {
                None
            };
            tx.commit()?;
            Ok((access, refresh))
        })
        .await?;
    Ok(TokenResponse {
        token_type: "Bearer",
        scope: granted,
        expires_in: ttl.as_secs(),
        ext_expires_in: ttl.as_secs(),
        access_token,
        refresh_token,
    })
}

fn millis(d: Duration) -> i64 {
    i64::try_from(d.as_millis()).unwrap_or(i64::MAX)
}

/// The refresh-token grant: spends the token and issues a new pair for the same sign-in.
async fn refresh_grant(
    state: &AppState,
    form: &Form,
    client_id: String,
) -> Result<TokenResponse, OAuthError> {
    let presented = form.required("refresh_token")?.to_owned();
    let asked = form.get("scope").map(Scope::parse);
    let client = client_id.clone();
    let outcome = state
        .db
        .call(move |conn| Ok(refresh::redeem(conn, &presented, &client)?))
        .await?;
    match outcome {
        Redeemed::Fresh { sign_in, scope } => {
            let mut scope = asked.unwrap_or_else(|| Scope::parse(&scope));
            if !scope.offline() {
                // A refresh keeps the sign-in renewable: the successor is always issued.
                scope = Scope::parse(&format!("{} offline_access", scope.full()));
            }
            issue(state, sign_in, scope).await
        }
        Redeemed::Unknown => Err(OAuthError::invalid_grant(
            "The refresh token is not valid: it is malformed, unknown or revoked.",
        )),
        Redeemed::OtherClient => Err(OAuthError::invalid_grant(format!(
            "The refresh token was issued to a different client than '{}'.",
            client_id.chars().take(80).collect::<String>()
        ))),
        Redeemed::Expired => Err(OAuthError::grant_expired()),
        Redeemed::Reused => Err(OAuthError::revoked()),
    }
}
