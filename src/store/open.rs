//! Opening the two store files: connection settings (WAL, `synchronous`, `busy_timeout`),
//! the integrity check, migrations, and what happens when a file is damaged.
//! The cache is rebuildable: a damaged or unreadable cache is moved aside and recreated empty;
//! its integrity check may be left to the caller ([`CacheCheck::Deferred`]).
//! The outbox file is precious: it is moved aside (never deleted), recreated, and its rows are
//! salvaged best effort; the caller is told loudly. On a network filesystem both files are
//! opened in exclusive locking mode (no shared-memory WAL index, one connection holds
//! the lock), and a second connection is turned away quickly rather than after the usual wait.
//! This module must never delete a file and never treat a busy/locked database as damaged.

use std::path::{Path, PathBuf};
use std::time::Duration;

use rusqlite::{Connection, ErrorCode};

use super::error::{StoreError, StoreResult};
use super::integrity::{move_aside, quick_check};
use super::outbox::salvage::{Salvage, salvage_into};
use super::schema::{CACHE_MIGRATIONS, OUTBOX_MIGRATIONS, migrate, schema_version};

/// File name of the rebuildable cache inside the data directory.
pub const CACHE_FILE: &str = "cache.sqlite";
/// File name of the drafts and outbox database inside the data directory.
pub const OUTBOX_FILE: &str = "outbox.sqlite";

/// The page cache one connection keeps, in KiB. SQLite's default is 2,000 KiB per connection,
/// and kring holds six (two files for the drafts, the cache task and the outbox engine). Reads
/// go by index a feed page or a thread at a time, and the kernel caches the file anyway, so a
/// bigger cache buys little but resident memory.
const PAGE_CACHE_KIB: i64 = 128;

/// How long a statement waits for another connection's lock before giving up.
const BUSY_TIMEOUT: Duration = Duration::from_secs(10);
/// The same in exclusive mode: the lock is held for the whole life of the other connection, so
/// waiting longer only delays the inevitable "locked".
const EXCLUSIVE_BUSY_TIMEOUT: Duration = Duration::from_millis(500);

/// How the store's files are locked.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Locking {
    /// SQLite's default: WAL with a shared-memory index; many connections and processes.
    Shared,
    /// `locking_mode=EXCLUSIVE` set before the first read: the WAL index lives in the
    /// connection's own memory and the file stays locked while it is open. For network
    /// filesystems, where shared memory and locks cannot be trusted.
    Exclusive,
}

/// What opening the cache found.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum CacheStatus {
    /// The cache opened as it was (or was created fresh in an empty directory).
    Ok,
    /// The old cache was damaged or unreadable; it was moved to `moved_to` and an empty one
    /// created. The app should say so and refetch.
    Rebuilt { reason: String, moved_to: PathBuf },
}

/// What opening the drafts/outbox file found.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum OutboxStatus {
    /// The file opened as it was (or was created fresh in an empty directory).
    Ok,
    /// The file was damaged. It was moved to `moved_to` (kept for manual recovery), a new file
    /// was created, and the rows that could still be read were copied into it. The app must
    /// tell the user, including the path, because some drafts or queued posts may be missing.
    Recovered {
        reason: String,
        moved_to: PathBuf,
        salvage: Salvage,
    },
}

#[derive(Clone, Copy)]
enum Durability {
    /// `synchronous=FULL`: a commit survives power loss once the call returns.
    Full,
    /// `synchronous=NORMAL`: consistent after any crash; the last commits may roll back on
    /// power loss. Only for data that can be refetched.
    Normal,
}

/// When the cache's damage check (`PRAGMA quick_check`, which reads every page) runs.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CacheCheck {
    /// Before [`open_cache`] returns.
    AtOpen,
    /// Later, by the caller ([`crate::store::CacheStore::check_cache`] or a
    /// [`crate::store::CacheChecker`]); opening still refuses a file that is not a database,
    /// is from a newer kring, or cannot be migrated.
    Deferred,
}

/// Why a file could not be opened as it is.
enum Problem {
    Damaged(String),
    Fatal(StoreError),
}

