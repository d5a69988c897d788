//! The server's SQLite database: opening (creating and seeding a new file in one transaction),
//! and `Db`, the shared handle async handlers use through `spawn_blocking`: one writing
//! connection behind a mutex (`call`) and a pool of read-only ones (`read`, see `pool`) that WAL
//! lets read while the writer writes.
//! Submodules hold the queries, one file per resource; none of them knows about HTTP.

pub mod access;
pub mod accounts;
pub mod feeds;
pub mod groups;
pub mod likes;
pub mod messages;
pub mod notifications;
mod pool;
pub mod profile;
pub mod refresh;
pub mod relationships;
pub mod rows;
pub mod schema;
pub mod schema_version;
pub mod search;
pub mod search_index;
pub mod seen;
pub mod subscriptions;
pub mod thread_page;
pub mod threads;
pub mod tokens;
pub mod topics;
pub mod upgrade;
pub mod users;

use std::path::Path;
use std::sync::{Arc, Mutex, PoisonError};

use pool::Readers;

use rusqlite::Connection;

use super::demo;
use super::errors::{ApiError, ServerError};

/// What a new database is filled with.
#[derive(Clone, Copy, Debug)]
pub struct Seeding {
    /// The demo network (true) or just the network and the `demo` user (false).
    pub demo: bool,
    /// Multiplies demo people and messages.
    pub scale: u32,
    /// Unix seconds the demo history ends at.
    pub now: i64,
}

/// Opens `path`, creating and seeding it first when it is new, then brings its schema up to
/// date. An existing database is never reseeded. The file holds hashed tokens and private
/// messages, so it and its `-wal`/`-shm` are the owner's only: a new file is created 0600, an
/// existing one others could read is tightened with a log line.
pub fn open(path: &Path, seeding: Seeding) -> Result<Connection, ServerError> {
    let existed = path.exists();
    if !existed {
        create_private(path).map_err(|source| ServerError::Create {
            path: path.to_owned(),
            source,
        })?;
    }
    let conn = open_and_seed(path, seeding)?;
    for suffix in ["", "-wal", "-shm"] {
        let mut name = path.as_os_str().to_owned();
        name.push(suffix);
        let file = std::path::PathBuf::from(name);
        if existed {
            crate::store::private::private_file(&file);
        } else {
            crate::store::private::private_new_file(&file);
        }
    }
    Ok(conn)
}

fn open_and_seed(path: &Path, seeding: Seeding) -> Result<Connection, ServerError> {
    let mut conn = Connection::open(path)?;
    schema::configure(&conn)?;
    if schema_version::version(&conn)? == 0 {
        schema::configure_for_bulk_load(&conn)?;
        let tx = conn.transaction()?;
        schema::create_tables(&tx)?;
        if seeding.demo {
            demo::seed(&tx, seeding.scale.max(1), seeding.now)?;
        } else {
            demo::seed_minimal(&tx, seeding.now)?;
        }
        schema::finish(&tx)?;
        tx.commit()?;
        schema::configure(&conn)?;
    } else {
        upgrade::upgrade(&mut conn)?;
    }
    upgrade::upgrade(&mut conn)?;
    Ok(conn)
}

/// Creates `path` empty and readable by its owner alone (0600) when it does not exist, so the
/// network's messages are private from the start; SQLite gives its WAL and shared-memory files
/// the same mode. An existing file is left as it is.
fn create_private(path: &Path) -> std::io::Result<()> {
    let mut options = std::fs::OpenOptions::new();
    options.write(true).create_new(true);
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
    match options.open(path) {
        Ok(_) => Ok(()),
        Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => Ok(()),
        Err(e) => Err(e),
    }
}

/// Opens a database that must already exist (the admin commands never create one), then brings
/// its schema up to date. `None` when there is no file at `path`.
pub fn open_existing(path: &Path) -> Result<Option<Connection>, ServerError> {
    use rusqlite::OpenFlags;
    if !path.is_file() {
        return Ok(None);
    }
    let flags = OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_NO_MUTEX;
    let mut conn = Connection::open_with_flags(path, flags)?;
    schema::configure(&conn)?;
    if schema_version::version(&conn)? == 0 {
        return Ok(None);
    }
    upgrade::upgrade(&mut conn)?;
    Ok(Some(conn))
}

/// A cloneable handle on the writing connection and the pool of readers.
#[derive(Clone)]
pub struct Db {
    conn: Arc<Mutex<Connection>>,
    readers: Option<Arc<Readers>>,
}

impl Db {
    /// `conn` for writing and `readers` read-only connections to the file at `path` (none for
    /// an in-memory database, which another connection would not see).
    pub fn with_readers(conn: Connection, path: &Path, readers: usize) -> rusqlite::Result<Self> {
        let in_memory = path.as_os_str().is_empty() || path == Path::new(":memory:");
        let readers = if in_memory || readers == 0 {
            None
        } else {
            Some(Arc::new(Readers::open(path, readers)?))
        };
        Ok(Self {
            conn: Arc::new(Mutex::new(conn)),
            readers,
        })
    }

    /// Runs `job` on the writing connection on a blocking thread (one job at a time).
    pub async fn call<T, F>(&self, job: F) -> Result<T, ApiError>
    where
        T: Send + 'static,
        F: FnOnce(&mut Connection) -> Result<T, ApiError> + Send + 'static,
    {
        let conn = Arc::clone(&self.conn);
        tokio::task::spawn_blocking(move || {
            let mut guard = conn.lock().unwrap_or_else(PoisonError::into_inner);
            job(&mut guard)
        })
        .await
        .map_err(|e| ApiError::Internal(format!("database task failed: {e}")))?
    }

    /// Runs `job`, which only reads, on a read-only connection in one read transaction (a
    /// consistent snapshot), beside other readers and the writer. Without readers it is `call`.
    pub async fn read<T, F>(&self, job: F) -> Result<T, ApiError>
    where
        T: Send + 'static,
        F: FnOnce(&mut Connection) -> Result<T, ApiError> + Send + 'static,
    {
        match &self.readers {
            Some(readers) => readers.run(job).await,
            None => self.call(job).await,
        }
    }
}

/// The network's name and permalink.
pub fn network(conn: &Connection) -> rusqlite::Result<(String, String)> {
    conn.query_row("SELECT name, permalink FROM network LIMIT 1", [], |r| {
        Ok((r.get(0)?, r.get(1)?))
    })
}
