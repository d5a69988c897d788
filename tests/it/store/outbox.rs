//! The outbox: durable enqueue, the state machine, leases and reconciling unknown posts; the
//! queue's order and management are in `outbox_queue`.

use std::collections::HashSet;
use std::error::Error;
use std::path::Path;

use kring::store::{
    DraftTarget, OutboxItem, OutboxState, OutboxStore, Reconciliation, SentCoverage, SentMessage,
    StoreError, reconcile,
};

pub(super) type TestResult = Result<(), Box<dyn Error>>;

pub(super) const ACCOUNT: &str = "https://example.test#1";
pub(super) const OTHER: &str = "https://example.test#2";
pub(super) const ALL_COMPANY: DraftTarget = DraftTarget::NewPost { group_id: None };
pub(super) const T0: i64 = 1_700_000_000;
pub(super) const LEASE: u32 = 120;

pub(super) fn open(dir: &Path) -> Result<OutboxStore, StoreError> {
    Ok(OutboxStore::open(dir)?.0)
}

pub(super) fn post(store: &mut OutboxStore, body: &str) -> Result<OutboxItem, StoreError> {
    store.enqueue(ACCOUNT, ALL_COMPANY, body, &[], T0)
}

pub(super) fn claim(
    store: &mut OutboxStore,
    who: &str,
    now: i64,
) -> Result<Option<OutboxItem>, StoreError> {
    store.claim_next(ACCOUNT, who, now, LEASE)
}

/// Claims the next item, which must be `expected` in `state`.
pub(super) fn claim_expecting(
    store: &mut OutboxStore,
    who: &str,
    now: i64,
    expected: i64,
    state: OutboxState,
) -> Result<OutboxItem, Box<dyn Error>> {
    let item = claim(store, who, now)?.ok_or("nothing to claim")?;
    assert_eq!((item.local_id, &item.state), (expected, &state));
    Ok(item)
}

pub(super) fn sent_copy(item: &OutboxItem, id: u64, created_at: i64) -> SentMessage {
    SentMessage {
        id,
        body_plain: item.body.clone(),
        group_id: None,
        replied_to_id: None,
        direct_to_user_ids: Vec::new(),
        created_at,
    }
}

#[test]
fn enqueue_is_durable_and_consumes_the_draft() -> TestResult {
    let dir = tempfile::tempdir()?;
    let mut store = open(dir.path())?;
    store.save_draft(ACCOUNT, ALL_COMPANY, "hello", T0)?;
    store.save_draft(ACCOUNT, DraftTarget::Direct { user_id: 4 }, "other", T0)?;
    let topics = vec!["rust".to_owned(), "ops".to_owned()];
    let item = store.enqueue(ACCOUNT, ALL_COMPANY, "hello", &topics, T0)?;
    assert_eq!(item.state, OutboxState::Queued);
    assert_eq!(item.attempts, 0);
    drop(store);

    let store = open(dir.path())?;
    assert_eq!(store.list(ACCOUNT)?, vec![item.clone()]);
    assert_eq!(store.outbox_item(item.local_id)?, Some(item));
    assert_eq!(store.pending_count(ACCOUNT)?, 1);
    assert!(
        store.load_draft(ACCOUNT, ALL_COMPANY)?.is_none(),
        "text lives in the outbox now"
    );
    assert!(
        store
            .load_draft(ACCOUNT, DraftTarget::Direct { user_id: 4 })?
            .is_some()
    );
    let listed = &store.list(ACCOUNT)?[0];
    assert_eq!(listed.topics, topics);
    Ok(())
}

#[test]
fn happy_path_queued_sending_sent() -> TestResult {
    let dir = tempfile::tempdir()?;
    let mut store = open(dir.path())?;
    let item = post(&mut store, "one")?;
    let claimed = claim_expecting(&mut store, "a", T0, item.local_id, OutboxState::Queued)?;
    assert_eq!(
        claimed.lease.as_ref().map(|l| l.claimant.as_str()),
        Some("a")
    );
    let sending = store.mark_sending(item.local_id, "a", T0 + 1, LEASE)?;
    assert_eq!((sending.state, sending.attempts), (OutboxState::Sending, 1));
    assert_eq!(sending.first_attempt_at, Some(T0 + 1));
    let sent = store.mark_sent(item.local_id, 555, T0 + 2)?;
    assert_eq!(
        (sent.state, sent.server_message_id),
        (OutboxState::Sent, Some(555))
    );
    assert!(sent.lease.is_none());
    assert_eq!(store.pending_count(ACCOUNT)?, 0);
    assert!(claim(&mut store, "a", T0 + 3)?.is_none());
    assert_eq!(store.claimed_server_ids(ACCOUNT)?, HashSet::from([555]));
    // Repeating the confirmation is harmless; a different id means a duplicate somewhere.
    store.mark_sent(item.local_id, 555, T0 + 4)?;
    let clash = store.mark_sent(item.local_id, 556, T0 + 4);
    assert!(matches!(
        clash,
        Err(StoreError::AlreadySent { server_id: 555, .. })
    ));
    Ok(())
}

