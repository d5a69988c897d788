//! The outbox's items and the edits a user makes to them: enqueue, list, edit, cancel, retry.
//! Delivery transitions (claim, sending, sent, unknown…) live in `delivery`. This module must
//! never change an item whose request may be in flight (`sending`) and never edit the text of
//! an item someone has claimed for sending.

use std::collections::HashSet;
use std::fmt;

use rusqlite::{OptionalExtension, Row, Transaction, TransactionBehavior, params};

use super::OutboxStore;
use super::target::DraftTarget;
use crate::store::error::{StoreError, StoreResult};
use crate::store::ids;

/// Where an outgoing post is in its life.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum OutboxState {
    /// Waiting to be sent (possibly after `next_attempt_at`).
    Queued,
    /// A request may be on the wire; the outcome is not known yet.
    Sending,
    /// The server confirmed it (`server_message_id` is set).
    Sent,
    /// The server refused it; kept for editing, never retried automatically.
    Failed { reason: String },
    /// The request may or may not have arrived; must be reconciled before any re-send.
    Unknown,
}

impl OutboxState {
    fn column(&self) -> &'static str {
        match self {
            OutboxState::Queued => "queued",
            OutboxState::Sending => "sending",
            OutboxState::Sent => "sent",
            OutboxState::Failed { .. } => "failed",
            OutboxState::Unknown => "unknown",
        }
    }
}

impl fmt::Display for OutboxState {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.column())
    }
}

/// Who holds an item and until when (unix seconds).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Lease {
    pub claimant: String,
    pub until: i64,
}

/// One outgoing post.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OutboxItem {
    /// Local id, never reused; also the creation order.
    pub local_id: i64,
    pub account: String,
    pub target: DraftTarget,
    pub body: String,
    pub topics: Vec<String>,
    /// Unix seconds when the user sent it.
    pub created_at: i64,
    pub state: OutboxState,
    /// Requests started (`mark_sending` calls).
    pub attempts: u32,
    pub last_error: Option<String>,
    /// Not claimed before this time (unix seconds): send backoff or next reconciliation check.
    pub next_attempt_at: i64,
    pub server_message_id: Option<u64>,
    pub lease: Option<Lease>,
    /// Start of the first and of the latest request (unix seconds), for reconciliation.
    pub first_attempt_at: Option<i64>,
    pub last_attempt_at: Option<i64>,
    /// Reconciliation checks that ended without finding the post.
    pub reconcile_checks: u32,
}

impl OutboxItem {
    /// True when someone holds an unexpired lease on the item at `now`.
    pub fn is_leased_at(&self, now: i64) -> bool {
        self.lease.as_ref().is_some_and(|lease| lease.until > now)
    }
}

pub(super) const ITEM_COLUMNS: &str = "local_id, account, target_key, body, topics_json, \
     created_at, state, failure_reason, attempts, last_error, next_attempt_at, \
     server_message_id, claimant, lease_until, first_attempt_at, last_attempt_at, \
     reconcile_checks";

/// States that keep later items of the same account waiting.
pub(super) const PENDING_STATES: &str = "('queued', 'sending', 'unknown')";

