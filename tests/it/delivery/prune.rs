//! Pruning sent posts from the outbox: old sent posts go, recent ones and every post not sent
//! yet stay, and no sent post goes while an unresolved post's reconciliation could still need
//! it (its server id must stay claimed). Also the delivery engine pruning when it starts.

use std::collections::HashSet;
use std::error::Error;
use std::path::Path;
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use kring::delivery::{Delivery, DeliveryEvent, DeliveryOptions, SENT_RETENTION, new_claimant};
use kring::store::{
    DraftTarget, OutboxItem, OutboxState, OutboxStore, Reconciliation, SentCoverage, SentMessage,
    StoreError, reconcile,
};
use tokio::sync::mpsc;

type TestResult = Result<(), Box<dyn Error>>;

const ACCOUNT: &str = "https://example.test#1";
const OTHER: &str = "https://example.test#2";
const ALL_COMPANY: DraftTarget = DraftTarget::NewPost { group_id: None };
/// Long before any retention: 2023-11-14.
const T0: i64 = 1_700_000_000;
const LEASE: u32 = 120;
const WINDOW: i64 = 120;

fn open(dir: &Path) -> Result<OutboxStore, StoreError> {
    Ok(OutboxStore::open(dir)?.0)
}

fn unix_now() -> i64 {
    let since = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .unwrap_or(Duration::ZERO);
    i64::try_from(since.as_secs()).unwrap_or(i64::MAX)
}

fn week_ago(now: i64) -> i64 {
    now - i64::try_from(SENT_RETENTION.as_secs()).unwrap_or(i64::MAX)
}

/// A post written at `at` and confirmed by the server as `server_id` at `at + 5`.
fn sent(
    store: &mut OutboxStore,
    account: &str,
    body: &str,
    at: i64,
    server_id: u64,
) -> Result<OutboxItem, StoreError> {
    let item = store.enqueue(account, ALL_COMPANY, body, &[], at)?;
    store.mark_sent(item.local_id, server_id, at + 5)
}

/// A post written at `at` whose request started at `at + 1` and is still on its way.
fn sending(store: &mut OutboxStore, body: &str, at: i64) -> Result<OutboxItem, Box<dyn Error>> {
    let item = store.enqueue(ACCOUNT, ALL_COMPANY, body, &[], at)?;
    let claimed = store
        .claim_next(ACCOUNT, "engine", at + 1, LEASE)?
        .ok_or("nothing to claim")?;
    assert_eq!(claimed.local_id, item.local_id);
    Ok(store.mark_sending(item.local_id, "engine", at + 1, LEASE)?)
}

fn left(store: &OutboxStore, account: &str) -> Result<Vec<(String, OutboxState)>, StoreError> {
    Ok(store
        .list(account)?
        .into_iter()
        .map(|item| (item.body, item.state))
        .collect())
}

#[test]
fn old_sent_posts_go_while_recent_and_unsettled_ones_stay() -> TestResult {
    let dir = tempfile::tempdir()?;
    let mut store = open(dir.path())?;
    let now = unix_now();
    sent(&mut store, ACCOUNT, "old", T0, 1)?;
    sent(&mut store, ACCOUNT, "yesterday", now - 86_400, 2)?;
    sending(&mut store, "on its way", now - 60)?;
    store.enqueue(ACCOUNT, ALL_COMPANY, "queued", &[], now)?;
    sent(&mut store, OTHER, "another account's", T0, 3)?;

    assert_eq!(
        store.prune_sent_keeping_unresolved(ACCOUNT, week_ago(now), WINDOW)?,
        1
    );
    assert_eq!(
        left(&store, ACCOUNT)?,
        vec![
            ("yesterday".to_owned(), OutboxState::Sent),
            ("on its way".to_owned(), OutboxState::Sending),
            ("queued".to_owned(), OutboxState::Queued),
        ]
    );
    assert_eq!(
        left(&store, OTHER)?.len(),
        1,
        "other accounts are left alone"
    );
    Ok(())
}

#[test]
fn a_sent_post_an_unknown_posts_check_could_match_stays_until_it_is_resolved() -> TestResult {
    let dir = tempfile::tempdir()?;
    let mut store = open(dir.path())?;
    let now = unix_now();
    sent(&mut store, ACCOUNT, "+1", T0 - 10_000, 7)?;
    let earlier = sent(&mut store, ACCOUNT, "+1", T0, 8)?;
    let unknown = sending(&mut store, "+1", T0 + 30)?;
    let unknown = store.mark_unknown(unknown.local_id, "engine", "reply lost", T0 + 60)?;
    assert_eq!(unknown.state, OutboxState::Unknown);

    assert_eq!(
        store.prune_sent_keeping_unresolved(ACCOUNT, week_ago(now), WINDOW)?,
        1,
        "only the post from long before the unknown one's window goes"
    );
    let claimed = store.claimed_server_ids(ACCOUNT)?;
    assert_eq!(claimed, HashSet::from([8]));

    // Why it must stay: the sent feed holds the earlier post, same text and target, inside
    // the unknown post's window. With its id still claimed it cannot be taken for the
    // unknown post (which would then be lost).
    let feed = [SentMessage {
        id: earlier.server_message_id.ok_or("sent without an id")?,
        body_plain: "+1".to_owned(),
        group_id: None,
        replied_to_id: None,
        direct_to_user_ids: Vec::new(),
        created_at: T0 + 2,
    }];
    let verdict = reconcile(&unknown, &feed, SentCoverage::Complete, &claimed, WINDOW);
    assert_eq!(verdict, Reconciliation::NotArrived);
    let forgetful = reconcile(
        &unknown,
        &feed,
        SentCoverage::Complete,
        &HashSet::new(),
        WINDOW,
    );
    assert_eq!(forgetful, Reconciliation::Arrived { server_id: 8 });

    // Once the unknown post is resolved, both old sent posts may go.
    store.mark_sent(unknown.local_id, 9, T0 + 90)?;
    assert_eq!(
        store.prune_sent_keeping_unresolved(ACCOUNT, week_ago(now), WINDOW)?,
        2
    );
    assert!(store.list(ACCOUNT)?.is_empty());
    Ok(())
}

