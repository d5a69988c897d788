//! Signing in to an identity provider with the OAuth 2.0 endpoints of Microsoft Entra ID (v2):
//! the device code flow (`device`), the authorization code flow with PKCE and a loopback
//! redirect or a pasted URL (`pkce`, `loopback`), the token store beside the static tokens with
//! its cross-process lock (`store`), silent refresh with rotation (`refresh`), and the commands
//! `kring login`, `kring logout` and `kring accounts` (`login`, `accounts`). `endpoint` speaks
//! to the token endpoints.
//!
//! The API client reaches this module only through `TokenOrigin::SignIn` and [`Renewer`]. Must
//! not print, log or put an access or refresh token into an error, argv or a child's
//! environment; must not redeem a refresh token without holding the store's lock.

mod accounts;
mod device;
mod endpoint;
#[cfg(test)]
pub(crate) mod fake_idp;
mod login;
mod loopback;
mod pkce;
mod progress;
mod refresh;
mod store;

use crate::config::secret::SecretError;

pub use accounts::{AccountRecord, accounts, logout};
pub use login::{LoginOptions, login};
pub use refresh::{Renewal, Renewer};
pub use store::modified as store_modified;

/// What kring asks for: the Yammer API as the signed-in user, and a refresh token.
pub const SCOPE: &str = "https://www.yammer.com/.default offline_access";

/// The loopback port of `kring login --browser` unless `--port` says otherwise: fixed, so that
/// `ssh -L 8400:localhost:8400` brings the browser's redirect back from a laptop.
pub const DEFAULT_LOGIN_PORT: u16 = 8400;

/// Renew the access token this long before it expires.
pub const REFRESH_MARGIN_SECS: i64 = 300;

/// The exit code of a command that failed because the account is signed out (BSD's
/// `EX_NOPERM`): scripts can tell "sign in again" from other failures.
pub const SIGNED_OUT_EXIT: u8 = 77;

/// The exit code of a sign-in cancelled with ctrl-c.
pub const CANCELLED_EXIT: u8 = 130;

/// Why signing in or renewing failed. No variant carries a token.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum AuthError {
    #[error("signed out of `{account}`: run `kring login --account {account}`")]
    SignedOut { account: String },
    #[error("the sign-in was declined")]
    Denied,
    #[error("the code expired before the sign-in was approved: run `kring login` again")]
    CodeExpired,
    #[error("sign-in cancelled; nothing was saved")]
    Cancelled,
    #[error("the identity provider refused: {error}: {description}")]
    Refused { error: String, description: String },
    #[error("the identity provider at {url} answered {detail}; the stored sign-in is unchanged")]
    BadAnswer { url: String, detail: String },
    #[error("cannot reach the identity provider at {url}: {detail}")]
    Network { url: String, detail: String },
    #[error("{0}")]
    Store(#[from] SecretError),
    #[error("{0}")]
    Config(String),
    #[error("the browser sign-in: {0}")]
    Redirect(String),
}

impl AuthError {
    /// The process exit code for this failure.
    pub fn exit_code(&self) -> u8 {
        match self {
            Self::SignedOut { .. } => SIGNED_OUT_EXIT,
            Self::Cancelled => CANCELLED_EXIT,
            _ => 1,
        }
    }
}

/// The current time in Unix seconds.
fn now_unix() -> i64 {
    chrono::Utc::now().timestamp()
}
