//! Damage detection and quarantine for the store files: `PRAGMA quick_check`, and moving a
//! damaged file (with its `-wal`/`-shm` companions) aside under `<name>.corrupt-<unix>`.
//! It must never delete a file: a damaged database is renamed, never removed.

use std::fs;
use std::path::{Path, PathBuf};

use rusqlite::Connection;

use super::error::{StoreError, StoreResult};

/// How many `quick_check` complaints are kept in a report.
const MAX_REPORTED_PROBLEMS: usize = 3;

/// Companion files SQLite keeps next to a database in WAL mode.
const COMPANION_SUFFIXES: [&str; 2] = ["-wal", "-shm"];

/// Runs `PRAGMA quick_check`; `Ok(None)` means the file is sound, `Ok(Some(text))` describes
/// the damage. An error means the check itself could not run (often: not a database at all).
pub fn quick_check(conn: &Connection) -> StoreResult<Option<String>> {
    let mut stmt = conn.prepare("PRAGMA quick_check")?;
    let lines = stmt
        .query_map([], |row| row.get::<_, String>(0))?
        .collect::<Result<Vec<_>, _>>()?;
    if lines.len() == 1 && lines.first().is_some_and(|line| line == "ok") {
        return Ok(None);
    }
    let shown: Vec<&str> = lines
        .iter()
        .take(MAX_REPORTED_PROBLEMS)
        .map(String::as_str)
        .collect();
    Ok(Some(format!(
        "integrity check failed: {}",
        shown.join("; ")
    )))
}

/// Renames `path` and its companions to `<path>.corrupt-<unix>[-n]` and returns the new path
/// of the main file. The connection to the file must already be closed.
pub fn move_aside(path: &Path, now_unix: i64) -> StoreResult<PathBuf> {
    let target = free_quarantine_name(path, now_unix);
    fs::rename(path, &target).map_err(|source| StoreError::Io {
        action: "moving damaged database aside",
        path: path.to_path_buf(),
        source,
    })?;
    for suffix in COMPANION_SUFFIXES {
        let companion = with_suffix(path, suffix);
        if companion.exists() {
            let moved = with_suffix(&target, suffix);
            fs::rename(&companion, &moved).map_err(|source| StoreError::Io {
                action: "moving damaged database companion aside",
                path: companion.clone(),
                source,
            })?;
        }
    }
    sync_directory_of(path);
    Ok(target)
}

/// `<path>.corrupt-<unix>`, or with `-2`, `-3`… appended when that name is taken.
fn free_quarantine_name(path: &Path, now_unix: i64) -> PathBuf {
    let base = with_suffix(path, &format!(".corrupt-{now_unix}"));
    if !base.exists() {
        return base;
    }
    (2u32..)
        .map(|n| with_suffix(&base, &format!("-{n}")))
        .find(|candidate| !candidate.exists())
        .unwrap_or(base)
}

fn with_suffix(path: &Path, suffix: &str) -> PathBuf {
    let mut name = path.as_os_str().to_owned();
    name.push(suffix);
    PathBuf::from(name)
}

/// Makes the renames durable where the platform allows syncing a directory; a failure here
/// only weakens durability of the rename and is logged, not returned.
fn sync_directory_of(path: &Path) {
    let Some(dir) = path.parent() else { return };
    if let Err(err) = fs::File::open(dir).and_then(|handle| handle.sync_all()) {
        tracing::warn!(dir = %dir.display(), %err, "could not sync data directory after rename");
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quarantine_names_do_not_collide() -> Result<(), Box<dyn std::error::Error>> {
        let dir = tempfile::tempdir()?;
        let file = dir.path().join("cache.sqlite");
        fs::write(&file, b"first")?;
        fs::write(with_suffix(&file, "-wal"), b"wal")?;
        let first = move_aside(&file, 100)?;
        fs::write(&file, b"second")?;
        let second = move_aside(&file, 100)?;
        assert_ne!(first, second);
        assert_eq!(fs::read(&first)?, b"first");
        assert_eq!(fs::read(with_suffix(&first, "-wal"))?, b"wal");
        assert_eq!(fs::read(&second)?, b"second");
        assert!(!file.exists());
        Ok(())
    }
}
