//! The outbox delivery engine: takes posts from the store's outbox and gets each onto the
//! server exactly once, in order, whatever the network or the process does meanwhile: a post is
//! durable before any request, never sent twice, never overtaken by a later one, and waits out
//! being offline, rate limits and a refused token.
//!
//! - [`Delivery`] owns one [`OutboxStore`] handle (used through blocking tasks), one account key and
//!   one [`Client`]. [`Delivery::run`] loops until its event receiver is dropped: claim the
//!   head of the queue, record `sending` (committed before the request leaves), POST, record
//!   the outcome. An unknown outcome is reconciled against `messages/sent.json` before any
//!   retry; only a post proved absent is sent again. Offline, it sleeps until the next retry
//!   (full-jitter backoff) or until woken by an enqueue; it never spins.
//! - [`OutboxHandle`] (from [`Delivery::handle`]) enqueues and manages posts while the engine
//!   runs, and wakes it.
//! - [`Delivery::deliver_pending`] is the bounded variant for `kring post`.
//! - `kring post` (the script command) queues one post and runs the bounded variant.
//! - [`Delivery::prune_sent`] drops sent posts no reconciliation can still need (`prune`): at
//!   the start of [`Delivery::run`] and then at most once a day, and after `kring post`.
//!
//! Several engines (threads or processes) may share one data directory: the store's claims
//! keep them from sending the same post, and a lease held by a process of this host that died
//! is broken at once (see `claimant`). This module must not decide what the user sees; it
//! reports [`DeliveryEvent`]s.

mod check;
mod claimant;
mod error;
mod event;
mod mapping;
mod prune;
mod send;
mod shared;
mod step;

use std::path::Path;
use std::sync::Arc;
use std::time::{Duration, Instant};

use tokio::sync::mpsc;

pub use check::fetch_sent_since;
pub use claimant::new_claimant;
pub use error::DeliveryError;
pub use event::{DeliveryEvent, DeliveryOptions};
pub use mapping::{account_key, new_message, sent_message};
pub use prune::{PRUNE_INTERVAL, SENT_RETENTION};
pub use shared::OutboxHandle;

use crate::api::Client;
use crate::store::{OpenReport, OutboxStore, Stores};
use prune::PruneSchedule;
use shared::Shared;
use step::Next;

/// Pause after a step failed on something unexpected (e.g. the disk), before trying again.
const TROUBLE_PAUSE: Duration = Duration::from_secs(5);
/// The shortest sleep between steps that made no progress.
const MIN_IDLE_SLEEP: Duration = Duration::from_millis(10);

/// The delivery engine for one account. See the module header.
pub struct Delivery {
    shared: Arc<Shared>,
    client: Client,
    options: DeliveryOptions,
}

impl std::fmt::Debug for Delivery {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Delivery")
            .field("account", &self.shared.account)
            .field("claimant", &self.shared.claimant)
            .field("options", &self.options)
            .finish_non_exhaustive()
    }
}

/// How [`Delivery::deliver_pending`] ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DrainOutcome {
    /// Nothing is pending any more (every post is sent or failed).
    Settled,
    /// Posts remain; nothing more can happen for `retry_in`, which ends past the patience
    /// given.
    Waiting { retry_in: Duration },
}

impl Delivery {
    /// An engine on `store` for `account` (the key the store files posts under, see
    /// [`account_key`]), posting with `client`, claiming as `claimant` (unique per engine:
    /// use [`new_claimant`]). Default [`DeliveryOptions`].
    pub fn new(
        store: OutboxStore,
        account: impl Into<String>,
        client: Client,
        claimant: impl Into<String>,
    ) -> Self {
        Self {
            shared: Arc::new(Shared::new(store, account.into(), claimant.into())),
            client,
            options: DeliveryOptions::default(),
        }
    }

