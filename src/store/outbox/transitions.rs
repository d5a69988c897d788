//! Delivery transitions of outbox items: claiming work, and recording what happened to it.
//!
//! ```text
//! queued ──claim_next──► queued+lease ──mark_sending (COMMIT, then POST)──► sending
//! sending ──2xx──► sent            sending ──4xx──► failed (kept, not retried)
//! sending ──not sent (connect error, 429)──► requeue ──► queued (backoff)
//! sending ──5xx/timeout/reset──► mark_unknown ──► unknown
//! sending whose lease expired ──claim_next──► unknown+lease (never re-sent directly)
//! unknown ──claim_next──► unknown+lease ──reconcile──► mark_sent | mark_unknown (check later)
//!                                                     | mark_not_arrived ──► queued (backoff)
//! ```
//! Every transition runs in `BEGIN IMMEDIATE`. Transitions other than `mark_sent` require the
//! caller's claimant name to match, so a process that lost its lease cannot move an item a
//! newer holder is working on. `mark_sent` is the server's word and is accepted from anyone.
//! This module must never hand out a `sending` item for sending again.

use rusqlite::{Transaction, TransactionBehavior, params};

use super::OutboxStore;
use super::items::{
    ITEM_COLUMNS, OutboxItem, OutboxState, PENDING_STATES, StateKind, load_item, read_item,
    require_state,
};
use crate::store::error::{StoreError, StoreResult};
use crate::store::ids;

