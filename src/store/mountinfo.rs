//! Is the data directory on a network filesystem? SQLite's WAL needs shared memory
//! that NFS, SMB, sshfs and the like cannot provide, and their locks are unreliable, so the
//! store opens its files in exclusive locking mode there and the app warns.
//!
//! The answer comes from `/proc/self/mountinfo`: the mount with the longest mount point that
//! contains the directory. Parsing is a pure function over the text, so it is tested with
//! fixtures; only [`detect_filesystem`] reads the file. Must not write anything.

use std::path::{Path, PathBuf};

/// Filesystem types whose files live on another machine.
const NETWORK_TYPES: &[&str] = &[
    "nfs",
    "nfs4",
    "cifs",
    "smb3",
    "smbfs",
    "ncpfs",
    "afs",
    "9p",
    "ceph",
    "glusterfs",
    "lustre",
    "gpfs",
    "beegfs",
    "davfs",
    "coda",
    "ocfs2",
    "gfs2",
];

/// FUSE subtypes (`fuse.<name>`) that reach another machine.
const NETWORK_FUSE: &[&str] = &[
    "sshfs",
    "rclone",
    "s3fs",
    "glusterfs",
    "ceph",
    "davfs2",
    "gcsfuse",
    "goofys",
    "juicefs",
];

/// One line of `mountinfo`: where a filesystem is mounted and its type.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Mount {
    pub mount_point: PathBuf,
    /// e.g. `ext4`, `nfs4`, `fuse.sshfs`.
    pub fs_type: String,
    /// e.g. `server:/export/home`.
    pub source: String,
}

/// Where the data directory lives, as far as the store can tell.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum FilesystemStatus {
    /// A local filesystem: WAL with shared memory, several connections.
    Local,
    /// A network filesystem: the store's files are opened in exclusive locking mode, so only
    /// one connection (one kring) can use them at a time.
    Network {
        fs_type: String,
        mount_point: PathBuf,
    },
    /// `mountinfo` could not be read (not Linux, no `/proc`): treated as local.
    Unknown,
}

impl FilesystemStatus {
    /// Whether the store's files should be opened in exclusive locking mode.
    pub fn is_network(&self) -> bool {
        matches!(self, Self::Network { .. })
    }

    /// A warning for the user, when there is something to say.
    pub fn warning(&self) -> Option<String> {
        match self {
            Self::Network {
                fs_type,
                mount_point,
            } => Some(format!(
                "the data directory is on a network filesystem ({fs_type} at {}): kring keeps \
                 its database locked for one instance at a time; set KRING_DATA_DIR to a local \
                 directory to share it between instances safely",
                mount_point.display()
            )),
            Self::Local | Self::Unknown => None,
        }
    }
}

/// Whether `fs_type` (a `mountinfo` type) is a network filesystem.
pub fn is_network_type(fs_type: &str) -> bool {
    let fs_type = fs_type.to_ascii_lowercase();
    if let Some(subtype) = fs_type.strip_prefix("fuse.") {
        return NETWORK_FUSE.contains(&subtype);
    }
    NETWORK_TYPES.contains(&fs_type.as_str())
}

/// Every well-formed line of a `mountinfo` text, in order. Malformed lines are skipped.
pub fn parse_mountinfo(text: &str) -> Vec<Mount> {
    text.lines().filter_map(parse_line).collect()
}

/// `36 35 98:0 /root /mnt/point rw,noatime master:1 - ext3 /dev/root rw`: field 5 is the mount
/// point; after the lone `-` come the type and the source.
fn parse_line(line: &str) -> Option<Mount> {
    let fields: Vec<&str> = line.split_whitespace().collect();
    let separator = fields.iter().position(|field| *field == "-")?;
    if separator < 6 {
        return None;
    }
    let mount_point = unescape(fields.get(4)?);
    if !mount_point.starts_with('/') {
        return None;
    }
    Some(Mount {
        mount_point: PathBuf::from(mount_point),
        fs_type: (*fields.get(separator + 1)?).to_owned(),
        source: fields
            .get(separator + 2)
            .map(|source| unescape(source))
            .unwrap_or_default(),
    })
}

/// Undoes the kernel's octal escapes (`\040` space, `\011` tab, `\012` newline, `\134` `\`).
fn unescape(field: &str) -> String {
    let mut out = String::with_capacity(field.len());
    let mut rest = field;
    while let Some(at) = rest.find('\\') {
        out.push_str(&rest[..at]);
        let digits = rest.get(at + 1..at + 4);
        match digits.and_then(|d| u8::from_str_radix(d, 8).ok()) {
            Some(byte) if byte.is_ascii() => {
                out.push(char::from(byte));
                rest = &rest[at + 4..];
            }
            _ => {
                out.push('\\');
                rest = &rest[at + 1..];
            }
        }
    }
    out.push_str(rest);
    out
}

/// The mount holding `path`: the longest mount point that is a prefix of it, component by
/// component (`/home` does not hold `/homework`); the later line wins at the same mount
/// point, as a later mount hides an earlier one.
pub fn mount_for<'a>(mounts: &'a [Mount], path: &Path) -> Option<&'a Mount> {
    mounts
        .iter()
        .enumerate()
        .filter(|(_, mount)| path.starts_with(&mount.mount_point))
        .max_by_key(|(order, mount)| (mount.mount_point.components().count(), *order))
        .map(|(_, mount)| mount)
}

/// What `mountinfo` says about `path` (which should be absolute and canonical).
pub fn filesystem_in(mountinfo: &str, path: &Path) -> FilesystemStatus {
    let mounts = parse_mountinfo(mountinfo);
    match mount_for(&mounts, path) {
        Some(mount) if is_network_type(&mount.fs_type) => FilesystemStatus::Network {
            fs_type: mount.fs_type.clone(),
            mount_point: mount.mount_point.clone(),
        },
        Some(_) => FilesystemStatus::Local,
        None => FilesystemStatus::Unknown,
    }
}

/// What the running system says about `dir`: reads `/proc/self/mountinfo` and resolves
/// symlinks in `dir` first (a link may lead onto another filesystem).
pub fn detect_filesystem(dir: &Path) -> FilesystemStatus {
    let Ok(mountinfo) = std::fs::read_to_string("/proc/self/mountinfo") else {
        return FilesystemStatus::Unknown;
    };
    let resolved = std::fs::canonicalize(dir).unwrap_or_else(|_| dir.to_path_buf());
    filesystem_in(&mountinfo, &resolved)
}
