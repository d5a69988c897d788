//! The private communities the user asked to join, kept across restarts: their text form for
//! the cache (an account fact), what start-up brought back, dropping a request once the server
//! lists the community among the user's own, and withdrawing one (`J` on a requested row).
//!
//! Owns only the requested set's life; joining is `update`'s. Pure: keeping the set is a
//! `DiscoverAsk::KeepFact` in the outcome; this module must not touch the cache or the network.

use std::collections::BTreeSet;

use chrono::{DateTime, Utc};

use super::effect::DiscoverEffect;
use super::outcome::{DiscoverAsk, DiscoverOutcome};
use super::{Change, Discover};
use crate::api::ApiError;
use crate::domain::GroupId;
use crate::panes::communities::CommunitiesPane;
use crate::panes::notice::Notice;
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

/// What keeps the requested set as it is now.
pub fn keep(discover: &Discover) -> DiscoverAsk {
    DiscoverAsk::KeepFact {
        fact: FACT_JOIN_REQUESTS,
        value: to_text(&discover.requested),
    }
}

/// Keeps the requested set when it is not `before` any more.
pub fn keep_if_changed(discover: &Discover, before: &BTreeSet<GroupId>) -> Option<DiscoverAsk> {
    (discover.requested != *before).then(|| keep(discover))
}

/// Takes in the requests kept by an earlier session (those already among the user's own
/// communities are settled).
pub fn restore(pane: &mut CommunitiesPane, kept: Vec<GroupId>) {
    let mine = &pane.mine;
    pane.discover
        .requested
        .extend(kept.into_iter().filter(|g| !mine.contains(g)));
}

/// The user's own communities arrived: a request for one of them was approved, and is dropped.
pub fn settle(pane: &mut CommunitiesPane) -> Option<DiscoverAsk> {
    let before = pane.discover.requested.clone();
    let mine = &pane.mine;
    pane.discover.requested.retain(|g| !mine.contains(g));
    keep_if_changed(&pane.discover, &before)
}

/// `J` on a requested community: withdraws the request (the answer confirms or restores it).
pub fn withdraw(
    discover: &mut Discover,
    group: GroupId,
    label: &str,
    now: DateTime<Utc>,
) -> DiscoverOutcome {
    discover.requested.remove(&group);
    discover.changing.insert(group, Change::Withdraw);
    DiscoverOutcome {
        asks: vec![
            keep(discover),
            DiscoverAsk::Network(DiscoverEffect::Leave(group)),
        ],
        ..DiscoverOutcome::info(format!("Withdrawing the request to join {label}"), now)
    }
}

/// The answer to a withdrawal: done, or the request stands again.
pub fn withdrawn(
    discover: &mut Discover,
    group: GroupId,
    label: &str,
    result: Result<(), ApiError>,
    now: DateTime<Utc>,
) -> DiscoverOutcome {
    match result {
        Ok(()) => DiscoverOutcome::info(format!("Withdrew the request to join {label}"), now),
        Err(error) => {
            discover.requested.insert(group);
            DiscoverOutcome {
                asks: vec![keep(discover)],
                notice: Some(Notice::from_api(
                    &format!("Withdrawing from {label}"),
                    &error,
                    now,
                )),
                ..DiscoverOutcome::default()
            }
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