impl OutboxStore {
    /// Queues a post; durable when this returns. Call it before any request is made.
    /// The draft of the same account and target is deleted in the same transaction: the text
    /// now lives in the outbox, and a crash cannot leave both (which could send it twice).
    pub fn enqueue(
        &mut self,
        account: &str,
        target: DraftTarget,
        body: &str,
        topics: &[String],
        created_at: i64,
    ) -> StoreResult<OutboxItem> {
        let topics_json = serde_json::to_string(topics)
            .map_err(|err| StoreError::InvalidStored(format!("topics: {err}")))?;
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)?;
        tx.execute(
            "INSERT INTO outbox (account, target_key, body, topics_json, created_at, state,
                 next_attempt_at)
             VALUES (?1, ?2, ?3, ?4, ?5, 'queued', ?5)",
            params![account, target.key(), body, topics_json, created_at],
        )?;
        let local_id = tx.last_insert_rowid();
        tx.execute(
            "DELETE FROM drafts WHERE account = ?1 AND target_key = ?2",
            params![account, target.key()],
        )?;
        let item = load_item(&tx, local_id)?;
        tx.commit()?;
        Ok(item)
    }

    /// One item by local id.
    pub fn outbox_item(&self, local_id: i64) -> StoreResult<Option<OutboxItem>> {
        let sql = format!("SELECT {ITEM_COLUMNS} FROM outbox WHERE local_id = ?1");
        self.conn
            .query_row(&sql, params![local_id], read_item)
            .optional()?
            .transpose()
    }

    /// Every item of `account` (sent ones until pruned), in creation order.
    pub fn list(&self, account: &str) -> StoreResult<Vec<OutboxItem>> {
        let sql = format!("SELECT {ITEM_COLUMNS} FROM outbox WHERE account = ?1 ORDER BY local_id");
        let mut stmt = self.conn.prepare(&sql)?;
        let rows = stmt.query_map(params![account], read_item)?;
        rows.map(|row| row?).collect()
    }

    /// Items of `account` not yet settled: queued, sending or unknown (failed ones wait for the
    /// user and are not counted).
    pub fn pending_count(&self, account: &str) -> StoreResult<u64> {
        let sql =
            format!("SELECT count(*) FROM outbox WHERE account = ?1 AND state IN {PENDING_STATES}");
        let count: i64 = self
            .conn
            .query_row(&sql, params![account], |row| row.get(0))?;
        Ok(u64::try_from(count).unwrap_or(0))
    }

    /// Server ids already matched to sent items of `account`, for the reconciliation with the server.
    pub fn claimed_server_ids(&self, account: &str) -> StoreResult<HashSet<u64>> {
        let mut stmt = self.conn.prepare(
            "SELECT server_message_id FROM outbox
             WHERE account = ?1 AND server_message_id IS NOT NULL",
        )?;
        let rows = stmt.query_map(params![account], |row| row.get::<_, i64>(0))?;
        rows.map(|row| ids::from_sql(row?)).collect()
    }

    /// Replaces the text of a queued or failed item. A queued item's claim is withdrawn, so a
    /// sender that read the old text before this call can no longer start its request.
    pub fn edit_body(&mut self, local_id: i64, body: &str) -> StoreResult<OutboxItem> {
        self.with_item(local_id, |tx, item| {
            require_state(item, "edit", &[StateKind::Queued, StateKind::Failed])?;
            tx.execute(
                "UPDATE outbox SET body = ?2, claimant = NULL, lease_until = NULL
                 WHERE local_id = ?1",
                params![local_id, body],
            )?;
            Ok(())
        })
    }

    /// Puts a failed item back in the queue, due at `now`.
    pub fn retry_failed(&mut self, local_id: i64, now: i64) -> StoreResult<OutboxItem> {
        self.with_item(local_id, |tx, item| {
            require_state(item, "retry", &[StateKind::Failed])?;
            tx.execute(
                "UPDATE outbox SET state = 'queued', failure_reason = NULL, next_attempt_at = ?2,
                     reconcile_checks = 0
                 WHERE local_id = ?1",
                params![local_id, now],
            )?;
            Ok(())
        })
    }

    /// Removes a queued, failed or unknown item and returns it (e.g. to turn it back into a
    /// draft). Refused while a request may be in flight or once sent. Cancelling an unknown
    /// item does not unsend it: it may already be on the server.
    pub fn cancel(&mut self, local_id: i64) -> StoreResult<OutboxItem> {
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)?;
        let item = load_item(&tx, local_id)?;
        require_state(
            &item,
            "cancel",
            &[StateKind::Queued, StateKind::Failed, StateKind::Unknown],
        )?;
        tx.execute("DELETE FROM outbox WHERE local_id = ?1", params![local_id])?;
        tx.commit()?;
        Ok(item)
    }

    /// Makes every queued, unclaimed item of `account` due at `now` (the user asked to retry
    /// now, or the server is back): a backoff pause ends early. Unknown items keep their
    /// reconciliation schedule. Returns how many items changed.
    pub fn hurry_queued(&mut self, account: &str, now: i64) -> StoreResult<usize> {
        Ok(self.conn.execute(
            "UPDATE outbox SET next_attempt_at = ?2
             WHERE account = ?1 AND state = 'queued' AND next_attempt_at > ?2
                 AND (lease_until IS NULL OR lease_until <= ?2)",
            params![account, now],
        )?)
    }

    /// Deletes sent items of `account` that were confirmed before `finished_before`.
    pub fn prune_sent(&mut self, account: &str, finished_before: i64) -> StoreResult<usize> {
        Ok(self.conn.execute(
            "DELETE FROM outbox WHERE account = ?1 AND state = 'sent' AND finished_at < ?2",
            params![account, finished_before],
        )?)
    }

    /// Deletes sent items of `account` confirmed before `finished_before`, except those a
    /// reconciliation could still need: the cut-off moves back to `match_window_secs` before
    /// the first attempt (or creation, if earlier) of the oldest item not sent yet, since
    /// checking an unknown item reads the sent feed from there and must still see which
    /// server messages earlier posts claimed. Failed items count too: one retried later is
    /// checked from its first attempt. Decided and deleted in one transaction, so an item
    /// changing meanwhile cannot slip between the two. Returns how many items went.
    pub fn prune_sent_keeping_unresolved(
        &mut self,
        account: &str,
        finished_before: i64,
        match_window_secs: i64,
    ) -> StoreResult<usize> {
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)?;
        let oldest_unresolved: Option<i64> = tx.query_row(
            "SELECT min(min(created_at, coalesce(first_attempt_at, created_at))) FROM outbox
             WHERE account = ?1 AND state != 'sent'",
            params![account],
            |row| row.get(0),
        )?;
        let cut_off = match oldest_unresolved {
            Some(start) => finished_before.min(start.saturating_sub(match_window_secs.max(0))),
            None => finished_before,
        };
        let pruned = tx.execute(
            "DELETE FROM outbox WHERE account = ?1 AND state = 'sent' AND finished_at < ?2",
            params![account, cut_off],
        )?;
        tx.commit()?;
        Ok(pruned)
    }

    /// Runs `change` on one item inside `BEGIN IMMEDIATE` and returns the item afterwards.
    pub(super) fn with_item(
        &mut self,
        local_id: i64,
        change: impl FnOnce(&Transaction<'_>, &OutboxItem) -> StoreResult<()>,
    ) -> StoreResult<OutboxItem> {
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)?;
        let before = load_item(&tx, local_id)?;
        change(&tx, &before)?;
        let after = load_item(&tx, local_id)?;
        tx.commit()?;
        Ok(after)
    }
}