#[test]
fn expired_sending_lease_becomes_unknown_never_resent() -> TestResult {
    let dir = tempfile::tempdir()?;
    let mut first = open(dir.path())?;
    let mut second = open(dir.path())?;
    let item = post(&mut first, "maybe sent")?;
    claim_expecting(&mut first, "a", T0, item.local_id, OutboxState::Queued)?;
    first.mark_sending(item.local_id, "a", T0, LEASE)?;
    // "a" crashes mid-request. Before the lease ends nobody may touch it.
    assert!(claim(&mut second, "b", T0 + i64::from(LEASE) - 1)?.is_none());
    let after = T0 + i64::from(LEASE);
    let taken = claim_expecting(&mut second, "b", after, item.local_id, OutboxState::Unknown)?;
    assert_eq!(taken.attempts, 1, "no new attempt was started");
    assert!(
        second
            .mark_sending(item.local_id, "b", after, LEASE)
            .is_err(),
        "not sendable"
    );
    // The crashed sender cannot move it any more, but the server's word is still accepted.
    assert!(matches!(
        first.mark_failed(item.local_id, "a", "400"),
        Err(StoreError::InvalidTransition { .. })
    ));
    assert!(matches!(
        first.mark_unknown(item.local_id, "a", "timeout", after),
        Err(StoreError::NotClaimant { .. })
    ));
    let sent = first.mark_sent(item.local_id, 9, after + 1)?;
    assert_eq!(sent.state, OutboxState::Sent);
    Ok(())
}

#[test]
fn claimed_but_never_started_item_can_be_taken_over_and_sent() -> TestResult {
    let dir = tempfile::tempdir()?;
    let mut store = open(dir.path())?;
    let item = post(&mut store, "claimed then crashed")?;
    claim_expecting(&mut store, "a", T0, item.local_id, OutboxState::Queued)?;
    assert!(claim(&mut store, "b", T0 + 1)?.is_none(), "lease held");
    let later = T0 + i64::from(LEASE);
    claim_expecting(&mut store, "b", later, item.local_id, OutboxState::Queued)?;
    assert!(matches!(
        store.mark_sending(item.local_id, "a", later, LEASE),
        Err(StoreError::NotClaimant { .. })
    ));
    store.mark_sending(item.local_id, "b", later, LEASE)?;
    Ok(())
}

#[test]
fn unknown_item_is_reconciled_then_resent_only_when_absent() -> TestResult {
    let dir = tempfile::tempdir()?;
    let mut store = open(dir.path())?;
    let item = post(&mut store, "did it arrive?")?;
    claim(&mut store, "a", T0)?;
    store.mark_sending(item.local_id, "a", T0, LEASE)?;
    store.mark_unknown(item.local_id, "a", "connection reset", T0 + 30)?;
    assert!(
        claim(&mut store, "a", T0 + 29)?.is_none(),
        "waits for the recheck time"
    );

    // First check: nothing on the server yet; count the check, look again later.
    let checking = claim_expecting(
        &mut store,
        "a",
        T0 + 30,
        item.local_id,
        OutboxState::Unknown,
    )?;
    let claimed = store.claimed_server_ids(ACCOUNT)?;
    let verdict = reconcile(&checking, &[], SentCoverage::Complete, &claimed, 120);
    assert_eq!(verdict, Reconciliation::NotArrived);
    let rechecked = store.mark_unknown(item.local_id, "a", "not found yet", T0 + 60)?;
    assert_eq!(rechecked.reconcile_checks, 1);

    // Second check agrees: queue it again with backoff; only then is it sendable.
    let checking = claim_expecting(
        &mut store,
        "a",
        T0 + 60,
        item.local_id,
        OutboxState::Unknown,
    )?;
    assert_eq!(checking.reconcile_checks, 1);
    let requeued = store.mark_not_arrived(item.local_id, "a", T0 + 65)?;
    assert_eq!(
        (requeued.state, requeued.reconcile_checks),
        (OutboxState::Queued, 0)
    );
    assert!(claim(&mut store, "a", T0 + 64)?.is_none());
    claim_expecting(&mut store, "a", T0 + 65, item.local_id, OutboxState::Queued)?;
    let resent = store.mark_sending(item.local_id, "a", T0 + 65, LEASE)?;
    assert_eq!(resent.attempts, 2);
    assert_eq!(
        (resent.first_attempt_at, resent.last_attempt_at),
        (Some(T0), Some(T0 + 65))
    );
    Ok(())
}

#[test]
fn unknown_item_found_on_the_server_is_marked_sent() -> TestResult {
    let dir = tempfile::tempdir()?;
    let mut store = open(dir.path())?;
    let item = post(&mut store, "committed then dropped")?;
    claim(&mut store, "a", T0)?;
    store.mark_sending(item.local_id, "a", T0, LEASE)?;
    store.mark_unknown(item.local_id, "a", "504", T0)?;
    let checking = claim_expecting(&mut store, "a", T0, item.local_id, OutboxState::Unknown)?;
    let sent = [sent_copy(&checking, 4242, T0 + 1)];
    let claimed = store.claimed_server_ids(ACCOUNT)?;
    let verdict = reconcile(&checking, &sent, SentCoverage::Complete, &claimed, 120);
    assert_eq!(verdict, Reconciliation::Arrived { server_id: 4242 });
    store.mark_sent(item.local_id, 4242, T0 + 2)?;
    assert_eq!(store.pending_count(ACCOUNT)?, 0);
    assert!(store.mark_not_arrived(item.local_id, "a", T0).is_err());
    Ok(())
}

#[test]
fn definitely_unsent_request_is_requeued_with_backoff() -> TestResult {
    let dir = tempfile::tempdir()?;
    let mut store = open(dir.path())?;
    let item = post(&mut store, "server down")?;
    claim(&mut store, "a", T0)?;
    store.mark_sending(item.local_id, "a", T0, LEASE)?;
    let back = store.requeue(item.local_id, "a", T0 + 8, "connection refused")?;
    assert_eq!(back.state, OutboxState::Queued);
    assert_eq!(back.last_error.as_deref(), Some("connection refused"));
    assert!(claim(&mut store, "a", T0 + 7)?.is_none());
    claim_expecting(&mut store, "a", T0 + 8, item.local_id, OutboxState::Queued)?;
    Ok(())
}
