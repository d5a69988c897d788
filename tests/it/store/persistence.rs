//! Opening and migrating the local store, and its durability across reopening and crashes.

use std::fs;
use std::path::Path;
use std::process::Command;

use kring::store::schema::{CACHE_MIGRATIONS, OUTBOX_MIGRATIONS};
use kring::store::{
    CACHE_FILE, CacheStatus, DraftTarget, OUTBOX_FILE, OutboxState, StoreError, Stores,
};
use rusqlite::Connection;

use super::fixtures::*;

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
