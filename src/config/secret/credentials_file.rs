//! The credentials file: `credentials.toml` (`[accounts.<name>] token = "…"`, and the tokens of
//! a signed-in account, see `signin_tokens`) or, for any other file name, a plain file whose
//! first line is the token. Created 0600 inside a 0700 directory
//! with the mode set at creation (never relying on the umask); refused on read when group or
//! others have any access, like OpenSSH's "UNPROTECTED PRIVATE KEY FILE".
//!
//! Must not include the file's contents in any error (a TOML error can quote a value).

use std::collections::BTreeMap;
use std::fs::{DirBuilder, File};
use std::io::Read;
use std::os::unix::fs::{DirBuilderExt, PermissionsExt};
use std::path::Path;

use serde::{Deserialize, Serialize};

use super::{Secret, SecretError};
use crate::config::atomic_file::write_atomically;
use crate::config::source_location::span_suffix;

/// Credentials files larger than this are not tokens; reading stops here.
const MAX_CREDENTIALS_BYTES: u64 = 64 * 1024;

/// Permission bits that must be clear: any access by group or others.
const GROUP_OTHER_BITS: u32 = 0o077;

#[derive(Default, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub(super) struct CredentialsToml {
    #[serde(default)]
    pub accounts: BTreeMap<String, AccountCredentials>,
}

/// One account's entry: a static `token`, the tokens of a sign-in, or both.
#[derive(Default, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub(super) struct AccountCredentials {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub token: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub access: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub refresh: Option<String>,
    /// Unix seconds.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub expires_at: Option<i64>,
    /// Who signed in, for `kring accounts`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub user: Option<String>,
}

impl AccountCredentials {
    pub(super) fn is_empty(&self) -> bool {
        self.token.is_none() && self.access.is_none() && self.refresh.is_none()
    }
}

fn is_toml(path: &Path) -> bool {
    path.extension()
        .is_some_and(|extension| extension == "toml")
}

/// Reads `account`'s token from `path`, refusing a file that group or others can access.
pub fn read_token_file(path: &Path, account: &str) -> Result<Secret, SecretError> {
    let text = read_protected(path)?;
    let token = if is_toml(path) {
        let mut parsed: CredentialsToml =
            toml::from_str(&text).map_err(|error| SecretError::CredentialsFormat {
                file: path.to_path_buf(),
                location: span_suffix(&text, error.span()),
            })?;
        parsed
            .accounts
            .remove(account)
            .and_then(|entry| entry.token)
            .ok_or_else(|| SecretError::NoTokenForAccount {
                file: path.to_path_buf(),
                account: account.to_string(),
            })?
    } else {
        text.lines().next().unwrap_or_default().to_string()
    };
    let token = token.trim();
    if token.is_empty() {
        return Err(SecretError::EmptyToken {
            source_name: format!("credentials file {}", path.display()),
        });
    }
    Ok(Secret::new(token))
}

/// Opens `path` and checks the permissions of the opened file (not the path, so a swap between
/// check and read cannot slip a looser file in) before reading anything.
pub(super) fn read_protected(path: &Path) -> Result<String, SecretError> {
    let unreadable = |reason: String| SecretError::CredentialsUnreadable {
        file: path.to_path_buf(),
        reason,
    };
    // A FIFO would block the open until something writes to it, and a directory or a device
    // is never a token file: say what it is instead of waiting or advising a chmod.
    let not_a_file = |file_type: std::fs::FileType| SecretError::NotAFile {
        file: path.to_path_buf(),
        kind: file_kind(file_type),
    };
    match std::fs::metadata(path) {
        Ok(metadata) if !metadata.is_file() => return Err(not_a_file(metadata.file_type())),
        _ => {}
    }
    let file = File::open(path).map_err(|error| match error.kind() {
        std::io::ErrorKind::NotFound => SecretError::CredentialsMissing {
            file: path.to_path_buf(),
        },
        _ => unreadable(error.to_string()),
    })?;
    let metadata = file
        .metadata()
        .map_err(|error| unreadable(error.to_string()))?;
    if !metadata.is_file() {
        return Err(not_a_file(metadata.file_type()));
    }
    let mode = metadata.permissions().mode() & 0o7777;
    if mode & GROUP_OTHER_BITS != 0 {
        return Err(SecretError::LoosePermissions {
            file: path.to_path_buf(),
            mode,
        });
    }
    let mut text = String::new();
    file.take(MAX_CREDENTIALS_BYTES)
        .read_to_string(&mut text)
        .map_err(|error| unreadable(error.to_string()))?;
    Ok(text)
}