    /// Opens the store in `dir` (which must exist) and builds an engine on it, with a fresh
    /// claimant name. Show the report to the user when it is not all `Ok`. The outbox file is
    /// checked; the cache's full damage check is left to the TUI, which reads the cache (the
    /// engine never does, and the check reads every page of it).
    pub async fn open(
        dir: &Path,
        account: impl Into<String>,
        client: Client,
    ) -> Result<(Self, OpenReport), DeliveryError> {
        let dir = dir.to_path_buf();
        let (stores, report) =
            tokio::task::spawn_blocking(move || Stores::open_deferring_cache_check(&dir))
                .await
                .map_err(|err| DeliveryError::Task(err.to_string()))??;
        Ok((
            Self::new(stores.outbox, account, client, new_claimant()),
            report,
        ))
    }

    /// Replaces the engine's timings.
    pub fn with_options(mut self, options: DeliveryOptions) -> Self {
        self.options = options;
        self
    }

    /// Sends events to `events` from now on (also done by [`Delivery::run`]).
    pub fn with_events(self, events: mpsc::Sender<DeliveryEvent>) -> Self {
        self.shared.set_events(events);
        self
    }

    /// A handle for enqueuing and managing posts while the engine runs.
    pub fn handle(&self) -> OutboxHandle {
        OutboxHandle {
            shared: Arc::clone(&self.shared),
        }
    }

    /// The name this engine claims posts under.
    pub fn claimant(&self) -> &str {
        &self.shared.claimant
    }

    /// Queues a post (durable when this returns) and wakes the engine; see
    /// [`OutboxHandle::enqueue`].
    pub async fn enqueue(
        &self,
        target: crate::store::DraftTarget,
        body: &str,
        topics: &[String],
    ) -> Result<i64, DeliveryError> {
        self.handle().enqueue(target, body, topics).await
    }

    /// Delivers until `events`' receiver is dropped. Problems (store trouble) are reported as
    /// [`DeliveryEvent::Blocked`] and retried; the loop itself never fails. Dropping the
    /// receiver stops it between steps, so a request in flight is still recorded. Prunes sent
    /// posts when it starts and then at most once a day.
    pub async fn run(self, events: mpsc::Sender<DeliveryEvent>) {
        self.shared.set_events(events.clone());
        let mut prune = PruneSchedule::starting(Instant::now());
        loop {
            if events.is_closed() {
                return;
            }
            if prune.take_if_due(Instant::now()) {
                self.prune_sent_logged().await;
            }
            let next = match self.step().await {
                Ok(next) => next,
                Err(err) => {
                    tracing::warn!(%err, "outbox delivery step failed");
                    let reason = err.to_string();
                    self.shared
                        .emit(DeliveryEvent::Blocked {
                            reason,
                            retry_in: TROUBLE_PAUSE,
                        })
                        .await;
                    Next::Wait(TROUBLE_PAUSE)
                }
            };
            if let Err(err) = self.shared.report_count().await {
                tracing::warn!(%err, "cannot count the outbox");
            }
            let sleep = match next {
                Next::Now => continue,
                Next::Wait(wait) => wait.max(MIN_IDLE_SLEEP),
                // Nothing to do until woken, or until the next prune.
                Next::Idle => prune.until_next(Instant::now()).max(MIN_IDLE_SLEEP),
            };
            let timer = tokio::time::sleep(sleep);
            tokio::select! {
                () = self.shared.wake.notified() => {}
                () = events.closed() => return,
                () = timer => {}
            }
        }
    }

    /// Delivers what is pending for up to `patience`, then returns: `Settled` when nothing is
    /// pending any more, `Waiting` when the next possible step lies beyond `patience`
    /// (offline, rate limited, a check that must wait, another process holding the head).
    pub async fn deliver_pending(&self, patience: Duration) -> Result<DrainOutcome, DeliveryError> {
        let deadline = Instant::now() + patience;
        loop {
            let next = self.step().await?;
            self.shared.report_count().await?;
            match next {
                Next::Now => {}
                Next::Idle => return Ok(DrainOutcome::Settled),
                Next::Wait(wait) => {
                    let wait = wait.max(MIN_IDLE_SLEEP);
                    if Instant::now() + wait > deadline {
                        return Ok(DrainOutcome::Waiting { retry_in: wait });
                    }
                    tokio::time::sleep(wait).await;
                }
            }
        }
    }

    fn lease_secs(&self) -> u32 {
        u32::try_from(self.options.lease.as_secs()).unwrap_or(u32::MAX)
    }
}
