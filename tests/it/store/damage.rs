//! Damage recovery: a cache overwritten, truncated, damaged or from a newer kring is rebuilt;
//! an outbox that is damaged is moved aside or salvaged, never deleted or taken as empty.

use std::fs;

use kring::store::{
    CACHE_FILE, CacheStatus, DraftTarget, OUTBOX_FILE, OutboxState, OutboxStatus, Stores,
};

use super::fixtures::*;

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
