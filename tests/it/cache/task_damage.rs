//! With the damage check after start, through the cache task: damage the deferred
//! check finds leads to a rebuild, the UI is told, and the writes held back while the check
//! ran land in the new file; a start-up read that meets damage before the check rebuilds the
//! cache and starts empty instead of failing. Drafts and the outbox survive both.

use std::error::Error;
use std::fs;
use std::io::{Seek, SeekFrom, Write};
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use kring::app::core::msg::{CacheMsg, Msg};
use kring::app::core::unread::ReadKey;
use kring::app::shell::cache::{CacheSetup, CacheTask, load_startup};
use kring::domain::{Feed, MessageId, ThreadId};
use kring::store::{CACHE_FILE, CacheStatus, CachedMessage, DraftTarget, Stores};

type TestResult = Result<(), Box<dyn Error>>;

const ACCOUNT: &str = "https://example.test#1";
const PAGE: u64 = 4096;
/// Generous: a debug build on a loaded machine.
const WAIT: Duration = Duration::from_secs(60);

/// A store with a draft and a cache of many pages, closed again.
fn populated(dir: &Path) -> TestResult {
    let (mut store, _) = Stores::open(dir)?;
    let messages: Vec<_> = (1..=400)
        .map(|id| CachedMessage {
            id,
            thread_id: id,
            group_id: None,
            sender_id: 7,
            created_at: 1_700_000_000,
            json: format!(r#"{{"id":{id},"body":"{}"}}"#, "x".repeat(600)),
        })
        .collect();
    store.cache.put_messages(ACCOUNT, "my_feed", &messages)?;
    store
        .outbox
        .save_draft(ACCOUNT, DraftTarget::Direct { user_id: 5 }, "draft", 10)?;
    Ok(())
}

/// Overwrites `pages` pages of the cache file from page `from` (0-based) on.
fn damage_pages(dir: &Path, from: u64, pages: u64) -> TestResult {
    let mut file = fs::OpenOptions::new()
        .write(true)
        .open(dir.join(CACHE_FILE))?;
    file.seek(SeekFrom::Start(from * PAGE))?;
    file.write_all(&vec![0xFF; usize::try_from(pages * PAGE)?])?;
    file.sync_all()?;
    Ok(())
}

fn page_count(dir: &Path) -> Result<u64, Box<dyn Error>> {
    Ok(fs::metadata(dir.join(CACHE_FILE))?.len() / PAGE)
}

fn setup(dir: &Path) -> Result<CacheSetup, Box<dyn Error>> {
    let (store, report) = Stores::open_deferring_cache_check(dir)?;
    assert_eq!(
        report.cache,
        CacheStatus::Ok,
        "the open reads too little to see it"
    );
    Ok(CacheSetup {
        store: store.cache,
        account: ACCOUNT.to_owned(),
        rebuilt: None,
    })
}

fn draft_survived(dir: &Path) -> TestResult {
    let (store, _) = Stores::open(dir)?;
    let draft = store
        .outbox
        .load_draft(ACCOUNT, DraftTarget::Direct { user_id: 5 })?;
    assert_eq!(draft.map(|d| d.body).as_deref(), Some("draft"));
    Ok(())
}

/// Waits for the cache task to say it rebuilt the cache; where the damaged file went.
fn wait_rebuilt(answers: &mut tokio::sync::mpsc::UnboundedReceiver<Msg>) -> Option<PathBuf> {
    let deadline = Instant::now() + WAIT;
    while Instant::now() < deadline {
        match answers.try_recv() {
            Ok(Msg::Cached(cached)) => {
                if let CacheMsg::Rebuilt { moved_to } = *cached {
                    return Some(moved_to);
                }
            }
            Ok(_) => {}
            Err(_) => std::thread::sleep(Duration::from_millis(20)),
        }
    }
    None
}

#[test]
fn damage_found_by_the_deferred_check_rebuilds_and_keeps_the_held_writes() -> TestResult {
    let dir = tempfile::tempdir()?;
    populated(dir.path())?;
    damage_pages(dir.path(), page_count(dir.path())? / 2, 4)?;

    let (results, mut answers) = tokio::sync::mpsc::unbounded_channel();
    let task = CacheTask::start(setup(dir.path())?, results)?;
    let writer = task.writer();
    writer.check_for_damage();
    writer.mark_read(ReadKey::Thread(ThreadId(5)), MessageId(9));
    let moved_to = wait_rebuilt(&mut answers).ok_or("the task reports the rebuild")?;
    assert!(moved_to.exists(), "the damaged cache is kept aside");
    task.close();

    // The read marker sent while the check ran went to the new file, not the damaged one.
    let deadline = Instant::now() + WAIT;
    let marker = loop {
        let (store, _) = Stores::open_deferring_cache_check(dir.path())?;
        let marker = store.cache.read_marker(ACCOUNT, "in_thread:5")?;
        if marker.is_some() || Instant::now() > deadline {
            break marker;
        }
        std::thread::sleep(Duration::from_millis(20));
    };
    assert_eq!(marker, Some(9));
    let (store, report) = Stores::open(dir.path())?;
    assert_eq!(report.cache, CacheStatus::Ok, "the new cache is sound");
    assert!(
        store
            .cache
            .feed_messages(ACCOUNT, "my_feed", 10)?
            .is_empty()
    );
    draft_survived(dir.path())
}

#[test]
fn a_sound_cache_passes_the_deferred_check_and_keeps_its_content() -> TestResult {
    let dir = tempfile::tempdir()?;
    populated(dir.path())?;
    let (results, mut answers) = tokio::sync::mpsc::unbounded_channel();
    let task = CacheTask::start(setup(dir.path())?, results)?;
    let writer = task.writer();
    writer.check_for_damage();
    writer.mark_read(ReadKey::Thread(ThreadId(5)), MessageId(9));
    task.close();
    let deadline = Instant::now() + WAIT;
    loop {
        let (store, _) = Stores::open_deferring_cache_check(dir.path())?;
        if store.cache.read_marker(ACCOUNT, "in_thread:5")?.is_some() || Instant::now() > deadline {
            assert_eq!(store.cache.read_marker(ACCOUNT, "in_thread:5")?, Some(9));
            assert_eq!(
                store.cache.feed_messages(ACCOUNT, "my_feed", 500)?.len(),
                400
            );
            break;
        }
        std::thread::sleep(Duration::from_millis(20));
    }
    assert!(
        wait_rebuilt_none(&mut answers),
        "no rebuild of a sound cache"
    );
    Ok(())
}

fn wait_rebuilt_none(answers: &mut tokio::sync::mpsc::UnboundedReceiver<Msg>) -> bool {
    while let Ok(msg) = answers.try_recv() {
        if matches!(msg, Msg::Cached(ref cached) if matches!(**cached, CacheMsg::Rebuilt { .. })) {
            return false;
        }
    }
    true
}

// Damage a start-up read meets before the check has run: no panic, no half-read screen, an
// empty snapshot, and the rebuild reported for the first frame's notice.
#[test]
fn a_startup_read_that_meets_damage_rebuilds_and_starts_empty() -> TestResult {
    let dir = tempfile::tempdir()?;
    populated(dir.path())?;
    let pages = page_count(dir.path())?;
    damage_pages(dir.path(), 1, pages - 1)?;

    // The schema (tables, the full-text index and its triggers) can span more than the first
    // page, so the open may meet the damage itself: then it rebuilds at once, which is as good.
    let (store, report) = Stores::open_deferring_cache_check(dir.path())?;
    if let CacheStatus::Rebuilt { moved_to, .. } = report.cache {
        assert!(moved_to.exists());
        drop(store);
        return draft_survived(dir.path());
    }
    drop(store);
    let mut setup = setup(dir.path())?;
    let snapshot = load_startup(&mut setup, Feed::MyFeed);
    assert!(snapshot.page.messages.is_empty(), "{snapshot:?}");
    assert!(snapshot.unread.threads.is_empty());
    let moved_to = setup.rebuilt.take().ok_or("the rebuild is reported")?;
    assert!(moved_to.exists());
    drop(setup);
    draft_survived(dir.path())
}
