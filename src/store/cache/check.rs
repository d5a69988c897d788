//! The cache's damage check after start: `PRAGMA quick_check` of `cache.sqlite`, run once the
//! first screen is up instead of before it (it reads every page: a third of a second for a
//! 100,000-message cache). Either on a connection of its own ([`CacheChecker`], for a thread
//! of its own: in WAL mode its read transaction holds up no writer) or, where the files are
//! locked exclusively and a second connection is refused, on the store's own connection.
//! [`CacheStore::check_off_thread`] makes that choice for its caller. It only reports; moving a
//! damaged cache aside is [`CacheStore::rebuild_cache`]'s job. It must never touch the outbox
//! file.

use rusqlite::Connection;

use super::CacheStore;
use crate::store::error::StoreResult;
use crate::store::integrity::quick_check;
use crate::store::open::{self, cache_damage};

/// What the damage check found.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum CacheHealth {
    /// Every page read back as it should.
    Sound,
    /// The file is damaged (or unreadable); the text says how.
    Damaged(String),
}

/// A connection of its own to a store's cache, for running the damage check off the thread
/// that reads and writes the cache. `Send`: move it to the thread that runs it.
#[derive(Debug)]
pub struct CacheChecker {
    conn: Connection,
}

impl CacheChecker {
    /// Runs the check and closes the connection. An error means the check could not run
    /// (the file is locked elsewhere), not that the cache is damaged.
    pub fn run(self) -> StoreResult<CacheHealth> {
        health_of(&self.conn)
    }
}

/// Where [`CacheStore::check_off_thread`] ran the check.
#[derive(Debug)]
pub enum CheckRun {
    /// On a thread and a connection of its own: the result goes to the `report` given.
    Started,
    /// Here, on the store's own connection, which waited meanwhile (the files are locked
    /// exclusively, or no thread could be started): the result; `report` is not called.
    Finished(StoreResult<CacheHealth>),
}

impl CacheStore {
    /// Runs the damage check off the calling thread where it can (a [`CacheChecker`] on a
    /// thread of its own, which calls `report` with the result), else here on the store's own
    /// connection.
    pub fn check_off_thread(
        &self,
        report: impl FnOnce(StoreResult<CacheHealth>) + Send + 'static,
    ) -> CheckRun {
        let spawned = self
            .cache_checker()
            .map_err(|e| e.to_string())
            .and_then(|checker| {
                std::thread::Builder::new()
                    .name("kring-cache-check".into())
                    .spawn(move || report(checker.run()))
                    .map(drop)
                    .map_err(|e| e.to_string())
            });
        match spawned {
            Ok(()) => CheckRun::Started,
            Err(reason) => {
                tracing::info!(%reason, "cache check runs on the store's own connection");
                CheckRun::Finished(self.check_cache())
            }
        }
    }

    /// A connection for [`CacheChecker::run`]. Fails with "locked" when the files are locked
    /// exclusively (a network filesystem); [`CacheStore::check_cache`] is the way then.
    pub fn cache_checker(&self) -> StoreResult<CacheChecker> {
        Ok(CacheChecker {
            conn: open::reconnect_cache(&self.dir, self.locking)?,
        })
    }

    /// Runs the damage check on this store's own cache connection, which waits meanwhile.
    pub fn check_cache(&self) -> StoreResult<CacheHealth> {
        health_of(&self.conn)
    }
}

fn health_of(conn: &Connection) -> StoreResult<CacheHealth> {
    match quick_check(conn) {
        Ok(None) => Ok(CacheHealth::Sound),
        Ok(Some(reason)) => Ok(CacheHealth::Damaged(reason)),
        Err(error) => cache_damage(error).map(CacheHealth::Damaged),
    }
}
