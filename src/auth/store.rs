//! The sign-in token store as the rest of `auth` uses it: the credentials file
//! (`crate::config::secret`, written atomically, 0600) guarded by an exclusive lock on a file
//! beside it (`credentials.toml.lock`), so that the TUI, `kring post` and `kring feed` running at
//! once never redeem the same refresh token twice. Blocking file work runs off the async
//! runtime.
//!
//! Owns the lock and the async wrappers; must not hold the lock longer than one renewal or one
//! login's write.

use std::fs::{DirBuilder, File, OpenOptions};
use std::os::unix::fs::{DirBuilderExt, OpenOptionsExt};
use std::path::{Path, PathBuf};
use std::time::SystemTime;

use super::AuthError;
use crate::config::secret::{SecretError, SignInTokens, forget_signin, read_signin, write_signin};

/// Held while one process reads, renews and writes the store; released when dropped.
#[derive(Debug)]
pub(super) struct StoreLock {
    _file: File,
}

/// The lock file beside `store`.
fn lock_path(store: &Path) -> PathBuf {
    let mut name = store.file_name().unwrap_or_default().to_os_string();
    name.push(".lock");
    store.with_file_name(name)
}

/// Takes the exclusive lock, waiting for another process to finish with it. Blocking.
fn lock_blocking(store: &Path) -> Result<StoreLock, SecretError> {
    let path = lock_path(store);
    let fail = |error: std::io::Error| SecretError::CredentialsWrite {
        file: path.clone(),
        reason: error.to_string(),
    };
    if let Some(directory) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
        DirBuilder::new()
            .recursive(true)
            .mode(0o700)
            .create(directory)
            .map_err(fail)?;
    }
    let file = OpenOptions::new()
        .create(true)
        .truncate(false)
        .write(true)
        .mode(0o600)
        .open(&path)
        .map_err(fail)?;
    file.lock().map_err(fail)?;
    Ok(StoreLock { _file: file })
}

async fn blocking<T: Send + 'static>(
    job: impl FnOnce() -> Result<T, SecretError> + Send + 'static,
) -> Result<T, AuthError> {
    match tokio::task::spawn_blocking(job).await {
        Ok(result) => result.map_err(AuthError::from),
        Err(join) => Err(AuthError::Config(format!(
            "a background task failed: {join}"
        ))),
    }
}

/// Takes the store's lock (see [`lock_blocking`]) without blocking the runtime.
pub(super) async fn lock(store: &Path) -> Result<StoreLock, AuthError> {
    let store = store.to_path_buf();
    blocking(move || lock_blocking(&store)).await
}

/// `account`'s tokens, if signed in. Call with the lock held when a renewal may follow.
pub(super) async fn read(store: &Path, account: &str) -> Result<Option<SignInTokens>, AuthError> {
    let (store, account) = (store.to_path_buf(), account.to_owned());
    blocking(move || read_signin(&store, &account)).await
}

/// Saves `account`'s tokens. Call with the lock held.
pub(super) async fn write(
    store: &Path,
    account: &str,
    tokens: SignInTokens,
    _held: &StoreLock,
) -> Result<(), AuthError> {
    let (store, account) = (store.to_path_buf(), account.to_owned());
    blocking(move || write_signin(&store, &account, &tokens)).await
}

/// Forgets `account`'s tokens under the lock; false when there were none.
pub(super) async fn forget(store: &Path, account: &str) -> Result<bool, AuthError> {
    let _held = lock(store).await?;
    let (store, account) = (store.to_path_buf(), account.to_owned());
    blocking(move || forget_signin(&store, &account)).await
}

/// When the store last changed (`None` when it does not exist): a rejected client looks for a
/// new login by this.
pub fn modified(store: &Path) -> Option<SystemTime> {
    std::fs::metadata(store).and_then(|m| m.modified()).ok()
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::Arc;
    use std::sync::atomic::{AtomicUsize, Ordering};

    #[test]
    fn the_lock_file_sits_beside_the_store() {
        assert_eq!(
            lock_path(Path::new("/x/credentials.toml")),
            PathBuf::from("/x/credentials.toml.lock")
        );
    }

    #[test]
    fn the_lock_excludes_other_holders() {
        let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
        let store = dir.path().join("credentials.toml");
        let inside = Arc::new(AtomicUsize::new(0));
        let most = Arc::new(AtomicUsize::new(0));
        let threads: Vec<_> = (0..4)
            .map(|_| {
                let (store, inside, most) = (store.clone(), inside.clone(), most.clone());
                std::thread::spawn(move || {
                    for _ in 0..5 {
                        let held = lock_blocking(&store).unwrap_or_else(|e| panic!("{e}"));
                        let now = inside.fetch_add(1, Ordering::SeqCst) + 1;
                        most.fetch_max(now, Ordering::SeqCst);
                        std::thread::sleep(std::time::Duration::from_millis(2));
                        inside.fetch_sub(1, Ordering::SeqCst);
                        drop(held);
                    }
                })
            })
            .collect();
        for thread in threads {
            thread.join().ok();
        }
        assert_eq!(most.load(Ordering::SeqCst), 1);
    }
}
