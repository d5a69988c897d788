//! Chooses the account to use and obtains its token: `--account`, then `default_account`, then the
//! only account; `KRING_SERVER` and `KRING_TOKEN` override the base URL and token (and, with no
//! accounts configured, define one on their own).
//!
//! Reads the environment only through the closure it is given. May run the token command or read
//! the credentials file, so call it before the terminal UI starts or off the async runtime.

use super::file::{
    AccountConfig, ConfigError, ConfigFile, TokenSource, check_base_url, known_names,
};
use super::secret::{DEFAULT_TOKEN_COMMAND_TIMEOUT, Secret, read_token_file, run_token_command};

/// Overrides the chosen account's base URL.
pub const SERVER_ENV: &str = "KRING_SERVER";
/// Overrides the chosen account's token.
pub const TOKEN_ENV: &str = "KRING_TOKEN";
/// The account name used when only `KRING_SERVER` and `KRING_TOKEN` are set.
pub const ENV_ACCOUNT_NAME: &str = "env";

/// The account the app signs in with.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ResolvedAccount {
    pub name: String,
    pub base_url: String,
    pub token: Secret,
}

/// Resolves the account to use. `Ok(None)` means nothing is configured: the app opens the demo.
/// `selected` is the command line's `--account`, if any.
pub fn resolve_account(
    config: &ConfigFile,
    env: impl Fn(&str) -> Option<String>,
    selected: Option<&str>,
) -> Result<Option<ResolvedAccount>, ConfigError> {
    let read_env = |name: &str| {
        env(name)
            .map(|value| value.trim().to_string())
            .filter(|v| !v.is_empty())
    };
    let server = read_env(SERVER_ENV);
    if let Some(url) = &server {
        check_base_url(url).map_err(|reason| ConfigError::Environment {
            variable: SERVER_ENV.to_string(),
            reason,
        })?;
    }
    let env_token = read_env(TOKEN_ENV).map(Secret::new);

    let Some((name, account)) = choose_account(config, selected)? else {
        return account_from_environment(server, env_token);
    };
    let token = match env_token {
        Some(token) => token,
        None => fetch_token(name, account, &read_env)?,
    };
    Ok(Some(ResolvedAccount {
        name: name.to_string(),
        base_url: server.unwrap_or_else(|| account.base_url.clone()),
        token,
    }))
}

fn choose_account<'a>(
    config: &'a ConfigFile,
    selected: Option<&'a str>,
) -> Result<Option<(&'a str, &'a AccountConfig)>, ConfigError> {
    let no_account = |reason: String| ConfigError::NoAccountChosen {
        file: config.path.clone(),
        reason,
    };
    let wanted = selected.or(config.default_account.as_deref());
    if let Some(name) = wanted {
        return config
            .accounts
            .get_key_value(name)
            .map(|(name, account)| Some((name.as_str(), account)))
            .ok_or_else(|| {
                no_account(format!(
                    "no account `{name}` ({})",
                    known_names(&config.accounts)
                ))
            });
    }
    match config.accounts.len() {
        0 => Ok(None),
        1 => Ok(config
            .accounts
            .iter()
            .next()
            .map(|(name, account)| (name.as_str(), account))),
        _ => Err(no_account(format!(
            "several accounts and no default_account; set default_account or pass --account ({})",
            known_names(&config.accounts)
        ))),
    }
}

fn account_from_environment(
    server: Option<String>,
    token: Option<Secret>,
) -> Result<Option<ResolvedAccount>, ConfigError> {
    match (server, token) {
        (None, None) => Ok(None),
        (Some(base_url), Some(token)) => Ok(Some(ResolvedAccount {
            name: ENV_ACCOUNT_NAME.to_string(),
            base_url,
            token,
        })),
        (Some(_), None) => Err(ConfigError::Environment {
            variable: SERVER_ENV.to_string(),
            reason: format!("is set but no token is: set {TOKEN_ENV} or add an account"),
        }),
        (None, Some(_)) => Err(ConfigError::Environment {
            variable: TOKEN_ENV.to_string(),
            reason: format!("is set but no server is: set {SERVER_ENV} or add an account"),
        }),
    }
}

fn fetch_token(
    name: &str,
    account: &AccountConfig,
    read_env: &impl Fn(&str) -> Option<String>,
) -> Result<Secret, ConfigError> {
    let token_error = |reason: String| ConfigError::Token {
        account: name.to_string(),
        reason,
    };
    match &account.token {
        TokenSource::Env(variable) => read_env(variable).map(Secret::new).ok_or_else(|| {
            token_error(format!(
                "token_env: environment variable {variable} is not set"
            ))
        }),
        TokenSource::Command(argv) => run_token_command(argv, DEFAULT_TOKEN_COMMAND_TIMEOUT)
            .map_err(|error| token_error(error.to_string())),
        TokenSource::File(path) => {
            read_token_file(path, name).map_err(|error| token_error(error.to_string()))
        }
    }
}
