//! Where kring keeps its files: config, data and cache directories from the platform's
//! conventions (`directories::ProjectDirs`), each overridable by `KRING_CONFIG_DIR`,
//! `KRING_DATA_DIR` and `KRING_CACHE_DIR`.
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
}
