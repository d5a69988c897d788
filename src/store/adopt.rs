//! Adopting the store of an earlier kring, which kept one `cache.sqlite` and one
//! `outbox.sqlite` directly in the data directory for every account, now that each account has
//! a directory of its own. The caller names the directories (this module computes no paths).
//!
//! Under an exclusive lock on a file beside the old store (two kring processes starting at once
//! adopt it once), [`adopt_old_store`]:
//! 1. brings the old outbox file to the current schema and out of WAL mode (one file, nothing
//!    pending in a `-wal`), or gives up when another process still has it open;
//! 2. copies the drafts and unfinished posts of every *other* account to that account's own
//!    directory and deletes them from the old file; the copy skips rows already there, so a
//!    crash and a second run never queue a post twice;
//! 3. moves the old outbox file into the adopting account's directory (a rename: atomic), or,
//!    when that account already has one, copies its rows too and renames the old file to
//!    `outbox.sqlite.adopted` beside itself (kept, never deleted);
//! 4. moves the old cache the same way when the account has none (the cache is rebuildable:
//!    failing here only costs a refetch).
//!
//! Rows of accounts that have no directory (no longer configured) stay in the moved file,
//! where no engine sends them; they are reported. Never deletes a file.

use std::fs::File;
use std::path::{Path, PathBuf};

use rusqlite::{Connection, params};

use super::error::{StoreError, StoreResult};
use super::mountinfo::detect_filesystem;
use super::open::{CACHE_FILE, Locking, OUTBOX_FILE, open_outbox};
use super::schema::{CACHE_MIGRATIONS, OUTBOX_MIGRATIONS, migrate};

/// The lock file beside the old store.
const LOCK_FILE: &str = ".adopt.lock";
/// What the old outbox becomes when the adopting account already had an outbox.
const ADOPTED_SUFFIX: &str = ".adopted";
/// How long a connection here waits for another's lock.
const BUSY_WAIT: std::time::Duration = std::time::Duration::from_secs(5);

/// What adopting the old store did.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Adoption {
    /// The old outbox file moved into the account's directory (false: its rows were copied).
    pub moved_outbox: bool,
    /// The old cache moved into the account's directory.
    pub moved_cache: bool,
    /// For each other account given a directory: where, and how many drafts and posts went.
    pub copied: Vec<(PathBuf, usize, usize)>,
    /// Account keys with drafts or unfinished posts and no directory: they stay where they are.
    pub unplaced: Vec<String>,
    /// A step that failed and was skipped (the files concerned stay where they were).
    pub problems: Vec<String>,
}

/// Adopts the store in `old_dir` (if there is one) into `account_dir`, the directory of the
/// account starting now. `dir_for` names the directory of an account key (`None`: unknown);
/// it is the same function that chose `account_dir`. `Ok(None)`: there was nothing to adopt.
pub fn adopt_old_store(
    old_dir: &Path,
    account_dir: &Path,
    dir_for: impl Fn(&str) -> Option<PathBuf>,
) -> StoreResult<Option<Adoption>> {
    let old_outbox = old_dir.join(OUTBOX_FILE);
    let old_cache = old_dir.join(CACHE_FILE);
    if !old_outbox.exists() && !old_cache.exists() {
        return Ok(None);
    }
    let lock_path = old_dir.join(LOCK_FILE);
    let lock = File::options()
        .create(true)
        .truncate(false)
        .write(true)
        .open(&lock_path)
        .map_err(io("open", &lock_path))?;
    lock.lock().map_err(io("lock", &lock_path))?;
    // Another process may have adopted it while this one waited.
    if !old_outbox.exists() && !old_cache.exists() {
        return Ok(None);
    }
    create_private_dir(account_dir)?;
    let mut adoption = Adoption::default();
    if old_outbox.exists() {
        adopt_outbox(&old_outbox, account_dir, &dir_for, &mut adoption)?;
    }
    if old_cache.exists() && !account_dir.join(CACHE_FILE).exists() {
        match single_file(&old_cache, CACHE_MIGRATIONS, CACHE_FILE).and_then(|()| {
            let to = account_dir.join(CACHE_FILE);
            std::fs::rename(&old_cache, &to).map_err(io("move", &old_cache))
        }) {
            Ok(()) => adoption.moved_cache = true,
            Err(error) => adoption.problems.push(format!("the old cache: {error}")),
        }
    }
    drop(lock);
    Ok(Some(adoption))
}

fn adopt_outbox(
    old_outbox: &Path,
    account_dir: &Path,
    dir_for: &impl Fn(&str) -> Option<PathBuf>,
    adoption: &mut Adoption,
) -> StoreResult<()> {
    single_file(old_outbox, OUTBOX_MIGRATIONS, OUTBOX_FILE)?;
    let keeps_file = !account_dir.join(OUTBOX_FILE).exists();
    for key in keys_with_rows(old_outbox)? {
        let dir = dir_for(&key);
        match dir {
            Some(dir) if dir == account_dir && keeps_file => {}
            Some(dir) => match copy_rows(old_outbox, &key, &dir) {
                Ok((drafts, posts)) => adoption.copied.push((dir, drafts, posts)),
                Err(error) => adoption.problems.push(format!("copying {key}: {error}")),
            },
            None => adoption.unplaced.push(key),
        }
    }
    let to = if keeps_file {
        account_dir.join(OUTBOX_FILE)
    } else {
        let mut name = old_outbox.as_os_str().to_owned();
        name.push(ADOPTED_SUFFIX);
        PathBuf::from(name)
    };
    std::fs::rename(old_outbox, &to).map_err(io("move", old_outbox))?;
    adoption.moved_outbox = keeps_file;
    Ok(())
}

