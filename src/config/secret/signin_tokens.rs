//! The tokens of a signed-in account, kept in `credentials.toml` beside the static tokens:
//!
//! ```toml
//! [accounts.viva]
//! access = "…"
//! refresh = "…"
//! expires_at = 1765000000     # Unix seconds
//! user = "Ada Lovelace <ada@contoso.com>"
//! ```
//!
//! Owns reading and replacing these fields (the file's other accounts and a static `token` are
//! kept). Must not put the file's contents in an error. Locking against other kring processes
//! is the caller's (`crate::auth::store`).

use std::path::Path;

use super::credentials_file::{read_protected, update_toml};
use super::{Secret, SecretError};
use crate::config::source_location::span_suffix;

/// What a sign-in left in the credentials file.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SignInTokens {
    pub access: Secret,
    pub refresh: Secret,
    /// When the access token expires, in Unix seconds.
    pub expires_at: i64,
    /// Who signed in, in words (`Ada Lovelace <ada@contoso.com>`), when known.
    pub user: Option<String>,
}

/// `account`'s sign-in tokens in `path`: `None` when the file does not exist or holds no sign-in
/// for it (never signed in, or signed out). A file others can read is refused.
pub fn read_signin(path: &Path, account: &str) -> Result<Option<SignInTokens>, SecretError> {
    let text = match read_protected(path) {
        Ok(text) => text,
        Err(SecretError::CredentialsMissing { .. }) => return Ok(None),
        Err(error) => return Err(error),
    };
    let mut parsed: super::credentials_file::CredentialsToml =
        toml::from_str(&text).map_err(|error| SecretError::CredentialsFormat {
            file: path.to_path_buf(),
            location: span_suffix(&text, error.span()),
        })?;
    let Some(entry) = parsed.accounts.remove(account) else {
        return Ok(None);
    };
    match (entry.access, entry.refresh) {
        (Some(access), Some(refresh)) if !access.trim().is_empty() => Ok(Some(SignInTokens {
            access: Secret::new(access.trim()),
            refresh: Secret::new(refresh.trim()),
            expires_at: entry.expires_at.unwrap_or(0),
            user: entry.user,
        })),
        _ => Ok(None),
    }
}

/// Saves `account`'s sign-in tokens to `path` atomically (0600 in a 0700 directory).
pub fn write_signin(path: &Path, account: &str, tokens: &SignInTokens) -> Result<(), SecretError> {
    update_toml(path, |accounts| {
        let entry = accounts.entry(account.to_owned()).or_default();
        entry.access = Some(tokens.access.expose().to_owned());
        entry.refresh = Some(tokens.refresh.expose().to_owned());
        entry.expires_at = Some(tokens.expires_at);
        entry.user = tokens.user.clone();
    })
}

/// Forgets `account`'s sign-in tokens (a static `token` stays). False when there were none.
pub fn forget_signin(path: &Path, account: &str) -> Result<bool, SecretError> {
    if read_signin(path, account)?.is_none() {
        return Ok(false);
    }
    update_toml(path, |accounts| {
        if let Some(entry) = accounts.get_mut(account) {
            entry.access = None;
            entry.refresh = None;
            entry.expires_at = None;
            entry.user = None;
            if entry.is_empty() {
                accounts.remove(account);
            }
        }
    })?;
    Ok(true)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::secret::{read_token_file, store_token};
    use std::os::unix::fs::PermissionsExt;

    fn tokens(access: &str) -> SignInTokens {
        SignInTokens {
            access: Secret::new(access),
            refresh: Secret::new("r1"),
            expires_at: 1_765_000_000,
            user: Some("Ada <ada@example.com>".into()),
        }
    }

    #[test]
    fn sign_in_tokens_live_beside_static_tokens() {
        let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
        let path = dir.path().join("kring").join("credentials.toml");
        store_token(&path, "static", &Secret::new("s")).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(read_signin(&path, "viva"), Ok(None));
        write_signin(&path, "viva", &tokens("a1")).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(read_signin(&path, "viva"), Ok(Some(tokens("a1"))));
        assert_eq!(read_token_file(&path, "static"), Ok(Secret::new("s")));
        let mode = std::fs::metadata(&path)
            .map(|m| m.permissions().mode() & 0o777)
            .unwrap_or_default();
        assert_eq!(mode, 0o600);
        // Storing a static token for the signed-in account keeps its sign-in.
        store_token(&path, "viva", &Secret::new("t")).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(read_signin(&path, "viva"), Ok(Some(tokens("a1"))));
        assert_eq!(forget_signin(&path, "viva"), Ok(true));
        assert_eq!(read_signin(&path, "viva"), Ok(None));
        assert_eq!(read_token_file(&path, "viva"), Ok(Secret::new("t")));
        assert_eq!(forget_signin(&path, "viva"), Ok(false));
    }

    #[test]
    fn a_missing_file_is_no_sign_in_and_a_bad_one_names_no_token() {
        let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
        let path = dir.path().join("credentials.toml");
        assert_eq!(read_signin(&path, "viva"), Ok(None));
        std::fs::write(&path, "[accounts.viva]\naccess = \"sekrit\nrefresh=1").ok();
        std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o600)).ok();
        let error = read_signin(&path, "viva").err().map(|e| e.to_string());
        assert!(
            error
                .as_deref()
                .is_some_and(|e| e.contains("not valid") && !e.contains("sekrit")),
            "{error:?}"
        );
    }
}
