//! The cache queries a cache-first start and unread counts use (what the UI shows
//! offline comes from here): thread summaries, account facts, read markers, thread activity,
//! feed membership, and pruning that keeps the cache bounded.

use std::error::Error;

use kring::store::{CacheLimits, CacheStore, CachedMessage, CachedRecord, FACT_ME, ThreadActivity};

type TestResult = Result<(), Box<dyn Error>>;

const ALICE: &str = "https://a.example#1";
const BOB: &str = "https://b.example#1";

fn store() -> Result<(tempfile::TempDir, CacheStore), Box<dyn Error>> {
    let dir = tempfile::tempdir()?;
    let (store, _) = CacheStore::open(dir.path())?;
    Ok((dir, store))
}

fn message(id: u64, thread_id: u64, group_id: Option<u64>, sender_id: u64) -> CachedMessage {
    CachedMessage {
        id,
        thread_id,
        group_id,
        sender_id,
        created_at: 1_700_000_000,
        json: format!(r#"{{"id":{id}}}"#),
    }
}

fn record(id: u64) -> CachedRecord {
    CachedRecord {
        id,
        json: format!(r#"{{"id":{id},"type":"thread"}}"#),
    }
}

#[test]
fn thread_summaries_and_facts_round_trip_per_account() -> TestResult {
    let (_dir, mut store) = store()?;
    store.put_threads(ALICE, &[record(3), record(1)])?;
    store.put_threads(BOB, &[record(2)])?;
    let found = store.get_threads(ALICE, &[3, 2, 1, 3])?;
    assert_eq!(found, vec![record(1), record(3)]);

    assert_eq!(store.fact(ALICE, FACT_ME)?, None);
    store.set_fact(ALICE, FACT_ME, "5")?;
    store.set_fact(ALICE, FACT_ME, "6")?;
    assert_eq!(store.fact(ALICE, FACT_ME)?.as_deref(), Some("6"));
    assert_eq!(store.fact(BOB, FACT_ME)?, None);
    Ok(())
}

#[test]
fn read_markers_are_listed_per_account() -> TestResult {
    let (_dir, mut store) = store()?;
    store.mark_read(ALICE, "in_thread:4", 40)?;
    store.mark_read(ALICE, "in_group:7", 70)?;
    store.mark_read(ALICE, "in_thread:4", 30)?;
    store.mark_read(BOB, "in_thread:9", 90)?;
    assert_eq!(
        store.read_markers(ALICE)?,
        vec![
            ("in_group:7".to_owned(), 70),
            ("in_thread:4".to_owned(), 40)
        ]
    );
    Ok(())
}

#[test]
fn thread_activity_leaves_the_users_own_messages_out_of_what_others_wrote() -> TestResult {
    let (_dir, mut store) = store()?;
    let me = 5;
    store.put_messages(
        ALICE,
        "my_feed",
        &[
            message(10, 10, Some(7), 1),
            message(12, 10, Some(7), me),
            message(20, 20, None, me),
            message(30, 30, None, 2),
        ],
    )?;
    let activity = store.thread_activity(ALICE, Some(me))?;
    assert_eq!(
        activity,
        vec![
            ThreadActivity {
                thread_id: 10,
                group_id: Some(7),
                newest_id: 12,
                newest_from_others: Some(10),
            },
            ThreadActivity {
                thread_id: 20,
                group_id: None,
                newest_id: 20,
                newest_from_others: None,
            },
            ThreadActivity {
                thread_id: 30,
                group_id: None,
                newest_id: 30,
                newest_from_others: Some(30),
            },
        ]
    );
    let anyone = store.thread_activity(ALICE, None)?;
    assert_eq!(anyone[1].newest_from_others, Some(20));
    assert!(store.thread_activity(BOB, None)?.is_empty());
    Ok(())
}

#[test]
fn feed_threads_lists_membership_without_thread_feeds() -> TestResult {
    let (_dir, mut store) = store()?;
    store.put_messages(
        ALICE,
        "my_feed",
        &[message(10, 10, None, 1), message(11, 10, None, 1)],
    )?;
    store.put_messages(ALICE, "in_group:7", &[message(20, 20, Some(7), 1)])?;
    store.put_messages(ALICE, "in_thread:10", &[message(10, 10, None, 1)])?;
    assert_eq!(
        store.feed_threads(ALICE)?,
        vec![("in_group:7".to_owned(), 20), ("my_feed".to_owned(), 10)]
    );
    Ok(())
}

#[test]
fn pruning_keeps_the_newest_messages_per_feed_and_drops_what_nothing_holds() -> TestResult {
    let (_dir, mut store) = store()?;
    let feed: Vec<CachedMessage> = (1..=10).map(|id| message(id, id, None, id)).collect();
    store.put_messages(ALICE, "my_feed", &feed)?;
    store.put_messages(ALICE, "in_group:7", &[message(3, 3, None, 3)])?;
    store.put_threads(ALICE, &[record(1), record(9)])?;
    store.put_messages(BOB, "my_feed", &feed)?;
    let limits = CacheLimits {
        messages_per_feed: 4,
        threads: 10,
        users: 10,
    };
    let dropped = store.prune_cache(ALICE, limits)?;
    let kept: Vec<u64> = store
        .feed_messages(ALICE, "my_feed", 100)?
        .iter()
        .map(|m| m.id)
        .collect();
    assert_eq!(kept, vec![10, 9, 8, 7]);
    assert_eq!(dropped, 5, "1, 2, 4, 5, 6 are in no feed any more; 3 is");
    assert_eq!(store.thread_messages(ALICE, 3)?.len(), 1);
    assert!(store.thread_messages(ALICE, 1)?.is_empty());
    assert_eq!(store.get_threads(ALICE, &[1, 9])?, vec![record(9)]);
    assert_eq!(store.feed_messages(BOB, "my_feed", 100)?.len(), 10);
    Ok(())
}

#[test]
fn pruning_keeps_only_the_most_recently_active_threads_in_full() -> TestResult {
    let (_dir, mut store) = store()?;
    for thread in [100, 200, 300] {
        let replies: Vec<CachedMessage> = (0..3)
            .map(|n| message(thread + n, thread, None, 1))
            .collect();
        store.put_messages(ALICE, &format!("in_thread:{thread}"), &replies)?;
    }
    let limits = CacheLimits {
        messages_per_feed: 100,
        threads: 2,
        users: 10,
    };
    store.prune_cache(ALICE, limits)?;
    assert!(store.thread_messages(ALICE, 100)?.is_empty());
    assert_eq!(store.thread_messages(ALICE, 200)?.len(), 3);
    assert_eq!(store.thread_messages(ALICE, 300)?.len(), 3);
    Ok(())
}

#[test]
fn pruning_drops_users_who_sent_nothing_cached_only_past_the_cap() -> TestResult {
    let (_dir, mut store) = store()?;
    let users: Vec<CachedRecord> = (1..=6).map(record).collect();
    store.put_users(ALICE, &users)?;
    store.set_fact(ALICE, FACT_ME, "6")?;
    store.put_messages(ALICE, "my_feed", &[message(1, 1, None, 2)])?;
    let generous = CacheLimits {
        messages_per_feed: 10,
        threads: 10,
        users: 6,
    };
    store.prune_cache(ALICE, generous)?;
    assert_eq!(store.get_users(ALICE, &[1, 2, 3, 4, 5, 6])?.len(), 6);
    let tight = CacheLimits {
        users: 3,
        ..generous
    };
    store.prune_cache(ALICE, tight)?;
    let left: Vec<u64> = store
        .get_users(ALICE, &[1, 2, 3, 4, 5, 6])?
        .iter()
        .map(|u| u.id)
        .collect();
    assert_eq!(left, vec![2, 6], "the sender and the signed-in user stay");
    Ok(())
}

// Start-up reads in one read transaction: what another connection commits meanwhile shows
// only in the next read, never half-way through this one.
#[test]
fn reads_at_once_see_one_state_of_the_cache() -> TestResult {
    let (dir, mut store) = store()?;
    store.put_messages(ALICE, "my_feed", &[message(1, 1, None, 2)])?;
    let (mut other, _) = CacheStore::open_deferring_cache_check(dir.path())?;
    let (before, during) = store.read_cache_at_once(|store| {
        let before = store.feed_messages(ALICE, "my_feed", 10)?.len();
        other.put_messages(ALICE, "my_feed", &[message(2, 2, None, 2)])?;
        let during = store.read_cache_at_once(|store| store.feed_threads(ALICE))?;
        Ok((before, during))
    })?;
    assert_eq!(before, 1);
    assert_eq!(during, vec![("my_feed".to_owned(), 1)]);
    assert_eq!(store.feed_messages(ALICE, "my_feed", 10)?.len(), 2);
    Ok(())
}
