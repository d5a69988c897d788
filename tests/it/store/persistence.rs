//! Opening, migrating, damage recovery and crash durability of the local store.

use std::error::Error;
use std::fs;
use std::io::{Seek, SeekFrom, Write};
use std::path::{Path, PathBuf};
use std::process::Command;

use kring::store::schema::{CACHE_MIGRATIONS, OUTBOX_MIGRATIONS};
use kring::store::{
    CACHE_FILE, CacheStatus, CachedMessage, DraftTarget, OUTBOX_FILE, OutboxState, OutboxStatus,
    StoreError, Stores,
};
use rusqlite::Connection;

type TestResult = Result<(), Box<dyn Error>>;

const ACCOUNT: &str = "https://example.test#1";
const PAGE: usize = 4096;

fn open(dir: &Path) -> Result<Stores, StoreError> {
    let (store, report) = Stores::open(dir)?;
    assert_eq!(report.cache, CacheStatus::Ok);
    assert_eq!(report.outbox, OutboxStatus::Ok);
    Ok(store)
}

fn message(id: u64, filler: usize) -> CachedMessage {
    CachedMessage {
        id,
        thread_id: id,
        group_id: None,
        sender_id: 7,
        created_at: 1_700_000_000,
        json: format!(
            r#"{{"id":{id},"body":{{"plain":"{}"}}}}"#,
            "x".repeat(filler)
        ),
    }
}

/// A store holding a draft, a queued post and a cache big enough to span many pages.
fn populated_store(dir: &Path) -> Result<(), Box<dyn Error>> {
    let mut store = open(dir)?;
    let messages: Vec<_> = (1..=400).map(|id| message(id, 600)).collect();
    store.cache.put_messages(ACCOUNT, "my_feed", &messages)?;
    store.outbox.save_draft(
        ACCOUNT,
        DraftTarget::Direct { user_id: 5 },
        "draft text",
        10,
    )?;
    store.outbox.enqueue(
        ACCOUNT,
        DraftTarget::NewPost { group_id: Some(3) },
        "queued text",
        &[],
        11,
    )?;
    drop(store);
    assert!(
        !wal_path(dir, CACHE_FILE).exists(),
        "closing checkpoints the WAL"
    );
    Ok(())
}

fn wal_path(dir: &Path, file: &str) -> PathBuf {
    dir.join(format!("{file}-wal"))
}

fn moved_aside(dir: &Path, file: &str) -> Result<Vec<PathBuf>, Box<dyn Error>> {
    let prefix = format!("{file}.corrupt-");
    let mut found = Vec::new();
    for entry in fs::read_dir(dir)? {
        let path = entry?.path();
        let name = path
            .file_name()
            .and_then(|n| n.to_str())
            .unwrap_or_default();
        if name.starts_with(&prefix) && !name.ends_with("-wal") && !name.ends_with("-shm") {
            found.push(path);
        }
    }
    Ok(found)
}

fn assert_precious_data_intact(store: &Stores) -> TestResult {
    let draft = store
        .outbox
        .load_draft(ACCOUNT, DraftTarget::Direct { user_id: 5 })?;
    assert_eq!(draft.map(|d| d.body).as_deref(), Some("draft text"));
    let items = store.outbox.list(ACCOUNT)?;
    assert_eq!(items.len(), 1);
    assert_eq!(items[0].body, "queued text");
    assert_eq!(items[0].state, OutboxState::Queued);
    Ok(())
}

fn overwrite(path: &Path, offset: u64, bytes: &[u8]) -> TestResult {
    let mut file = fs::OpenOptions::new().write(true).open(path)?;
    file.seek(SeekFrom::Start(offset))?;
    file.write_all(bytes)?;
    file.sync_all()?;
    Ok(())
}

