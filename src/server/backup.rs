//! `kring serve backup FILE`: a consistent copy of the database, taken while a server may be
//! writing to it. The copy is made with SQLite's `VACUUM INTO`, which reads the whole database in
//! one read transaction (a snapshot: writers carry on in the WAL meanwhile), writes a compact
//! file with no free pages and needs no extra crate feature. It goes into a private (0600)
//! temporary file beside the destination, is synced, and only then takes the destination's
//! name, so a failed backup never leaves a half-written file under that name. Never overwrites
//! an existing file unless asked to, and never changes the source database.

use std::fs::{self, File, OpenOptions};
use std::io::ErrorKind;
use std::path::{Path, PathBuf};

use rusqlite::{Connection, OpenFlags};

/// Why a backup failed.
#[derive(Debug, thiserror::Error)]
pub enum BackupError {
    #[error("no kring serve database at {}", .0.display())]
    NoDatabase(PathBuf),
    #[error("{} exists already (use --force to replace it)", .0.display())]
    Exists(PathBuf),
    #[error("the backup's path {} must be valid UTF-8", .0.display())]
    NotUtf8(PathBuf),
    #[error("cannot write the backup {}: {source}", path.display())]
    Write {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("cannot copy the database: {0}")]
    Db(#[from] rusqlite::Error),
}

/// Copies the database at `source` to `dest` (mode 0600); an existing `dest` is replaced only
/// with `force`. Returns the size of the copy in bytes.
pub fn backup(source: &Path, dest: &Path, force: bool) -> Result<u64, BackupError> {
    if !source.is_file() {
        return Err(BackupError::NoDatabase(source.to_owned()));
    }
    if !force && dest.symlink_metadata().is_ok() {
        return Err(BackupError::Exists(dest.to_owned()));
    }
    let temp = temp_path(dest);
    let written = write_copy(source, &temp).and_then(|size| {
        put_in_place(&temp, dest, force)?;
        Ok(size)
    });
    if written.is_err() {
        let _ = fs::remove_file(&temp);
    }
    written
}

/// `.NAME.PID.tmp` beside `dest`.
fn temp_path(dest: &Path) -> PathBuf {
    let name = dest
        .file_name()
        .map_or_else(|| "backup".into(), |n| n.to_string_lossy());
    dest.with_file_name(format!(".{name}.{}.tmp", std::process::id()))
}

fn write_err(path: &Path) -> impl FnOnce(std::io::Error) -> BackupError + '_ {
    move |source| BackupError::Write {
        path: path.to_owned(),
        source,
    }
}

fn write_copy(source: &Path, temp: &Path) -> Result<u64, BackupError> {
    let target = temp
        .to_str()
        .ok_or_else(|| BackupError::NotUtf8(temp.to_owned()))?;
    // An empty file made private first: SQLite writes into it and keeps its mode.
    create_private(temp).map_err(write_err(temp))?;
    // Read-write without create: a reader of a WAL database needs its shared-memory file.
    let flags = OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_NO_MUTEX;
    let conn = Connection::open_with_flags(source, flags)?;
    conn.busy_timeout(std::time::Duration::from_secs(10))?;
    conn.execute("VACUUM INTO ?1", [target])?;
    drop(conn);
    let file = File::open(temp).map_err(write_err(temp))?;
    file.sync_all().map_err(write_err(temp))?;
    Ok(file.metadata().map_err(write_err(temp))?.len())
}

#[cfg(unix)]
fn create_private(path: &Path) -> std::io::Result<File> {
    use std::os::unix::fs::OpenOptionsExt;
    OpenOptions::new()
        .write(true)
        .create_new(true)
        .mode(0o600)
        .open(path)
}

#[cfg(not(unix))]
fn create_private(path: &Path) -> std::io::Result<File> {
    OpenOptions::new().write(true).create_new(true).open(path)
}

/// Gives `temp` the name `dest`: replacing it with `force`, else only if nothing took the
/// name meanwhile (a hard link fails on an existing name; where links are not supported, a
/// last look before renaming).
fn put_in_place(temp: &Path, dest: &Path, force: bool) -> Result<(), BackupError> {
    if force {
        return fs::rename(temp, dest).map_err(write_err(dest));
    }
    match fs::hard_link(temp, dest) {
        Ok(()) => fs::remove_file(temp).map_err(write_err(temp)),
        Err(e) if e.kind() == ErrorKind::AlreadyExists => Err(BackupError::Exists(dest.to_owned())),
        Err(_) if dest.symlink_metadata().is_ok() => Err(BackupError::Exists(dest.to_owned())),
        Err(_) => fs::rename(temp, dest).map_err(write_err(dest)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn database(path: &Path) -> Connection {
        let conn = Connection::open(path).unwrap();
        conn.pragma_update(None, "journal_mode", "WAL").unwrap();
        conn.execute_batch("CREATE TABLE t (x); INSERT INTO t VALUES (1), (2);")
            .unwrap();
        conn
    }

    #[test]
    fn a_copy_is_complete_private_and_never_overwrites_by_accident() {
        let dir = tempfile::tempdir().unwrap();
        let (source, dest) = (dir.path().join("db.sqlite"), dir.path().join("copy.sqlite"));
        let writer = database(&source);
        assert!(backup(&source, &dest, false).unwrap() > 0);
        writer.execute("INSERT INTO t VALUES (3)", []).unwrap();
        let count = |path: &Path| -> i64 {
            Connection::open(path)
                .unwrap()
                .query_row("SELECT count(*) FROM t", [], |r| r.get(0))
                .unwrap()
        };
        assert_eq!(count(&dest), 2);
        assert!(matches!(
            backup(&source, &dest, false),
            Err(BackupError::Exists(_))
        ));
        assert_eq!(count(&dest), 2, "left alone");
        backup(&source, &dest, true).unwrap();
        assert_eq!(count(&dest), 3);
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let mode = fs::metadata(&dest).unwrap().permissions().mode();
            assert_eq!(mode & 0o777, 0o600);
        }
        let leftovers: Vec<_> = fs::read_dir(dir.path())
            .unwrap()
            .filter_map(|e| e.ok())
            .filter(|e| e.file_name().to_string_lossy().ends_with(".tmp"))
            .collect();
        assert!(leftovers.is_empty(), "{leftovers:?}");
    }

    #[test]
    fn a_missing_source_is_refused_without_writing() {
        let dir = tempfile::tempdir().unwrap();
        let dest = dir.path().join("copy.sqlite");
        let missing = dir.path().join("none.sqlite");
        assert!(matches!(
            backup(&missing, &dest, false),
            Err(BackupError::NoDatabase(_))
        ));
        assert!(!dest.exists() && !missing.exists());
    }
}