/// What a path that is not a regular file is, in a person's words.
fn file_kind(file_type: std::fs::FileType) -> &'static str {
    use std::os::unix::fs::FileTypeExt;
    if file_type.is_dir() {
        "directory"
    } else if file_type.is_fifo() {
        "named pipe"
    } else if file_type.is_char_device() || file_type.is_block_device() {
        "device"
    } else if file_type.is_socket() {
        "socket"
    } else {
        "special file"
    }
}

/// Saves `account`'s token to `path`: directories are created 0700, the file is replaced
/// atomically (`write_atomically`: a 0600 temporary in the same directory, synced, renamed,
/// directory synced), so no moment exists where the token sits in a file others can read, and
/// a crash leaves the old file or the new. Other accounts in a `.toml` file are kept.
pub fn store_token(path: &Path, account: &str, token: &Secret) -> Result<(), SecretError> {
    if is_toml(path) {
        return update_toml(path, |accounts| {
            accounts.entry(account.to_string()).or_default().token =
                Some(token.expose().to_string());
        });
    }
    write_private(path, format!("{}\n", token.expose()).as_bytes())
}

/// Changes the accounts of the `.toml` credentials file at `path` with `change` and writes it
/// back atomically; the other accounts and fields are kept.
pub(super) fn update_toml(
    path: &Path,
    change: impl FnOnce(&mut BTreeMap<String, AccountCredentials>),
) -> Result<(), SecretError> {
    let mut existing = read_existing_toml(path)?;
    change(&mut existing.accounts);
    let contents = toml::to_string(&existing).map_err(|error| SecretError::CredentialsWrite {
        file: path.to_path_buf(),
        reason: error.to_string(),
    })?;
    write_private(path, contents.as_bytes())
}

/// Creates the directory 0700 if needed and replaces `path` with `contents` atomically, 0600.
fn write_private(path: &Path, contents: &[u8]) -> Result<(), SecretError> {
    let write_error = |reason: String| SecretError::CredentialsWrite {
        file: path.to_path_buf(),
        reason,
    };
    let directory = path
        .parent()
        .filter(|dir| !dir.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    DirBuilder::new()
        .recursive(true)
        .mode(0o700)
        .create(directory)
        .map_err(|error| write_error(error.to_string()))?;
    write_atomically(path, contents, 0o600).map_err(|error| write_error(error.to_string()))
}

/// The accounts already in `path` (none when it does not exist). A file that cannot be read or
/// parsed is an error rather than silently replaced, which would lose its other accounts.
pub(super) fn read_existing_toml(path: &Path) -> Result<CredentialsToml, SecretError> {
    let mut text = String::new();
    match File::open(path) {
        Err(error) if error.kind() == std::io::ErrorKind::NotFound => {
            return Ok(CredentialsToml::default());
        }
        Err(error) => {
            return Err(SecretError::CredentialsUnreadable {
                file: path.to_path_buf(),
                reason: error.to_string(),
            });
        }
        Ok(file) => file
            .take(MAX_CREDENTIALS_BYTES)
            .read_to_string(&mut text)
            .map_err(|error| SecretError::CredentialsUnreadable {
                file: path.to_path_buf(),
                reason: error.to_string(),
            })?,
    };
    toml::from_str(&text).map_err(|error| SecretError::CredentialsFormat {
        file: path.to_path_buf(),
        location: span_suffix(&text, error.span()),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_directory_a_device_or_a_pipe_is_named_not_read_or_waited_on() {
        let dir = tempfile::tempdir().unwrap();
        let pipe = dir.path().join("pipe");
        let made = std::process::Command::new("mkfifo").arg(&pipe).status();
        let mut cases = vec![
            (dir.path().to_path_buf(), "directory"),
            (Path::new("/dev/null").to_path_buf(), "device"),
        ];
        if made.is_ok_and(|status| status.success()) {
            cases.push((pipe, "named pipe"));
        }
        for (path, kind) in cases {
            let error = read_token_file(&path, "work").unwrap_err();
            assert_eq!(
                error,
                SecretError::NotAFile {
                    file: path.clone(),
                    kind
                }
            );
            assert!(!error.to_string().contains("chmod"), "{error}");
        }
    }
}