/// Brings `path` up to the current schema and into rollback-journal mode, so that it is one
/// file with nothing in a `-wal` beside it. Fails while another connection has it open.
fn single_file(path: &Path, steps: &[&str], file: &'static str) -> StoreResult<()> {
    let mut conn = Connection::open(path)?;
    conn.busy_timeout(BUSY_WAIT)?;
    migrate(&mut conn, file, steps)?;
    let mode: String =
        conn.pragma_update_and_check(None, "journal_mode", "DELETE", |row| row.get(0))?;
    if !mode.eq_ignore_ascii_case("delete") {
        return Err(StoreError::InvalidStored(format!(
            "{file} is still in {mode} mode (another kring has it open?)"
        )));
    }
    conn.close().map_err(|(_, error)| StoreError::Sqlite(error))
}

/// The accounts with drafts or unfinished posts in the outbox file at `path`.
fn keys_with_rows(path: &Path) -> StoreResult<Vec<String>> {
    let conn = Connection::open(path)?;
    let mut stmt = conn.prepare(
        "SELECT account FROM drafts UNION SELECT account FROM outbox WHERE state != 'sent'
         ORDER BY 1",
    )?;
    let keys = stmt
        .query_map([], |row| row.get(0))?
        .collect::<Result<Vec<String>, _>>()?;
    Ok(keys)
}

const COPY_DRAFTS: &str =
    "INSERT OR IGNORE INTO main.drafts (account, target_key, body, updated_at)
     SELECT account, target_key, body, updated_at FROM old.drafts WHERE account = ?1";
/// Unfinished posts in their order, each once: a post already copied (same account, target,
/// body and creation time) is not copied again.
const COPY_POSTS: &str = "INSERT INTO main.outbox (account, target_key, body, topics_json,
         created_at, state, failure_reason, attempts, last_error, next_attempt_at,
         server_message_id, claimant, lease_until, first_attempt_at, last_attempt_at,
         reconcile_checks, finished_at)
     SELECT account, target_key, body, topics_json, created_at, state, failure_reason,
         attempts, last_error, next_attempt_at, server_message_id, claimant, lease_until,
         first_attempt_at, last_attempt_at, reconcile_checks, finished_at
     FROM old.outbox AS item
     WHERE account = ?1 AND state != 'sent' AND NOT EXISTS (
         SELECT 1 FROM main.outbox AS copy WHERE copy.account = item.account
             AND copy.target_key = item.target_key AND copy.body = item.body
             AND copy.created_at = item.created_at)
     ORDER BY local_id";

/// Copies the drafts and unfinished posts of `key` from the old outbox file into the outbox
/// of `dir` (created if need be), then deletes them from the old file.
fn copy_rows(old_outbox: &Path, key: &str, dir: &Path) -> StoreResult<(usize, usize)> {
    create_private_dir(dir)?;
    let locking = if detect_filesystem(dir).is_network() {
        Locking::Exclusive
    } else {
        Locking::Shared
    };
    let (mut conn, _) = open_outbox(dir, super::unix_now(), locking)?;
    conn.busy_timeout(BUSY_WAIT)?;
    let old = old_outbox.to_string_lossy();
    conn.execute("ATTACH DATABASE ?1 AS old", params![old])?;
    let copied = (|| {
        let tx = conn.transaction()?;
        let drafts = tx.execute(COPY_DRAFTS, params![key])?;
        let posts = tx.execute(COPY_POSTS, params![key])?;
        tx.execute("DELETE FROM old.drafts WHERE account = ?1", params![key])?;
        tx.execute(
            "DELETE FROM old.outbox WHERE account = ?1 AND state != 'sent'",
            params![key],
        )?;
        tx.commit()?;
        Ok::<_, StoreError>((drafts, posts))
    })();
    conn.execute("DETACH DATABASE old", [])?;
    copied
}

/// Creates `dir` and its parents, readable by the user alone (posts and drafts are private).
pub fn create_private_dir(dir: &Path) -> StoreResult<()> {
    let mut builder = std::fs::DirBuilder::new();
    builder.recursive(true);
    #[cfg(unix)]
    std::os::unix::fs::DirBuilderExt::mode(&mut builder, 0o700);
    builder.create(dir).map_err(io("create", dir))
}

fn io(action: &'static str, path: &Path) -> impl FnOnce(std::io::Error) -> StoreError {
    let path = path.to_path_buf();
    move |source| StoreError::Io {
        action,
        path,
        source,
    }
}

#[cfg(test)]
#[path = "adopt_tests.rs"]
mod tests;
