//! The read-only connections of `Db::read`: a stack of SQLite connections with `query_only` set
//! and a busy timeout, lent one per job under a semaphore, each job in one read transaction.
//! Owns lending only; it never writes and never opens the writer (`open` does).
//! A tokio semaphore and a mutexed stack are the whole pool: r2d2 or deadpool would add a
//! dependency and their own thread handling for what `spawn_blocking` already gives.

use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, PoisonError};
use std::time::Duration;

use rusqlite::Connection;
use tokio::sync::Semaphore;

use crate::server::errors::ApiError;

/// How long a reader waits on a lock (a checkpoint, a schema change) before failing.
const BUSY_TIMEOUT: Duration = Duration::from_secs(10);

/// Page cache per reader, in KiB (negative: SQLite's unit for kibibytes).
const READER_CACHE_KIB: i64 = -8192;

/// The idle readers and a permit per reader.
pub struct Readers {
    path: PathBuf,
    idle: Mutex<Vec<Connection>>,
    permits: Arc<Semaphore>,
}

impl Readers {
    /// Opens `count` readers of the database at `path` (which must exist, fully created).
    pub fn open(path: &Path, count: usize) -> rusqlite::Result<Self> {
        let idle = (0..count)
            .map(|_| open_reader(path))
            .collect::<rusqlite::Result<Vec<_>>>()?;
        Ok(Self {
            path: path.to_owned(),
            permits: Arc::new(Semaphore::new(idle.len())),
            idle: Mutex::new(idle),
        })
    }

    /// Waits for a free reader and runs `job` on it on a blocking thread.
    pub async fn run<T, F>(self: &Arc<Self>, job: F) -> Result<T, ApiError>
    where
        T: Send + 'static,
        F: FnOnce(&mut Connection) -> Result<T, ApiError> + Send + 'static,
    {
        let permit = Arc::clone(&self.permits)
            .acquire_owned()
            .await
            .map_err(|e| ApiError::Internal(format!("database readers closed: {e}")))?;
        let readers = Arc::clone(self);
        tokio::task::spawn_blocking(move || {
            let _permit = permit;
            let mut conn = readers.take()?;
            let result = in_read_transaction(&mut conn, job);
            readers.put(conn);
            result
        })
        .await
        .map_err(|e| ApiError::Internal(format!("database task failed: {e}")))?
    }

    /// An idle reader; a new one if a job that panicked took one down with it.
    fn take(&self) -> Result<Connection, ApiError> {
        let idle = self
            .idle
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .pop();
        match idle {
            Some(conn) => Ok(conn),
            None => Ok(open_reader(&self.path)?),
        }
    }

    fn put(&self, conn: Connection) {
        self.idle
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .push(conn);
    }
}

fn open_reader(path: &Path) -> rusqlite::Result<Connection> {
    let conn = Connection::open(path)?;
    conn.busy_timeout(BUSY_TIMEOUT)?;
    conn.pragma_update(None, "cache_size", READER_CACHE_KIB)?;
    conn.pragma_update(None, "query_only", true)?;
    Ok(conn)
}

/// Runs `job` between BEGIN and COMMIT, so all its queries see one snapshot.
fn in_read_transaction<T>(
    conn: &mut Connection,
    job: impl FnOnce(&mut Connection) -> Result<T, ApiError>,
) -> Result<T, ApiError> {
    conn.execute_batch("BEGIN")?;
    let result = job(conn);
    let end = if result.is_ok() { "COMMIT" } else { "ROLLBACK" };
    match conn.execute_batch(end) {
        Err(e) if result.is_ok() => Err(e.into()),
        _ => result,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn database() -> (tempfile::TempDir, PathBuf) {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("pool.sqlite");
        let conn = Connection::open(&path).unwrap();
        conn.execute_batch(
            "PRAGMA journal_mode = WAL; CREATE TABLE t (x INTEGER); INSERT INTO t VALUES (1);",
        )
        .unwrap();
        (dir, path)
    }

    #[tokio::test]
    async fn readers_read_and_refuse_to_write() {
        let (_dir, path) = database();
        let readers = Arc::new(Readers::open(&path, 2).unwrap());
        let x: i64 = readers
            .run(|conn| Ok(conn.query_row("SELECT x FROM t", [], |r| r.get(0))?))
            .await
            .unwrap();
        assert_eq!(x, 1);
        let write = readers
            .run(|conn| Ok(conn.execute("INSERT INTO t VALUES (2)", [])?))
            .await;
        assert!(write.is_err(), "a reader wrote");
    }

    #[tokio::test]
    async fn readers_see_what_the_writer_committed() {
        let (_dir, path) = database();
        let readers = Arc::new(Readers::open(&path, 1).unwrap());
        let writer = Connection::open(&path).unwrap();
        writer.execute("UPDATE t SET x = 5", []).unwrap();
        let x: i64 = readers
            .run(|conn| Ok(conn.query_row("SELECT x FROM t", [], |r| r.get(0))?))
            .await
            .unwrap();
        assert_eq!(x, 5);
    }

    #[tokio::test]
    async fn a_failed_job_gives_its_reader_back() {
        let (_dir, path) = database();
        let readers = Arc::new(Readers::open(&path, 1).unwrap());
        for _ in 0..3 {
            let failed: Result<(), ApiError> = readers.run(|_| Err(ApiError::not_found("x"))).await;
            assert!(failed.is_err());
        }
        let ok = readers.run(|conn| Ok(conn.is_autocommit())).await.unwrap();
        assert!(!ok, "the job runs inside a transaction");
        assert_eq!(readers.idle.lock().unwrap().len(), 1);
    }
}