#[test]
fn a_failed_post_keeps_the_sent_posts_its_retry_could_be_checked_against() -> TestResult {
    let dir = tempfile::tempdir()?;
    let mut store = open(dir.path())?;
    let now = unix_now();
    sent(&mut store, ACCOUNT, "first", T0, 1)?;
    let refused = sending(&mut store, "second", T0 + 30)?;
    store.mark_failed(refused.local_id, "engine", "too long")?;
    assert_eq!(
        store.prune_sent_keeping_unresolved(ACCOUNT, week_ago(now), WINDOW)?,
        0
    );
    assert_eq!(store.list(ACCOUNT)?.len(), 2);
    store.cancel(refused.local_id)?;
    assert_eq!(
        store.prune_sent_keeping_unresolved(ACCOUNT, week_ago(now), WINDOW)?,
        1
    );
    Ok(())
}

#[test]
fn the_cut_off_never_moves_later_than_asked() -> TestResult {
    let dir = tempfile::tempdir()?;
    let mut store = open(dir.path())?;
    sent(&mut store, ACCOUNT, "a", T0, 1)?;
    sent(&mut store, ACCOUNT, "b", T0 + 1_000, 2)?;
    store.enqueue(ACCOUNT, ALL_COMPANY, "queued much later", &[], T0 + 100_000)?;
    assert_eq!(
        store.prune_sent_keeping_unresolved(ACCOUNT, T0 + 500, WINDOW)?,
        1
    );
    assert_eq!(left(&store, ACCOUNT)?.len(), 2);
    assert_eq!(
        store.prune_sent_keeping_unresolved(ACCOUNT, T0 + 500, -5)?,
        0,
        "a negative window counts as none"
    );
    Ok(())
}

#[tokio::test]
async fn the_engine_prunes_when_it_starts() -> TestResult {
    let dir = tempfile::tempdir()?;
    let now = unix_now();
    {
        let mut store = open(dir.path())?;
        sent(&mut store, ACCOUNT, "old", T0, 1)?;
        sent(&mut store, ACCOUNT, "recent", now - 3_600, 2)?;
    }
    // Nothing is pending, so the engine never reaches this address.
    let client = kring::api::Client::new("http://127.0.0.1:9/api/v1", "token")?;
    let delivery = Delivery::new(open(dir.path())?, ACCOUNT, client, new_claimant())
        .with_options(DeliveryOptions::default());
    let (sender, mut events) = mpsc::channel(16);
    let engine = tokio::spawn(delivery.run(sender));
    // The first count is reported after the first step, which follows the prune.
    let first = tokio::time::timeout(Duration::from_secs(60), events.recv()).await?;
    assert_eq!(first, Some(DeliveryEvent::CountChanged(0)));
    let bodies: Vec<String> = open(dir.path())?
        .list(ACCOUNT)?
        .into_iter()
        .map(|item| item.body)
        .collect();
    assert_eq!(bodies, vec!["recent".to_owned()]);
    drop(events);
    tokio::time::timeout(Duration::from_secs(60), engine).await??;
    Ok(())
}

#[tokio::test]
async fn pruning_through_the_engine_keeps_an_unknown_posts_window() -> TestResult {
    let dir = tempfile::tempdir()?;
    let mut store = open(dir.path())?;
    sent(&mut store, ACCOUNT, "hello", T0, 1)?;
    let unknown = sending(&mut store, "hello", T0 + 30)?;
    store.mark_unknown(unknown.local_id, "engine", "reply lost", T0 + 60)?;
    let client = kring::api::Client::new("http://127.0.0.1:9/api/v1", "token")?;
    let delivery = Delivery::new(store, ACCOUNT, client, new_claimant());
    assert_eq!(delivery.prune_sent().await?, 0);
    let states: Vec<OutboxState> = open(dir.path())?
        .list(ACCOUNT)?
        .into_iter()
        .map(|item| item.state)
        .collect();
    assert_eq!(states, vec![OutboxState::Sent, OutboxState::Unknown]);
    Ok(())
}
