//! The communities pane: the "Start here" checklist while it shows, the built-in feeds and
//! the user's communities, with unread counts, then Discover: the communities the user is not
//! in.
//!
//! The selection is a [`Feed`], never an index, so a community list refresh cannot move it.

pub mod discover;
pub mod start_here;
pub mod update;
pub mod view;

use super::load::Load;
use crate::domain::{Catalog, Feed, GroupId};

/// The communities pane's state.
#[derive(Clone, Debug)]
pub struct CommunitiesPane {
    pub selected: Feed,
    /// The user's communities, sorted by name.
    pub mine: Vec<GroupId>,
    pub load: Load,
    /// The communities the user is not in.
    pub discover: discover::Discover,
    /// The "Start here" checklist atop the pane.
    pub start_here: start_here::StartHere,
}

impl Default for CommunitiesPane {
    fn default() -> Self {
        Self {
            selected: Feed::MyFeed,
            mine: Vec::new(),
            load: Load::Idle,
            discover: discover::Discover::default(),
            start_here: start_here::StartHere::default(),
        }
    }
}

impl CommunitiesPane {
    /// Every row of the pane: the built-in feeds, the user's communities, then Discover.
    pub fn entries(&self) -> Vec<Feed> {
        Feed::BUILT_IN
            .iter()
            .copied()
            .chain(self.mine.iter().map(|g| Feed::Community(*g)))
            .chain(
                self.discover
                    .rows(&self.mine)
                    .into_iter()
                    .map(Feed::Community),
            )
            .collect()
    }

    /// Replaces the membership list, sorted by the names in the catalog.
    pub fn set_mine(&mut self, mut groups: Vec<GroupId>, catalog: &Catalog) {
        groups.sort_by_cached_key(|g| {
            let name = catalog
                .community(*g)
                .map(|c| c.name.as_str().to_lowercase());
            (name, *g)
        });
        groups.dedup();
        self.mine = groups;
    }

    /// Where the selection sits among [`entries`](Self::entries).
    pub fn selected_index(&self) -> Option<usize> {
        self.entries().iter().position(|f| *f == self.selected)
    }
}
