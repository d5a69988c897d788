//! The outbox store: one connection to `outbox.sqlite`, which holds drafts and the outbox.
//! Precious: WAL, `synchronous=FULL`, every write durable when the call returns; when damaged
//! it is moved aside (never deleted), recreated and salvaged best effort
//! ([`OutboxStatus::Recovered`]; method and limits in `salvage`).
//!
//! One job per file: `drafts`, `target` (where a draft or post goes), `items` (queueing and
//! the user's edits), `transitions` (what delivery records: claims, sending, sent, unknown…),
//! `reconcile` (did an unknown post arrive?), `salvage`. Storage only: sending is
//! `crate::delivery`'s, which meets this module through [`OutboxStore`]'s transitions alone.
//!
//! What must never happen, and what prevents it:
//! - **A draft is lost.** Drafts live only in the precious file; a save is one FULL-synced
//!   commit; [`OutboxStore::enqueue`] consumes the target's draft in the same transaction that
//!   queues the post, so a crash leaves the draft or the queued post, never neither.
//! - **A post is sent twice.** The post is queued durably before any request. A request may
//!   leave only after [`OutboxStore::mark_sending`] committed; from then on the outcome is
//!   either known (sent/failed) or `Unknown`, and an `Unknown` item (including a `sending` item
//!   whose lease expired after a crash) is re-sent only after reconciliation against the
//!   server's sent feed ([`reconcile()`]) concluded it is absent
//!   ([`OutboxStore::mark_not_arrived`]). Claims run in `BEGIN IMMEDIATE`, so two processes
//!   never claim the same item. Leases must be longer than the HTTP client's total timeout, or
//!   a slow request could be taken for dead.
//! - **A post overtakes an earlier one.** Items of one account are claimed strictly in
//!   creation order; a later item waits while an earlier one is queued, sending or unknown.

mod drafts;
mod items;
mod reconcile;
pub(super) mod salvage;
mod target;
mod transitions;

use std::path::{Path, PathBuf};

use rusqlite::Connection;

pub use drafts::Draft;
pub use items::{Lease, OutboxItem, OutboxState};
pub use reconcile::{Reconciliation, SentCoverage, SentMessage, normalise_body, reconcile};
pub use salvage::Salvage;
pub use target::DraftTarget;

use super::error::StoreResult;
use super::open::{self, Locking};
use super::{OpenReport, Stores};

/// Handle on one data directory's drafts and outbox: one connection to `outbox.sqlite`.
/// `Send`; several (threads or processes) may share one directory.
#[derive(Debug)]
pub struct OutboxStore {
    dir: PathBuf,
    locking: Locking,
    conn: Connection,
}

impl OutboxStore {
    pub(super) fn new(dir: PathBuf, locking: Locking, conn: Connection) -> Self {
        Self { dir, locking, conn }
    }

    /// Opens the data directory's files as [`Stores::open`] does and keeps the outbox.
    pub fn open(dir: &Path) -> StoreResult<(OutboxStore, OpenReport)> {
        Stores::open(dir).map(|(stores, report)| (stores.outbox, report))
    }

    /// A second handle on the same file, for another thread (the delivery engine): a new
    /// connection with the same settings, without the integrity check and the migrations
    /// opening already ran. Fails with "locked" when the file is locked exclusively (a network
    /// filesystem), where one connection is all there can be.
    pub fn connect_again(&self) -> StoreResult<OutboxStore> {
        Ok(Self::new(
            self.dir.clone(),
            self.locking,
            open::reconnect_outbox(&self.dir, self.locking)?,
        ))
    }

    /// The data directory this store was opened on.
    pub fn dir(&self) -> &Path {
        &self.dir
    }

    /// The connection, for the store's own read-only reports.
    pub(super) fn conn(&self) -> &Connection {
        &self.conn
    }
}
