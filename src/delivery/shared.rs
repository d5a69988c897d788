//! State shared by the delivery engine and its handles: the store (used only from blocking
//! tasks), the account and claimant, the wake-up signal and the event channel. Also the
//! handle the TUI keeps for enqueuing and managing posts while the engine runs. Owns no
//! delivery decisions.

use std::sync::{Arc, Mutex};
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use tokio::sync::{Notify, mpsc};

use super::error::DeliveryError;
use super::event::DeliveryEvent;
use crate::store::{DraftTarget, OutboxItem, OutboxStore, StoreError};

pub(super) struct Shared {
    store: Arc<Mutex<OutboxStore>>,
    pub(super) account: String,
    pub(super) claimant: String,
    pub(super) wake: Notify,
    events: Mutex<Option<mpsc::Sender<DeliveryEvent>>>,
    last_count: Mutex<Option<u64>>,
}

impl Shared {
    pub(super) fn new(store: OutboxStore, account: String, claimant: String) -> Self {
        Self {
            store: Arc::new(Mutex::new(store)),
            account,
            claimant,
            wake: Notify::new(),
            events: Mutex::new(None),
            last_count: Mutex::new(None),
        }
    }

    /// Runs `work` on the store in a blocking task.
    pub(super) async fn store<T, F>(&self, work: F) -> Result<T, DeliveryError>
    where
        T: Send + 'static,
        F: FnOnce(&mut OutboxStore) -> Result<T, StoreError> + Send + 'static,
    {
        let store = Arc::clone(&self.store);
        tokio::task::spawn_blocking(move || {
            let mut guard = store.lock().map_err(|_| DeliveryError::StorePoisoned)?;
            work(&mut guard).map_err(DeliveryError::from)
        })
        .await
        .map_err(|err| DeliveryError::Task(err.to_string()))?
    }

    pub(super) fn set_events(&self, sender: mpsc::Sender<DeliveryEvent>) {
        if let Ok(mut slot) = self.events.lock() {
            *slot = Some(sender);
        }
    }

    /// Sends an event to the observer, if there is one; waits when its queue is full.
    pub(super) async fn emit(&self, event: DeliveryEvent) {
        let sender = self.events.lock().ok().and_then(|slot| slot.clone());
        if let Some(sender) = sender {
            // A gone observer is not an error: the engine notices it and stops.
            let _ = sender.send(event).await;
        }
    }

    pub(super) async fn pending_count(&self) -> Result<u64, DeliveryError> {
        let account = self.account.clone();
        self.store(move |store| store.pending_count(&account)).await
    }

    /// Emits [`DeliveryEvent::CountChanged`] when the pending count differs from the last one
    /// emitted.
    pub(super) async fn report_count(&self) -> Result<(), DeliveryError> {
        let count = self.pending_count().await?;
        let changed = match self.last_count.lock() {
            Ok(mut last) => {
                let changed = *last != Some(count);
                *last = Some(count);
                changed
            }
            Err(_) => true,
        };
        if changed {
            self.emit(DeliveryEvent::CountChanged(count)).await;
        }
        Ok(())
    }
}

/// A cheap, cloneable handle on an engine's outbox: enqueue posts and manage the queue while
/// the engine runs. Every change wakes the engine.
#[derive(Clone)]
pub struct OutboxHandle {
    pub(super) shared: Arc<Shared>,
}

impl std::fmt::Debug for OutboxHandle {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("OutboxHandle")
            .field("account", &self.shared.account)
            .finish_non_exhaustive()
    }
}

impl OutboxHandle {
    /// Queues a post (durable when this returns) and wakes the engine. The draft of the same
    /// target is consumed in the same transaction. Returns the post's local id.
    pub async fn enqueue(
        &self,
        target: DraftTarget,
        body: &str,
        topics: &[String],
    ) -> Result<i64, DeliveryError> {
        let item = self.enqueue_item(target, body, topics, false).await?;
        Ok(item.local_id)
    }

    /// Like [`OutboxHandle::enqueue`], but leaves the target's draft alone (for posts that do
    /// not come from the editor, such as `kring post`).
    pub async fn enqueue_keeping_draft(
        &self,
        target: DraftTarget,
        body: &str,
        topics: &[String],
    ) -> Result<i64, DeliveryError> {
        let item = self.enqueue_item(target, body, topics, true).await?;
        Ok(item.local_id)
    }

