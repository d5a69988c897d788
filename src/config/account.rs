//! Chooses the account to use and obtains its token: `--account`, then `default_account`, then the
//! only account; `KRING_SERVER` and `KRING_TOKEN` override the base URL and token (and, with no
//! accounts configured, define one on their own).
//!
//! Reads the environment only through the closure it is given. May run the token command or read
//! the credentials file, so call it before the terminal UI starts or off the async runtime. A
//! signed-in account gets the stored access token as it is (the API client refreshes it).

use super::file::{AccountConfig, ConfigError, ConfigFile, TokenSource, known_names};
use super::secret::{Secret, SecretError, TokenOrigin};

/// Overrides the chosen account's base URL.
pub const SERVER_ENV: &str = "KRING_SERVER";
/// Overrides the chosen account's token.
pub const TOKEN_ENV: &str = "KRING_TOKEN";
/// The account name used when only `KRING_SERVER` and `KRING_TOKEN` are set.
pub const ENV_ACCOUNT_NAME: &str = "env";

/// Appended to every "no token" error: kring uses no OS keyring, so these are all the
/// places a token can come from.
pub const TOKEN_SOURCES_HINT: &str = "a token comes from KRING_TOKEN, or an account's token_env, \
     token_command (e.g. [\"pass\", \"show\", \"yammer\"]) or token_file (default: \
     credentials.toml in the config directory, mode 0600); kring uses no OS keyring";

/// The account the app signs in with.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ResolvedAccount {
    pub name: String,
    pub base_url: String,
    pub token: Secret,
    /// Where the token came from: the API client fetches it again from there when the server
    /// rejects it (see [`TokenOrigin::refreshes_by_itself`]).
    pub origin: TokenOrigin,
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
    let server = read_env(SERVER_ENV)
        .map(|url| super::base_url::normalize_base_url(&url, SERVER_ENV))
        .transpose()
        .map_err(|reason| ConfigError::Environment {
            variable: SERVER_ENV.to_string(),
            reason,
        })?;
    let env_token = read_env(TOKEN_ENV).map(Secret::new);

    let Some((name, account)) = choose_account(config, selected)? else {
        return account_from_environment(server, env_token);
    };
    let (token, origin) = match env_token {
        Some(token) => (
            token,
            TokenOrigin::Env {
                variable: TOKEN_ENV.to_owned(),
            },
        ),
        None => fetch_token(name, account, &read_env)?,
    };
    Ok(Some(ResolvedAccount {
        name: name.to_string(),
        base_url: server.unwrap_or_else(|| account.base_url.clone()),
        token,
        origin,
    }))
}

/// The account `selected` (or `default_account`, or the only one) names; `Ok(None)` when none is
/// configured.
pub fn choose_account<'a>(
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
            origin: TokenOrigin::Env {
                variable: TOKEN_ENV.to_owned(),
            },
        })),
        (Some(_), None) => Err(ConfigError::Environment {
            variable: SERVER_ENV.to_string(),
            reason: format!(
                "is set but no token is: set {TOKEN_ENV} or add an account ({TOKEN_SOURCES_HINT})"
            ),
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
) -> Result<(Secret, TokenOrigin), ConfigError> {
    let token_error = |reason: String| ConfigError::Token {
        account: name.to_string(),
        reason,
    };
    let origin = match &account.token {
        TokenSource::Env(variable) => {
            let origin = TokenOrigin::Env {
                variable: variable.clone(),
            };
            return match read_env(variable) {
                Some(token) => Ok((Secret::new(token), origin)),
                None => Err(token_error(format!(
                    "token_env: environment variable {variable} is not set ({TOKEN_SOURCES_HINT})"
                ))),
            };
        }
        TokenSource::Command(argv) => TokenOrigin::command(argv.clone()),
        TokenSource::File(path) => TokenOrigin::File {
            path: path.clone(),
            account: name.to_owned(),
        },
        TokenSource::SignIn { config, store } => {
            let origin = TokenOrigin::SignIn {
                account: name.to_owned(),
                store: store.clone(),
                config: config.clone(),
            };
            // Signed out (or never signed in): the client starts with no token and says how to
            // sign in at its first call; it picks up a `kring login` made meanwhile.
            return match crate::config::secret::read_signin(store, name) {
                Ok(tokens) => Ok((
                    tokens.map_or_else(|| Secret::new(""), |tokens| tokens.access),
                    origin,
                )),
                Err(error) => Err(token_error(error.to_string())),
            };
        }
    };
    match origin.fetch_again() {
        Ok(token) => Ok((token, origin)),
        Err(
            error
            @ (SecretError::CredentialsMissing { .. } | SecretError::NoTokenForAccount { .. }),
        ) => Err(token_error(format!("{error} ({TOKEN_SOURCES_HINT})"))),
        Err(error) => Err(token_error(error.to_string())),
    }
}