#[test]
fn both_files_use_wal_and_the_outbox_syncs_fully() -> TestResult {
    let dir = tempfile::tempdir()?;
    let store = open(dir.path())?;
    let settings = store.settings()?;
    assert_eq!(settings.outbox.journal_mode, "wal");
    assert_eq!(settings.cache.journal_mode, "wal");
    assert_eq!(settings.outbox.synchronous, 2, "FULL");
    assert_eq!(settings.cache.synchronous, 1, "NORMAL");
    assert!(settings.outbox.busy_timeout_ms > 0 && settings.cache.busy_timeout_ms > 0);
    drop(store);
    for file in [OUTBOX_FILE, CACHE_FILE] {
        let conn = Connection::open(dir.path().join(file))?;
        let check: String = conn.pragma_query_value(None, "integrity_check", |r| r.get(0))?;
        assert_eq!(check, "ok", "{file}");
    }
    Ok(())
}

#[test]
fn schema_versions_match_the_migration_lists() -> TestResult {
    let dir = tempfile::tempdir()?;
    let settings = open(dir.path())?.settings()?;
    assert_eq!(
        usize::try_from(settings.cache.schema_version)?,
        CACHE_MIGRATIONS.len()
    );
    assert_eq!(
        usize::try_from(settings.outbox.schema_version)?,
        OUTBOX_MIGRATIONS.len()
    );
    Ok(())
}

#[test]
fn outbox_file_at_version_1_is_upgraded_keeping_its_drafts() -> TestResult {
    let dir = tempfile::tempdir()?;
    let conn = Connection::open(dir.path().join(OUTBOX_FILE))?;
    conn.execute_batch(OUTBOX_MIGRATIONS[0])?;
    conn.pragma_update(None, "user_version", 1)?;
    conn.execute(
        "INSERT INTO drafts (account, target_key, body, updated_at) VALUES (?1, 'direct:9', 'old', 5)",
        [ACCOUNT],
    )?;
    drop(conn);

    let mut store = open(dir.path())?;
    let draft = store
        .outbox
        .load_draft(ACCOUNT, DraftTarget::Direct { user_id: 9 })?;
    assert_eq!(draft.map(|d| d.body).as_deref(), Some("old"));
    let item = store
        .outbox
        .enqueue(ACCOUNT, DraftTarget::Direct { user_id: 9 }, "new", &[], 6)?;
    assert_eq!(item.state, OutboxState::Queued);
    Ok(())
}

#[test]
fn cache_file_at_version_1_is_upgraded_keeping_its_messages() -> TestResult {
    let dir = tempfile::tempdir()?;
    let conn = Connection::open(dir.path().join(CACHE_FILE))?;
    conn.execute_batch(CACHE_MIGRATIONS[0])?;
    conn.pragma_update(None, "user_version", 1)?;
    conn.execute(
        "INSERT INTO messages (account, id, thread_id, group_id, sender_id, created_at, json)
         VALUES (?1, 42, 40, NULL, 3, 100, '{}')",
        [ACCOUNT],
    )?;
    drop(conn);

    let store = open(dir.path())?;
    let thread = store.cache.thread_messages(ACCOUNT, 40)?;
    assert_eq!(thread.iter().map(|m| m.id).collect::<Vec<_>>(), vec![42]);
    Ok(())
}

#[test]
fn outbox_from_a_newer_kring_is_refused_and_left_untouched() -> TestResult {
    let dir = tempfile::tempdir()?;
    let path = dir.path().join(OUTBOX_FILE);
    let conn = Connection::open(&path)?;
    conn.pragma_update(None, "user_version", 999)?;
    drop(conn);
    let before = fs::read(&path)?;

    let result = Stores::open(dir.path());
    assert!(matches!(
        result,
        Err(StoreError::SchemaTooNew { found: 999, .. })
    ));
    assert!(fs::read(&path)? == before, "file changed");
    assert!(moved_aside(dir.path(), OUTBOX_FILE)?.is_empty());
    Ok(())
}

#[test]
fn cache_from_a_newer_kring_is_rebuilt() -> TestResult {
    let dir = tempfile::tempdir()?;
    let conn = Connection::open(dir.path().join(CACHE_FILE))?;
    conn.pragma_update(None, "user_version", 999)?;
    drop(conn);
    let (_, report) = Stores::open(dir.path())?;
    assert!(matches!(report.cache, CacheStatus::Rebuilt { .. }));
    Ok(())
}

