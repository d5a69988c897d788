//! Keeps what kring writes about a person private to them on a shared machine (a bastion host,
//! a build box): directories 0700, files 0600, whatever the umask. New directories are created
//! so; existing ones that others could read are tightened on start, with a log line saying so.
//!
//! Owns modes only: it never reads, moves or deletes a file. Failing to tighten is logged, not
//! fatal (a file on a filesystem without modes still works). No-ops off Unix.

use std::io;
use std::path::Path;

/// The mode of kring's directories.
pub const DIR_MODE: u32 = 0o700;
/// The mode of kring's files.
pub const FILE_MODE: u32 = 0o600;

/// Creates `dir` (and its missing parents) as 0700, or tightens it when it exists and others
/// can read it.
pub fn private_dir(dir: &Path) -> io::Result<()> {
    let mut builder = std::fs::DirBuilder::new();
    builder.recursive(true);
    #[cfg(unix)]
    std::os::unix::fs::DirBuilderExt::mode(&mut builder, DIR_MODE);
    builder.create(dir)?;
    tighten(dir, DIR_MODE);
    Ok(())
}

/// Tightens `path` to 0600 when it exists and group or others have any access to it, saying so
/// in the log. A file that does not exist is left alone (SQLite gives its `-wal`/`-shm` files
/// the main file's mode).
pub fn private_file(path: &Path) {
    tighten(path, FILE_MODE);
}

/// [`private_file`] for a file kring has just created (SQLite creates it under the umask):
/// nothing was exposed, so nothing is logged.
pub fn private_new_file(path: &Path) {
    tighten_quietly(path, FILE_MODE);
}

/// Opens `path` for appending, creating it 0600 (and tightening an existing one).
pub fn append_private(path: &Path) -> io::Result<std::fs::File> {
    let mut options = std::fs::OpenOptions::new();
    options.create(true).append(true);
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::mode(&mut options, FILE_MODE);
    let file = options.open(path)?;
    tighten(path, FILE_MODE);
    Ok(file)
}

#[cfg(unix)]
fn tighten(path: &Path, mode: u32) {
    use std::os::unix::fs::PermissionsExt;
    let Ok(metadata) = std::fs::symlink_metadata(path) else {
        return;
    };
    let current = metadata.permissions().mode() & 0o777;
    if metadata.file_type().is_symlink() || current & 0o077 == 0 {
        return;
    }
    match std::fs::set_permissions(path, std::fs::Permissions::from_mode(mode)) {
        Ok(()) => tracing::warn!(
            path = %path.display(),
            was = format_args!("{current:04o}"),
            now = format_args!("{mode:04o}"),
            "others could read this; made it private"
        ),
        Err(error) => tracing::warn!(
            path = %path.display(),
            %error,
            "others can read this and it cannot be made private"
        ),
    }
}

#[cfg(unix)]
fn tighten_quietly(path: &Path, mode: u32) {
    use std::os::unix::fs::PermissionsExt;
    let loose = std::fs::symlink_metadata(path)
        .is_ok_and(|m| !m.file_type().is_symlink() && m.permissions().mode() & 0o077 != 0);
    if loose
        && let Err(error) = std::fs::set_permissions(path, std::fs::Permissions::from_mode(mode))
    {
        tracing::warn!(path = %path.display(), %error, "cannot make a new file private");
    }
}

#[cfg(not(unix))]
fn tighten(_path: &Path, _mode: u32) {}

#[cfg(not(unix))]
fn tighten_quietly(_path: &Path, _mode: u32) {}

#[cfg(test)]
#[cfg(unix)]
mod tests {
    use std::os::unix::fs::PermissionsExt;

    use super::*;

    fn mode_of(path: &Path) -> u32 {
        std::fs::metadata(path)
            .expect("exists")
            .permissions()
            .mode()
            & 0o777
    }

    #[test]
    fn new_directories_are_private_and_loose_ones_are_tightened() -> io::Result<()> {
        let root = tempfile::tempdir()?;
        let nested = root.path().join("a/b");
        private_dir(&nested)?;
        assert_eq!(mode_of(&nested), 0o700);
        let loose = root.path().join("loose");
        std::fs::create_dir(&loose)?;
        std::fs::set_permissions(&loose, std::fs::Permissions::from_mode(0o755))?;
        private_dir(&loose)?;
        assert_eq!(mode_of(&loose), 0o700);
        Ok(())
    }

    #[test]
    fn loose_files_are_tightened_and_missing_ones_left_alone() -> io::Result<()> {
        let root = tempfile::tempdir()?;
        let file = root.path().join("cache.sqlite");
        std::fs::write(&file, b"x")?;
        std::fs::set_permissions(&file, std::fs::Permissions::from_mode(0o644))?;
        private_file(&file);
        assert_eq!(mode_of(&file), 0o600);
        private_file(&root.path().join("missing"));
        assert!(!root.path().join("missing").exists());
        Ok(())
    }

    #[test]
    fn appending_creates_a_private_file() -> io::Result<()> {
        let root = tempfile::tempdir()?;
        let log = root.path().join("kring.log");
        drop(append_private(&log)?);
        assert_eq!(mode_of(&log), 0o600);
        std::fs::set_permissions(&log, std::fs::Permissions::from_mode(0o644))?;
        drop(append_private(&log)?);
        assert_eq!(mode_of(&log), 0o600);
        Ok(())
    }
}
