//! The message cache: round trips, per-account isolation, id edge cases, feeds, read markers
//! (the cached feed is what the UI shows while offline).

use std::error::Error;

use kring::store::{CachedMessage, CachedRecord, DraftTarget, StoreError, Stores};

type TestResult = Result<(), Box<dyn Error>>;

const ALICE: &str = "https://a.example#1";
const BOB: &str = "https://b.example#1";
const BIGGEST_ID: u64 = i64::MAX as u64;

fn store() -> Result<(tempfile::TempDir, Stores), Box<dyn Error>> {
    let dir = tempfile::tempdir()?;
    let (store, _) = Stores::open(dir.path())?;
    Ok((dir, store))
}

fn message(id: u64, thread_id: u64) -> CachedMessage {
    CachedMessage {
        id,
        thread_id,
        group_id: Some(77),
        sender_id: 5,
        created_at: 1_700_000_000 + i64::try_from(id % 1000).unwrap_or(0),
        json: format!(r#"{{"id":{id},"unknown_field":[1,2]}}"#),
    }
}

fn ids(messages: &[CachedMessage]) -> Vec<u64> {
    messages.iter().map(|m| m.id).collect()
}

#[test]
fn messages_round_trip_newest_first_with_their_raw_json() -> TestResult {
    let (_dir, mut store) = store()?;
    let stored = vec![message(10, 10), message(30, 10), message(20, 20)];
    store.cache.put_messages(ALICE, "my_feed", &stored)?;
    let feed = store.cache.feed_messages(ALICE, "my_feed", 10)?;
    assert_eq!(ids(&feed), vec![30, 20, 10]);
    assert_eq!(
        feed[0], stored[1],
        "every field, JSON included, comes back unchanged"
    );
    assert_eq!(
        ids(&store.cache.feed_messages(ALICE, "my_feed", 2)?),
        vec![30, 20]
    );
    assert!(
        store
            .cache
            .feed_messages(ALICE, "in_group:77", 10)?
            .is_empty()
    );
    Ok(())
}

#[test]
fn storing_a_message_again_replaces_it_without_duplicating() -> TestResult {
    let (_dir, mut store) = store()?;
    store
        .cache
        .put_messages(ALICE, "my_feed", &[message(1, 1)])?;
    let mut edited = message(1, 1);
    edited.json = r#"{"id":1,"liked":true}"#.to_owned();
    store
        .cache
        .put_messages(ALICE, "my_feed", std::slice::from_ref(&edited))?;
    store
        .cache
        .put_messages(ALICE, "in_thread:1", std::slice::from_ref(&edited))?;
    assert_eq!(
        store.cache.feed_messages(ALICE, "my_feed", 10)?,
        vec![edited.clone()]
    );
    assert_eq!(
        store.cache.feed_messages(ALICE, "in_thread:1", 10)?,
        vec![edited]
    );
    Ok(())
}

#[test]
fn thread_messages_come_oldest_first_from_any_feed() -> TestResult {
    let (_dir, mut store) = store()?;
    store
        .cache
        .put_messages(ALICE, "my_feed", &[message(12, 10), message(10, 10)])?;
    store
        .cache
        .put_messages(ALICE, "in_thread:10", &[message(11, 10), message(13, 99)])?;
    assert_eq!(
        ids(&store.cache.thread_messages(ALICE, 10)?),
        vec![10, 11, 12]
    );
    Ok(())
}

#[test]
fn accounts_never_see_each_others_rows() -> TestResult {
    let (_dir, mut store) = store()?;
    store
        .cache
        .put_messages(ALICE, "my_feed", &[message(1, 1)])?;
    store.cache.put_users(
        ALICE,
        &[CachedRecord {
            id: 5,
            json: "{}".into(),
        }],
    )?;
    store.cache.put_groups(
        ALICE,
        &[CachedRecord {
            id: 77,
            json: "{}".into(),
        }],
    )?;
    store.cache.mark_read(ALICE, "my_feed", 1)?;
    store.cache.set_older_exhausted(ALICE, "my_feed", true)?;
    store
        .outbox
        .save_draft(ALICE, DraftTarget::Direct { user_id: 5 }, "hi", 1)?;

    assert!(store.cache.feed_messages(BOB, "my_feed", 10)?.is_empty());
    assert!(store.cache.thread_messages(BOB, 1)?.is_empty());
    assert!(store.cache.get_users(BOB, &[5])?.is_empty());
    assert!(store.cache.get_groups(BOB)?.is_empty());
    assert_eq!(store.cache.read_marker(BOB, "my_feed")?, None);
    assert!(!store.cache.older_exhausted(BOB, "my_feed")?);
    assert!(store.outbox.list_drafts(BOB)?.is_empty());

    store
        .cache
        .put_messages(BOB, "my_feed", &[message(1, 1), message(2, 2)])?;
    assert_eq!(store.cache.unread_count(BOB, "my_feed")?, 2);
    assert_eq!(store.cache.unread_count(ALICE, "my_feed")?, 0);
    Ok(())
}

#[test]
fn ids_up_to_i64_max_round_trip() -> TestResult {
    let (_dir, mut store) = store()?;
    let mut edge = message(BIGGEST_ID, BIGGEST_ID);
    edge.group_id = Some(BIGGEST_ID);
    edge.sender_id = BIGGEST_ID;
    store
        .cache
        .put_messages(ALICE, "my_feed", &[edge.clone(), message(0, 0)])?;
    assert_eq!(store.cache.feed_messages(ALICE, "my_feed", 10)?[0], edge);
    assert_eq!(
        ids(&store.cache.thread_messages(ALICE, BIGGEST_ID)?),
        vec![BIGGEST_ID]
    );
    store.cache.mark_read(ALICE, "my_feed", BIGGEST_ID)?;
    assert_eq!(store.cache.read_marker(ALICE, "my_feed")?, Some(BIGGEST_ID));
    store.cache.put_users(
        ALICE,
        &[CachedRecord {
            id: BIGGEST_ID,
            json: "{}".into(),
        }],
    )?;
    assert_eq!(store.cache.get_users(ALICE, &[BIGGEST_ID])?.len(), 1);
    Ok(())
}

#[test]
fn ids_above_i64_max_are_refused_and_the_batch_is_not_half_written() -> TestResult {
    let (_dir, mut store) = store()?;
    let too_big = BIGGEST_ID + 1;
    let batch = [message(1, 1), message(too_big, 1)];
    let result = store.cache.put_messages(ALICE, "my_feed", &batch);
    assert!(matches!(result, Err(StoreError::IdOutOfRange(id)) if id == too_big));
    assert!(
        store.cache.feed_messages(ALICE, "my_feed", 10)?.is_empty(),
        "all or nothing"
    );

    let mut bad_thread = message(2, 1);
    bad_thread.thread_id = u64::MAX;
    assert!(
        store
            .cache
            .put_messages(ALICE, "my_feed", &[bad_thread])
            .is_err()
    );
    assert!(store.cache.mark_read(ALICE, "my_feed", u64::MAX).is_err());
    assert!(store.cache.get_users(ALICE, &[u64::MAX]).is_err());
    assert!(store.cache.thread_messages(ALICE, too_big).is_err());
    let record = CachedRecord {
        id: too_big,
        json: "{}".into(),
    };
    assert!(store.cache.put_groups(ALICE, &[record]).is_err());
    assert!(store.cache.get_groups(ALICE)?.is_empty());
    Ok(())
}

#[test]
fn users_and_groups_round_trip() -> TestResult {
    let (_dir, mut store) = store()?;
    let users = [
        CachedRecord {
            id: 3,
            json: r#"{"name":"c"}"#.into(),
        },
        CachedRecord {
            id: 1,
            json: r#"{"name":"a"}"#.into(),
        },
    ];
    store.cache.put_users(ALICE, &users)?;
    store.cache.put_users(
        ALICE,
        &[CachedRecord {
            id: 1,
            json: r#"{"name":"a2"}"#.into(),
        }],
    )?;
    let found = store.cache.get_users(ALICE, &[3, 1, 2, 3])?;
    let names: Vec<&str> = found.iter().map(|u| u.json.as_str()).collect();
    assert_eq!(names, vec![r#"{"name":"a2"}"#, r#"{"name":"c"}"#]);

    let groups = [
        CachedRecord {
            id: 9,
            json: "g9".into(),
        },
        CachedRecord {
            id: 4,
            json: "g4".into(),
        },
    ];
    store.cache.put_groups(ALICE, &groups)?;
    let listed: Vec<u64> = store
        .cache
        .get_groups(ALICE)?
        .iter()
        .map(|g| g.id)
        .collect();
    assert_eq!(listed, vec![4, 9]);
    Ok(())
}

#[test]
fn read_markers_only_move_forward_and_drive_unread_counts() -> TestResult {
    let (_dir, mut store) = store()?;
    let feed: Vec<_> = (1..=5).map(|id| message(id, id)).collect();
    store.cache.put_messages(ALICE, "in_group:77", &feed)?;
    assert_eq!(store.cache.unread_count(ALICE, "in_group:77")?, 5);
    store.cache.mark_read(ALICE, "in_group:77", 3)?;
    assert_eq!(store.cache.unread_count(ALICE, "in_group:77")?, 2);
    store.cache.mark_read(ALICE, "in_group:77", 2)?;
    assert_eq!(
        store.cache.read_marker(ALICE, "in_group:77")?,
        Some(3),
        "never moves back"
    );
    store.cache.mark_read(ALICE, "in_thread:4", 4)?;
    assert_eq!(store.cache.read_marker(ALICE, "in_thread:4")?, Some(4));
    assert_eq!(
        store.cache.unread_count(ALICE, "in_group:77")?,
        2,
        "thread marker is separate"
    );
    assert_eq!(store.cache.unread_count(ALICE, "no_such_feed")?, 0);
    Ok(())
}

#[test]
fn older_pages_flag_round_trips() -> TestResult {
    let (_dir, mut store) = store()?;
    assert!(!store.cache.older_exhausted(ALICE, "my_feed")?);
    store
        .cache
        .put_messages(ALICE, "my_feed", &[message(1, 1)])?;
    store.cache.set_older_exhausted(ALICE, "my_feed", true)?;
    assert!(store.cache.older_exhausted(ALICE, "my_feed")?);
    store
        .cache
        .put_messages(ALICE, "my_feed", &[message(2, 2)])?;
    assert!(
        store.cache.older_exhausted(ALICE, "my_feed")?,
        "new pages keep the flag"
    );
    store.cache.set_older_exhausted(ALICE, "my_feed", false)?;
    assert!(!store.cache.older_exhausted(ALICE, "my_feed")?);
    Ok(())
}

#[test]
fn forgotten_messages_leave_every_feed() -> TestResult {
    let (_dir, mut store) = store()?;
    store
        .cache
        .put_messages(ALICE, "my_feed", &[message(1, 1), message(2, 1)])?;
    store
        .cache
        .put_messages(ALICE, "in_thread:1", &[message(2, 1)])?;
    store.cache.forget_message(ALICE, 2)?;
    assert_eq!(
        ids(&store.cache.feed_messages(ALICE, "my_feed", 10)?),
        vec![1]
    );
    assert!(
        store
            .cache
            .feed_messages(ALICE, "in_thread:1", 10)?
            .is_empty()
    );
    assert_eq!(store.cache.unread_count(ALICE, "in_thread:1")?, 0);
    Ok(())
}

#[test]
fn cached_feed_survives_reopening() -> TestResult {
    let dir = tempfile::tempdir()?;
    let (mut store, _) = Stores::open(dir.path())?;
    store
        .cache
        .put_messages(ALICE, "my_feed", &[message(1, 1), message(2, 2)])?;
    drop(store);
    let (store, _) = Stores::open(dir.path())?;
    assert_eq!(
        ids(&store.cache.feed_messages(ALICE, "my_feed", 10)?),
        vec![2, 1]
    );
    Ok(())
}
