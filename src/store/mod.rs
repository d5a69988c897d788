//! The local SQLite store, per account: two files in the data directory the caller passes in
//! (this module never computes paths of its own), each with a store of its own:
//! - [`CacheStore`] (`cache/`): `cache.sqlite`, everything that can be refetched (feeds,
//!   messages, people, read markers). Rebuilt empty when damaged.
//! - [`OutboxStore`] (`outbox/`): `outbox.sqlite`, drafts and queued posts. Precious: moved
//!   aside and salvaged when damaged, never deleted.
//!
//! What the two share lives here: opening them together ([`Stores::open`]: the data
//! directory's filesystem and locking, private file modes, integrity checks and migrations in
//! `open`), the schema steps (`schema`), damage detection and quarantine (`integrity`), id
//! conversions (`ids`), file modes (`private`), errors, the connection report (`diagnostics`)
//! and adopting an earlier kring's store (`adopt`).
//!
//! Everything is keyed by an account key string (e.g. base URL + user id): two accounts never
//! see each other's rows. The API is synchronous; call it from `tokio::task::spawn_blocking`.
//! Both stores are `Send`; several (threads or processes) may share one directory. Ids above
//! `i64::MAX` are refused ([`StoreError::IdOutOfRange`]), never wrapped.
//!
mod adopt;
mod cache;
mod diagnostics;
mod error;
mod ids;
mod integrity;
pub mod mountinfo;
mod open;
mod outbox;
pub mod private;
pub mod schema;

use std::path::Path;
use std::time::{SystemTime, UNIX_EPOCH};

pub use adopt::{Adoption, adopt_old_store, create_private_dir};
pub use cache::{
    CacheChecker, CacheHealth, CacheLimits, CacheStore, CachedMessage, CachedRecord, CheckRun,
    FACT_ADDRESSED, FACT_GUIDELINES_READ, FACT_GUIDELINES_SEEN, FACT_JOIN_REQUESTS,
    FACT_LAST_LOOKED, FACT_LISTING, FACT_ME, FACT_MUTED, FACT_MY_GROUPS, FACT_START_HERE_DISMISSED,
    ListingPass, MessageSearch, ThreadActivity,
};
pub use diagnostics::{ConnectionSettings, StoreSettings};
pub use error::{StoreError, StoreResult};
pub use mountinfo::FilesystemStatus;
use open::CacheCheck;
pub use open::{CACHE_FILE, CacheStatus, Locking, OUTBOX_FILE, OutboxStatus};
pub use outbox::{
    Draft, DraftTarget, Lease, OutboxItem, OutboxState, OutboxStore, Reconciliation, Salvage,
    SentCoverage, SentMessage, normalise_body, reconcile,
};

/// What opening the store found; show anything other than `Ok` to the user.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OpenReport {
    pub cache: CacheStatus,
    pub outbox: OutboxStatus,
    /// Where the files live; on a network filesystem they are locked exclusively and
    /// [`FilesystemStatus::warning`] has a line for the user.
    pub filesystem: FilesystemStatus,
}

/// Both stores of one data directory, opened together: one connection to each file. Take
/// them apart and give each caller the one it needs.
#[derive(Debug)]
pub struct Stores {
    pub cache: CacheStore,
    pub outbox: OutboxStore,
}

impl Stores {
    /// Opens (creating if needed) the store files in `dir`, which must exist. Checks
    /// integrity, migrates, and repairs as described in the stores' module headers.
    pub fn open(dir: &Path) -> StoreResult<(Stores, OpenReport)> {
        Self::open_with(dir, CacheCheck::AtOpen)
    }

    /// [`Stores::open`] without the cache's damage check, which reads every page of the file
    /// (a third of a second for a big cache): for start-up, which runs it once the first
    /// screen is up ([`CacheStore::cache_checker`], [`CacheStore::check_cache`]). The outbox
    /// file is still checked here. A cache that is not a database, is from a newer kring or
    /// cannot be migrated is still rebuilt here.
    pub fn open_deferring_cache_check(dir: &Path) -> StoreResult<(Stores, OpenReport)> {
        Self::open_with(dir, CacheCheck::Deferred)
    }

    fn open_with(dir: &Path, check: CacheCheck) -> StoreResult<(Stores, OpenReport)> {
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
        let stores = Stores {
            cache: CacheStore::new(dir.to_path_buf(), locking, cache),
            outbox: OutboxStore::new(dir.to_path_buf(), locking, outbox),
        };
        let report = OpenReport {
            cache: cache_status,
            outbox: outbox_status,
            filesystem,
        };
        Ok((stores, report))
    }
}

fn unix_now() -> i64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map(|elapsed| i64::try_from(elapsed.as_secs()).unwrap_or(i64::MAX))
        .unwrap_or(0)
}
