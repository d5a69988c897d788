//! `SharedIndex`: the expertise index behind a lock, so the state stays cheap to clone and a
//! background task could fill the same index. Clones share one index; two handles are equal
//! when they share it. Owns no policy about what goes in.

use std::fmt;
use std::sync::{Arc, Mutex, MutexGuard, PoisonError};

use crate::expertise::ExpertiseIndex;

/// A handle on one expertise index.
#[derive(Clone, Default)]
pub struct SharedIndex(Arc<Mutex<ExpertiseIndex>>);

impl SharedIndex {
    /// Exclusive access for a query or an update. A panic while the index was held leaves it
    /// usable (every update keeps it consistent), so a poisoned lock is taken over.
    pub fn lock(&self) -> MutexGuard<'_, ExpertiseIndex> {
        self.0.lock().unwrap_or_else(PoisonError::into_inner)
    }
}

impl PartialEq for SharedIndex {
    fn eq(&self, other: &Self) -> bool {
        Arc::ptr_eq(&self.0, &other.0)
    }
}

impl Eq for SharedIndex {}

impl fmt::Debug for SharedIndex {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let stats = self.lock().stats();
        f.debug_struct("SharedIndex")
            .field("people", &stats.people_known)
            .field("messages", &stats.messages_indexed)
            .finish()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::expertise::PersonDoc;

    #[test]
    fn clones_share_one_index() {
        let index = SharedIndex::default();
        let other = index.clone();
        other.lock().upsert_person(PersonDoc {
            id: 1,
            full_name: "Ada".into(),
            show_in_directory: true,
            ..PersonDoc::default()
        });
        assert_eq!(index.lock().stats().people_known, 1);
        assert_eq!(index, other);
        assert_ne!(index, SharedIndex::default());
    }
}