    async fn enqueue_item(
        &self,
        target: DraftTarget,
        body: &str,
        topics: &[String],
        keep_draft: bool,
    ) -> Result<OutboxItem, DeliveryError> {
        let account = self.shared.account.clone();
        let body = body.to_owned();
        let topics = topics.to_vec();
        let item = self
            .shared
            .store(move |store| {
                let draft = if keep_draft {
                    store.load_draft(&account, target)?
                } else {
                    None
                };
                let item = store.enqueue(&account, target, &body, &topics, unix_now())?;
                if let Some(draft) = draft {
                    store.save_draft(&account, target, &draft.body, draft.updated_at)?;
                }
                Ok(item)
            })
            .await?;
        self.changed(DeliveryEvent::Queued {
            local_id: item.local_id,
        })
        .await;
        Ok(item)
    }

    /// Every post of the account still in the outbox (sent ones until pruned), oldest first.
    pub async fn items(&self) -> Result<Vec<OutboxItem>, DeliveryError> {
        let account = self.shared.account.clone();
        self.shared.store(move |store| store.list(&account)).await
    }

    /// One post by local id.
    pub async fn item(&self, local_id: i64) -> Result<Option<OutboxItem>, DeliveryError> {
        self.shared
            .store(move |store| store.outbox_item(local_id))
            .await
    }

    /// Posts not settled yet (queued, sending, unknown): the status bar's count.
    pub async fn pending_count(&self) -> Result<u64, DeliveryError> {
        self.shared.pending_count().await
    }

    /// Replaces the text of a queued or failed post.
    pub async fn edit(&self, local_id: i64, body: &str) -> Result<OutboxItem, DeliveryError> {
        let body = body.to_owned();
        let item = self
            .shared
            .store(move |store| store.edit_body(local_id, &body))
            .await?;
        self.shared.wake.notify_one();
        Ok(item)
    }

    /// Queues a failed post again.
    pub async fn retry(&self, local_id: i64) -> Result<OutboxItem, DeliveryError> {
        let item = self
            .shared
            .store(move |store| store.retry_failed(local_id, unix_now()))
            .await?;
        self.changed(DeliveryEvent::Queued { local_id }).await;
        Ok(item)
    }

    /// Removes a queued, failed or unknown post and returns it (e.g. to reopen it as a draft).
    /// Refused while its request may be in flight.
    pub async fn cancel(&self, local_id: i64) -> Result<OutboxItem, DeliveryError> {
        let item = self
            .shared
            .store(move |store| store.cancel(local_id))
            .await?;
        self.count_changed().await;
        self.shared.wake.notify_one();
        Ok(item)
    }

    /// Ends the backoff pause of every queued post and wakes the engine, so delivery is tried
    /// at once (the user asked, or the server answers again). Returns how many posts were due
    /// later.
    pub async fn retry_now(&self) -> Result<usize, DeliveryError> {
        let account = self.shared.account.clone();
        let hurried = self
            .shared
            .store(move |store| store.hurry_queued(&account, unix_now()))
            .await?;
        self.shared.wake.notify_one();
        Ok(hurried)
    }

    /// Makes the engine look at the outbox now. Posts whose retry time lies ahead (backoff
    /// while offline, a rate-limit pause) still wait for it.
    pub fn wake(&self) {
        self.shared.wake.notify_one();
    }

    async fn changed(&self, event: DeliveryEvent) {
        self.shared.emit(event).await;
        self.count_changed().await;
        self.shared.wake.notify_one();
    }

    async fn count_changed(&self) {
        if let Err(err) = self.shared.report_count().await {
            tracing::warn!(%err, "cannot count the outbox");
        }
    }
}

/// Unix seconds now.
pub(super) fn unix_now() -> i64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map(|elapsed| i64::try_from(elapsed.as_secs()).unwrap_or(i64::MAX))
        .unwrap_or(0)
}

/// How long until the unix second `at` begins (zero when it has).
pub(super) fn until_unix(at: i64) -> Duration {
    let now = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .unwrap_or(Duration::ZERO);
    let at = Duration::from_secs(u64::try_from(at).unwrap_or(0));
    at.saturating_sub(now)
}

/// Whole seconds of `duration`, rounded up, as a store timestamp offset.
pub(super) fn secs_ceil(duration: Duration) -> i64 {
    let secs = duration.as_secs() + u64::from(duration.subsec_nanos() > 0);
    i64::try_from(secs).unwrap_or(i64::MAX)
}
