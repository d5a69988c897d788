//! Reconciling a post whose outcome is unknown: read the user's sent feed back far enough,
//! match the post against it, and record the verdict. Arrived → sent; proved absent (and the
//! settle time passed) → queued again; anything less → checked again later. Never re-queues a
//! post on a partial view of the feed. The sent feed is read as background calls (see
//! `api::Priority`), behind the calls the user waits for.

use std::time::Duration;

use super::Delivery;
use super::error::DeliveryError;
use super::event::DeliveryEvent;
use super::mapping;
use super::send::unless_taken_over;
use super::shared::{secs_ceil, unix_now};
use crate::api::{ApiError, Client, NetworkKind, PageQuery};
use crate::domain::Feed;
use crate::store::{OutboxItem, Reconciliation, SentCoverage, SentMessage, reconcile};

/// The user's sent feed (`messages/sent.json`) from the newest message back to (at least) `from`, or as far as `max_pages`
/// pages reach. `Complete` only when the server ran out of messages.
pub async fn fetch_sent_since(
    client: &Client,
    from: i64,
    max_pages: u32,
) -> Result<(Vec<SentMessage>, SentCoverage), ApiError> {
    let mut sent: Vec<SentMessage> = Vec::new();
    let mut older_than: Option<u64> = None;
    for _ in 0..max_pages {
        let query = PageQuery {
            older_than,
            ..PageQuery::default()
        };
        let page = client.feed(&Feed::Sent, &query).await?;
        let Some(oldest) = page.messages.iter().map(|message| message.id).min() else {
            return Ok((sent, SentCoverage::Complete));
        };
        let before = sent.len();
        sent.extend(page.messages.iter().map(mapping::sent_message));
        if sent[before..]
            .iter()
            .any(|message| message.created_at < from)
        {
            // `reconcile` sees that the list reaches past the window.
            return Ok((sent, SentCoverage::MayHaveOlder));
        }
        if older_than.is_some_and(|previous| oldest >= previous) {
            // The server ignores `older_than`; paging on would loop.
            break;
        }
        older_than = Some(oldest);
    }
    Ok((sent, SentCoverage::MayHaveOlder))
}

impl Delivery {
    /// Reconciles `claimed` (an unknown item this engine holds).
    pub(super) async fn check(&self, claimed: OutboxItem) -> Result<(), DeliveryError> {
        let window = secs_ceil(self.options.match_window);
        let from = claimed
            .first_attempt_at
            .unwrap_or(claimed.created_at)
            .saturating_sub(window);
        // Nobody waits on a check: it yields to the calls the user is waiting for.
        let reader = self.client.background();
        let fetched = fetch_sent_since(&reader, from, self.options.max_sent_pages).await;
        let (sent, coverage) = match fetched {
            Ok(found) => found,
            Err(err) => return self.check_failed(&claimed, &err).await,
        };
        let account = self.shared.account.clone();
        let claimed_ids = self
            .shared
            .store(move |store| store.claimed_server_ids(&account))
            .await?;
        let verdict = reconcile(&claimed, &sent, coverage, &claimed_ids, window);
        let now = unix_now();
        match verdict {
            Reconciliation::Arrived { server_id } => {
                self.record_sent(claimed.local_id, server_id).await
            }
            Reconciliation::NotArrived => {
                let last_request = claimed
                    .last_attempt_at
                    .or(claimed.first_attempt_at)
                    .unwrap_or(claimed.created_at);
                let settled_at = last_request.saturating_add(secs_ceil(self.options.settle));
                if now < settled_at {
                    let note = "not in the sent feed yet; looking again once it had time to arrive";
                    self.look_again(&claimed, note, settled_at).await
                } else {
                    self.record_not_arrived(&claimed, now).await
                }
            }
            Reconciliation::Undecidable => {
                let note = "the sent feed does not reach back far enough to tell";
                let at = now.saturating_add(secs_ceil(self.options.recheck));
                self.look_again(&claimed, note, at).await
            }
        }
    }

    async fn record_not_arrived(&self, item: &OutboxItem, now: i64) -> Result<(), DeliveryError> {
        let local_id = item.local_id;
        let claimant = self.shared.claimant.clone();
        let retry_at = self.backoff_at(now, item.attempts);
        let marked = self
            .shared
            .store(move |store| store.mark_not_arrived(local_id, &claimant, retry_at))
            .await;
        if unless_taken_over(marked)?.is_some() {
            self.shared.emit(DeliveryEvent::Queued { local_id }).await;
        }
        Ok(())
    }

    /// The sent feed could not be read: look again later; say so when the server is away.
    async fn check_failed(&self, item: &OutboxItem, err: &ApiError) -> Result<(), DeliveryError> {
        let now = unix_now();
        let (at, event) = match err {
            ApiError::Network {
                kind: NetworkKind::Connect,
                ..
            } => {
                let at = self.backoff_at(now, item.reconcile_checks.saturating_add(1));
                let retry_in = Duration::from_secs(u64::try_from(at - now).unwrap_or(0));
                (at, Some(DeliveryEvent::Offline { retry_in }))
            }
            ApiError::RateLimited { retry_after } => {
                let pause = retry_after.unwrap_or(self.options.recheck);
                let at = now.saturating_add(secs_ceil(pause).max(1));
                let retry_in = Duration::from_secs(u64::try_from(at - now).unwrap_or(0));
                (at, Some(DeliveryEvent::RateLimited { retry_in }))
            }
            _ => (now.saturating_add(secs_ceil(self.options.recheck)), None),
        };
        let note = format!("cannot read the sent feed: {err}");
        self.look_again(item, &note, at).await?;
        if let Some(event) = event {
            self.shared.emit(event).await;
        }
        Ok(())
    }

    async fn look_again(
        &self,
        item: &OutboxItem,
        note: &str,
        at: i64,
    ) -> Result<(), DeliveryError> {
        let local_id = item.local_id;
        let claimant = self.shared.claimant.clone();
        let note = note.to_owned();
        let at = at.max(unix_now().saturating_add(1));
        let marked = self
            .shared
            .store(move |store| store.mark_unknown(local_id, &claimant, &note, at))
            .await;
        unless_taken_over(marked).map(|_| ())
    }
}