#[test]
fn cache_overwritten_with_garbage_is_rebuilt_and_posting_data_survives() -> TestResult {
    let dir = tempfile::tempdir()?;
    populated_store(dir.path())?;
    let cache = dir.path().join(CACHE_FILE);
    let length = usize::try_from(fs::metadata(&cache)?.len())?;
    fs::write(&cache, vec![0xA5; length])?;

    let (store, report) = Stores::open(dir.path())?;
    let CacheStatus::Rebuilt { reason, moved_to } = report.cache else {
        return Err(format!("expected a rebuilt cache, got {:?}", report.cache).into());
    };
    assert!(!reason.is_empty());
    assert_eq!(
        fs::read(&moved_to)?,
        vec![0xA5; length],
        "damaged cache kept aside"
    );
    assert_eq!(report.outbox, OutboxStatus::Ok);
    assert!(
        store
            .cache
            .feed_messages(ACCOUNT, "my_feed", 10)?
            .is_empty()
    );
    assert_precious_data_intact(&store)?;
    Ok(())
}

#[test]
fn cache_truncated_to_half_is_rebuilt_and_posting_data_survives() -> TestResult {
    let dir = tempfile::tempdir()?;
    populated_store(dir.path())?;
    let cache = dir.path().join(CACHE_FILE);
    let length = fs::metadata(&cache)?.len();
    fs::OpenOptions::new()
        .write(true)
        .open(&cache)?
        .set_len(length / 2)?;

    let (mut store, report) = Stores::open(dir.path())?;
    assert!(
        matches!(report.cache, CacheStatus::Rebuilt { .. }),
        "{report:?}"
    );
    assert_precious_data_intact(&store)?;
    store
        .cache
        .put_messages(ACCOUNT, "my_feed", &[message(1, 10)])?;
    assert_eq!(store.cache.feed_messages(ACCOUNT, "my_feed", 10)?.len(), 1);
    Ok(())
}

#[test]
fn cache_with_damaged_pages_is_rebuilt() -> TestResult {
    let dir = tempfile::tempdir()?;
    populated_store(dir.path())?;
    let cache = dir.path().join(CACHE_FILE);
    let pages = usize::try_from(fs::metadata(&cache)?.len())? / PAGE;
    let middle = u64::try_from(pages / 2 * PAGE)?;
    overwrite(&cache, middle, &vec![0xFF; 4 * PAGE])?;

    let (store, report) = Stores::open(dir.path())?;
    assert!(
        matches!(report.cache, CacheStatus::Rebuilt { .. }),
        "{report:?}"
    );
    assert_precious_data_intact(&store)?;
    Ok(())
}

#[test]
fn cache_rebuilt_on_request_keeps_drafts_and_outbox() -> TestResult {
    let dir = tempfile::tempdir()?;
    populated_store(dir.path())?;
    let mut store = open(dir.path())?;
    let status = store.cache.rebuild_cache("damage seen at runtime")?;
    assert!(matches!(status, CacheStatus::Rebuilt { ref moved_to, .. } if moved_to.exists()));
    assert!(
        store
            .cache
            .feed_messages(ACCOUNT, "my_feed", 10)?
            .is_empty()
    );
    assert_precious_data_intact(&store)?;
    drop(store);
    drop(open(dir.path())?);
    Ok(())
}

#[test]
fn outbox_overwritten_with_garbage_is_moved_aside_not_deleted() -> TestResult {
    let dir = tempfile::tempdir()?;
    populated_store(dir.path())?;
    let outbox = dir.path().join(OUTBOX_FILE);
    let garbage: Vec<u8> = (0..3 * PAGE).map(|i| (i % 251) as u8).collect();
    fs::write(&outbox, &garbage)?;

    let (mut store, report) = Stores::open(dir.path())?;
    let OutboxStatus::Recovered {
        moved_to, salvage, ..
    } = report.outbox
    else {
        return Err(format!("expected a recovered outbox, got {:?}", report.outbox).into());
    };
    assert_eq!(
        fs::read(&moved_to)?,
        garbage,
        "damaged outbox kept byte for byte"
    );
    assert_eq!((salvage.drafts, salvage.outbox_items), (0, 0));
    assert!(!salvage.problems.is_empty(), "the loss is reported");
    assert_eq!(report.cache, CacheStatus::Ok);
    store.outbox.save_draft(
        ACCOUNT,
        DraftTarget::Direct { user_id: 1 },
        "works again",
        1,
    )?;
    assert!(
        store
            .outbox
            .load_draft(ACCOUNT, DraftTarget::Direct { user_id: 1 })?
            .is_some()
    );
    Ok(())
}

