//! The authorization endpoint of the authorization-code flow, for public clients on loopback
//! redirect URIs: `GET authorize` shows a consent page; `POST authorize` (the page's form, or
//! one scripted POST) redirects to `redirect_uri?code=…&state=…`, or `?error=access_denied&
//! state=…` when the user declines. A request whose redirect URI is missing or not loopback is
//! refused on a page, never redirected. Issuing the code is `authcode`'s job.

use std::time::Instant;

use axum::body::Bytes;
use axum::extract::State;
use axum::extract::rejection::BytesRejection;
use axum::http::{HeaderMap, StatusCode, Uri, header};
use axum::response::{IntoResponse, Response};
use url::{Host, Url};

use super::authcode::Code;
use super::errors::OAuthError;
use super::form::Form;
use super::{Scope, pages};
use crate::server::db::users;
use crate::server::state::AppState;

/// A validated authorization request.
struct Request {
    client_id: String,
    redirect: Url,
    scope: String,
    state: Option<String>,
    challenge: String,
}

/// Why a request cannot proceed: on the page itself (no trustworthy redirect URI) or by
/// redirecting back to the client with an error.
enum Refusal {
    Page(String),
    Redirect(Box<Url>, &'static str, String, Option<String>),
}

impl IntoResponse for Refusal {
    fn into_response(self) -> Response {
        match self {
            Self::Page(problem) => {
                pages::notice(StatusCode::BAD_REQUEST, "Sign-in request refused", &problem)
            }
            Self::Redirect(url, error, description, state) => {
                let mut url = *url;
                {
                    let mut query = url.query_pairs_mut();
                    query.append_pair("error", error);
                    query.append_pair("error_description", &description);
                    if let Some(state) = &state {
                        query.append_pair("state", state);
                    }
                }
                redirect(&url)
            }
        }
    }
}

fn redirect(url: &Url) -> Response {
    (
        StatusCode::FOUND,
        [(header::LOCATION, url.as_str().to_owned())],
    )
        .into_response()
}

/// Only loopback `http` redirect URIs, as for a public client on the user's machine.
fn loopback(raw: &str) -> Option<Url> {
    let url = Url::parse(raw).ok()?;
    let host_ok = match url.host() {
        Some(Host::Domain(d)) => d.eq_ignore_ascii_case("localhost"),
        Some(Host::Ipv4(ip)) => ip.is_loopback(),
        Some(Host::Ipv6(ip)) => ip.is_loopback(),
        None => false,
    };
    (url.scheme() == "http"
        && host_ok
        && url.fragment().is_none()
        && url.username().is_empty()
        && url.password().is_none())
    .then_some(url)
}

fn validate(form: &Form) -> Result<Request, Refusal> {
    let client_id = form
        .get("client_id")
        .ok_or_else(|| Refusal::Page("The request has no client_id.".to_owned()))?;
    let raw_redirect = form
        .get("redirect_uri")
        .ok_or_else(|| Refusal::Page("The request has no redirect_uri.".to_owned()))?;
    let redirect = loopback(raw_redirect).ok_or_else(|| {
        Refusal::Page(format!(
            "The redirect URI {raw_redirect:?} is not accepted: only http://localhost and \
             http://127.0.0.1 addresses are."
        ))
    })?;
    let state = form.get("state").map(str::to_owned);
    let refuse = |error, description: &str| {
        Refusal::Redirect(
            Box::new(redirect.clone()),
            error,
            description.to_owned(),
            state.clone(),
        )
    };
    if form.get("response_type") != Some("code") {
        return Err(refuse(
            "unsupported_response_type",
            "AADSTS700054: response_type must be 'code'.",
        ));
    }
    let scope = form.get("scope").ok_or_else(|| {
        refuse(
            "invalid_request",
            "AADSTS900144: The request must contain 'scope'.",
        )
    })?;
    let challenge = form.get("code_challenge").ok_or_else(|| {
        refuse(
            "invalid_request",
            "AADSTS9002325: Proof Key for Code Exchange is required: send code_challenge.",
        )
    })?;
    let well_formed = (43..=128).contains(&challenge.len())
        && challenge
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_');
    if !well_formed {
        return Err(refuse(
            "invalid_request",
            "AADSTS501481: code_challenge must be the unpadded base64url SHA-256 of the verifier.",
        ));
    }
    if form.get("code_challenge_method") != Some("S256") {
        return Err(refuse(
            "invalid_request",
            "AADSTS501491: code_challenge_method must be S256.",
        ));
    }
    Ok(Request {
        client_id: client_id.to_owned(),
        redirect,
        scope: scope.to_owned(),
        state,
        challenge: challenge.to_owned(),
    })
}

/// The parameters the consent form carries to its POST.
const CARRIED: [&str; 7] = [
    "client_id",
    "response_type",
    "redirect_uri",
    "scope",
    "state",
    "code_challenge",
    "code_challenge_method",
];

fn consent(
    uri: &Uri,
    form: &Form,
    request: &Request,
    status: StatusCode,
    problem: Option<&str>,
) -> Response {
    let hidden: Vec<(&str, &str)> = CARRIED
        .iter()
        .filter_map(|k| form.get(k).map(|v| (*k, v)))
        .collect();
    pages::authorize_form(
        status,
        uri.path(),
        &request.client_id,
        &request.scope,
        &hidden,
        problem,
    )
}

/// `GET authorize`.
pub async fn page(uri: Uri) -> Response {
    let form = match Form::parse(uri.query().unwrap_or("").as_bytes()) {
        Ok(form) => form,
        Err(e) => return Refusal::Page(e.message).into_response(),
    };
    match validate(&form) {
        Ok(request) => consent(&uri, &form, &request, StatusCode::OK, None),
        Err(refusal) => refusal.into_response(),
    }
}

/// `POST authorize`: the request's parameters plus `username` and `decision` (`approve`, the
/// default, or `deny`).
pub async fn decide(
    State(state): State<AppState>,
    uri: Uri,
    headers: HeaderMap,
    body: Result<Bytes, BytesRejection>,
) -> Response {
    let form = match body
        .map_err(|_| OAuthError::invalid_request("The request body is too large."))
        .and_then(|b| Form::from_body(&headers, &b))
    {
        Ok(form) => form,
        Err(e) => return Refusal::Page(e.message).into_response(),
    };
    let request = match validate(&form) {
        Ok(request) => request,
        Err(refusal) => return refusal.into_response(),
    };
    if form
        .get("decision")
        .is_some_and(|d| d.eq_ignore_ascii_case("deny"))
    {
        return Refusal::Redirect(
            Box::new(request.redirect),
            "access_denied",
            "AADSTS65004: User declined to consent to access the app.".to_owned(),
            request.state,
        )
        .into_response();
    }
    let Some(username) = form
        .get("username")
        .map(str::trim)
        .filter(|u| !u.is_empty())
    else {
        return consent(
            &uri,
            &form,
            &request,
            StatusCode::BAD_REQUEST,
            Some("Enter the username to sign in as."),
        );
    };
    let name = username.to_owned();
    let user = match state
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
    };
    let Some(user_id) = user else {
        let problem = format!("There is no user named {username:?} here.");
        return consent(
            &uri,
            &form,
            &request,
            StatusCode::BAD_REQUEST,
            Some(&problem),
        );
    };
    let issued = state.identity.codes.issue(Code {
        client_id: request.client_id,
        redirect_uri: form.get("redirect_uri").unwrap_or_default().to_owned(),
        challenge: request.challenge,
        user_id,
        scope: Scope::parse(&request.scope),
        expires: Instant::now() + state.identity.settings.auth_code_ttl,
        spent: None,
    });
    let Some(code) = issued else {
        return Refusal::Redirect(
            Box::new(request.redirect),
            "temporarily_unavailable",
            "AADSTS90033: Too many sign-ins in progress. Try again shortly.".to_owned(),
            request.state,
        )
        .into_response();
    };
    let mut url = request.redirect;
    {
        let mut query = url.query_pairs_mut();
        query.append_pair("code", &code);
        if let Some(state) = &request.state {
            query.append_pair("state", state);
        }
    }
    redirect(&url)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_loopback_http_redirects_are_accepted() {
        for ok in [
            "http://localhost:8400/cb",
            "http://127.0.0.1:1234/",
            "http://[::1]:9/x?y=1",
            "http://localhost/",
        ] {
            assert!(loopback(ok).is_some(), "{ok}");
        }
        for bad in [
            "https://localhost:8400/cb",
            "http://example.com:8400/cb",
            "http://localhost.example.com/",
            "http://user@localhost:1/",
            "http://localhost:1/#frag",
            "kring://callback",
            "not a url",
        ] {
            assert!(loopback(bad).is_none(), "{bad}");
        }
    }
}