impl OutboxStore {
    /// Takes the next piece of work for `account`, or `None`. Only the oldest unsettled item
    /// (queued, sending or unknown) is ever considered, which keeps delivery in creation order.
    /// The returned item carries a lease for `claimant` until `now + lease_secs` and says what
    /// to do by its state:
    /// - `Queued`: send it: [`OutboxStore::mark_sending`] first, then the request.
    /// - `Unknown`: reconcile it against the sent feed; never send it directly. A `sending`
    ///   item whose lease expired is returned this way (its sender crashed or hung).
    pub fn claim_next(
        &mut self,
        account: &str,
        claimant: &str,
        now: i64,
        lease_secs: u32,
    ) -> StoreResult<Option<OutboxItem>> {
        let lease_until = now.saturating_add(i64::from(lease_secs));
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)?;
        let Some(head) = oldest_pending(&tx, account)? else {
            return Ok(None);
        };
        let claim = match head.state {
            OutboxState::Queued | OutboxState::Unknown => {
                head.next_attempt_at <= now && !head.is_leased_at(now)
            }
            OutboxState::Sending => !head.is_leased_at(now),
            OutboxState::Sent | OutboxState::Failed { .. } => false,
        };
        if !claim {
            return Ok(None);
        }
        if head.state == OutboxState::Sending {
            tx.execute(
                "UPDATE outbox SET state = 'unknown',
                     last_error = 'lease expired while sending; outcome unknown'
                 WHERE local_id = ?1",
                params![head.local_id],
            )?;
        }
        tx.execute(
            "UPDATE outbox SET claimant = ?2, lease_until = ?3 WHERE local_id = ?1",
            params![head.local_id, claimant, lease_until],
        )?;
        let claimed = load_item(&tx, head.local_id)?;
        tx.commit()?;
        Ok(Some(claimed))
    }

    /// Records that the request is about to leave. Commit this before writing the request:
    /// from here on a crash means "unknown", never "not sent". Renews the lease from `now`.
    pub fn mark_sending(
        &mut self,
        local_id: i64,
        claimant: &str,
        now: i64,
        lease_secs: u32,
    ) -> StoreResult<OutboxItem> {
        let lease_until = now.saturating_add(i64::from(lease_secs));
        self.with_item(local_id, |tx, item| {
            require_state(item, "start sending", &[StateKind::Queued])?;
            require_claimant(item, claimant)?;
            tx.execute(
                "UPDATE outbox SET state = 'sending', attempts = attempts + 1,
                     first_attempt_at = coalesce(first_attempt_at, ?2), last_attempt_at = ?2,
                     lease_until = ?3, reconcile_checks = 0
                 WHERE local_id = ?1",
                params![local_id, now, lease_until],
            )?;
            Ok(())
        })
    }

    /// Records the server's confirmation. Accepted in any state but `sent` (the server's word
    /// outranks a lease); repeating it with the same id is harmless, a different id is refused.
    pub fn mark_sent(
        &mut self,
        local_id: i64,
        server_id: u64,
        now: i64,
    ) -> StoreResult<OutboxItem> {
        let sql_id = ids::to_sql(server_id)?;
        self.with_item(local_id, |tx, item| {
            if item.state == OutboxState::Sent {
                return match item.server_message_id {
                    Some(known) if known == server_id => Ok(()),
                    Some(known) => Err(StoreError::AlreadySent {
                        local_id,
                        server_id: known,
                    }),
                    None => Err(StoreError::InvalidStored(format!(
                        "outbox item {local_id} is sent without a server id"
                    ))),
                };
            }
            tx.execute(
                "UPDATE outbox SET state = 'sent', server_message_id = ?2, finished_at = ?3,
                     failure_reason = NULL, claimant = NULL, lease_until = NULL
                 WHERE local_id = ?1",
                params![local_id, sql_id, now],
            )?;
            Ok(())
        })
    }

    /// The server refused the post (4xx): keep it for the user, never retry automatically.
    pub fn mark_failed(
        &mut self,
        local_id: i64,
        claimant: &str,
        reason: &str,
    ) -> StoreResult<OutboxItem> {
        self.with_item(local_id, |tx, item| {
            require_state(item, "mark failed", &[StateKind::Sending])?;
            require_claimant(item, claimant)?;
            tx.execute(
                "UPDATE outbox SET state = 'failed', failure_reason = ?2, last_error = ?2,
                     claimant = NULL, lease_until = NULL
                 WHERE local_id = ?1",
                params![local_id, reason],
            )?;
            Ok(())
        })
    }

    /// The outcome is unknown (5xx, timeout, reset, truncated reply), or a reconciliation check
    /// was inconclusive. Releases the claim; the item is reconciled again from `recheck_at`.
    /// Called on an `unknown` item, it counts one more reconciliation check.
    pub fn mark_unknown(
        &mut self,
        local_id: i64,
        claimant: &str,
        error: &str,
        recheck_at: i64,
    ) -> StoreResult<OutboxItem> {
        self.with_item(local_id, |tx, item| {
            require_state(
                item,
                "mark unknown",
                &[StateKind::Sending, StateKind::Unknown],
            )?;
            require_claimant(item, claimant)?;
            let checks_added = i64::from(item.state == OutboxState::Unknown);
            tx.execute(
                "UPDATE outbox SET state = 'unknown', last_error = ?2, next_attempt_at = ?3,
                     reconcile_checks = reconcile_checks + ?4, claimant = NULL, lease_until = NULL
                 WHERE local_id = ?1",
                params![local_id, error, recheck_at, checks_added],
            )?;
            Ok(())
        })
    }

    /// Reconciliation proved the post absent from the server: queue it again from `retry_at`.
    pub fn mark_not_arrived(
        &mut self,
        local_id: i64,
        claimant: &str,
        retry_at: i64,
    ) -> StoreResult<OutboxItem> {
        self.with_item(local_id, |tx, item| {
            require_state(item, "mark not arrived", &[StateKind::Unknown])?;
            require_claimant(item, claimant)?;
            requeue_row(
                tx,
                local_id,
                retry_at,
                "not found on the server; queued again",
            )
        })
    }

    /// The request provably never reached the server (connection refused, DNS failure, 429),
    /// or the holder gives up a claim before sending: queue it again from `retry_at`.
    /// Never use this after a request may have arrived: use [`OutboxStore::mark_unknown`].
    pub fn requeue(
        &mut self,
        local_id: i64,
        claimant: &str,
        retry_at: i64,
        error: &str,
    ) -> StoreResult<OutboxItem> {
        self.with_item(local_id, |tx, item| {
            require_state(item, "requeue", &[StateKind::Queued, StateKind::Sending])?;
            require_claimant(item, claimant)?;
            requeue_row(tx, local_id, retry_at, error)
        })
    }
}

fn oldest_pending(tx: &Transaction<'_>, account: &str) -> StoreResult<Option<OutboxItem>> {
    let sql = format!(
        "SELECT {ITEM_COLUMNS} FROM outbox WHERE account = ?1 AND state IN {PENDING_STATES}
         ORDER BY local_id LIMIT 1"
    );
    let mut stmt = tx.prepare(&sql)?;
    let mut rows = stmt.query_map(params![account], read_item)?;
    rows.next().transpose()?.transpose()
}

fn requeue_row(tx: &Transaction<'_>, local_id: i64, retry_at: i64, error: &str) -> StoreResult<()> {
    tx.execute(
        "UPDATE outbox SET state = 'queued', next_attempt_at = ?2, last_error = ?3,
             reconcile_checks = 0, claimant = NULL, lease_until = NULL
         WHERE local_id = ?1",
        params![local_id, retry_at, error],
    )?;
    Ok(())
}

/// The caller must be the item's current claimant (an expired lease nobody took over still
/// counts: nobody else can have started work on it).
fn require_claimant(item: &OutboxItem, claimant: &str) -> StoreResult<()> {
    match &item.lease {
        Some(lease) if lease.claimant == claimant => Ok(()),
        _ => Err(StoreError::NotClaimant {
            local_id: item.local_id,
            claimant: claimant.to_owned(),
        }),
    }
}
