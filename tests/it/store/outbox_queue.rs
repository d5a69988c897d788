//! The outbox as a queue: posts leave in order and exactly once, a post that waits or failed
//! holds back only what it should (never another account), edits and cancels wait for a
//! request that may be in flight, and old sent posts are pruned.

use super::outbox::{
    ACCOUNT, ALL_COMPANY, LEASE, OTHER, T0, TestResult, claim, claim_expecting, open, post,
};
use kring::store::{OutboxState, StoreError};

#[test]
fn posts_written_offline_are_delivered_in_order_exactly_once() -> TestResult {
    let dir = tempfile::tempdir()?;
    let mut store = open(dir.path())?;
    let posts: Vec<_> = ["first", "second", "third"]
        .into_iter()
        .map(|body| post(&mut store, body))
        .collect::<Result<_, _>>()?;
    // Offline: every attempt on the head fails to connect; later posts never overtake it.
    for round in 0..3 {
        let now = T0 + round * 10;
        let head = claim_expecting(&mut store, "a", now, posts[0].local_id, OutboxState::Queued)?;
        store.mark_sending(head.local_id, "a", now, LEASE)?;
        store.requeue(head.local_id, "a", now + 10, "connection refused")?;
        assert!(claim(&mut store, "a", now + 1)?.is_none());
    }
    // Online again.
    let mut delivered = Vec::new();
    let mut now = T0 + 30;
    while let Some(item) = claim(&mut store, "a", now)? {
        store.mark_sending(item.local_id, "a", now, LEASE)?;
        store.mark_sent(item.local_id, u64::try_from(item.local_id)? + 1000, now)?;
        delivered.push(item.body);
        now += 1;
    }
    assert_eq!(delivered, vec!["first", "second", "third"]);
    assert_eq!(store.pending_count(ACCOUNT)?, 0);
    Ok(())
}

#[test]
fn later_items_wait_while_an_earlier_one_is_sending_or_unknown() -> TestResult {
    let dir = tempfile::tempdir()?;
    let mut store = open(dir.path())?;
    let first = post(&mut store, "first")?;
    let second = post(&mut store, "second")?;
    claim(&mut store, "a", T0)?;
    store.mark_sending(first.local_id, "a", T0, LEASE)?;
    assert!(claim(&mut store, "b", T0)?.is_none(), "sending blocks");
    store.mark_unknown(first.local_id, "a", "timeout", T0 + 30)?;
    assert!(claim(&mut store, "b", T0 + 1)?.is_none(), "unknown blocks");
    claim(&mut store, "a", T0 + 30)?;
    store.mark_sent(first.local_id, 1, T0 + 31)?;
    claim_expecting(
        &mut store,
        "b",
        T0 + 31,
        second.local_id,
        OutboxState::Queued,
    )?;
    Ok(())
}

#[test]
fn failed_items_keep_their_text_and_do_not_block_the_queue() -> TestResult {
    let dir = tempfile::tempdir()?;
    let mut store = open(dir.path())?;
    let refused = post(&mut store, "too long")?;
    let next = post(&mut store, "fine")?;
    claim(&mut store, "a", T0)?;
    store.mark_sending(refused.local_id, "a", T0, LEASE)?;
    let failed = store.mark_failed(refused.local_id, "a", "413 body too large")?;
    assert_eq!(
        failed.state,
        OutboxState::Failed {
            reason: "413 body too large".into()
        }
    );
    assert_eq!(failed.body, "too long");
    assert_eq!(store.pending_count(ACCOUNT)?, 1);
    claim_expecting(&mut store, "a", T0, next.local_id, OutboxState::Queued)?;
    store.requeue(next.local_id, "a", T0, "pause")?;

    let edited = store.edit_body(refused.local_id, "short")?;
    assert_eq!(edited.body, "short");
    assert!(
        matches!(edited.state, OutboxState::Failed { .. }),
        "not retried automatically"
    );
    store.retry_failed(refused.local_id, T0 + 5)?;
    let again = claim_expecting(
        &mut store,
        "a",
        T0 + 5,
        refused.local_id,
        OutboxState::Queued,
    )?;
    assert_eq!(again.body, "short");
    Ok(())
}

