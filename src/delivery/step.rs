//! One step of the engine: claim the head of the queue and send or reconcile it; or, when
//! nothing can be claimed, say when to look again, breaking the lease of a holder that has
//! died on this host. Every step either changes the outbox or names a future time, so the loops
//! around it never spin.

use std::time::Duration;

use super::Delivery;
use super::claimant::{Holder, holder_state};
use super::error::DeliveryError;
use super::send::unless_taken_over;
use super::shared::{unix_now, until_unix};
use crate::store::{OutboxItem, OutboxState};

/// What the engine should do after a step.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Next {
    /// Something changed: step again.
    Now,
    /// Nothing to do for this long (or until a wake-up).
    Wait(Duration),
    /// Nothing pending: wait for a wake-up.
    Idle,
}

impl Delivery {
    pub(super) async fn step(&self) -> Result<Next, DeliveryError> {
        let account = self.shared.account.clone();
        let claimant = self.shared.claimant.clone();
        let lease = self.lease_secs();
        let now = unix_now();
        let claimed = self
            .shared
            .store(move |store| store.claim_next(&account, &claimant, now, lease))
            .await?;
        match claimed {
            Some(item) if item.state == OutboxState::Queued => {
                self.send(item).await?;
                Ok(Next::Now)
            }
            Some(item) if item.state == OutboxState::Unknown => {
                self.check(item).await?;
                Ok(Next::Now)
            }
            // The store hands out only queued or unknown items; anything else is left alone.
            Some(_) => Ok(Next::Wait(self.options.peer_poll)),
            None => self.when_blocked(now).await,
        }
    }

    /// Nothing could be claimed: find out why from the head of the queue.
    async fn when_blocked(&self, now: i64) -> Result<Next, DeliveryError> {
        let account = self.shared.account.clone();
        let items = self.shared.store(move |store| store.list(&account)).await?;
        let Some(head) = items.into_iter().find(is_pending) else {
            return Ok(Next::Idle);
        };
        match head.lease.as_ref().filter(|_| head.is_leased_at(now)) {
            Some(lease) if lease.claimant == self.shared.claimant => {
                // Left over from a step that failed half-way: give it up so it is re-examined.
                self.release(&head, &lease.claimant, "released after an interrupted step")
                    .await?;
                Ok(Next::Now)
            }
            Some(lease) => match holder_state(&lease.claimant) {
                Holder::Gone => {
                    self.release(&head, &lease.claimant, "the process holding it stopped")
                        .await?;
                    Ok(Next::Now)
                }
                Holder::MaybeAlive => Ok(Next::Wait(
                    until_unix(lease.until).min(self.options.peer_poll),
                )),
            },
            None if head.next_attempt_at > now => Ok(Next::Wait(until_unix(head.next_attempt_at))),
            // Due and free, yet not claimed: another engine was quicker. Look again shortly.
            None => Ok(Next::Wait(self.options.peer_poll)),
        }
    }

    /// Takes `item` away from `holder` without sending anything: a queued item goes back to
    /// the queue; one that was (or may have been) sending becomes unknown and is reconciled.
    async fn release(
        &self,
        item: &OutboxItem,
        holder: &str,
        why: &str,
    ) -> Result<(), DeliveryError> {
        tracing::debug!(
            local_id = item.local_id,
            holder,
            why,
            "breaking an outbox lease"
        );
        let local_id = item.local_id;
        let holder = holder.to_owned();
        let why = why.to_owned();
        let now = unix_now();
        let state = item.state.clone();
        let released = self
            .shared
            .store(move |store| match state {
                OutboxState::Queued => store.requeue(local_id, &holder, now, &why),
                _ => store.mark_unknown(local_id, &holder, &why, now),
            })
            .await;
        unless_taken_over(released).map(|_| ())
    }
}

fn is_pending(item: &OutboxItem) -> bool {
    matches!(
        item.state,
        OutboxState::Queued | OutboxState::Sending | OutboxState::Unknown
    )
}
