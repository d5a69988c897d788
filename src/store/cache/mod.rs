//! The cache store: one connection to `cache.sqlite`, which holds feeds, messages, users,
//! groups, thread summaries, the people directory, per-account facts and read markers.
//! Rebuildable: WAL, `synchronous=NORMAL`; when damaged or unreadable at open it is moved aside
//! (`cache.sqlite.corrupt-<unix>`) and recreated empty ([`CacheStatus::Rebuilt`]). Its damage
//! check reads every page, so start-up may defer it (`Stores::open_deferring_cache_check`, then
//! [`CacheStore::cache_checker`] / [`CacheStore::check_cache`]) and rebuild with
//! [`CacheStore::rebuild_cache`] when it finds damage.
//!
//! One job per file: `records` (messages, users, groups, feeds, read markers), `session` (what
//! a start reads at once, facts, thread activity), `directory` (the people listing), `prune`
//! (keeping it bounded), `check` (the damage check), `search` (the full-text index).
//! Everything here can be refetched; this
//! module must never touch drafts or the outbox.

mod check;
mod directory;
mod prune;
mod records;
mod search;
mod session;

use std::path::{Path, PathBuf};

use rusqlite::Connection;

pub use check::{CacheChecker, CacheHealth, CheckRun};
pub use directory::{FACT_LISTING, ListingPass};
pub use prune::CacheLimits;
pub use records::{CachedMessage, CachedRecord};
pub use search::MessageSearch;
pub use session::{
    FACT_ADDRESSED, FACT_GUIDELINES_READ, FACT_GUIDELINES_SEEN, FACT_JOIN_REQUESTS,
    FACT_LAST_LOOKED, FACT_ME, FACT_MUTED, FACT_MY_GROUPS, FACT_START_HERE_DISMISSED,
    ThreadActivity,
};

use super::error::{StoreError, StoreResult};
use super::open::{self, CACHE_FILE, CacheCheck, CacheStatus, Locking};
use super::{OpenReport, Stores, integrity, schema, unix_now};

/// Handle on one data directory's cache: one connection to `cache.sqlite`. `Send`; several
/// (threads or processes) may share one directory.
#[derive(Debug)]
pub struct CacheStore {
    dir: PathBuf,
    locking: Locking,
    conn: Connection,
}

impl CacheStore {
    pub(super) fn new(dir: PathBuf, locking: Locking, conn: Connection) -> Self {
        Self { dir, locking, conn }
    }

    /// Opens the data directory's files as [`Stores::open`] does and keeps the cache.
    pub fn open(dir: &Path) -> StoreResult<(CacheStore, OpenReport)> {
        Stores::open(dir).map(|(stores, report)| (stores.cache, report))
    }

    /// [`CacheStore::open`] leaving the cache's damage check to the caller, as
    /// [`Stores::open_deferring_cache_check`] does.
    pub fn open_deferring_cache_check(dir: &Path) -> StoreResult<(CacheStore, OpenReport)> {
        Stores::open_deferring_cache_check(dir).map(|(stores, report)| (stores.cache, report))
    }

    /// A second handle on the same file, for another thread: a new connection with the same
    /// settings, without the integrity check and the migrations opening already ran. Fails
    /// with "locked" when the file is locked exclusively (a network filesystem), where one
    /// connection is all there can be.
    pub fn connect_again(&self) -> StoreResult<CacheStore> {
        Ok(Self::new(
            self.dir.clone(),
            self.locking,
            open::reconnect_cache(&self.dir, self.locking)?,
        ))
    }

    /// The data directory this store was opened on.
    pub fn dir(&self) -> &Path {
        &self.dir
    }

    /// Moves the cache aside and starts an empty one, for damage found after open
    /// (a cache call failing with an error where [`StoreError::is_corruption`] is true).
    pub fn rebuild_cache(&mut self, reason: &str) -> StoreResult<CacheStatus> {
        // While the file is being replaced the cache lives in memory, so a failure below
        // leaves a working (empty) cache rather than a broken handle.
        let mut placeholder = Connection::open_in_memory()?;
        schema::migrate(&mut placeholder, CACHE_FILE, schema::CACHE_MIGRATIONS)?;
        let old = std::mem::replace(&mut self.conn, placeholder);
        if let Err((old, err)) = old.close() {
            self.conn = old;
            return Err(StoreError::Sqlite(err));
        }
        let moved_to = integrity::move_aside(&self.dir.join(CACHE_FILE), unix_now())?;
        let (conn, _) = open::open_cache(&self.dir, unix_now(), self.locking, CacheCheck::AtOpen)?;
        self.conn = conn;
        Ok(CacheStatus::Rebuilt {
            reason: reason.to_owned(),
            moved_to,
        })
    }

    /// The connection, for the store's own read-only reports.
    pub(super) fn conn(&self) -> &Connection {
        &self.conn
    }
}
