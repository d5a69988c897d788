//! The device-code flow (RFC 8628, as Entra words it): `POST devicecode` hands out a device code
//! and a short user code; the user approves or denies it on `/devicelogin`; the device polls the
//! token endpoint, which answers `authorization_pending`, `slow_down` (and lengthens the
//! interval by 5 s), `expired_token`, `access_denied`, or tokens exactly once. Pending codes
//! live in memory only.

use std::collections::HashMap;
use std::sync::{Mutex, PoisonError};
use std::time::{Duration, Instant};

use axum::Json;
use axum::body::Bytes;
use axum::extract::rejection::BytesRejection;
use axum::extract::{Query, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use rand::Rng;
use serde::Serialize;

use super::errors::OAuthError;
use super::form::{self, Form};
use super::token::Approved;
use super::{MAX_PENDING, Scope, pages};
use crate::server::db::{tokens, users};
use crate::server::state::AppState;

/// How much `slow_down` lengthens the interval: five seconds, as the OAuth device flow asks.
const SLOW_DOWN_STEP: Duration = Duration::from_secs(5);

/// User codes: letters and digits that cannot be mistaken for one another.
const USER_CODE_ALPHABET: &[u8] = b"ABCDEFGHJKLMNPQRSTUVWXYZ23456789";
const USER_CODE_LEN: usize = 9;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Decision {
    Waiting,
    Approved(u64),
    Denied,
    Spent,
}

#[derive(Debug)]
struct Pending {
    client_id: String,
    scope: Scope,
    user_code: String,
    expires: Instant,
    interval: Duration,
    last_poll: Option<Instant>,
    decision: Decision,
}

/// Device codes in progress, by device code.
#[derive(Debug, Default)]
pub struct DeviceCodes {
    pending: Mutex<HashMap<String, Pending>>,
}

impl DeviceCodes {
    fn lock(&self) -> std::sync::MutexGuard<'_, HashMap<String, Pending>> {
        self.pending.lock().unwrap_or_else(PoisonError::into_inner)
    }
}

/// `POST devicecode`.
#[derive(Debug, Serialize)]
struct Issued {
    device_code: String,
    user_code: String,
    verification_uri: String,
    expires_in: u64,
    interval: u64,
    message: String,
}

pub async fn device_code(
    State(state): State<AppState>,
    headers: HeaderMap,
    body: Result<Bytes, BytesRejection>,
) -> Response {
    match start(&state, &headers, body) {
        Ok(issued) => Json(issued).into_response(),
        Err(error) => error.for_request(&headers).into_response(),
    }
}

fn start(
    state: &AppState,
    headers: &HeaderMap,
    body: Result<Bytes, BytesRejection>,
) -> Result<Issued, OAuthError> {
    let body = body.map_err(|_| OAuthError::invalid_request("The request body is too large."))?;
    let form = Form::from_body(headers, &body)?;
    let client_id = form.required("client_id")?.to_owned();
    let scope = Scope::parse(form.required("scope")?);
    let settings = &state.identity.settings;
    let now = Instant::now();
    let mut pending = state.identity.devices.lock();
    // Expired codes are kept one more lifetime, to answer `expired_token` rather than
    // `invalid_grant` to a device that polls late.
    pending.retain(|_, p| now < p.expires + settings.device_code_ttl);
    if pending.len() >= MAX_PENDING {
        return Err(OAuthError::unavailable());
    }
    let user_code = loop {
        let code = new_user_code();
        if !pending.values().any(|p| p.user_code == code) {
            break code;
        }
    };
    let device_code = tokens::new_secret();
    pending.insert(
        device_code.clone(),
        Pending {
            client_id,
            scope,
            user_code: user_code.clone(),
            expires: now + settings.device_code_ttl,
            interval: settings.device_code_interval,
            last_poll: None,
            decision: Decision::Waiting,
        },
    );
    let origin = match &settings.public_origin {
        Some(public) => public.clone(),
        None => form::origin(headers, &settings.origin),
    };
    let verification_uri = format!("{origin}/devicelogin");
    Ok(Issued {
        message: format!(
            "To sign in, use a web browser to open the page {verification_uri} and enter the \
             code {user_code} to authenticate."
        ),
        device_code,
        user_code,
        verification_uri,
        expires_in: settings.device_code_ttl.as_secs(),
        interval: settings.device_code_interval.as_secs(),
    })
}

fn new_user_code() -> String {
    let mut rng = rand::rng();
    (0..USER_CODE_LEN)
        .map(|_| char::from(USER_CODE_ALPHABET[rng.random_range(0..USER_CODE_ALPHABET.len())]))
        .collect()
}

/// A user code as typed: case, spaces and dashes do not matter.
fn normalize_user_code(typed: &str) -> String {
    typed
        .chars()
        .filter(|c| !c.is_whitespace() && *c != '-')
        .map(|c| c.to_ascii_uppercase())
        .collect()
}