#[test]
fn an_outbox_cut_to_zero_bytes_is_reported_not_taken_as_an_empty_queue() -> TestResult {
    let dir = tempfile::tempdir()?;
    populated_store(dir.path())?;
    let outbox = dir.path().join(OUTBOX_FILE);
    let _ = fs::remove_file(wal_path(dir.path(), OUTBOX_FILE));
    fs::File::create(&outbox)?;

    let (_store, report) = Stores::open(dir.path())?;
    let OutboxStatus::Recovered {
        reason, moved_to, ..
    } = report.outbox
    else {
        return Err(format!("expected a recovered outbox, got {:?}", report.outbox).into());
    };
    assert!(reason.contains("0 bytes"), "{reason}");
    assert!(
        moved_to.exists(),
        "the empty file is kept beside the new one"
    );
    Ok(())
}

#[test]
fn outbox_with_a_damaged_page_is_salvaged_around_the_damage() -> TestResult {
    let dir = tempfile::tempdir()?;
    let total: u64 = 300;
    let mut store = open(dir.path())?;
    for user_id in 0..total {
        let body = format!("draft {user_id} {}", "y".repeat(1000));
        store
            .outbox
            .save_draft(ACCOUNT, DraftTarget::Direct { user_id }, &body, 1)?;
    }
    let mut sending = store.outbox.enqueue(
        ACCOUNT,
        DraftTarget::NewPost { group_id: None },
        "p",
        &[],
        2,
    )?;
    sending = store
        .outbox
        .claim_next(ACCOUNT, "a", 3, 60)?
        .unwrap_or(sending);
    store.outbox.mark_sending(sending.local_id, "a", 3, 60)?;
    drop(store);
    let outbox = dir.path().join(OUTBOX_FILE);
    assert!(!wal_path(dir.path(), OUTBOX_FILE).exists());
    let pages = usize::try_from(fs::metadata(&outbox)?.len())? / PAGE;
    overwrite(&outbox, u64::try_from(pages / 2 * PAGE)?, &vec![0xFF; PAGE])?;

    let (store, report) = Stores::open(dir.path())?;
    let OutboxStatus::Recovered {
        salvage, moved_to, ..
    } = report.outbox
    else {
        return Err(format!("expected a recovered outbox, got {:?}", report.outbox).into());
    };
    assert!(moved_to.exists());
    let rescued = u64::try_from(salvage.drafts)?;
    assert!(
        rescued > total / 2 && rescued < total,
        "rescued {rescued} of {total}"
    );
    assert!(!salvage.problems.is_empty());
    assert_eq!(store.outbox.list_drafts(ACCOUNT)?.len(), salvage.drafts);
    let items = store.outbox.list(ACCOUNT)?;
    assert_eq!(items.len(), 1);
    assert_eq!(
        items[0].state,
        OutboxState::Unknown,
        "a maybe-sent post is never re-sent blindly"
    );
    Ok(())
}

#[test]
fn drafts_survive_reopening() -> TestResult {
    let dir = tempfile::tempdir()?;
    let target = DraftTarget::Reply {
        thread_id: 4,
        replied_to_id: 6,
    };
    let mut store = open(dir.path())?;
    store.outbox.save_draft(ACCOUNT, target, "first", 1)?;
    store.outbox.save_draft(ACCOUNT, target, "second", 2)?;
    drop(store);
    let store = open(dir.path())?;
    let draft = store.outbox.load_draft(ACCOUNT, target)?;
    assert_eq!(
        draft.map(|d| (d.body, d.updated_at)),
        Some(("second".to_owned(), 2))
    );
    Ok(())
}

