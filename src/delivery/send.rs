//! Sending one claimed, queued post: record `sending` (committed before the request leaves),
//! POST it, and record what the answer proves. Never sends an item it did not just move to
//! `sending` itself, and never re-queues one whose request may have reached the server.

use std::time::Duration;

use super::Delivery;
use super::error::DeliveryError;
use super::event::DeliveryEvent;
use super::mapping;
use super::shared::{secs_ceil, unix_now};
use crate::api::{ApiError, NetworkKind};
use crate::store::{OutboxItem, StoreError};

/// The shortest and longest pause a server's Retry-After can impose.
const MIN_RATE_PAUSE: Duration = Duration::from_secs(1);
const MAX_RATE_PAUSE: Duration = Duration::from_secs(15 * 60);

/// What a failed POST proves about the post.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) enum FailedPost {
    /// It never reached the server: queue it again after `pause` (or the backoff).
    NotSent {
        pause: Option<Duration>,
        why: NotSentWhy,
    },
    /// The server refused it for good.
    Refused { reason: String },
    /// It may have arrived.
    Unknown { reason: String },
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum NotSentWhy {
    Offline,
    RateLimited,
    Unauthorized,
}

/// Sorts a POST failure by what it proves about the server having stored it. Any server error counts
/// as unknown: a 500 may come after the post was stored.
pub(super) fn classify(err: &ApiError, auth_pause: Duration) -> FailedPost {
    match err {
        ApiError::Network {
            kind: NetworkKind::Connect,
            ..
        } => FailedPost::NotSent {
            pause: None,
            why: NotSentWhy::Offline,
        },
        ApiError::RateLimited { retry_after } => FailedPost::NotSent {
            pause: Some(
                retry_after
                    .unwrap_or(MIN_RATE_PAUSE)
                    .clamp(MIN_RATE_PAUSE, MAX_RATE_PAUSE),
            ),
            why: NotSentWhy::RateLimited,
        },
        // A 401 proves the post was not taken: it waits (the whole queue with it, as delivery
        // keeps order) instead of failing for good, until a new token is in place.
        // No API at the base URL: nothing was taken; the post waits for the URL to be fixed.
        ApiError::Unauthorized { .. }
        | ApiError::TokenRejected { .. }
        | ApiError::NotRenewed { .. }
        | ApiError::Setup(_)
        | ApiError::NoApi { .. } => FailedPost::NotSent {
            pause: Some(auth_pause),
            why: NotSentWhy::Unauthorized,
        },
        // Refused with the old token, a new one is in place: send again after the backoff.
        // Signed out: nothing left the machine, so trying again after the backoff costs no
        // request, and a new `kring login` gets the queue going soon.
        ApiError::TokenRefreshed | ApiError::SignedOut { .. } => FailedPost::NotSent {
            pause: None,
            why: NotSentWhy::Unauthorized,
        },
        ApiError::Validation { .. } | ApiError::Forbidden { .. } | ApiError::NotFound => {
            FailedPost::Refused {
                reason: err.to_string(),
            }
        }
        ApiError::Network { .. }
        | ApiError::Server { .. }
        | ApiError::Decode { .. }
        | ApiError::TooLarge { .. }
        | ApiError::RedirectRefused => FailedPost::Unknown {
            reason: err.to_string(),
        },
    }
}

/// Turns "someone else changed the item meanwhile" into `None`; other errors stay errors.
pub(super) fn unless_taken_over(
    result: Result<OutboxItem, DeliveryError>,
) -> Result<Option<OutboxItem>, DeliveryError> {
    match result {
        Ok(item) => Ok(Some(item)),
        Err(DeliveryError::Store(
            StoreError::NotClaimant { .. }
            | StoreError::InvalidTransition { .. }
            | StoreError::NoSuchItem(_),
        )) => Ok(None),
        Err(err) => Err(err),
    }
}

impl Delivery {
    /// Sends `claimed` (a queued item this engine holds).
    pub(super) async fn send(&self, claimed: OutboxItem) -> Result<(), DeliveryError> {
        let local_id = claimed.local_id;
        let claimant = self.shared.claimant.clone();
        let lease = self.lease_secs();
        let started = unix_now();
        let marked = self
            .shared
            .store(move |store| store.mark_sending(local_id, &claimant, started, lease))
            .await;
        // Edited or cancelled since the claim: the next step picks up whatever is there now.
        let Some(item) = unless_taken_over(marked)? else {
            return Ok(());
        };
        self.shared.emit(DeliveryEvent::Sending { local_id }).await;
        let answer = self.client.post_message(&mapping::new_message(&item)).await;
        match answer {
            Ok(envelope) => match envelope.messages.first().map(|message| message.id) {
                Some(server_id) => self.record_sent(local_id, server_id).await,
                None => {
                    let reason = "the server answered without the new message".to_owned();
                    self.record_unknown(&item, reason).await
                }
            },
            Err(err) => match classify(&err, self.options.auth_pause) {
                FailedPost::NotSent { pause, why } => {
                    self.record_not_sent(&item, pause, why, &err).await
                }
                FailedPost::Refused { reason } => self.record_refused(&item, reason).await,
                FailedPost::Unknown { reason } => self.record_unknown(&item, reason).await,
            },
        }
    }

    pub(super) async fn record_sent(
        &self,
        local_id: i64,
        server_id: u64,
    ) -> Result<(), DeliveryError> {
        let now = unix_now();
        self.shared
            .store(move |store| store.mark_sent(local_id, server_id, now))
            .await?;
        self.shared
            .emit(DeliveryEvent::Sent {
                local_id,
                server_id,
            })
            .await;
        Ok(())
    }

