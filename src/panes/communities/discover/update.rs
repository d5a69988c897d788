//! Discover's transitions: listing, joining (optimistic, rolled back on failure), asking to join
//! a private community, leaving (after a confirm), the info card, and the answers to all of it.
//! No I/O: every network call is a `DiscoverEffect`.

use super::card::CommunityCard;
use super::effect::{DiscoverEffect, DiscoverMsg, Listing};
use super::{Change, is_private, rank, readable};
use crate::api::Joined;
use crate::app::core::answers::fail;
use crate::app::core::effect::Effect;
use crate::app::core::notice::Notice;
use crate::app::core::state::State;
use crate::domain::{Feed, GroupId};
use crate::overlays::Overlay;
use crate::overlays::confirm::{Confirm, Confirmed};
use crate::panes::load::Load;

fn name(state: &State, group: GroupId) -> String {
    state
        .catalog
        .community(group)
        .map_or_else(|| format!("community {group}"), |c| c.name.to_string())
}

fn add_mine(state: &mut State, group: GroupId) {
    let mut mine = state.communities.mine.clone();
    mine.push(group);
    state.communities.set_mine(mine, &state.catalog);
}

fn remove_mine(state: &mut State, group: GroupId) {
    state.communities.mine.retain(|g| *g != group);
    let discover = &mut state.communities.discover;
    if !discover.order.contains(&group) {
        discover.order.push(group);
    }
}

/// After the user's own communities (re)loaded: changes still in flight are applied again,
/// requests the server has approved are dropped, and the whole listing is asked for once.
pub fn mine_loaded(state: &mut State) -> Vec<Effect> {
    let changing: Vec<_> = state
        .communities
        .discover
        .changing
        .iter()
        .map(|(g, c)| (*g, *c))
        .collect();
    for (group, change) in changing {
        let member = state.communities.mine.contains(&group);
        match change {
            Change::Join if !member && !is_private(&state.catalog, group) => {
                add_mine(state, group);
            }
            Change::Leave if member => remove_mine(state, group),
            _ => {}
        }
    }
    let settled: Vec<Effect> = super::requests::settle(state).into_iter().collect();
    state.communities.discover.mine_known = true;
    [settled, list_when_due(state)].concat()
}

/// The whole listing, asked for once both the user's own communities and My feed's first page
/// are in: it is not part of the first screen, so it never holds that screen's requests back.
pub fn list_when_due(state: &mut State) -> Vec<Effect> {
    let discover = &state.communities.discover;
    let first_screen = state
        .timeline
        .feed(crate::domain::Feed::MyFeed)
        .is_some_and(|t| t.loaded);
    if discover.loaded || discover.load.is_loading() || !discover.mine_known || !first_screen {
        return Vec::new();
    }
    list(state)
}

/// Asks for the whole listing again.
pub fn list(state: &mut State) -> Vec<Effect> {
    let req = state.next_request();
    state.communities.discover.load = Load::Loading(req);
    vec![Effect::Discover(DiscoverEffect::List { req })]
}

/// The community under the communities pane's selection.
fn selected(state: &State) -> Option<GroupId> {
    state.communities.selected.community()
}

/// `J`: join the selected community, ask to join a private one, or leave one (asking first).
pub fn toggle(state: &mut State) -> Vec<Effect> {
    match selected(state) {
        Some(group) => toggle_group(state, group),
        None => {
            state.notice = Some(Notice::info(
                "Select a community to join or leave",
                state.session.now,
            ));
            Vec::new()
        }
    }
}

/// Joins, asks to join or (after a confirm) leaves `group`.
pub fn toggle_group(state: &mut State, group: GroupId) -> Vec<Effect> {
    let now = state.session.now;
    let label = name(state, group);
    if state.communities.discover.changing.contains_key(&group) {
        state.notice = Some(Notice::info(format!("Still waiting on {label}"), now));
        return Vec::new();
    }
    if state.communities.mine.contains(&group) {
        let private = is_private(&state.catalog, group);
        let question = if private {
            format!("Leave {label}? It is private: getting back in takes an admin.")
        } else {
            format!("Leave {label}?")
        };
        state.overlay = Some(Overlay::Confirm(Confirm {
            question,
            on_yes: Confirmed::LeaveCommunity(group),
        }));
        return Vec::new();
    }
    if state.communities.discover.is_requested(group) {
        return super::requests::withdraw(state, group, &label);
    }
    join(state, group)
}

/// Joins `group` at once (a private one: marks it requested at once); the answer confirms or
/// rolls back.
pub fn join(state: &mut State, group: GroupId) -> Vec<Effect> {
    let mut effects = vec![Effect::Discover(DiscoverEffect::Join(group))];
    if is_private(&state.catalog, group) {
        state.communities.discover.requested.insert(group);
        effects.push(super::requests::keep(state));
    } else {
        add_mine(state, group);
    }
    state
        .communities
        .discover
        .changing
        .insert(group, Change::Join);
    effects
}

/// Leaves `group` at once; the answer confirms or rolls back.
pub fn leave(state: &mut State, group: GroupId) -> Vec<Effect> {
    remove_mine(state, group);
    state
        .communities
        .discover
        .changing
        .insert(group, Change::Leave);
    vec![Effect::Discover(DiscoverEffect::Leave(group))]
}

/// `i`: the info card of the selected community.
pub fn info(state: &mut State) -> Vec<Effect> {
    match selected(state) {
        Some(group) => open_card(state, group),
        None => Vec::new(),
    }
}

