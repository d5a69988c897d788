//! The identity provider: `kring serve` answers the Microsoft Entra ID (OAuth 2.0 v2) endpoints a
//! client signs in with, under `/{tenant}/oauth2/v2.0/` for any tenant: `devicecode`, `token`
//! (device-code, authorization-code with PKCE, and refresh-token grants) and `authorize`, plus the
//! `/devicelogin` page where a user approves a device. Pending device and authorization codes
//! live in memory ([`Identity`], part of `AppState`; a restart forgets them); access and refresh
//! tokens live hashed in the database (`db::tokens`, `db::refresh`). These endpoints are not
//! rate-limited like the API; device-code polling is held back by `slow_down` instead.
//! Submodules: `device`, `authorize` and `authcode` (the two flows), `token` (the token
//! endpoint and issuing), `form` (parameters), `pages` (HTML), `errors` (Entra-shaped errors).

mod authcode;
mod authorize;
mod device;
mod errors;
mod form;
pub(super) mod pages;
mod token;

use std::time::Duration;

use axum::Router;
use axum::extract::DefaultBodyLimit;
use axum::routing::{get, post};

use super::state::AppState;

/// How the identity endpoints behave.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Settings {
    /// Lifetime of the access tokens they issue.
    pub token_ttl: Duration,
    /// Lifetime of a device code (and its user code).
    pub device_code_ttl: Duration,
    /// The polling interval a device is first told to keep.
    pub device_code_interval: Duration,
    /// Lifetime of an authorization code.
    pub auth_code_ttl: Duration,
    /// `http://ADDR` of the listening socket, used when a request has no usable `Host`.
    pub origin: String,
    /// `--public-url`: when set, the device-login page is always given at this origin.
    pub public_origin: Option<String>,
}

/// Lifetime of a refresh token (Entra's default: 90 days).
const REFRESH_TTL: Duration = Duration::from_secs(90 * 24 * 3600);

/// Most sign-ins (device codes, authorization codes) in progress at once.
const MAX_PENDING: usize = 10_000;

/// The identity provider's state: its settings and the codes of sign-ins in progress.
#[derive(Debug)]
pub struct Identity {
    settings: Settings,
    devices: device::DeviceCodes,
    codes: authcode::AuthCodes,
}

impl Identity {
    pub fn new(settings: Settings) -> Self {
        Self {
            settings,
            devices: device::DeviceCodes::default(),
            codes: authcode::AuthCodes::default(),
        }
    }
}

/// Whether `path` belongs to the identity endpoints (which parse their own requests).
pub fn is_identity_path(path: &str) -> bool {
    path == "/devicelogin" || path.contains("/oauth2/v2.0/")
}

/// The identity routes, to merge into the server's router.
pub fn routes() -> Router<AppState> {
    Router::new()
        .route(
            "/{tenant}/oauth2/v2.0/devicecode",
            post(device::device_code),
        )
        .route("/{tenant}/oauth2/v2.0/token", post(token::token))
        .route(
            "/{tenant}/oauth2/v2.0/authorize",
            get(authorize::page).post(authorize::decide),
        )
        .route(
            "/devicelogin",
            get(device::login_page).post(device::login_decide),
        )
        .layer(DefaultBodyLimit::max(form::MAX_FORM_BYTES))
}

/// Requested scopes, in order, without repeats.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Scope(Vec<String>);

/// Scopes about the sign-in itself rather than the API; Entra leaves them out of `scope`.
const SIGN_IN_SCOPES: [&str; 4] = ["openid", "profile", "email", "offline_access"];

impl Scope {
    pub fn parse(raw: &str) -> Self {
        let mut scopes: Vec<String> = Vec::new();
        for s in raw.split_whitespace() {
            if !scopes.iter().any(|have| have.eq_ignore_ascii_case(s)) {
                scopes.push(s.to_owned());
            }
        }
        Self(scopes)
    }

    /// Whether a refresh token was asked for.
    pub fn offline(&self) -> bool {
        self.0
            .iter()
            .any(|s| s.eq_ignore_ascii_case("offline_access"))
    }

    /// All scopes, space-separated (as stored with a refresh token).
    pub fn full(&self) -> String {
        self.0.join(" ")
    }

    /// The `scope` of a token response: the API scopes granted (all of them when only
    /// sign-in scopes were asked for).
    pub fn granted(&self) -> String {
        let api: Vec<&str> = self
            .0
            .iter()
            .map(String::as_str)
            .filter(|s| !SIGN_IN_SCOPES.iter().any(|o| o.eq_ignore_ascii_case(s)))
            .collect();
        if api.is_empty() {
            self.full()
        } else {
            api.join(" ")
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn scopes_dedupe_and_sign_in_scopes_are_not_granted_back() {
        let scope = Scope::parse("  api://kring/.default offline_access openid  OFFLINE_ACCESS ");
        assert!(scope.offline());
        assert_eq!(scope.full(), "api://kring/.default offline_access openid");
        assert_eq!(scope.granted(), "api://kring/.default");
        assert_eq!(Scope::parse("openid").granted(), "openid");
        assert!(!Scope::parse("User.Read").offline());
    }

    #[test]
    fn identity_paths_are_recognised() {
        assert!(is_identity_path("/organizations/oauth2/v2.0/token"));
        assert!(is_identity_path("/devicelogin"));
        assert!(!is_identity_path("/api/v1/messages"));
    }
}
