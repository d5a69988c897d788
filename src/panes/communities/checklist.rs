//! The "Start here" checklist at the top of the communities pane: which first steps on a
//! network the user has done, each derived from what kring knows (never ticked by hand), and
//! whether the user has dismissed the list. Owns the derivation and the dismiss/guidelines
//! flags; it must not do I/O (the shell persists the flags as account facts) nor draw.

use std::collections::HashMap;

use crate::domain::{Catalog, GroupId, UserId};

/// How many communities the user should join, and how many people follow.
pub const JOIN_GOAL: usize = 3;
/// How many people the user should follow.
pub const FOLLOW_GOAL: usize = 3;

/// One step of the checklist, in the order shown.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
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
            Step::AddExpertise => "Add your expertise (visible to everyone, optional)",
            Step::JoinCommunities => "Join 3 suggested communities",
            Step::IntroduceYourself => "Introduce yourself in New Joiners",
            Step::FollowPeople => "Follow 3 people who know your topics",
            Step::ReadGuidelines => "Read the guidelines",
        }
    }
}

/// The checklist's own state: the two facts that cannot be derived from the catalog.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Checklist {
    /// The user dismissed the list (kept per account).
    pub dismissed: bool,
    /// The user has opened the network's guidelines (kept per account).
    pub guidelines_read: bool,
}

/// What the derivation reads besides the checklist's own flags.
pub struct Context<'a> {
    pub catalog: &'a Catalog,
    /// The user's communities.
    pub mine: &'a [GroupId],
    /// Who the user follows (a `false` entry is an unfollow).
    pub following: &'a HashMap<UserId, bool>,
}

impl Checklist {
    /// Each step with whether it is done.
    pub fn steps(&self, ctx: &Context<'_>) -> Vec<(Step, bool)> {
        Step::ALL
            .iter()
            .map(|step| (*step, self.is_done(*step, ctx)))
            .collect()
    }

    /// Whether the list shows: not dismissed and not every step done.
    pub fn visible(&self, ctx: &Context<'_>) -> bool {
        !self.dismissed && self.steps(ctx).iter().any(|(_, done)| !done)
    }

    /// Whether `step` is done, from what kring knows.
    pub fn is_done(&self, step: Step, ctx: &Context<'_>) -> bool {
        match step {
            Step::AddExpertise => ctx
                .catalog
                .me
                .and_then(|me| ctx.catalog.person(me))
                .is_some_and(|p| p.expertise.iter().any(|e| !e.as_str().trim().is_empty())),
            Step::JoinCommunities => ctx.mine.len() >= JOIN_GOAL,
            Step::IntroduceYourself => {
                let Some(me) = ctx.catalog.me else {
                    return false;
                };
                let Some(joiners) = new_joiners(ctx.catalog) else {
                    return false;
                };
                ctx.catalog
                    .messages()
                    .any(|m| m.sender == me && m.community == Some(joiners))
            }
            Step::FollowPeople => ctx.following.values().filter(|f| **f).count() >= FOLLOW_GOAL,
            Step::ReadGuidelines => self.guidelines_read,
        }
    }
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

/// The draft the introduction step pre-fills.
pub const INTRODUCTION_DRAFT: &str = "Hello everyone! I have just joined. I work on ";

#[cfg(test)]
#[path = "checklist_tests.rs"]
mod tests;
