//! The cache's damage check deferred past start, for a fast start: opening without
//! the check still checks the outbox file, the check run later finds damage the open did not
//! read, and the rebuild it leads to keeps drafts and the outbox. Also schema step 5: a cache
//! from before it gets each feed item's thread from its message.

use std::error::Error;
use std::fs;
use std::io::{Seek, SeekFrom, Write};
use std::path::Path;

use kring::store::schema::CACHE_MIGRATIONS;
use kring::store::{
    CACHE_FILE, CacheHealth, CacheStatus, CachedMessage, DraftTarget, OUTBOX_FILE, OutboxStatus,
    Stores,
};
use rusqlite::{Connection, params};

type TestResult = Result<(), Box<dyn Error>>;

const ACCOUNT: &str = "https://example.test#1";
const PAGE: u64 = 4096;

fn message(id: u64, thread_id: u64) -> CachedMessage {
    CachedMessage {
        id,
        thread_id,
        group_id: None,
        sender_id: 7,
        created_at: 1_700_000_000,
        json: format!(r#"{{"id":{id},"body":"{}"}}"#, "x".repeat(600)),
    }
}

/// A store with a draft, a queued post and a cache of many pages, closed again.
fn populated(dir: &Path) -> TestResult {
    let (mut store, _) = Stores::open(dir)?;
    let messages: Vec<_> = (1..=400).map(|id| message(id, id)).collect();
    store.cache.put_messages(ACCOUNT, "my_feed", &messages)?;
    store
        .outbox
        .save_draft(ACCOUNT, DraftTarget::Direct { user_id: 5 }, "draft", 10)?;
    store.outbox.enqueue(
        ACCOUNT,
        DraftTarget::NewPost { group_id: None },
        "queued",
        &[],
        11,
    )?;
    Ok(())
}

/// Overwrites pages in the middle of the cache file (the open reads only the first ones).
fn damage_middle_pages(dir: &Path) -> TestResult {
    let path = dir.join(CACHE_FILE);
    let pages = fs::metadata(&path)?.len() / PAGE;
    let mut file = fs::OpenOptions::new().write(true).open(&path)?;
    file.seek(SeekFrom::Start(pages / 2 * PAGE))?;
    file.write_all(&vec![0xFF; 4 * 4096])?;
    file.sync_all()?;
    Ok(())
}

fn assert_posting_data_intact(store: &Stores) -> TestResult {
    let draft = store
        .outbox
        .load_draft(ACCOUNT, DraftTarget::Direct { user_id: 5 })?;
    assert_eq!(draft.map(|d| d.body).as_deref(), Some("draft"));
    let queued = store.outbox.list(ACCOUNT)?;
    assert_eq!(queued.len(), 1);
    assert_eq!(queued[0].body, "queued");
    Ok(())
}

#[test]
fn damage_found_by_the_deferred_check_is_rebuilt_and_posting_data_survives() -> TestResult {
    let dir = tempfile::tempdir()?;
    populated(dir.path())?;
    damage_middle_pages(dir.path())?;

    let (mut store, report) = Stores::open_deferring_cache_check(dir.path())?;
    assert_eq!(
        report.cache,
        CacheStatus::Ok,
        "the open does not read every page"
    );
    assert_eq!(report.outbox, OutboxStatus::Ok);
    let CacheHealth::Damaged(reason) = store.cache.cache_checker()?.run()? else {
        return Err("the check finds the damaged pages".into());
    };
    assert!(!reason.is_empty());
    let CacheStatus::Rebuilt { moved_to, .. } = store.cache.rebuild_cache(&reason)? else {
        return Err("rebuilding reports where the damaged file went".into());
    };
    assert!(moved_to.exists(), "the damaged cache is kept aside");
    assert_eq!(store.cache.check_cache()?, CacheHealth::Sound);
    assert!(
        store
            .cache
            .feed_messages(ACCOUNT, "my_feed", 10)?
            .is_empty()
    );
    store
        .cache
        .put_messages(ACCOUNT, "my_feed", &[message(1, 1)])?;
    assert_eq!(store.cache.feed_messages(ACCOUNT, "my_feed", 10)?.len(), 1);
    assert_posting_data_intact(&store)?;
    drop(store);
    let (again, report) = Stores::open(dir.path())?;
    assert_eq!(report.cache, CacheStatus::Ok, "the rebuilt cache is sound");
    assert_posting_data_intact(&again)?;
    Ok(())
}

#[test]
fn cache_truncated_to_half_is_found_without_the_full_check_at_open() -> TestResult {
    let dir = tempfile::tempdir()?;
    populated(dir.path())?;
    let path = dir.path().join(CACHE_FILE);
    let length = fs::metadata(&path)?.len();
    fs::OpenOptions::new()
        .write(true)
        .open(&path)?
        .set_len(length / 2)?;

    // SQLite sees the missing half when it opens the file (the header's page count), without
    // reading every page; were it not seen there, the check would see it.
    let (store, report) = Stores::open_deferring_cache_check(dir.path())?;
    match report.cache {
        CacheStatus::Rebuilt { moved_to, .. } => {
            assert_eq!(
                fs::metadata(moved_to)?.len(),
                length / 2,
                "kept aside as it was"
            );
            assert_eq!(store.cache.check_cache()?, CacheHealth::Sound);
        }
        CacheStatus::Ok => assert!(matches!(
            store.cache.check_cache()?,
            CacheHealth::Damaged(_)
        )),
    }
    assert_posting_data_intact(&store)?;
    Ok(())
}

#[test]
fn a_sound_cache_passes_the_deferred_check_on_either_connection() -> TestResult {
    let dir = tempfile::tempdir()?;
    populated(dir.path())?;
    let (store, report) = Stores::open_deferring_cache_check(dir.path())?;
    assert_eq!(report.cache, CacheStatus::Ok);
    assert_eq!(store.cache.cache_checker()?.run()?, CacheHealth::Sound);
    assert_eq!(store.cache.check_cache()?, CacheHealth::Sound);
    Ok(())
}

#[test]
fn the_outbox_is_still_checked_when_the_cache_check_is_deferred() -> TestResult {
    let dir = tempfile::tempdir()?;
    populated(dir.path())?;
    let garbage: Vec<u8> = (0..3 * 4096).map(|i| (i % 251) as u8).collect();
    fs::write(dir.path().join(OUTBOX_FILE), garbage)?;
    let (_store, report) = Stores::open_deferring_cache_check(dir.path())?;
    assert!(
        matches!(report.outbox, OutboxStatus::Recovered { .. }),
        "{report:?}"
    );
    Ok(())
}

// Schema step 5 on a cache written before it: every feed item gets its message's thread, so
// `feed_threads` (now read from feed items alone) lists what it listed before.
#[test]
fn schema_step_5_gives_old_feed_items_their_thread() -> TestResult {
    let dir = tempfile::tempdir()?;
    {
        let conn = Connection::open(dir.path().join(CACHE_FILE))?;
        for (step, sql) in CACHE_MIGRATIONS.iter().take(4).enumerate() {
            conn.execute_batch(sql)?;
            conn.pragma_update(None, "user_version", step + 1)?;
        }
        for (id, thread, feed) in [
            (1, 10, "my_feed"),
            (2, 10, "in_group:5"),
            (3, 30, "my_feed"),
        ] {
            conn.execute(
                "INSERT INTO messages (account, id, thread_id, sender_id, created_at, json)
                 VALUES (?1, ?2, ?3, 7, 0, '{}')",
                params![ACCOUNT, id, thread],
            )?;
            conn.execute(
                "INSERT INTO feed_items (account, feed_key, message_id) VALUES (?1, ?2, ?3)",
                params![ACCOUNT, feed, id],
            )?;
        }
        // An item whose message is gone has no thread to list.
        conn.execute(
            "INSERT INTO feed_items (account, feed_key, message_id) VALUES (?1, 'my_feed', 99)",
            params![ACCOUNT],
        )?;
    }
    let (store, report) = Stores::open_deferring_cache_check(dir.path())?;
    assert_eq!(report.cache, CacheStatus::Ok, "migrated, not rebuilt");
    assert_eq!(
        store.cache.feed_threads(ACCOUNT)?,
        vec![
            ("in_group:5".to_owned(), 10),
            ("my_feed".to_owned(), 10),
            ("my_feed".to_owned(), 30),
        ]
    );
    Ok(())
}
