//! Where an account's cache, drafts and outbox live, and the move of an earlier kring's single
//! store there on first start (see [`crate::store::adopt_old_store`]). The TUI and
//! `kring post` both come through here, so they use the same directory for the same account.
//!
//! Blocking (SQLite, the file system): call it off the async runtime. Decides directories
//! from the account's name only; it never reads tokens and never deletes a file.

use std::path::{Path, PathBuf};

use crate::config::{ConfigFile, Paths, account::ENV_ACCOUNT_NAME};
use crate::store::{Adoption, adopt_old_store};

/// The key the store files the demo network's drafts and outbox under: the demo server's port
/// changes every run, its data does not.
pub const DEMO_ACCOUNT_KEY: &str = "demo";

/// The data directory of the account named `account`, or of the demo network (`None`).
pub fn account_dir(paths: &Paths, account: Option<&str>) -> PathBuf {
    account.map_or_else(|| paths.demo_dir(), |name| paths.account_dir(name))
}

/// The directory of the account a store key (`base_url#name`, or [`DEMO_ACCOUNT_KEY`]) belongs
/// to, when `config` still has that account (or it is the environment's).
pub fn dir_for_key(paths: &Paths, config: &ConfigFile, key: &str) -> Option<PathBuf> {
    if key == DEMO_ACCOUNT_KEY {
        return Some(paths.demo_dir());
    }
    let (_, name) = key.rsplit_once('#')?;
    (config.accounts.contains_key(name) || name == ENV_ACCOUNT_NAME)
        .then(|| paths.account_dir(name))
}

/// Moves the single store of an earlier kring (if `paths.data_dir` still has one) into `dir`,
/// the directory of the account starting now, other accounts' drafts and queued posts into
/// theirs. What the user should be told, once; the log has the details.
pub fn adopt_old_store_into(paths: &Paths, config: &ConfigFile, dir: &Path) -> Option<String> {
    let found = adopt_old_store(&paths.data_dir, dir, |key| dir_for_key(paths, config, key));
    match found {
        Ok(None) => None,
        Ok(Some(adoption)) => {
            log(&adoption, dir);
            Some(describe(&adoption))
        }
        Err(error) => {
            let old = paths.data_dir.display();
            tracing::warn!(%error, %old, "could not adopt the old store");
            Some(format!(
                "Could not move the earlier drafts and outbox into this account's folder \
                 ({error}); they stay where they were"
            ))
        }
    }
}

fn log(adoption: &Adoption, dir: &Path) {
    tracing::info!(
        into = %dir.display(),
        outbox_moved = adoption.moved_outbox,
        cache_moved = adoption.moved_cache,
        "adopted the store of an earlier kring"
    );
    for (other, drafts, posts) in &adoption.copied {
        let into = other.display();
        tracing::info!(%into, drafts, posts, "another account's rows moved to its directory");
    }
    for key in &adoption.unplaced {
        let unconfigured = "rows of an account no longer configured stay in the adopted file";
        tracing::warn!(account = %key, "{unconfigured}");
    }
    for problem in &adoption.problems {
        tracing::warn!(%problem, "adopting the old store");
    }
}

fn describe(adoption: &Adoption) -> String {
    let mut text = "Each account now keeps its own drafts, outbox and cache; the earlier ones \
                    moved to their own folder"
        .to_owned();
    let posts: usize = adoption.copied.iter().map(|(_, _, posts)| posts).sum();
    if posts > 0 {
        text.push_str(&format!(
            "; {posts} queued post(s) of other accounts moved to theirs"
        ));
    }
    if !adoption.problems.is_empty() {
        text.push_str(" (with problems: see the log)");
    }
    text
}
