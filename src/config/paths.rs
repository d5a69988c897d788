//! Where kring keeps its files: config, data and cache directories from the platform's
//! conventions (`directories::ProjectDirs`), each overridable by `KRING_CONFIG_DIR`,
//! `KRING_DATA_DIR` and `KRING_CACHE_DIR`.
//!
//! Each account keeps its cache, drafts and outbox in a directory of its own:
//! `<data_dir>/accounts/<name>/` (the name made safe for a file system, see
//! [`Paths::account_dir`]), and the in-process demo network in `<data_dir>/demo/`.
//!
//! Owns path computation only; it creates no directories and reads the environment solely through
//! the closure it is given.

use std::path::{Path, PathBuf};

use directories::ProjectDirs;

/// Environment variable overriding the config directory.
pub const CONFIG_DIR_ENV: &str = "KRING_CONFIG_DIR";
/// Environment variable overriding the data directory (cache database, drafts, logs).
pub const DATA_DIR_ENV: &str = "KRING_DATA_DIR";
/// Environment variable overriding the cache directory.
pub const CACHE_DIR_ENV: &str = "KRING_CACHE_DIR";

/// The three directories kring uses.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Paths {
    pub config_dir: PathBuf,
    pub data_dir: PathBuf,
    pub cache_dir: PathBuf,
}

/// The platform gave no home directory and no override was set.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("cannot find a home directory for kring's {which} directory; set {env_var} to a directory")]
pub struct PathsError {
    pub which: &'static str,
    pub env_var: &'static str,
}

impl Paths {
    /// Resolves the directories, reading overrides through `env` (empty values count as unset).
    pub fn resolve(env: impl Fn(&str) -> Option<String>) -> Result<Self, PathsError> {
        Self::resolve_with(env, ProjectDirs::from("", "", "kring"))
    }

    /// Like [`Paths::resolve`] with the platform directories given, so the fallback is testable.
    pub fn resolve_with(
        env: impl Fn(&str) -> Option<String>,
        platform: Option<ProjectDirs>,
    ) -> Result<Self, PathsError> {
        let pick = |env_var: &'static str,
                    which: &'static str,
                    platform_dir: fn(&ProjectDirs) -> &Path|
         -> Result<PathBuf, PathsError> {
            env(env_var)
                .filter(|value| !value.is_empty())
                .map(PathBuf::from)
                .or_else(|| {
                    platform
                        .as_ref()
                        .map(|dirs| platform_dir(dirs).to_path_buf())
                })
                .ok_or(PathsError { which, env_var })
        };
        Ok(Self {
            config_dir: pick(CONFIG_DIR_ENV, "config", ProjectDirs::config_dir)?,
            data_dir: pick(DATA_DIR_ENV, "data", ProjectDirs::data_dir)?,
            cache_dir: pick(CACHE_DIR_ENV, "cache", ProjectDirs::cache_dir)?,
        })
    }

    /// `<config_dir>/config.toml`.
    pub fn config_file(&self) -> PathBuf {
        self.config_dir.join("config.toml")
    }

    /// `<config_dir>/keymap.toml`.
    pub fn keymap_file(&self) -> PathBuf {
        self.config_dir.join("keymap.toml")
    }

    /// `<config_dir>/themes`, where user themes live.
    pub fn themes_dir(&self) -> PathBuf {
        self.config_dir.join("themes")
    }

    /// `<config_dir>/credentials.toml`, the default token file.
    pub fn credentials_file(&self) -> PathBuf {
        self.config_dir.join("credentials.toml")
    }

    /// `<data_dir>/accounts`, which holds one directory per account.
    pub fn accounts_dir(&self) -> PathBuf {
        self.data_dir.join("accounts")
    }

    /// `<data_dir>/accounts/<name>`: the cache, drafts and outbox of the account `name`. A name
    /// that is not already a plain file name (ASCII letters, digits, `-`, `_`, not starting
    /// with `.`) has every other character replaced by `_` and a hash of the whole name
    /// appended, so two names never share a directory and none leaves `accounts`.
    pub fn account_dir(&self, name: &str) -> PathBuf {
        self.accounts_dir().join(dir_name(name))
    }

    /// `<data_dir>/demo`: the cache, drafts and outbox of the in-process demo network.
    pub fn demo_dir(&self) -> PathBuf {
        self.data_dir.join("demo")
    }
}

/// The longest name kept as it is (file systems allow 255 bytes; a hash may follow).
const MAX_DIR_NAME: usize = 64;

/// A directory name for the account `name`; see [`Paths::account_dir`].
fn dir_name(name: &str) -> String {
    let plain = |c: char| c.is_ascii_alphanumeric() || c == '-' || c == '_';
    if !name.is_empty() && name.len() <= MAX_DIR_NAME && name.chars().all(plain) {
        return name.to_owned();
    }
    let safe: String = name
        .chars()
        .take(MAX_DIR_NAME)
        .map(|c| if plain(c) { c } else { '_' })
        .collect();
    format!("{safe}-{:016x}", fnv1a(name.as_bytes()))
}

/// 64-bit FNV-1a: stable across versions and platforms, which a directory name must be.
fn fnv1a(bytes: &[u8]) -> u64 {
    bytes.iter().fold(0xcbf2_9ce4_8422_2325, |hash, byte| {
        (hash ^ u64::from(*byte)).wrapping_mul(0x0100_0000_01b3)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn paths() -> Paths {
        Paths {
            config_dir: PathBuf::from("/c"),
            data_dir: PathBuf::from("/d"),
            cache_dir: PathBuf::from("/k"),
        }
    }

    #[test]
    fn plain_account_names_are_their_own_directory() {
        assert_eq!(paths().account_dir("work"), Path::new("/d/accounts/work"));
        assert_eq!(
            paths().account_dir("test-2_b"),
            Path::new("/d/accounts/test-2_b")
        );
        assert_eq!(paths().demo_dir(), Path::new("/d/demo"));
    }

    #[test]
    fn other_names_become_safe_and_distinct() {
        let names = [
            "../etc", "a b", "a_b", "a/b", ".", "", "Zürich", "a\u{1b}b", "..", "A B",
        ];
        let dirs: Vec<String> = names.iter().map(|n| dir_name(n)).collect();
        for (name, dir) in names.iter().zip(&dirs) {
            assert!(
                dir.chars()
                    .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_'),
                "{name:?} -> {dir:?}"
            );
            assert!(!dir.is_empty() && dir.len() <= MAX_DIR_NAME + 17, "{dir:?}");
        }
        let mut unique = dirs.clone();
        unique.sort();
        unique.dedup();
        assert_eq!(unique.len(), dirs.len(), "{dirs:?}");
        assert_eq!(dir_name("a b"), dir_name("a b"), "stable");
        let long = "x".repeat(300);
        assert!(dir_name(&long).len() <= MAX_DIR_NAME + 17);
    }
}
