//! The thread pane: one conversation as a tree, with the selected message and folded subtrees.
//!
//! The tree and its visible rows are rebuilt from the catalog whenever the thread's messages or
//! the folds change (not per frame), so motions and drawing read a ready list. Each rebuild makes
//! a new shared list, so the view's caches tell a changed list from the one they measured.

pub mod line_counts;
#[cfg(test)]
mod line_counts_tests;
pub mod update;
pub mod view;

use std::collections::HashSet;
use std::sync::Arc;

use super::load::Load;
use crate::domain::{Catalog, Conversation, MessageId, ThreadId, TreeRow};

/// The thread pane's state.
#[derive(Clone, Debug, Default)]
pub struct ThreadPane {
    pub thread: Option<ThreadId>,
    pub selected: Option<MessageId>,
    pub folded: HashSet<MessageId>,
    pub load: Load,
    /// A message to mark (a search result), selected as soon as it is loaded.
    pub highlighted: Option<MessageId>,
    select_when_loaded: Option<MessageId>,
    tree: Conversation,
    /// Replaced (never changed in place) whenever the rows change.
    rows: Arc<[TreeRow]>,
}

impl ThreadPane {
    /// Shows `thread`, selecting its starter; folds are per thread and start open.
    pub fn open(&mut self, thread: ThreadId, catalog: &Catalog) {
        if self.thread != Some(thread) {
            self.thread = Some(thread);
            self.selected = Some(MessageId(thread.0));
            self.folded.clear();
            self.load = Load::Idle;
            self.highlighted = None;
            self.select_when_loaded = None;
        }
        self.rebuild(catalog);
    }

    /// Rebuilds the tree after the catalog changed, keeping the selection visible.
    pub fn rebuild(&mut self, catalog: &Catalog) {
        let Some(thread) = self.thread else { return };
        self.tree = Conversation::build(thread, catalog.thread_messages(thread));
        self.folded.retain(|id| catalog.message(*id).is_some());
        self.rows = self.tree.rows(&self.folded).into();
        if let Some(wanted) = self.select_when_loaded
            && self
                .tree
                .rows(&HashSet::new())
                .iter()
                .any(|r| r.id == wanted)
        {
            self.select_when_loaded = None;
            self.select(wanted);
        }
        self.keep_selection_visible();
    }

    /// Marks `id` of the open thread (a search result) and selects it, now when it is loaded
    /// or as soon as it is.
    pub fn highlight(&mut self, id: MessageId, catalog: &Catalog) {
        self.highlighted = Some(id);
        self.select_when_loaded = Some(id);
        self.rebuild(catalog);
    }

    /// The tree of the open thread.
    pub fn tree(&self) -> &Conversation {
        &self.tree
    }

    /// The visible rows, top to bottom.
    pub fn rows(&self) -> &[TreeRow] {
        &self.rows
    }

    /// The visible rows as the shared list: a new list after every change, so its identity
    /// (not only its content) says whether a layout measured from it still holds.
    pub fn shared_rows(&self) -> &Arc<[TreeRow]> {
        &self.rows
    }

    /// Where the selection sits among the visible rows.
    pub fn selected_index(&self) -> Option<usize> {
        let selected = self.selected?;
        self.rows.iter().position(|row| row.id == selected)
    }

    /// Folds or unfolds the subtree under `id`; a message without replies does not fold.
    pub fn toggle_fold(&mut self, id: MessageId) {
        let changed = self.folded.remove(&id)
            || (!self.tree.children(id).is_empty() && self.folded.insert(id));
        if changed {
            self.rows = self.tree.rows(&self.folded).into();
        }
        self.keep_selection_visible();
    }

    /// Selects `id`, unfolding its ancestors so it can be seen.
    pub fn select(&mut self, id: MessageId) {
        let mut ancestor = self.tree.parent(id);
        let mut unfolded = false;
        while let Some(a) = ancestor {
            unfolded |= self.folded.remove(&a);
            ancestor = self.tree.parent(a);
        }
        if unfolded {
            self.rows = self.tree.rows(&self.folded).into();
        }
        self.selected = Some(id);
    }

    /// Closes the thread.
    pub fn clear(&mut self) {
        *self = Self::default();
    }

    fn keep_selection_visible(&mut self) {
        if self.selected_index().is_some() {
            return;
        }
        // The selection was folded away or deleted: move to its nearest visible ancestor.
        let mut candidate = self.selected.and_then(|id| self.tree.parent(id));
        while let Some(id) = candidate {
            if self.rows.iter().any(|row| row.id == id) {
                self.selected = Some(id);
                return;
            }
            candidate = self.tree.parent(id);
        }
        self.selected = self.rows.first().map(|row| row.id);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::test_support::message;

    fn catalog() -> Catalog {
        let mut catalog = Catalog::default();
        for m in [
            message(1, 1, None),
            message(2, 1, Some(1)),
            message(3, 1, Some(2)),
        ] {
            catalog.insert_message(m);
        }
        catalog
    }

    #[test]
    fn folding_the_selected_ancestor_moves_the_selection_up() {
        let catalog = catalog();
        let mut pane = ThreadPane::default();
        pane.open(ThreadId(1), &catalog);
        pane.selected = Some(MessageId(3));
        pane.toggle_fold(MessageId(2));
        assert_eq!(pane.selected, Some(MessageId(2)));
        assert_eq!(pane.rows().len(), 2);
    }

    #[test]
    fn selecting_inside_a_fold_unfolds_it() {
        let catalog = catalog();
        let mut pane = ThreadPane::default();
        pane.open(ThreadId(1), &catalog);
        pane.toggle_fold(MessageId(1));
        assert_eq!(pane.rows().len(), 1);
        pane.select(MessageId(3));
        assert_eq!(pane.rows().len(), 3);
        assert_eq!(pane.selected_index(), Some(2));
    }

    #[test]
    fn leaves_do_not_fold() {
        let catalog = catalog();
        let mut pane = ThreadPane::default();
        pane.open(ThreadId(1), &catalog);
        pane.toggle_fold(MessageId(3));
        assert!(pane.folded.is_empty());
    }
}
