//! The one way kring replaces a file outside SQLite: write a temporary file in the same
//! directory, created with its final mode (never the umask's), `fsync` it, `rename` it over the
//! target, `fsync` the directory. A crash or failure at any step leaves the old content or the
//! new, never a torn or empty file under the target's name (a rename can reach the disk before
//! the data unless the data was synced first).
//!
//! Failures are injected in tests through the `before_step` closure; there is no global state.
//! Must not print or log the bytes it writes (they may be a token).

use std::fs::{File, OpenOptions};
use std::io::{self, Write};
use std::os::unix::fs::OpenOptionsExt;
use std::path::{Path, PathBuf};

/// One step of an atomic replace, in the order they happen.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum WriteStep {
    /// Create the temporary file (`O_CREAT | O_EXCL`, with the final mode).
    CreateTemporary,
    /// Write all the bytes to it.
    Write,
    /// `fsync` the temporary file.
    SyncFile,
    /// Rename it over the target.
    Rename,
    /// `fsync` the directory, so the rename itself is durable.
    SyncDirectory,
}

impl WriteStep {
    /// Every step, in order.
    pub const ALL: [Self; 5] = [
        Self::CreateTemporary,
        Self::Write,
        Self::SyncFile,
        Self::Rename,
        Self::SyncDirectory,
    ];
}

/// Replaces `path` with `bytes` atomically and durably; the file gets `mode` (e.g. `0o600`). The
/// directory must exist.
pub fn write_atomically(path: &Path, bytes: &[u8], mode: u32) -> io::Result<()> {
    write_atomically_with(path, bytes, mode, |_| Ok(()))
}

/// [`write_atomically`], calling `before_step` before each step; an error from it stops the
/// write there as if that step had failed (tests inject failures this way). A failure before
/// the rename removes the temporary file and leaves `path` as it was; after it, `path` holds the
/// new bytes.
pub fn write_atomically_with(
    path: &Path,
    bytes: &[u8],
    mode: u32,
    mut before_step: impl FnMut(WriteStep) -> io::Result<()>,
) -> io::Result<()> {
    let directory = parent_of(path);
    let temporary = temporary_path(path);
    let written = (|| {
        before_step(WriteStep::CreateTemporary)?;
        let mut file = OpenOptions::new()
            .write(true)
            .create_new(true)
            .mode(mode)
            .open(&temporary)?;
        before_step(WriteStep::Write)?;
        file.write_all(bytes)?;
        before_step(WriteStep::SyncFile)?;
        file.sync_all()?;
        before_step(WriteStep::Rename)?;
        std::fs::rename(&temporary, path)
    })();
    if let Err(error) = written {
        // Best effort: the temporary has the final mode, so a leftover exposes nothing.
        let _ = std::fs::remove_file(&temporary);
        return Err(error);
    }
    before_step(WriteStep::SyncDirectory)?;
    File::open(directory)?.sync_all()
}

fn parent_of(path: &Path) -> &Path {
    path.parent()
        .filter(|dir| !dir.as_os_str().is_empty())
        .unwrap_or(Path::new("."))
}

/// `.<name>.tmp-<pid>-<random>` next to `path`: unique per write, so concurrent writers and a
/// stale leftover from a crash never collide.
fn temporary_path(path: &Path) -> PathBuf {
    let name = path
        .file_name()
        .map(|name| name.to_string_lossy().into_owned())
        .unwrap_or_default();
    let unique: u64 = rand::random();
    path.with_file_name(format!(".{name}.tmp-{}-{unique:016x}", std::process::id()))
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::os::unix::fs::PermissionsExt;

    #[test]
    fn writes_new_files_with_the_mode_and_replaces_old_ones() -> io::Result<()> {
        let dir = tempfile::tempdir()?;
        let path = dir.path().join("state.toml");
        write_atomically(&path, b"one", 0o600)?;
        assert_eq!(std::fs::read(&path)?, b"one");
        assert_eq!(
            std::fs::metadata(&path)?.permissions().mode() & 0o777,
            0o600
        );
        write_atomically(&path, b"two", 0o644)?;
        assert_eq!(std::fs::read(&path)?, b"two");
        assert_eq!(std::fs::read_dir(dir.path())?.count(), 1, "no leftovers");
        Ok(())
    }

    #[test]
    fn steps_come_in_order() -> io::Result<()> {
        let dir = tempfile::tempdir()?;
        let mut seen = Vec::new();
        write_atomically_with(&dir.path().join("f"), b"x", 0o600, |step| {
            seen.push(step);
            Ok(())
        })?;
        assert_eq!(seen, WriteStep::ALL);
        Ok(())
    }
}
