//! Tests of opening, locking and reconnecting the store's files.

use super::*;

type TestResult = Result<(), Box<dyn std::error::Error>>;

fn names_in(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .into_iter()
        .flatten()
        .flatten()
        .map(|entry| entry.file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

// On a network filesystem the files are locked exclusively from the first read:
// WAL without a shared-memory file, and a second connection is refused as locked (never
// taken for damage, so nothing is moved aside).
#[test]
fn exclusive_locking_uses_no_shared_memory_and_keeps_others_out() -> TestResult {
    let dir = tempfile::tempdir()?;
    let (outbox, _) = open_outbox(dir.path(), 0, Locking::Exclusive)?;
    let (cache, _) = open_cache(dir.path(), 0, Locking::Exclusive, CacheCheck::AtOpen)?;
    for conn in [&outbox, &cache] {
        let locking: String = conn.pragma_query_value(None, "locking_mode", |r| r.get(0))?;
        assert_eq!(locking, "exclusive");
        let journal: String = conn.pragma_query_value(None, "journal_mode", |r| r.get(0))?;
        assert_eq!(journal, "wal");
    }
    outbox.execute_batch("CREATE TABLE IF NOT EXISTS probe(x); INSERT INTO probe VALUES (1);")?;
    assert!(
        !names_in(dir.path())
            .iter()
            .any(|name| name.ends_with("-shm")),
        "{:?}",
        names_in(dir.path())
    );

    let second_outbox = open_outbox(dir.path(), 0, Locking::Exclusive);
    assert!(second_outbox.is_err(), "a second connection is kept out");
    let second_cache = open_cache(dir.path(), 0, Locking::Exclusive, CacheCheck::AtOpen);
    assert!(second_cache.is_err(), "a locked cache is not rebuilt");
    assert!(
        !names_in(dir.path())
            .iter()
            .any(|name| name.contains("corrupt")),
        "{:?}",
        names_in(dir.path())
    );
    drop(outbox);
    drop(cache);
    let (reopened, status) = open_outbox(dir.path(), 0, Locking::Exclusive)?;
    assert_eq!(status, OutboxStatus::Ok);
    let rows: i64 = reopened.query_row("SELECT count(*) FROM probe", [], |r| r.get(0))?;
    assert_eq!(rows, 1);
    Ok(())
}

#[test]
fn reconnecting_keeps_the_settings_and_sees_the_same_rows() -> TestResult {
    let dir = tempfile::tempdir()?;
    let (outbox, _) = open_outbox(dir.path(), 0, Locking::Shared)?;
    let (cache, _) = open_cache(dir.path(), 0, Locking::Shared, CacheCheck::AtOpen)?;
    outbox.execute_batch("CREATE TABLE probe(x); INSERT INTO probe VALUES (7);")?;
    let again = reconnect_outbox(dir.path(), Locking::Shared)?;
    let seen: i64 = again.query_row("SELECT x FROM probe", [], |r| r.get(0))?;
    assert_eq!(seen, 7);
    let cache_again = reconnect_cache(dir.path(), Locking::Shared)?;
    for (conn, synchronous) in [(&outbox, 2), (&again, 2), (&cache, 1), (&cache_again, 1)] {
        let journal: String = conn.pragma_query_value(None, "journal_mode", |r| r.get(0))?;
        assert_eq!(journal, "wal");
        let sync: i64 = conn.pragma_query_value(None, "synchronous", |r| r.get(0))?;
        assert_eq!(sync, synchronous);
        let size: i64 = conn.pragma_query_value(None, "cache_size", |r| r.get(0))?;
        assert_eq!(size, -PAGE_CACHE_KIB, "a bounded page cache per connection");
    }
    Ok(())
}

#[test]
fn reconnecting_under_exclusive_locking_is_refused_as_locked() -> TestResult {
    let dir = tempfile::tempdir()?;
    let (_outbox, _) = open_outbox(dir.path(), 0, Locking::Exclusive)?;
    let (_cache, _) = open_cache(dir.path(), 0, Locking::Exclusive, CacheCheck::AtOpen)?;
    let again = reconnect_outbox(dir.path(), Locking::Exclusive);
    assert!(
        again.as_ref().is_err_and(|e| !e.is_corruption()),
        "locked, not damaged: {again:?}"
    );
    Ok(())
}

#[test]
fn shared_locking_lets_several_connections_in() -> TestResult {
    let dir = tempfile::tempdir()?;
    let (_first, _) = open_outbox(dir.path(), 0, Locking::Shared)?;
    let (second, _) = open_outbox(dir.path(), 0, Locking::Shared)?;
    let locking: String = second.pragma_query_value(None, "locking_mode", |r| r.get(0))?;
    assert_eq!(locking, "normal");
    Ok(())
}