/// Opens `group`'s info card and asks for what it shows.
pub fn open_card(state: &mut State, group: GroupId) -> Vec<Effect> {
    state.overlay = Some(Overlay::CommunityCard(Box::new(CommunityCard::new(group))));
    let readable = readable(&state.catalog, &state.communities.mine, group);
    vec![Effect::Discover(DiscoverEffect::Card { group, readable })]
}

/// Enter on a community the user may not read opens its card instead of its feed.
pub fn open_unreadable(state: &mut State) -> Option<Vec<Effect>> {
    let group = selected(state)?;
    if readable(&state.catalog, &state.communities.mine, group) {
        return None;
    }
    Some(open_card(state, group))
}

/// Applies an answer.
pub fn apply(state: &mut State, msg: DiscoverMsg) -> Vec<Effect> {
    match msg {
        DiscoverMsg::Listed { req, result } => {
            if !state.communities.discover.load.awaits(req) {
                return Vec::new();
            }
            match result {
                Ok(listing) => {
                    let first = !state.communities.discover.loaded;
                    listed(state, listing);
                    if let Some(me) = state.catalog.me.filter(|_| first) {
                        return vec![Effect::Discover(DiscoverEffect::Followed { me })];
                    }
                }
                Err(error) => {
                    state.communities.discover.load = Load::Failed(error.to_string());
                    fail(state, "Listing communities", &error);
                }
            }
        }
        DiscoverMsg::Followed(result) => match result {
            Ok(followed) => {
                // What the user did this session is newer than the listing.
                for person in followed.people {
                    state.people.following.entry(person).or_insert(true);
                }
                state.communities.discover.followed_in = followed.counts;
                let order = state.communities.discover.order.clone();
                rerank(state, &order);
            }
            // Suggestions do without this signal when the server cannot say who someone follows.
            Err(error) => tracing::debug!(%error, "no follow counts for suggestions"),
        },
        DiscoverMsg::Joined { group, result } => {
            let before = state.communities.discover.requested.clone();
            joined(state, group, result);
            return super::requests::keep_if_changed(state, &before)
                .into_iter()
                .collect();
        }
        DiscoverMsg::Left { group, result } => {
            let change = state.communities.discover.changing.remove(&group);
            let label = name(state, group);
            if change == Some(Change::Withdraw) {
                return super::requests::withdrawn(state, group, &label, result);
            }
            match result {
                Ok(()) => {
                    count_member(state, group, false);
                    state.notice = Some(Notice::info(format!("Left {label}"), state.session.now));
                }
                Err(error) => {
                    add_mine(state, group);
                    fail(state, &format!("Leaving {label}"), &error);
                }
            }
        }
        DiscoverMsg::Card { group, result } => super::card::answer(state, group, result),
    }
    Vec::new()
}

fn listed(state: &mut State, listing: Listing) {
    let discover = &mut state.communities.discover;
    discover.load = Load::Idle;
    discover.loaded = true;
    let mut ids = Vec::with_capacity(listing.communities.len());
    for (community, listed) in listing.communities {
        ids.push(community.id);
        state
            .communities
            .discover
            .listed
            .insert(community.id, listed);
        state.catalog.upsert_community(community);
    }
    rerank(state, &ids);
}

/// Puts `ids` (and any community in the order the listing left out, last) in suggestion order.
fn rerank(state: &mut State, ids: &[GroupId]) {
    let me = state.catalog.me.and_then(|m| state.catalog.person(m));
    let communities: Vec<_> = ids
        .iter()
        .filter_map(|g| state.catalog.community(*g))
        .collect();
    let mut order =
        rank::suggestion_order(&communities, me, &state.communities.discover.followed_in);
    let discover = &mut state.communities.discover;
    let missing: Vec<_> = discover
        .order
        .iter()
        .copied()
        .filter(|g| !order.contains(g))
        .filter(|g| discover.changing.contains_key(g))
        .collect();
    order.extend(missing);
    discover.order = order;
}

/// Moves `group`'s member count by one (the listing's figure is older than the change).
fn count_member(state: &mut State, group: GroupId, joined: bool) {
    if let Some(mut community) = state.catalog.community(group).cloned() {
        community.members = if joined {
            community.members.saturating_add(1)
        } else {
            community.members.saturating_sub(1)
        };
        state.catalog.upsert_community(community);
    }
}

fn joined(state: &mut State, group: GroupId, result: Result<Joined, crate::api::ApiError>) {
    state.communities.discover.changing.remove(&group);
    let label = name(state, group);
    let now = state.session.now;
    match result {
        Ok(Joined::Member) => {
            state.communities.discover.requested.remove(&group);
            if !state.communities.mine.contains(&group) {
                add_mine(state, group);
            }
            count_member(state, group, true);
            state.notice = Some(Notice::info(format!("Joined {label}"), now));
        }
        Ok(Joined::Pending) => {
            state.communities.mine.retain(|g| *g != group);
            state.communities.discover.requested.insert(group);
            state.notice = Some(Notice::info(
                format!("Asked to join {label}: an admin will answer"),
                now,
            ));
        }
        Err(error) => {
            state.communities.mine.retain(|g| *g != group);
            state.communities.discover.requested.remove(&group);
            fail(state, &format!("Joining {label}"), &error);
        }
    }
}

/// Whether the selection is a Discover row (a listed community the user is not in).
pub fn on_discover_row(state: &State) -> bool {
    matches!(state.communities.selected, Feed::Community(g) if !state.communities.mine.contains(&g))
}

#[cfg(test)]
#[path = "update_tests.rs"]
mod tests;
