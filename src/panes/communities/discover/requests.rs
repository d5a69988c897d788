//! The private communities the user asked to join, kept across restarts: their text form for
//! the cache (an account fact), what start-up brought back, dropping a request once the server
//! lists the community among the user's own, and withdrawing one (`J` on a requested row).
//!
//! Owns only the requested set's life; joining is `update`'s. Pure: keeping the set leaves
//! `update` as an `Effect::KeepFact`; this module must not touch the cache or the network.

use std::collections::BTreeSet;

use super::Change;
use super::effect::DiscoverEffect;
use crate::app::core::effect::Effect;
use crate::app::core::notice::Notice;
use crate::app::core::state::State;
use crate::domain::GroupId;
use crate::store::FACT_JOIN_REQUESTS;

/// The requested communities from their stored text; unreadable text holds none.
pub fn from_text(text: &str) -> Vec<GroupId> {
    serde_json::from_str::<Vec<u64>>(text)
        .unwrap_or_default()
        .into_iter()
        .map(GroupId)
        .collect()
}

/// The text the cache keeps.
pub fn to_text(requested: &BTreeSet<GroupId>) -> String {
    let ids: Vec<u64> = requested.iter().map(|g| g.0).collect();
    serde_json::to_string(&ids).unwrap_or_default()
}

/// The effect that keeps the requested set as it is now.
pub fn keep(state: &State) -> Effect {
    Effect::KeepFact {
        fact: FACT_JOIN_REQUESTS,
        value: to_text(&state.communities.discover.requested),
    }
}

/// Keeps the requested set when it is not `before` any more.
pub fn keep_if_changed(state: &State, before: &BTreeSet<GroupId>) -> Option<Effect> {
    (state.communities.discover.requested != *before).then(|| keep(state))
}

/// Takes in the requests kept by an earlier session (those already among the user's own
/// communities are settled).
pub fn restore(state: &mut State, kept: Vec<GroupId>) {
    let mine = &state.communities.mine;
    let discover = &mut state.communities.discover;
    discover
        .requested
        .extend(kept.into_iter().filter(|g| !mine.contains(g)));
}

/// The user's own communities arrived: a request for one of them was approved, and is dropped.
pub fn settle(state: &mut State) -> Option<Effect> {
    let before = state.communities.discover.requested.clone();
    let mine = &state.communities.mine;
    state
        .communities
        .discover
        .requested
        .retain(|g| !mine.contains(g));
    keep_if_changed(state, &before)
}

/// `J` on a requested community: withdraws the request (the answer confirms or restores it).
pub fn withdraw(state: &mut State, group: GroupId, label: &str) -> Vec<Effect> {
    let discover = &mut state.communities.discover;
    discover.requested.remove(&group);
    discover.changing.insert(group, Change::Withdraw);
    state.notice = Some(Notice::info(
        format!("Withdrawing the request to join {label}"),
        state.session.now,
    ));
    vec![keep(state), Effect::Discover(DiscoverEffect::Leave(group))]
}

/// The answer to a withdrawal: done, or the request stands again.
pub fn withdrawn(
    state: &mut State,
    group: GroupId,
    label: &str,
    result: Result<(), crate::api::ApiError>,
) -> Vec<Effect> {
    match result {
        Ok(()) => {
            state.notice = Some(Notice::info(
                format!("Withdrew the request to join {label}"),
                state.session.now,
            ));
            Vec::new()
        }
        Err(error) => {
            state.communities.discover.requested.insert(group);
            crate::app::core::answers::fail(state, &format!("Withdrawing from {label}"), &error);
            vec![keep(state)]
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_text_form_round_trips_and_bad_text_holds_nothing() {
        let set: BTreeSet<GroupId> = [GroupId(3), GroupId(40)].into_iter().collect();
        assert_eq!(from_text(&to_text(&set)), vec![GroupId(3), GroupId(40)]);
        assert!(from_text("not json").is_empty());
    }
}