/// A state without its payload, for allow-lists.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum StateKind {
    Queued,
    Sending,
    Sent,
    Failed,
    Unknown,
}

impl OutboxState {
    pub(super) fn kind(&self) -> StateKind {
        match self {
            OutboxState::Queued => StateKind::Queued,
            OutboxState::Sending => StateKind::Sending,
            OutboxState::Sent => StateKind::Sent,
            OutboxState::Failed { .. } => StateKind::Failed,
            OutboxState::Unknown => StateKind::Unknown,
        }
    }
}

pub(super) fn require_state(
    item: &OutboxItem,
    action: &'static str,
    allowed: &[StateKind],
) -> StoreResult<()> {
    if allowed.contains(&item.state.kind()) {
        return Ok(());
    }
    Err(StoreError::InvalidTransition {
        local_id: item.local_id,
        action,
        state: item.state.to_string(),
    })
}

pub(super) fn load_item(tx: &Transaction<'_>, local_id: i64) -> StoreResult<OutboxItem> {
    let sql = format!("SELECT {ITEM_COLUMNS} FROM outbox WHERE local_id = ?1");
    tx.query_row(&sql, params![local_id], read_item)
        .optional()?
        .ok_or(StoreError::NoSuchItem(local_id))?
}

/// Reads a row selected with [`ITEM_COLUMNS`]. The outer `Result` is SQLite's, the inner one
/// says whether the stored values make sense.
pub(super) fn read_item(row: &Row<'_>) -> rusqlite::Result<StoreResult<OutboxItem>> {
    let local_id: i64 = row.get(0)?;
    let target_key: String = row.get(2)?;
    let topics_json: String = row.get(4)?;
    let state: String = row.get(6)?;
    let failure_reason: Option<String> = row.get(7)?;
    let claimant: Option<String> = row.get(12)?;
    let lease_until: Option<i64> = row.get(13)?;
    let server_message_id: Option<i64> = row.get(11)?;
    let attempts: i64 = row.get(8)?;
    let reconcile_checks: i64 = row.get(16)?;
    let invalid =
        |what: String| StoreError::InvalidStored(format!("outbox item {local_id}: {what}"));
    let build = || -> StoreResult<OutboxItem> {
        let target = DraftTarget::from_key(&target_key)
            .ok_or_else(|| invalid(format!("target key {target_key:?}")))?;
        let topics =
            serde_json::from_str(&topics_json).map_err(|err| invalid(format!("topics: {err}")))?;
        let state = match state.as_str() {
            "queued" => OutboxState::Queued,
            "sending" => OutboxState::Sending,
            "sent" => OutboxState::Sent,
            "failed" => OutboxState::Failed {
                reason: failure_reason.unwrap_or_default(),
            },
            "unknown" => OutboxState::Unknown,
            other => return Err(invalid(format!("state {other:?}"))),
        };
        let lease = match (claimant, lease_until) {
            (Some(claimant), Some(until)) => Some(Lease { claimant, until }),
            _ => None,
        };
        Ok(OutboxItem {
            local_id,
            account: row.get(1)?,
            target,
            body: row.get(3)?,
            topics,
            created_at: row.get(5)?,
            state,
            attempts: u32::try_from(attempts).unwrap_or(u32::MAX),
            last_error: row.get(9)?,
            next_attempt_at: row.get(10)?,
            server_message_id: ids::opt_from_sql(server_message_id)?,
            lease,
            first_attempt_at: row.get(14)?,
            last_attempt_at: row.get(15)?,
            reconcile_checks: u32::try_from(reconcile_checks).unwrap_or(u32::MAX),
        })
    };
    Ok(build())
}
