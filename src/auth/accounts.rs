//! `kring accounts` (each configured account: name, server, who is signed in, how it gets its
//! token, when the token expires) and `kring logout` (forgets an account's sign-in tokens).
//!
//! Reads `config.toml` and the token store; prints no token, and never runs a token command
//! (how an account authenticates is read from the configuration, not tried).

use serde::Serialize;

use super::{AuthError, store};
use crate::config::account::choose_account;
use crate::config::file::TokenSource;
use crate::config::secret::read_signin;
use crate::config::{ConfigFile, Paths};
use crate::text::SafeText;

/// One line of `kring accounts --json`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct AccountRecord {
    pub name: String,
    pub server: String,
    /// Who signed in (sign-in accounts only, when known).
    pub user: Option<String>,
    /// `sign-in`, `token_env`, `token_file` or `token_command`.
    pub auth: &'static str,
    /// Whether a sign-in account holds tokens (`null` for the others).
    pub signed_in: Option<bool>,
    /// When the access token expires, RFC 3339 (sign-in accounts only).
    pub expires_at: Option<String>,
    pub default: bool,
}

fn load(paths: &Paths) -> Result<ConfigFile, AuthError> {
    ConfigFile::load(&paths.config_file()).map_err(|e| AuthError::Config(e.to_string()))
}

/// The accounts of `config.toml`, as text or JSON.
pub async fn accounts(paths: &Paths, json: bool) -> Result<String, AuthError> {
    let config = load(paths)?;
    let records = tokio::task::spawn_blocking(move || records(&config))
        .await
        .map_err(|e| AuthError::Config(e.to_string()))??;
    if json {
        return serde_json::to_string_pretty(&records)
            .map_err(|e| AuthError::Config(e.to_string()));
    }
    Ok(table(&records, &paths.config_file().display().to_string()))
}

fn records(config: &ConfigFile) -> Result<Vec<AccountRecord>, AuthError> {
    let default = choose_account(config, None)
        .ok()
        .flatten()
        .map(|(name, _)| name);
    let mut records = Vec::new();
    for (name, account) in &config.accounts {
        let mut record = AccountRecord {
            name: name.clone(),
            server: account.base_url.clone(),
            user: None,
            auth: "token_file",
            signed_in: None,
            expires_at: None,
            default: default == Some(name.as_str()),
        };
        match &account.token {
            TokenSource::Env(_) => record.auth = "token_env",
            TokenSource::Command(_) => record.auth = "token_command",
            TokenSource::File(_) => {}
            TokenSource::SignIn { store, .. } => {
                record.auth = "sign-in";
                let tokens = read_signin(store, name)?;
                record.signed_in = Some(tokens.is_some());
                if let Some(tokens) = tokens {
                    record.user = tokens.user.map(|u| SafeText::new(&u).to_string());
                    record.expires_at = chrono::DateTime::from_timestamp(tokens.expires_at, 0)
                        .map(|at| at.to_rfc3339_opts(chrono::SecondsFormat::Secs, true));
                }
            }
        }
        records.push(record);
    }
    Ok(records)
}

fn table(records: &[AccountRecord], config_file: &str) -> String {
    if records.is_empty() {
        return format!("no accounts in {config_file} (kring opens the demo network)\n");
    }
    let mut out = String::new();
    for record in records {
        let marker = if record.default { "*" } else { " " };
        let status = match (record.signed_in, &record.expires_at) {
            (Some(false), _) => "signed out".to_owned(),
            (Some(true), Some(at)) => format!("token expires {at}"),
            _ => String::new(),
        };
        let user = record.user.as_deref().unwrap_or("");
        let line = [
            format!("{marker}{}", record.name),
            record.auth.to_owned(),
            SafeText::new(&record.server).to_string(),
            user.to_owned(),
            status,
        ]
        .into_iter()
        .filter(|field| !field.is_empty())
        .collect::<Vec<_>>()
        .join("  ");
        out.push_str(&line);
        out.push('\n');
    }
    out
}

/// Forgets the chosen account's sign-in tokens; says what happened.
pub async fn logout(paths: &Paths, selected: Option<&str>) -> Result<String, AuthError> {
    let config = load(paths)?;
    let (name, account) = choose_account(&config, selected)
        .map_err(|e| AuthError::Config(e.to_string()))?
        .ok_or_else(|| AuthError::Config("no account is configured".into()))?;
    let TokenSource::SignIn { store, .. } = &account.token else {
        return Err(AuthError::Config(format!(
            "account `{name}` does not sign in (it uses a token_* key); nothing to forget"
        )));
    };
    if store::forget(store, name).await? {
        Ok(format!(
            "Signed out of `{name}`: its tokens are gone from {}.",
            store.display()
        ))
    } else {
        Ok(format!("`{name}` was not signed in."))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_table_says_how_each_account_authenticates() {
        let record =
            |name: &str, auth, signed_in: Option<bool>, expires: Option<&str>| AccountRecord {
                name: name.into(),
                server: "https://www.yammer.com/api/v1".into(),
                user: signed_in
                    .filter(|s| *s)
                    .map(|_| "Ada <ada@example.com>".to_owned()),
                auth,
                signed_in,
                expires_at: expires.map(str::to_owned),
                default: name == "viva",
            };
        let text = table(
            &[
                record("viva", "sign-in", Some(true), Some("2026-12-07T00:00:00Z")),
                record("old", "sign-in", Some(false), None),
                record("work", "token_command", None, None),
            ],
            "config.toml",
        );
        assert!(text.contains("*viva  sign-in  https://www.yammer.com/api/v1  Ada <ada@example.com>  token expires 2026-12-07T00:00:00Z"), "{text}");
        assert!(
            text.contains(" old  sign-in  https://www.yammer.com/api/v1  signed out"),
            "{text}"
        );
        assert!(text.contains(" work  token_command"), "{text}");
    }
}