#[test]
fn draft_saved_before_the_handle_is_leaked_is_found() -> TestResult {
    let dir = tempfile::tempdir()?;
    let target = DraftTarget::NewPost { group_id: None };
    let mut store = open(dir.path())?;
    store
        .outbox
        .save_draft(ACCOUNT, target, "unsaved work", 1)?;
    std::mem::forget(store);
    let store = open(dir.path())?;
    let draft = store.outbox.load_draft(ACCOUNT, target)?;
    assert_eq!(draft.map(|d| d.body).as_deref(), Some("unsaved work"));
    Ok(())
}

const CRASH_DIR_VAR: &str = "KRING_STORE_CRASH_DIR";

/// Child half of the crash test: saves, queues, then dies without running any destructor.
#[test]
#[ignore = "run only as the child of draft_and_queued_post_survive_an_abort"]
fn crash_child_saves_then_aborts() -> TestResult {
    let dir = std::env::var(CRASH_DIR_VAR)?;
    let (mut store, _) = Stores::open(Path::new(&dir))?;
    store.outbox.save_draft(
        ACCOUNT,
        DraftTarget::Direct { user_id: 2 },
        "half written",
        1,
    )?;
    store.outbox.enqueue(
        ACCOUNT,
        DraftTarget::Direct { user_id: 3 },
        "sent before crash",
        &[],
        2,
    )?;
    std::process::abort();
}

#[test]
fn draft_and_queued_post_survive_an_abort() -> TestResult {
    let dir = tempfile::tempdir()?;
    let status = Command::new(std::env::current_exe()?)
        .args([
            "--exact",
            &crate::harness::test_name(module_path!(), "crash_child_saves_then_aborts"),
            "--ignored",
            "--nocapture",
        ])
        .env(CRASH_DIR_VAR, dir.path())
        .status()?;
    assert!(!status.success(), "the child must have crashed");

    let store = open(dir.path())?;
    let draft = store
        .outbox
        .load_draft(ACCOUNT, DraftTarget::Direct { user_id: 2 })?;
    assert_eq!(draft.map(|d| d.body).as_deref(), Some("half written"));
    let items = store.outbox.list(ACCOUNT)?;
    assert_eq!(
        items.iter().map(|i| i.body.as_str()).collect::<Vec<_>>(),
        ["sent before crash"]
    );
    Ok(())
}

#[test]
fn store_handles_can_move_between_threads() {
    fn assert_send<T: Send>() {}
    assert_send::<Stores>();
}

#[cfg(unix)]
#[test]
fn the_store_is_private_to_its_user_whatever_the_umask() -> TestResult {
    use std::os::unix::fs::PermissionsExt;
    let mode = |path: &Path| -> Result<u32, std::io::Error> {
        Ok(fs::metadata(path)?.permissions().mode() & 0o777)
    };
    let root = tempfile::tempdir()?;
    let dir = root.path().join("data");
    populated_store(&dir)?;
    for file in [CACHE_FILE, OUTBOX_FILE] {
        assert_eq!(
            mode(&dir.join(file))?,
            0o600,
            "a new {file} is private at once"
        );
    }
    // As an older kring under umask 022 left them.
    fs::set_permissions(&dir, fs::Permissions::from_mode(0o755))?;
    for file in [CACHE_FILE, OUTBOX_FILE] {
        fs::set_permissions(dir.join(file), fs::Permissions::from_mode(0o644))?;
    }
    let store = open(&dir)?;
    assert_eq!(mode(&dir)?, 0o700);
    for file in [CACHE_FILE, OUTBOX_FILE] {
        assert_eq!(mode(&dir.join(file))?, 0o600, "{file}");
        let wal = wal_path(&dir, file);
        if wal.exists() {
            assert_eq!(mode(&wal)?, 0o600, "{file}-wal");
        }
    }
    assert_precious_data_intact(&store)?;
    Ok(())
}
