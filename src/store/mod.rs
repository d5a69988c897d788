//! The local SQLite store: message cache, drafts, outbox and read markers, per account.
//!
//! Two files live in the data directory the caller passes in (this module never computes
//! paths of its own):
//! - `cache.sqlite`: feeds, messages, users, groups, read markers. Rebuildable: WAL,
//!   `synchronous=NORMAL`; when damaged or unreadable at open it is moved aside
//!   (`cache.sqlite.corrupt-<unix>`) and recreated empty ([`CacheStatus::Rebuilt`]). Its
//!   damage check reads every page, so start-up may defer it
//!   ([`Store::open_deferring_cache_check`], then [`CacheChecker`] / [`Store::check_cache`])
//!   and rebuild with [`Store::rebuild_cache`] when it finds damage.
//! - `outbox.sqlite`: drafts and the outbox. Precious: WAL, `synchronous=FULL`, every write
//!   durable when the call returns; when damaged it is moved aside (never deleted), recreated
//!   and salvaged best effort ([`OutboxStatus::Recovered`]; method and limits in `salvage.rs`).
//!
//! Everything is keyed by an account key string (e.g. base URL + user id): two accounts never
//! see each other's rows. The API is synchronous; call it from `tokio::task::spawn_blocking`.
//! [`Store`] is `Send`; several `Store`s (threads or processes) may share one directory.
//!
//! What must never happen, and what prevents it:
//! - **A draft is lost.** Drafts live only in the precious file; a save is one FULL-synced
//!   commit; [`Store::enqueue`] consumes the target's draft in the same transaction that queues
//!   the post, so a crash leaves the draft or the queued post, never neither.
//! - **A post is sent twice.** The post is queued durably before any request. A request may
//!   leave only after [`Store::mark_sending`] committed; from then on the outcome is either
//!   known (sent/failed) or `Unknown`, and an `Unknown` item (including a `sending` item whose
//!   lease expired after a crash) is re-sent only after reconciliation against the server's
//!   sent feed ([`reconcile()`]) concluded it is absent ([`Store::mark_not_arrived`]). Claims
//!   run in `BEGIN IMMEDIATE`, so two processes never claim the same item. Leases must be
//!   longer than the HTTP client's total timeout, or a slow request could be taken for dead.
//! - **A post overtakes an earlier one.** Items of one account are claimed strictly in
//!   creation order; a later item waits while an earlier one is queued, sending or unknown.
//! - **An id wraps.** Ids above `i64::MAX` are refused ([`StoreError::IdOutOfRange`]).

mod adopt;
mod cache;
mod cache_check;
mod cache_prune;
mod cache_session;
mod delivery;
mod diagnostics;
mod directory;
mod drafts;
mod error;
mod ids;
mod integrity;
pub mod mountinfo;
mod open;
mod outbox;
pub mod private;
mod reconcile;
mod salvage;
pub mod schema;
mod target;

use std::path::{Path, PathBuf};
use std::time::{SystemTime, UNIX_EPOCH};

use rusqlite::Connection;

pub use adopt::{Adoption, adopt_old_store, create_private_dir};
pub use cache::{CachedMessage, CachedRecord};
pub use cache_check::{CacheChecker, CacheHealth};
pub use cache_prune::CacheLimits;
pub use cache_session::{FACT_ME, FACT_MY_GROUPS, ThreadActivity};
pub use diagnostics::{ConnectionSettings, StoreSettings};
pub use directory::{FACT_LISTING, ListingPass};
pub use drafts::Draft;
pub use error::{StoreError, StoreResult};
pub use mountinfo::FilesystemStatus;
use open::CacheCheck;
pub use open::{CACHE_FILE, CacheStatus, Locking, OUTBOX_FILE, OutboxStatus};
pub use outbox::{Lease, OutboxItem, OutboxState};
pub use reconcile::{Reconciliation, SentCoverage, SentMessage, normalise_body, reconcile};
pub use salvage::Salvage;
pub use target::DraftTarget;

