//! The community health view (key `5`): per community of the user, who takes part, what waits
//! for an answer and what went quiet, what needs attention first, with the coverage said. The
//! figures are `social::health`'s; this module owns only what the view knows and shows.
//!
//! Data comes from what the client already holds first (the catalog: the cache and what was
//! read this session), then from a background read per community (`worker`: its members and
//! its last 12 weeks of messages, through the client's rate budget), folded in as each answer
//! arrives. Must not do I/O or read the clock: `now` comes from the session.

pub mod effect;
pub mod update;
pub mod view;
pub mod worker;

use std::collections::{HashMap, HashSet};

use crate::domain::{Catalog, GroupId, Message, UserId};
use crate::social::health::{self, CommunityHealth, CommunityInput, Member};

/// What the background read brought for one community.
#[derive(Clone, Debug, Default)]
pub struct Fetched {
    /// Its members, when they could be read.
    pub members: Option<Vec<Member>>,
    /// Its messages back 12 weeks (or to `covered_since`).
    pub messages: Vec<Message>,
    /// See `social::health::CommunityInput::covered_since`.
    pub covered_since: Option<i64>,
    /// Why the read failed, when it did.
    pub error: Option<String>,
}

/// The open health view.
#[derive(Clone, Debug, Default)]
pub struct HealthView {
    /// The selected community, by id, so the order can change under it.
    pub selected: Option<GroupId>,
    /// The communities asked for, and those answered so far.
    pub asked: Vec<GroupId>,
    pub fetched: HashMap<GroupId, Fetched>,
    /// Names of members read with the member lists (for champions not in the catalog).
    pub names: HashMap<u64, String>,
    /// People hidden from the directory, never named as champions.
    pub hidden: HashSet<u64>,
}

impl HealthView {
    /// How many communities are still being read.
    pub fn pending(&self) -> usize {
        self.asked
            .iter()
            .filter(|g| !self.fetched.contains_key(g))
            .count()
    }

    /// The health of each of `communities`, what needs attention first: from the background
    /// read where it answered, else from the messages in `catalog`.
    pub fn report(
        &self,
        catalog: &Catalog,
        communities: &[GroupId],
        now: i64,
    ) -> Vec<CommunityHealth> {
        let mut inputs = Vec::new();
        let mut messages: Vec<Message> = Vec::new();
        let mut seen: HashSet<u64> = HashSet::new();
        for group in communities {
            let fetched = self.fetched.get(group).filter(|f| f.error.is_none());
            let mut own: Vec<&Message> = catalog
                .messages()
                .filter(|m| m.community == Some(*group) && !m.direct)
                .collect();
            if let Some(f) = fetched {
                own.extend(f.messages.iter());
            }
            let oldest = own.iter().map(|m| m.created_at.timestamp()).min();
            for m in own {
                if seen.insert(m.id.0) {
                    messages.push(m.clone());
                }
            }
            let covered_since = match fetched {
                // The read covers 12 weeks or the start; the catalog may add older ones.
                Some(f) => match (f.covered_since, oldest) {
                    (Some(since), Some(old)) => Some(since.min(old)),
                    (since, _) => since,
                },
                // Only what happens to be held: it reaches back to the oldest of it.
                None => Some(oldest.unwrap_or(now)),
            };
            inputs.push(CommunityInput {
                id: group.0,
                name: catalog
                    .community(*group)
                    .map_or_else(|| format!("community {group}"), |c| c.name.to_string()),
                members: fetched.and_then(|f| f.members.clone()).unwrap_or_default(),
                covered_since,
            });
        }
        let mut report = health::assess(now, &inputs, &messages);
        for h in &mut report {
            h.hide_people(&self.hidden);
        }
        report
    }

    /// Whether the member list of `group` is known (else the view shows the catalog's count).
    pub fn members_known(&self, group: GroupId) -> bool {
        self.fetched
            .get(&group)
            .is_some_and(|f| f.members.is_some())
    }

    /// A person's name, from the catalog or the member lists.
    pub fn name(&self, catalog: &Catalog, id: u64) -> String {
        catalog.person(UserId(id)).map_or_else(
            || {
                self.names
                    .get(&id)
                    .cloned()
                    .unwrap_or_else(|| format!("user {id}"))
            },
            |p| p.full_name.to_string(),
        )
    }
}
