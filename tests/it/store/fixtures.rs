//! What the store tests share: a store opened in a directory, a populated store holding
//! precious data (a draft, a queued post) beside a large cache, and byte-level damage.

use std::error::Error;
use std::fs;
use std::io::{Seek, SeekFrom, Write};
use std::path::{Path, PathBuf};

use kring::store::{
    CACHE_FILE, CacheStatus, CachedMessage, DraftTarget, OutboxState, OutboxStatus, StoreError,
    Stores,
};

pub type TestResult = Result<(), Box<dyn Error>>;

pub const ACCOUNT: &str = "https://example.test#1";
pub const PAGE: usize = 4096;

pub fn open(dir: &Path) -> Result<Stores, StoreError> {
    let (store, report) = Stores::open(dir)?;
    assert_eq!(report.cache, CacheStatus::Ok);
    assert_eq!(report.outbox, OutboxStatus::Ok);
    Ok(store)
}

pub fn message(id: u64, filler: usize) -> CachedMessage {
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
pub fn populated_store(dir: &Path) -> Result<(), Box<dyn Error>> {
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

pub fn wal_path(dir: &Path, file: &str) -> PathBuf {
    dir.join(format!("{file}-wal"))
}

pub fn moved_aside(dir: &Path, file: &str) -> Result<Vec<PathBuf>, Box<dyn Error>> {
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

pub fn assert_precious_data_intact(store: &Stores) -> TestResult {
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

pub fn overwrite(path: &Path, offset: u64, bytes: &[u8]) -> TestResult {
    let mut file = fs::OpenOptions::new().write(true).open(path)?;
    file.seek(SeekFrom::Start(offset))?;
    file.write_all(bytes)?;
    file.sync_all()?;
    Ok(())
}