/// What opening the store found; show anything other than `Ok` to the user.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OpenReport {
    pub cache: CacheStatus,
    pub outbox: OutboxStatus,
    /// Where the files live; on a network filesystem they are locked exclusively and
    /// [`FilesystemStatus::warning`] has a line for the user.
    pub filesystem: FilesystemStatus,
}

/// Handle on one data directory: one connection to each file.
#[derive(Debug)]
pub struct Store {
    dir: PathBuf,
    locking: Locking,
    cache: Connection,
    outbox: Connection,
}

impl Store {
    /// Opens (creating if needed) the store files in `dir`, which must exist. Checks
    /// integrity, migrates, and repairs as described in the module header.
    pub fn open(dir: &Path) -> StoreResult<(Store, OpenReport)> {
        Self::open_with(dir, CacheCheck::AtOpen)
    }

    /// [`Store::open`] without the cache's damage check, which reads every page of the file
    /// (a third of a second for a big cache): for start-up, which runs it once the first
    /// screen is up ([`Store::cache_checker`], [`Store::check_cache`]). The outbox file is
    /// still checked here. A cache that is not a database, is from a newer kring or cannot be
    /// migrated is still rebuilt here.
    pub fn open_deferring_cache_check(dir: &Path) -> StoreResult<(Store, OpenReport)> {
        Self::open_with(dir, CacheCheck::Deferred)
    }

    fn open_with(dir: &Path, check: CacheCheck) -> StoreResult<(Store, OpenReport)> {
        let now = unix_now();
        let filesystem = mountinfo::detect_filesystem(dir);
        let locking = if filesystem.is_network() {
            tracing::warn!(dir = %dir.display(), ?filesystem, "data directory on a network filesystem");
            Locking::Exclusive
        } else {
            Locking::Shared
        };
        if let Err(error) = private::private_dir(dir) {
            tracing::warn!(dir = %dir.display(), %error, "cannot make the data directory private");
        }
        let existed = [OUTBOX_FILE, CACHE_FILE].map(|file| dir.join(file).exists());
        let (outbox, outbox_status) = open::open_outbox(dir, now, locking)?;
        let (cache, cache_status) = open::open_cache(dir, now, locking, check)?;
        // Drafts, queued posts and private messages: for this user's eyes only. Files made by
        // an earlier kring under a loose umask are tightened and logged; new ones quietly.
        for (file, existed) in [OUTBOX_FILE, CACHE_FILE].into_iter().zip(existed) {
            for suffix in ["", "-wal", "-shm"] {
                let path = dir.join(format!("{file}{suffix}"));
                if existed {
                    private::private_file(&path);
                } else {
                    private::private_new_file(&path);
                }
            }
        }
        let store = Store {
            dir: dir.to_path_buf(),
            locking,
            cache,
            outbox,
        };
        let report = OpenReport {
            cache: cache_status,
            outbox: outbox_status,
            filesystem,
        };
        Ok((store, report))
    }

    /// A second handle on the same files, for another thread (the cache task, the delivery
    /// engine): new connections with the same settings, without the integrity check and the
    /// migrations that [`Store::open`] already ran. Fails with "locked" when the files are
    /// locked exclusively (a network filesystem), where one connection per file is all there can be.
    pub fn connect_again(&self) -> StoreResult<Store> {
        Ok(Store {
            dir: self.dir.clone(),
            locking: self.locking,
            cache: open::reconnect_cache(&self.dir, self.locking)?,
            outbox: open::reconnect_outbox(&self.dir, self.locking)?,
        })
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
        let old = std::mem::replace(&mut self.cache, placeholder);
        if let Err((old, err)) = old.close() {
            self.cache = old;
            return Err(StoreError::Sqlite(err));
        }
        let moved_to = integrity::move_aside(&self.dir.join(CACHE_FILE), unix_now())?;
        let (cache, _) = open::open_cache(&self.dir, unix_now(), self.locking, CacheCheck::AtOpen)?;
        self.cache = cache;
        Ok(CacheStatus::Rebuilt {
            reason: reason.to_owned(),
            moved_to,
        })
    }
}

fn unix_now() -> i64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map(|elapsed| i64::try_from(elapsed.as_secs()).unwrap_or(i64::MAX))
        .unwrap_or(0)
}