/// Opens (creating if needed) `cache.sqlite` in `dir`, rebuilding it when damaged.
pub fn open_cache(
    dir: &Path,
    now_unix: i64,
    locking: Locking,
    check: CacheCheck,
) -> StoreResult<(Connection, CacheStatus)> {
    let path = dir.join(CACHE_FILE);
    let open = |path: &Path| {
        let checks = Checks {
            rebuildable: true,
            quick_check: check == CacheCheck::AtOpen,
        };
        open_checked(
            path,
            Durability::Normal,
            locking,
            CACHE_FILE,
            CACHE_MIGRATIONS,
            checks,
        )
    };
    match open(&path) {
        Ok(conn) => Ok((conn, CacheStatus::Ok)),
        Err(Problem::Fatal(err)) => Err(err),
        Err(Problem::Damaged(reason)) => {
            tracing::warn!(path = %path.display(), %reason, "cache damaged; rebuilding");
            let moved_to = move_aside(&path, now_unix)?;
            let conn = open(&path).map_err(Problem::into_error)?;
            Ok((conn, CacheStatus::Rebuilt { reason, moved_to }))
        }
    }
}

/// Opens (creating if needed) `outbox.sqlite` in `dir`, quarantining and salvaging it when
/// damaged. A file from a newer kring is refused untouched.
pub fn open_outbox(
    dir: &Path,
    now_unix: i64,
    locking: Locking,
) -> StoreResult<(Connection, OutboxStatus)> {
    let path = dir.join(OUTBOX_FILE);
    let open = |path: &Path| {
        open_checked(
            path,
            Durability::Full,
            locking,
            OUTBOX_FILE,
            OUTBOX_MIGRATIONS,
            Checks {
                rebuildable: false,
                quick_check: true,
            },
        )
    };
    let opened = match emptied_reason(&path) {
        Some(reason) => Err(Problem::Damaged(reason)),
        None => open(&path),
    };
    match opened {
        Ok(conn) => Ok((conn, OutboxStatus::Ok)),
        Err(Problem::Fatal(err)) => Err(err),
        Err(Problem::Damaged(reason)) => {
            tracing::error!(path = %path.display(), %reason, "outbox damaged; moving aside");
            let moved_to = move_aside(&path, now_unix)?;
            let mut conn = open(&path).map_err(Problem::into_error)?;
            let salvage = salvage_into(&moved_to, &mut conn);
            tracing::error!(
                moved_to = %moved_to.display(),
                drafts = salvage.drafts,
                items = salvage.outbox_items,
                "outbox recovered from damaged file"
            );
            Ok((
                conn,
                OutboxStatus::Recovered {
                    reason,
                    moved_to,
                    salvage,
                },
            ))
        }
    }
}

/// Why an existing outbox file counts as damaged before SQLite sees it: a 0-byte file (cut
/// short by a full disk or a stray `>`) is a valid empty database to SQLite, so queued posts
/// would vanish without a word. A 0-byte file whose pages all wait in its WAL is sound.
fn emptied_reason(path: &Path) -> Option<String> {
    let len = |path: &Path| std::fs::metadata(path).ok().map(|m| m.len());
    let mut wal = path.as_os_str().to_owned();
    wal.push("-wal");
    let wal_len = len(Path::new(&wal)).unwrap_or(0);
    (len(path) == Some(0) && wal_len == 0)
        .then(|| "the file was empty (0 bytes): posts queued in it are lost".to_owned())
}

/// What opening a file checks, and how its failures count.
#[derive(Clone, Copy)]
struct Checks {
    /// Any SQLite failure but a lock counts as damage (the file can be rebuilt).
    rebuildable: bool,
    /// Run `PRAGMA quick_check` before migrating.
    quick_check: bool,
}

/// Opens, checks and migrates one store file; reports damage instead of repairing it.
/// The schema version is read before any setting is written, so a file from a newer kring is
/// refused without a single byte changed.
fn open_checked(
    path: &Path,
    durability: Durability,
    locking: Locking,
    file: &'static str,
    steps: &[&str],
    checks: Checks,
) -> Result<Connection, Problem> {
    let rebuildable = checks.rebuildable;
    let classify = |err: StoreError| classify(err, rebuildable);
    let conn = connect(path, locking).map_err(classify)?;
    let found = schema_version(&conn).map_err(classify)?;
    let known = i64::try_from(steps.len()).unwrap_or(i64::MAX);
    if found > known {
        let err = StoreError::SchemaTooNew { file, found, known };
        return Err(if rebuildable {
            Problem::Damaged(err.to_string())
        } else {
            Problem::Fatal(err)
        });
    }
    apply_settings(&conn, path, durability).map_err(classify)?;
    if checks.quick_check
        && let Some(reason) = quick_check(&conn).map_err(classify)?
    {
        return Err(Problem::Damaged(reason));
    }
    let mut conn = conn;
    migrate(&mut conn, file, steps).map_err(classify)?;
    Ok(conn)
}

