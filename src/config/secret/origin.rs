//! `TokenOrigin`: where an account's token came from, so that the API client can fetch it again
//! when the server rejects it (a `token_command` is re-run by itself: a password manager may
//! hold a newer token; a sign-in is refreshed by `crate::auth`) and so that messages can say
//! where to update it.
//!
//! Must not keep, print or log a token; `describe` names the source, never its contents (for a
//! command only the program, not its arguments).

use std::path::PathBuf;
use std::time::Duration;

use super::{
    DEFAULT_TOKEN_COMMAND_TIMEOUT, Secret, SecretError, read_signin, read_token_file,
    run_token_command,
};
use crate::config::signin::SignInConfig;

/// Where a token came from.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum TokenOrigin {
    /// An environment variable (`KRING_TOKEN` or an account's `token_env`): it cannot change
    /// while kring runs.
    Env { variable: String },
    /// `token_command`: run again once when the server rejects the token.
    Command {
        argv: Vec<String>,
        timeout: Duration,
    },
    /// A credentials file, read for `account`.
    File { path: PathBuf, account: String },
    /// Given by the program itself (the demo network, tests): nothing to fetch again.
    Fixed,
    /// `kring login`: the tokens of `account` in the credentials file `store`, refreshed with
    /// the identity provider of `config` before they expire and when the server rejects them.
    SignIn {
        account: String,
        store: PathBuf,
        config: SignInConfig,
    },
}

impl TokenOrigin {
    /// A `token_command` origin with the default timeout.
    pub fn command(argv: Vec<String>) -> Self {
        Self::Command {
            argv,
            timeout: DEFAULT_TOKEN_COMMAND_TIMEOUT,
        }
    }

    /// Whether kring may fetch the token again by itself after the server rejected it. Only a
    /// command may give a newer token without the user's help; an environment variable or a
    /// file holds the same rejected token until the user changes it.
    pub fn refreshes_by_itself(&self) -> bool {
        matches!(self, Self::Command { .. } | Self::SignIn { .. })
    }

    /// Fetches the token again: runs the command or re-reads the file. Blocking (it may run a
    /// program for up to its timeout): call it off the async runtime.
    pub fn fetch_again(&self) -> Result<Secret, SecretError> {
        match self {
            Self::Command { argv, timeout } => run_token_command(argv, *timeout),
            Self::File { path, account } => read_token_file(path, account),
            Self::SignIn { account, store, .. } => read_signin(store, account)?
                .map(|tokens| tokens.access)
                .ok_or_else(|| SecretError::SignedOut {
                    account: account.clone(),
                }),
            Self::Env { variable } => Err(SecretError::CannotFetchAgain {
                source_name: format!("environment variable {variable}"),
            }),
            Self::Fixed => Err(SecretError::CannotFetchAgain {
                source_name: Self::Fixed.describe(),
            }),
        }
    }

    /// Where the user updates the token, in words for a message.
    pub fn describe(&self) -> String {
        match self {
            Self::Env { variable } => format!("environment variable {variable}"),
            Self::Command { argv, .. } => format!(
                "token_command `{}`",
                argv.first().map(String::as_str).unwrap_or_default()
            ),
            Self::File { path, .. } => format!("credentials file {}", path.display()),
            Self::Fixed => "given at start".to_owned(),
            Self::SignIn { account, .. } => format!("sign-in (kring login --account {account})"),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_a_command_refreshes_by_itself() {
        assert!(TokenOrigin::command(vec!["pass".into()]).refreshes_by_itself());
        let env = TokenOrigin::Env {
            variable: "KRING_TOKEN".into(),
        };
        assert!(!env.refreshes_by_itself());
        assert!(matches!(
            env.fetch_again(),
            Err(SecretError::CannotFetchAgain { .. })
        ));
        assert!(!TokenOrigin::Fixed.refreshes_by_itself());
    }

    #[test]
    fn a_command_is_described_by_its_program_only() {
        let origin = TokenOrigin::command(vec!["pass".into(), "show".into(), "work/x".into()]);
        assert_eq!(origin.describe(), "token_command `pass`");
    }
}
