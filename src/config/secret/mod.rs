//! Secrets: the `Secret` wrapper that never prints its contents, and the places a token can
//! come from besides the environment: a credentials file (0600 in a 0700 directory, refused when
//! others can read it; it also keeps the tokens of a sign-in) and a token command (argv, no
//! shell, with a timeout).
//!
//! Must not log, print or put a token into an error message, argv or a child's environment.

mod credentials_file;
mod origin;
mod signin_tokens;
mod token_command;

use std::fmt;
use std::path::PathBuf;

pub use credentials_file::{read_token_file, store_token};
pub use origin::TokenOrigin;
pub use signin_tokens::{SignInTokens, forget_signin, read_signin, write_signin};
pub use token_command::{DEFAULT_TOKEN_COMMAND_TIMEOUT, run_token_command};

/// An access token. `Debug` and `Display` print `Secret(***)`; only [`Secret::expose`] gives the
/// text, so every use of the raw token is greppable. The bytes are overwritten when dropped.
#[derive(Clone, PartialEq, Eq)]
pub struct Secret(String);

impl Secret {
    /// Wraps a token.
    pub fn new(token: impl Into<String>) -> Self {
        Self(token.into())
    }

    /// The token itself, for the `Authorization` header and nothing else.
    pub fn expose(&self) -> &str {
        &self.0
    }
}

impl fmt::Debug for Secret {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Secret(***)")
    }
}

impl fmt::Display for Secret {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Secret(***)")
    }
}

impl Drop for Secret {
    fn drop(&mut self) {
        let mut bytes = std::mem::take(&mut self.0).into_bytes();
        bytes.iter_mut().for_each(|byte| *byte = 0);
        // Keeps the zeroing from being optimised away as a dead store.
        std::hint::black_box(&bytes);
    }
}

/// Why a token could not be obtained. No variant ever carries the token or the file's contents.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum SecretError {
    #[error("credentials file {file} does not exist")]
    CredentialsMissing { file: PathBuf },
    #[error(
        "credentials file {} has mode {mode:04o}, so group or others can read it; kring will not \
         use it. Fix: chmod 600 {}",
        file.display(),
        file.display()
    )]
    LoosePermissions { file: PathBuf, mode: u32 },
    #[error(
        "credentials file {} is a {kind}, not a file: point token_file at a file holding the token",
        file.display()
    )]
    NotAFile { file: PathBuf, kind: &'static str },
    #[error("credentials file {}: cannot read: {reason}", file.display())]
    CredentialsUnreadable { file: PathBuf, reason: String },
    #[error(
        "credentials file {}{location}: not valid credentials TOML (expected [accounts.<name>] \
         token = \"…\")",
        file.display()
    )]
    CredentialsFormat { file: PathBuf, location: String },
    #[error(
        "credentials file {} has no token for account `{account}` (add [accounts.{account}] \
         token = \"…\")",
        file.display()
    )]
    NoTokenForAccount { file: PathBuf, account: String },
    #[error("{source_name} gave an empty token")]
    EmptyToken { source_name: String },
    #[error("credentials file {}: cannot write: {reason}", file.display())]
    CredentialsWrite { file: PathBuf, reason: String },
    #[error("signed out of `{account}`: run `kring login --account {account}`")]
    SignedOut { account: String },
    #[error("{source_name} cannot give a new token while kring runs")]
    CannotFetchAgain { source_name: String },
    #[error("token_command is empty (give the program and its arguments as a list)")]
    CommandEmpty,
    #[error("token_command `{program}` could not start: {reason}")]
    CommandSpawn { program: String, reason: String },
    #[error("token_command `{program}` did not finish within {limit}")]
    CommandTimeout { program: String, limit: String },
    #[error("token_command `{program}` failed ({status}){stderr}")]
    CommandFailed {
        program: String,
        status: String,
        stderr: String,
    },
}