/// One more connection to the cache in `dir`, which [`open_cache`] already checked and
/// migrated in this process: the same settings, without the check (which reads every page).
pub fn reconnect_cache(dir: &Path, locking: Locking) -> StoreResult<Connection> {
    reconnect(&dir.join(CACHE_FILE), locking, Durability::Normal)
}

/// One more connection to the drafts/outbox file in `dir`, already opened by [`open_outbox`].
pub fn reconnect_outbox(dir: &Path, locking: Locking) -> StoreResult<Connection> {
    reconnect(&dir.join(OUTBOX_FILE), locking, Durability::Full)
}

fn reconnect(path: &Path, locking: Locking, durability: Durability) -> StoreResult<Connection> {
    let conn = connect(path, locking)?;
    apply_settings(&conn, path, durability)?;
    Ok(conn)
}

/// Opens `path` with the busy timeout and locking mode of `locking`; reads nothing yet.
fn connect(path: &Path, locking: Locking) -> StoreResult<Connection> {
    let conn = Connection::open(path)?;
    let busy_timeout = match locking {
        Locking::Shared => BUSY_TIMEOUT,
        Locking::Exclusive => EXCLUSIVE_BUSY_TIMEOUT,
    };
    conn.busy_timeout(busy_timeout)?;
    if locking == Locking::Exclusive {
        // Before anything reads the file: an earlier read in WAL mode would map the shared
        // memory index this mode exists to avoid.
        let mode: String =
            conn.pragma_update_and_check(None, "locking_mode", "EXCLUSIVE", |row| row.get(0))?;
        if !mode.eq_ignore_ascii_case("exclusive") {
            tracing::warn!(path = %path.display(), %mode, "SQLite refused exclusive locking");
        }
    }
    Ok(conn)
}

fn apply_settings(conn: &Connection, path: &Path, durability: Durability) -> StoreResult<()> {
    let mode: String =
        conn.pragma_update_and_check(None, "journal_mode", "WAL", |row| row.get(0))?;
    if !mode.eq_ignore_ascii_case("wal") {
        tracing::warn!(path = %path.display(), %mode, "SQLite refused WAL mode");
    }
    let synchronous = match durability {
        Durability::Full => "FULL",
        Durability::Normal => "NORMAL",
    };
    conn.pragma_update(None, "synchronous", synchronous)?;
    conn.pragma_update(None, "cache_size", -PAGE_CACHE_KIB)?;
    Ok(())
}

/// Whether a failure on the rebuildable cache means it is damaged: `Ok(reason)` for corruption
/// or any SQLite failure but a lock held elsewhere, the error itself otherwise.
pub fn cache_damage(err: StoreError) -> Result<String, StoreError> {
    match classify(err, true) {
        Problem::Damaged(reason) => Ok(reason),
        Problem::Fatal(err) => Err(err),
    }
}

/// Corruption is always damage. For a rebuildable file, any other SQLite failure except a
/// lock held by another process is treated as "unreadable" and therefore damage too.
fn classify(err: StoreError, rebuildable: bool) -> Problem {
    if err.is_corruption() {
        return Problem::Damaged(err.to_string());
    }
    let locked = matches!(
        &err,
        StoreError::Sqlite(sql) if matches!(
            sql.sqlite_error_code(),
            Some(ErrorCode::DatabaseBusy | ErrorCode::DatabaseLocked)
        )
    );
    if rebuildable && !locked && matches!(err, StoreError::Sqlite(_)) {
        return Problem::Damaged(err.to_string());
    }
    Problem::Fatal(err)
}

impl Problem {
    fn into_error(self) -> StoreError {
        match self {
            Problem::Fatal(err) => err,
            Problem::Damaged(reason) => StoreError::InvalidStored(format!(
                "freshly created database failed its check: {reason}"
            )),
        }
    }
}

#[cfg(test)]
#[path = "open_tests.rs"]
mod tests;