#[test]
fn edits_and_cancels_are_refused_while_a_request_may_be_in_flight() -> TestResult {
    let dir = tempfile::tempdir()?;
    let mut store = open(dir.path())?;
    let item = post(&mut store, "text")?;
    claim(&mut store, "a", T0)?;
    // Editing a claimed item withdraws the claim: the sender read the old text.
    store.edit_body(item.local_id, "new text")?;
    assert!(matches!(
        store.mark_sending(item.local_id, "a", T0, LEASE),
        Err(StoreError::NotClaimant { .. })
    ));
    claim(&mut store, "a", T0)?;
    store.mark_sending(item.local_id, "a", T0, LEASE)?;
    assert!(matches!(
        store.edit_body(item.local_id, "too late"),
        Err(StoreError::InvalidTransition { .. })
    ));
    assert!(store.cancel(item.local_id).is_err());
    store.mark_sent(item.local_id, 3, T0)?;
    assert!(store.cancel(item.local_id).is_err());
    assert!(store.edit_body(item.local_id, "x").is_err());
    assert!(matches!(
        store.cancel(999),
        Err(StoreError::NoSuchItem(999))
    ));
    Ok(())
}

#[test]
fn cancelled_item_is_returned_and_never_claimed() -> TestResult {
    let dir = tempfile::tempdir()?;
    let mut store = open(dir.path())?;
    let item = post(&mut store, "changed my mind")?;
    claim(&mut store, "a", T0)?;
    let removed = store.cancel(item.local_id)?;
    assert_eq!(removed.body, "changed my mind");
    assert!(matches!(
        store.mark_sending(item.local_id, "a", T0, LEASE),
        Err(StoreError::NoSuchItem(_))
    ));
    assert!(claim(&mut store, "a", T0)?.is_none());
    let next = post(&mut store, "again")?;
    assert!(next.local_id > item.local_id, "local ids are never reused");
    Ok(())
}

#[test]
fn one_accounts_stuck_item_does_not_block_another_account() -> TestResult {
    let dir = tempfile::tempdir()?;
    let mut store = open(dir.path())?;
    let mine = post(&mut store, "mine")?;
    let theirs = store.enqueue(OTHER, ALL_COMPANY, "theirs", &[], T0)?;
    claim(&mut store, "a", T0)?;
    store.mark_sending(mine.local_id, "a", T0, LEASE)?;
    let other = store
        .claim_next(OTHER, "a", T0, LEASE)?
        .ok_or("nothing to claim")?;
    assert_eq!(other.local_id, theirs.local_id);
    assert_eq!(store.list(OTHER)?.len(), 1);
    assert_eq!(store.pending_count(OTHER)?, 1);
    Ok(())
}

#[test]
fn prune_removes_only_old_sent_items() -> TestResult {
    let dir = tempfile::tempdir()?;
    let mut store = open(dir.path())?;
    let old = post(&mut store, "old")?;
    claim(&mut store, "a", T0)?;
    store.mark_sending(old.local_id, "a", T0, LEASE)?;
    store.mark_sent(old.local_id, 1, T0)?;
    let queued = post(&mut store, "queued")?;
    assert_eq!(store.prune_sent(ACCOUNT, T0 + 1)?, 1);
    let left: Vec<i64> = store.list(ACCOUNT)?.iter().map(|i| i.local_id).collect();
    assert_eq!(left, vec![queued.local_id]);
    Ok(())
}

#[test]
fn hurry_ends_the_backoff_of_queued_posts_only() -> TestResult {
    let dir = tempfile::tempdir()?;
    let mut store = open(dir.path())?;
    let first = post(&mut store, "waits out a backoff")?;
    claim_expecting(&mut store, "a", T0, first.local_id, OutboxState::Queued)?;
    store.mark_sending(first.local_id, "a", T0, LEASE)?;
    store.requeue(first.local_id, "a", T0 + 600, "connection refused")?;
    assert!(claim(&mut store, "a", T0 + 1)?.is_none(), "backing off");
    let elsewhere = store.enqueue(OTHER, ALL_COMPANY, "other account", &[], T0)?;
    assert_eq!(store.hurry_queued(ACCOUNT, T0 + 1)?, 1);
    assert_eq!(
        store
            .outbox_item(elsewhere.local_id)?
            .map(|i| i.next_attempt_at),
        Some(T0),
        "other accounts are left alone"
    );
    claim_expecting(&mut store, "a", T0 + 1, first.local_id, OutboxState::Queued)?;
    assert_eq!(
        store.hurry_queued(ACCOUNT, T0 + 1)?,
        0,
        "a claimed post is not touched"
    );
    Ok(())
}