/// The device-code grant of the token endpoint: one poll.
pub fn redeem(state: &AppState, form: &Form, client_id: &str) -> Result<Approved, OAuthError> {
    let device_code = form.required("device_code")?;
    let now = Instant::now();
    let mut pending = state.identity.devices.lock();
    let Some(entry) = pending
        .get_mut(device_code)
        .filter(|p| p.client_id == client_id)
    else {
        return Err(OAuthError::invalid_grant(
            "The provided device code is not valid: it is unknown or was issued to another client.",
        ));
    };
    if entry.decision == Decision::Spent {
        return Err(OAuthError::invalid_grant(
            "The provided device code was already redeemed.",
        ));
    }
    if now >= entry.expires {
        return Err(OAuthError::expired_token());
    }
    if entry
        .last_poll
        .is_some_and(|last| now.duration_since(last) < entry.interval)
    {
        entry.interval += SLOW_DOWN_STEP;
        entry.last_poll = Some(now);
        return Err(OAuthError::slow_down(entry.interval.as_secs()));
    }
    entry.last_poll = Some(now);
    match entry.decision {
        Decision::Waiting => Err(OAuthError::authorization_pending()),
        Decision::Denied => Err(OAuthError::access_denied()),
        Decision::Spent => Err(OAuthError::invalid_grant(
            "The provided device code was already redeemed.",
        )),
        Decision::Approved(user_id) => {
            entry.decision = Decision::Spent;
            Ok(Approved {
                user_id,
                client_id: entry.client_id.clone(),
                scope: entry.scope.clone(),
            })
        }
    }
}

/// `GET /devicelogin` (a `code` or `otc` parameter fills in the code).
pub async fn login_page(Query(query): Query<HashMap<String, String>>) -> Response {
    let code = query
        .get("code")
        .or_else(|| query.get("otc"))
        .map_or("", String::as_str);
    pages::device_form(StatusCode::OK, code, None)
}

/// `POST /devicelogin`: `user_code`, `username`, optional `decision=deny`.
pub async fn login_decide(
    State(state): State<AppState>,
    headers: HeaderMap,
    body: Result<Bytes, BytesRejection>,
) -> Response {
    let form = match body
        .map_err(|_| OAuthError::invalid_request("too large"))
        .and_then(|b| Form::from_body(&headers, &b))
    {
        Ok(form) => form,
        Err(_) => return refuse("", "The form could not be read."),
    };
    let typed = form.get("user_code").unwrap_or("");
    let deny = form
        .get("decision")
        .is_some_and(|d| d.eq_ignore_ascii_case("deny"));
    let username = form.get("username").map(str::trim).unwrap_or("");
    let user = if deny || username.is_empty() {
        None
    } else {
        let name = username.to_owned();
        match state
            .db
            .call(move |conn| Ok(users::id_by_sign_in_name(conn, &name)?))
            .await
        {
            Ok(user) => user,
            Err(_) => {
                return pages::notice(
                    StatusCode::INTERNAL_SERVER_ERROR,
                    "Something went wrong",
                    "The server could not look up that user. Try again.",
                );
            }
        }
    };
    let code = normalize_user_code(typed);
    let now = Instant::now();
    let mut pending = state.identity.devices.lock();
    let Some(entry) = pending
        .values_mut()
        .find(|p| !code.is_empty() && p.user_code == code)
    else {
        return refuse(
            typed,
            "That code is not valid. Check the code shown on your device.",
        );
    };
    if now >= entry.expires {
        return refuse(
            typed,
            "That code has expired. Start the sign-in again on your device.",
        );
    }
    if entry.decision != Decision::Waiting {
        return refuse(typed, "That code has already been used.");
    }
    if deny {
        entry.decision = Decision::Denied;
        return pages::notice(
            StatusCode::OK,
            "Sign-in declined",
            "You declined the sign-in. You can close this window.",
        );
    }
    if username.is_empty() {
        return refuse(typed, "Enter the username to sign in as.");
    }
    let Some(user_id) = user else {
        return refuse(typed, &format!("There is no user named {username:?} here."));
    };
    entry.decision = Decision::Approved(user_id);
    pages::notice(
        StatusCode::OK,
        "Signed in",
        &format!(
            "You have signed in to kring as {username} on your device. You can close this window."
        ),
    )
}

fn refuse(typed: &str, problem: &str) -> Response {
    pages::device_form(StatusCode::BAD_REQUEST, typed, Some(problem))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn user_codes_are_short_unambiguous_and_forgiving() {
        let code = new_user_code();
        assert_eq!(code.len(), USER_CODE_LEN);
        assert!(code.bytes().all(|b| USER_CODE_ALPHABET.contains(&b)));
        assert_eq!(normalize_user_code(" abc-def ghj"), "ABCDEFGHJ");
    }
}
