//! The first check: which config file, which account, where its token comes from and which
//! extra CAs it trusts; the result is the [`Target`] every later check works on. A token that
//! cannot be had still leaves a target (the network checks need no token), as long as the
//! server's URL is known.
//!
//! Runs the token command or reads the credentials file as kring itself would (off the async
//! runtime); never shows the token.

use reqwest::Url;

use super::report::Step;
use crate::config::account::{ENV_ACCOUNT_NAME, SERVER_ENV, TOKEN_SOURCES_HINT};
use crate::config::ca_file::{CaFile, SSL_CERT_FILE, SYSTEM_READS_SSL_CERT_FILE, ca_files};
use crate::config::network::NetworkConfig;
use crate::config::{self, ConfigFile, Paths, Secret, TokenOrigin};

/// What the later checks work on.
pub struct Target {
    /// The API base URL, ending in `/`.
    pub base: Url,
    pub token: Option<Secret>,
    pub origin: Option<TokenOrigin>,
    pub roots: Vec<reqwest::Certificate>,
    /// The CA files those roots came from, for messages.
    pub ca_files: Vec<CaFile>,
    pub network: NetworkConfig,
}

pub const NAME: &str = "config";

/// Step 1, and the target when the server's URL is known.
pub async fn config_step(
    paths: &Paths,
    selected: Option<String>,
    env: fn(&str) -> Option<String>,
) -> (Step, Option<Target>) {
    let path = paths.config_file();
    let file = format!(
        "{}{}",
        path.display(),
        if path.exists() { "" } else { " (not found)" }
    );
    let config = match ConfigFile::load(&path) {
        Ok(config) => config,
        Err(e) => {
            return (
                Step::fail(
                    NAME,
                    e.to_string(),
                    "fix config.toml where the message points",
                ),
                None,
            );
        }
    };
    let resolving = {
        let (config, selected) = (config.clone(), selected.clone());
        tokio::task::spawn_blocking(move || {
            config::resolve_account(&config, env, selected.as_deref())
        })
        .await
    };
    let (account, token_problem) = match resolving {
        Ok(Ok(Some(account))) => (
            (
                account.name,
                account.base_url,
                Some((account.token, account.origin)),
            ),
            None,
        ),
        Ok(Ok(None)) => {
            return (
                Step::fail(
                    NAME,
                    format!("{file}: no account configured (kring would open the demo network)"),
                    format!(
                        "set {SERVER_ENV} and KRING_TOKEN, or add an [accounts.NAME] table with \
                         base_url to {}",
                        path.display()
                    ),
                ),
                None,
            );
        }
        Ok(Err(e)) => match base_without_token(&config, selected.as_deref(), env) {
            Some((name, base)) => ((name, base, None), Some(e.to_string())),
            None => return (Step::fail(NAME, e.to_string(), TOKEN_SOURCES_HINT), None),
        },
        Err(e) => {
            return (
                Step::fail(NAME, e.to_string(), "run kring doctor again"),
                None,
            );
        }
    };
    let (name, base_url, credentials) = account;
    let base = match crate::api::api_base(&base_url) {
        Ok(base) => base,
        Err(e) => return (Step::fail(NAME, e.to_string(), "fix base_url"), None),
    };
    // Plain http has no TLS: kring reads no CA file for it, and neither does the check.
    let files = if base.scheme() == "https" {
        ca_files(&config, &name, env)
    } else {
        Vec::new()
    };
    let mut roots = Vec::new();
    let mut ca_problem = None;
    let mut trusted = Vec::new();
    for file in &files {
        match file.load() {
            Ok(certificates) => {
                let replaces = SYSTEM_READS_SSL_CERT_FILE && file.origin == SSL_CERT_FILE;
                trusted.push(format!(
                    "{} {} ({} certificate{}{})",
                    file.origin,
                    file.path.display(),
                    certificates.len(),
                    if certificates.len() == 1 { "" } else { "s" },
                    if replaces {
                        ", in place of the system's list"
                    } else {
                        ""
                    }
                ));
                roots.extend(certificates);
            }
            Err(e) => ca_problem = ca_problem.or(Some(e.to_string())),
        }
    }
    let mut detail = format!("{file}; account `{name}` → {base}");
    if env(SERVER_ENV).is_some() && name != ENV_ACCOUNT_NAME {
        detail.push_str(&format!(" ({SERVER_ENV})"));
    }
    if let Some((_, origin)) = &credentials {
        detail.push_str(&format!("; token from {}", origin.describe()));
    }
    if !trusted.is_empty() {
        detail.push_str(&format!("; CA files: {}", trusted.join(", ")));
    }
    let step = match (token_problem, ca_problem) {
        (Some(problem), _) => Step::fail(
            NAME,
            format!("{detail}; no token: {problem}"),
            "fix the token source named above (the network checks below run without it)",
        ),
        (None, Some(problem)) => Step::fail(
            NAME,
            format!("{detail}; {problem}"),
            "point ca_file or SSL_CERT_FILE at a PEM file (-----BEGIN CERTIFICATE-----) \
             holding your company's CA",
        ),
        (None, None) => Step::pass(NAME, detail),
    };
    let (token, origin) = credentials.unzip();
    let target = Target {
        base,
        token,
        origin,
        roots,
        ca_files: files,
        network: config.network,
    };
    (step, Some(target))
}

/// The account and URL kring would use when its token cannot be had: `KRING_SERVER`, or the
/// chosen account's `base_url` (`--account`, `default_account`, or the only one).
fn base_without_token(
    config: &ConfigFile,
    selected: Option<&str>,
    env: fn(&str) -> Option<String>,
) -> Option<(String, String)> {
    let wanted = selected.or(config.default_account.as_deref());
    let chosen = match wanted {
        Some(name) => config.accounts.get_key_value(name),
        None if config.accounts.len() == 1 => config.accounts.iter().next(),
        None => None,
    };
    let server = env(SERVER_ENV)
        .filter(|url| !url.trim().is_empty())
        .and_then(|url| config::base_url::normalize_base_url(&url, SERVER_ENV).ok());
    match (chosen, server) {
        (Some((name, _)), Some(url)) => Some((name.clone(), url)),
        (Some((name, account)), None) => Some((name.clone(), account.base_url.clone())),
        (None, Some(url)) => Some((ENV_ACCOUNT_NAME.to_owned(), url)),
        (None, None) => None,
    }
}
