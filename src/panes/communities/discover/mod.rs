//! Discover: every community the server lists that the user is not in, in suggestion order, with
//! what joining, leaving and asking to join need to remember (requests sent, changes in flight).
//!
//! The rows are derived from `order` minus the user's own communities, so a join or a leave moves
//! a community between the two sections without touching the selection (a [`Feed`]). Plain data:
//! the network work is in `worker`, the transitions in `update`, what they read and return in
//! `outcome`.

pub mod card;
pub mod effect;
pub mod outcome;
pub mod rank;
pub mod requests;
pub mod update;
pub mod view;
pub mod worker;

use std::collections::{BTreeMap, BTreeSet, HashMap};

use crate::domain::{Catalog, GroupId, SafeText, Timestamp};
use crate::panes::load::Load;

/// What the listing says about a community beyond what the catalog keeps.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Listed {
    /// Messages posted there, as the server counts them for the user (0 when hidden).
    pub updates: u64,
    pub last_message_at: Option<Timestamp>,
}

/// A membership change sent and not answered yet.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Change {
    Join,
    Leave,
    /// Withdrawing a request to join a private community.
    Withdraw,
}

/// The Discover section's state.
#[derive(Clone, Debug, Default)]
pub struct Discover {
    /// Every listed community, best suggestion first (the user's own included; `rows` leaves
    /// them out).
    pub order: Vec<GroupId>,
    pub listed: HashMap<GroupId, Listed>,
    /// How many of the people the user follows are members, per community.
    pub followed_in: HashMap<GroupId, u32>,
    /// Private communities the user asked to join and waits for (kept across restarts until
    /// the server lists them among the user's own, or the request is withdrawn).
    pub requested: BTreeSet<GroupId>,
    /// Changes sent and not answered yet, so a list refresh in between does not undo them.
    pub changing: BTreeMap<GroupId, Change>,
    pub load: Load,
    /// The listing arrived at least once.
    pub loaded: bool,
    /// The user's own communities arrived at least once (the listing waits for them).
    pub mine_known: bool,
}

impl Discover {
    /// The Discover rows: listed communities the user is not a member of.
    pub fn rows(&self, mine: &[GroupId]) -> Vec<GroupId> {
        self.order
            .iter()
            .copied()
            .filter(|g| !mine.contains(g))
            .collect()
    }

    /// Whether the user has asked to join `group` and waits for an admin.
    pub fn is_requested(&self, group: GroupId) -> bool {
        self.requested.contains(&group)
    }
}

/// Whether `group` is private (its messages are for members only).
pub fn is_private(catalog: &Catalog, group: GroupId) -> bool {
    catalog
        .community(group)
        .is_some_and(|c| c.privacy.as_str().eq_ignore_ascii_case("private"))
}

/// Whether the user may read `group`'s messages: a member, or a community that is not private.
pub fn readable(catalog: &Catalog, mine: &[GroupId], group: GroupId) -> bool {
    mine.contains(&group) || !is_private(catalog, group)
}

/// A short, one-line version of a description.
pub fn short_description(description: &SafeText) -> String {
    description
        .as_str()
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}
