//! The "Start here" steps and whether each is done, derived from what kring knows (never
//! ticked by hand): the user's profile, memberships, follows, posts, and the kept fact that the
//! guidelines were read. Pure functions; no I/O, no drawing.

use std::collections::HashMap;

use crate::domain::{Catalog, GroupId, UserId};

/// How many communities the user should join.
pub const JOIN_GOAL: usize = 3;
/// How many people the user should follow.
pub const FOLLOW_GOAL: usize = 3;

/// One step of the checklist, in the order shown.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Step {
    /// The user's profile lists at least one area of expertise.
    AddExpertise,
    /// The user is a member of at least [`JOIN_GOAL`] communities.
    JoinCommunities,
    /// The user has posted in the new-joiners community.
    IntroduceYourself,
    /// The user follows at least [`FOLLOW_GOAL`] people.
    FollowPeople,
    /// The user has opened the network's guidelines.
    ReadGuidelines,
}

impl Step {
    /// Every step, in order.
    pub const ALL: [Step; 5] = [
        Step::AddExpertise,
        Step::JoinCommunities,
        Step::IntroduceYourself,
        Step::FollowPeople,
        Step::ReadGuidelines,
    ];

    /// The step's one-line label.
    pub fn label(self) -> &'static str {
        match self {
            Step::AddExpertise => "Add your expertise",
            Step::JoinCommunities => "Join 3 suggested communities",
            Step::IntroduceYourself => "Introduce yourself in New Joiners",
            Step::FollowPeople => "Follow 3 people who know your topics",
            Step::ReadGuidelines => "Read the guidelines",
        }
    }

    /// The label in a narrow pane.
    pub fn short_label(self) -> &'static str {
        match self {
            Step::JoinCommunities => "Join 3 communities",
            Step::IntroduceYourself => "Introduce yourself",
            Step::FollowPeople => "Follow 3 people",
            _ => self.label(),
        }
    }

    /// A dimmed line under the step, when it has one.
    pub fn note(self) -> Option<&'static str> {
        match self {
            Step::AddExpertise => Some("visible to everyone; optional"),
            _ => None,
        }
    }

    /// The note in a narrow pane.
    pub fn short_note(self) -> Option<&'static str> {
        match self {
            Step::AddExpertise => Some("public · optional"),
            _ => None,
        }
    }
}

/// What the derivation reads.
#[derive(Clone, Copy)]
pub struct Context<'a> {
    pub catalog: &'a Catalog,
    /// The user's communities.
    pub mine: &'a [GroupId],
    /// Who the user follows (a `false` entry is an unfollow).
    pub following: &'a HashMap<UserId, bool>,
    /// The account fact: the guidelines were shown.
    pub guidelines_read: bool,
}

impl Context<'_> {
    /// Each step with whether it is done.
    pub fn steps(&self) -> Vec<(Step, bool)> {
        Step::ALL
            .iter()
            .map(|step| (*step, self.is_done(*step)))
            .collect()
    }

    /// How many steps are done.
    pub fn done_count(&self) -> usize {
        Step::ALL.iter().filter(|s| self.is_done(**s)).count()
    }

    /// Whether `step` is done, from what kring knows.
    pub fn is_done(&self, step: Step) -> bool {
        match step {
            Step::AddExpertise => !my_expertise(self.catalog).is_empty(),
            Step::JoinCommunities => self.mine.len() >= JOIN_GOAL,
            Step::IntroduceYourself => {
                let (Some(me), Some(joiners)) = (self.catalog.me, new_joiners(self.catalog)) else {
                    return false;
                };
                self.catalog
                    .messages()
                    .any(|m| m.sender == me && m.community == Some(joiners))
            }
            Step::FollowPeople => self.following.values().filter(|f| **f).count() >= FOLLOW_GOAL,
            Step::ReadGuidelines => self.guidelines_read,
        }
    }
}

/// The user's areas of expertise, as their profile lists them (none when unknown).
pub fn my_expertise(catalog: &Catalog) -> Vec<String> {
    catalog
        .me
        .and_then(|me| catalog.person(me))
        .map(|p| {
            p.expertise
                .iter()
                .map(|e| e.as_str().trim().to_owned())
                .filter(|e| !e.is_empty())
                .collect()
        })
        .unwrap_or_default()
}

/// The community where new people introduce themselves: the first whose name speaks of new
/// joiners, newcomers or welcomes.
pub fn new_joiners(catalog: &Catalog) -> Option<GroupId> {
    catalog
        .communities_by_name()
        .into_iter()
        .find(|c| {
            let name = c.name.as_str().to_lowercase();
            ["new joiner", "newcomer", "new starter", "welcome"]
                .iter()
                .any(|k| name.contains(k))
        })
        .map(|c| c.id)
}

/// The draft the introduction step pre-fills (sent only when the user sends it).
pub const INTRODUCTION_DRAFT: &str = "Hello everyone! I have just joined. I work on ";

#[cfg(test)]
#[path = "steps_tests.rs"]
mod tests;
