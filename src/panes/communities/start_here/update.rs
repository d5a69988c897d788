//! The checklist's transitions on its own state: what `enter` on a row asks for (fold or open
//! the list, or go where the step is done: [`outcome`], carried out by the core's route),
//! dismissing it and bringing it back. No I/O: keeping the facts is an effect, and no
//! whole-client state.

use super::steps::{my_expertise, new_joiners};
use super::{Context, Kept, Row, StartHere, Step};
use crate::domain::GroupId;

/// What `enter` on a checklist row asks for.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Outcome {
    /// Open (`true`) or fold the list.
    Fold(bool),
    /// Select the first of Discover's suggestions.
    FocusDiscover,
    /// The user's own card in People.
    OpenMyCard,
    /// The editor in the new-joiners community with a draft (`None`: there is none).
    Introduce(Option<GroupId>),
    /// People, asked who knows these topics (none: the user has no expertise yet).
    FindPeople(Vec<String>),
    /// Show the network's guidelines.
    Guidelines,
}

/// What `enter` on `row` asks for, in a pane `height` rows high.
pub fn outcome(row: Row, list: &StartHere, height: usize, ctx: &Context<'_>) -> Outcome {
    match row {
        Row::Header => Outcome::Fold(!list.is_open(height)),
        Row::Step(Step::AddExpertise) => Outcome::OpenMyCard,
        Row::Step(Step::JoinCommunities) => Outcome::FocusDiscover,
        Row::Step(Step::IntroduceYourself) => Outcome::Introduce(new_joiners(ctx.catalog)),
        Row::Step(Step::FollowPeople) => Outcome::FindPeople(my_expertise(ctx.catalog)),
        Row::Step(Step::ReadGuidelines) => Outcome::Guidelines,
    }
}

/// Hides the checklist for good; the facts to keep for the account.
pub fn dismiss(list: &mut StartHere) -> Kept {
    list.kept.dismissed = true;
    list.cursor = None;
    list.kept
}

/// Brings the checklist back, open, with the selection on it; the facts to keep when it had
/// been dismissed.
pub fn show(list: &mut StartHere) -> Option<Kept> {
    let was_dismissed = std::mem::replace(&mut list.kept.dismissed, false);
    list.loaded = true;
    list.open = Some(true);
    list.cursor = Some(Row::Header);
    was_dismissed.then_some(list.kept)
}