    async fn record_refused(&self, item: &OutboxItem, reason: String) -> Result<(), DeliveryError> {
        let local_id = item.local_id;
        let claimant = self.shared.claimant.clone();
        let stored_reason = reason.clone();
        let marked = self
            .shared
            .store(move |store| store.mark_failed(local_id, &claimant, &stored_reason))
            .await;
        if unless_taken_over(marked)?.is_some() {
            self.shared
                .emit(DeliveryEvent::Failed { local_id, reason })
                .await;
        }
        Ok(())
    }

    /// Unknown outcome: reconciled from now on (the next step claims it again).
    async fn record_unknown(&self, item: &OutboxItem, reason: String) -> Result<(), DeliveryError> {
        let local_id = item.local_id;
        let claimant = self.shared.claimant.clone();
        let stored_reason = reason.clone();
        let now = unix_now();
        let marked = self
            .shared
            .store(move |store| store.mark_unknown(local_id, &claimant, &stored_reason, now))
            .await;
        if unless_taken_over(marked)?.is_some() {
            self.shared
                .emit(DeliveryEvent::Unknown { local_id, reason })
                .await;
        }
        Ok(())
    }

    async fn record_not_sent(
        &self,
        item: &OutboxItem,
        pause: Option<Duration>,
        why: NotSentWhy,
        err: &ApiError,
    ) -> Result<(), DeliveryError> {
        let now = unix_now();
        let retry_at = match pause {
            Some(pause) => now.saturating_add(secs_ceil(pause)),
            None => self.backoff_at(now, item.attempts),
        };
        let local_id = item.local_id;
        let claimant = self.shared.claimant.clone();
        let error = err.to_string();
        let marked = self
            .shared
            .store(move |store| store.requeue(local_id, &claimant, retry_at, &error))
            .await;
        if unless_taken_over(marked)?.is_none() {
            return Ok(());
        }
        let retry_in = Duration::from_secs(u64::try_from(retry_at - now).unwrap_or(0));
        let event = match why {
            NotSentWhy::Offline => DeliveryEvent::Offline { retry_in },
            NotSentWhy::RateLimited => DeliveryEvent::RateLimited { retry_in },
            NotSentWhy::Unauthorized => DeliveryEvent::Blocked {
                reason: err.to_string(),
                retry_in,
            },
        };
        self.shared.emit(event).await;
        Ok(())
    }

    /// When to try again after `attempts` requests: full-jitter backoff, at least a second out
    /// (so a dead network never makes the engine spin).
    pub(super) fn backoff_at(&self, now: i64, attempts: u32) -> i64 {
        let exponent = attempts.saturating_sub(1);
        let at = self
            .options
            .backoff
            .retry_at(now, exponent, &mut rand::rng());
        at.max(now.saturating_add(1))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const PAUSE: Duration = Duration::from_secs(300);

    #[test]
    fn a_refused_connection_is_known_not_sent() {
        let err = ApiError::Network {
            kind: NetworkKind::Connect,
            detail: String::new(),
        };
        assert_eq!(
            classify(&err, PAUSE),
            FailedPost::NotSent {
                pause: None,
                why: NotSentWhy::Offline
            }
        );
    }

    #[test]
    fn a_broken_or_slow_answer_is_unknown() {
        for kind in [NetworkKind::Timeout, NetworkKind::Interrupted] {
            let err = ApiError::Network {
                kind,
                detail: String::new(),
            };
            assert!(matches!(classify(&err, PAUSE), FailedPost::Unknown { .. }));
        }
        for status in [500, 502, 503, 504] {
            let err = ApiError::Server { status };
            assert!(matches!(classify(&err, PAUSE), FailedPost::Unknown { .. }));
        }
    }

    #[test]
    fn refusals_keep_the_servers_reason() {
        let err = ApiError::Validation {
            messages: vec!["No such group: 9".into()],
        };
        match classify(&err, PAUSE) {
            FailedPost::Refused { reason } => assert!(reason.contains("No such group: 9")),
            other => panic!("expected a refusal, got {other:?}"),
        }
        assert!(matches!(
            classify(&ApiError::NotFound, PAUSE),
            FailedPost::Refused { .. }
        ));
    }

    // A refused token never fails a post for good; it waits for the token.
    #[test]
    fn a_refused_token_pauses_and_a_renewed_one_retries() {
        let rejected = ApiError::TokenRejected {
            origin: "environment variable KRING_TOKEN".into(),
        };
        for err in [
            ApiError::Unauthorized {
                message: "Token not found.".into(),
            },
            rejected,
        ] {
            assert_eq!(
                classify(&err, PAUSE),
                FailedPost::NotSent {
                    pause: Some(PAUSE),
                    why: NotSentWhy::Unauthorized
                }
            );
        }
        assert_eq!(
            classify(&ApiError::TokenRefreshed, PAUSE),
            FailedPost::NotSent {
                pause: None,
                why: NotSentWhy::Unauthorized
            }
        );
    }

    #[test]
    fn retry_after_is_clamped() {
        let pause_of = |retry_after| match classify(&ApiError::RateLimited { retry_after }, PAUSE) {
            FailedPost::NotSent { pause, .. } => pause,
            _ => None,
        };
        assert_eq!(pause_of(Some(Duration::ZERO)), Some(MIN_RATE_PAUSE));
        assert_eq!(pause_of(None), Some(MIN_RATE_PAUSE));
        assert_eq!(
            pause_of(Some(Duration::from_secs(7))),
            Some(Duration::from_secs(7))
        );
        assert_eq!(
            pause_of(Some(Duration::from_secs(999_999))),
            Some(MAX_RATE_PAUSE)
        );
    }
}
