//! Where unsent drafts are kept: the store's outbox file when the app has one (so a draft
//! survives a quit, a crash or SIGHUP), otherwise memory for the session.

use std::collections::HashMap;

use crate::app::core::effect::DraftFor;
use crate::store::{DraftTarget, OutboxStore};

/// The store and the account whose drafts it keeps.
pub struct DraftStore {
    pub store: OutboxStore,
    /// The account key drafts are filed under (one store may serve several accounts).
    pub account: String,
}

/// Keeps drafts in the store, or in memory without one.
pub enum DraftKeeper {
    Store(Box<DraftStore>),
    Memory(HashMap<DraftFor, String>),
}

impl DraftKeeper {
    /// A keeper over `store`, or in memory when there is none.
    pub fn new(store: Option<DraftStore>) -> Self {
        store.map_or_else(
            || Self::Memory(HashMap::new()),
            |s| Self::Store(Box::new(s)),
        )
    }

    /// Keeps `body` for `draft_for` (an empty body forgets it).
    pub fn save(&mut self, draft_for: DraftFor, body: &str, now_unix: i64) -> Result<(), String> {
        if body.trim().is_empty() {
            return self.delete(draft_for);
        }
        match self {
            Self::Store(s) => s
                .store
                .save_draft(&s.account, target(draft_for), body, now_unix)
                .map_err(|e| e.to_string()),
            Self::Memory(drafts) => {
                drafts.insert(draft_for, body.to_owned());
                Ok(())
            }
        }
    }

    /// Forgets the draft for `draft_for`.
    pub fn delete(&mut self, draft_for: DraftFor) -> Result<(), String> {
        match self {
            Self::Store(s) => s
                .store
                .delete_draft(&s.account, target(draft_for))
                .map(drop)
                .map_err(|e| e.to_string()),
            Self::Memory(drafts) => {
                drafts.remove(&draft_for);
                Ok(())
            }
        }
    }

    /// The kept draft for `draft_for`, if any.
    pub fn load(&self, draft_for: DraftFor) -> Result<Option<String>, String> {
        match self {
            Self::Store(s) => s
                .store
                .load_draft(&s.account, target(draft_for))
                .map(|d| d.map(|d| d.body))
                .map_err(|e| e.to_string()),
            Self::Memory(drafts) => Ok(drafts.get(&draft_for).cloned()),
        }
    }
}

/// The store's name for a draft's target.
pub fn target(draft_for: DraftFor) -> DraftTarget {
    match draft_for {
        DraftFor::NewPost(group) => DraftTarget::NewPost {
            group_id: group.map(|g| g.0),
        },
        DraftFor::Reply { thread, to } => DraftTarget::Reply {
            thread_id: thread.0,
            replied_to_id: to.0,
        },
        DraftFor::Direct(user) => DraftTarget::Direct { user_id: user.0 },
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::{GroupId, MessageId, ThreadId};

    fn keepers() -> (tempfile::TempDir, Vec<DraftKeeper>) {
        let dir = tempfile::tempdir().unwrap();
        let (store, _) = OutboxStore::open(dir.path()).unwrap();
        let on_disk = DraftKeeper::new(Some(DraftStore {
            store,
            account: "demo".into(),
        }));
        (dir, vec![on_disk, DraftKeeper::new(None)])
    }

    #[test]
    fn drafts_are_kept_per_target_and_forgotten_when_empty() {
        let (_dir, keepers) = keepers();
        for mut keeper in keepers {
            let post = DraftFor::NewPost(Some(GroupId(3)));
            let reply = DraftFor::Reply {
                thread: ThreadId(1),
                to: MessageId(2),
            };
            keeper.save(post, "hello", 10).unwrap();
            keeper.save(reply, "a reply", 11).unwrap();
            assert_eq!(keeper.load(post).unwrap().as_deref(), Some("hello"));
            assert_eq!(keeper.load(reply).unwrap().as_deref(), Some("a reply"));
            keeper.save(post, "  ", 12).unwrap();
            assert_eq!(keeper.load(post).unwrap(), None);
            keeper.delete(reply).unwrap();
            assert_eq!(keeper.load(reply).unwrap(), None);
        }
    }

    #[test]
    fn a_draft_in_the_store_survives_reopening_it() {
        let dir = tempfile::tempdir().unwrap();
        let post = DraftFor::NewPost(None);
        {
            let (store, _) = OutboxStore::open(dir.path()).unwrap();
            let mut keeper = DraftKeeper::new(Some(DraftStore {
                store,
                account: "a".into(),
            }));
            keeper.save(post, "kept", 1).unwrap();
        }
        let (store, _) = OutboxStore::open(dir.path()).unwrap();
        let keeper = DraftKeeper::new(Some(DraftStore {
            store,
            account: "a".into(),
        }));
        assert_eq!(keeper.load(post).unwrap().as_deref(), Some("kept"));
    }
}
