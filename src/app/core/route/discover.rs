//! Discover on the whole state: building its context from `State`, calling
//! `panes::communities::discover::update` (listing, joining, asking to join, leaving, the info
//! card, the answers) and carrying out what it returns: its effects and the join requests to
//! keep, notices, the card or the leave confirm to open, member counts in the catalog, whom the
//! user follows, the guidelines a card brought. An answer's communities go into the catalog
//! here, before the pane sees the answer.

use crate::app::core::effect::Effect;
use crate::app::core::state::State;
use crate::domain::{Catalog, Feed, GroupId};
use crate::overlays::Overlay;
use crate::overlays::confirm::{Confirm, Confirmed};
use crate::panes::communities::CommunitiesPane;
use crate::panes::communities::discover::card::CommunityCard;
use crate::panes::communities::discover::effect::DiscoverMsg;
use crate::panes::communities::discover::outcome::{
    DiscoverAsk, DiscoverCtx, DiscoverOutcome, DiscoverRequest,
};
use crate::panes::communities::discover::{requests, update as discover};
use crate::panes::request::RequestIds;

/// What Discover's transitions work on, borrowed apart from `state`.
struct Parts<'a> {
    pane: &'a mut CommunitiesPane,
    ctx: DiscoverCtx<'a>,
    ids: &'a mut RequestIds,
    /// The open info card, if any.
    card: Option<&'a mut CommunityCard>,
}

fn parts(state: &mut State) -> Parts<'_> {
    let first_screen = state.timeline.feed(Feed::MyFeed).is_some_and(|t| t.loaded);
    let card = match &mut state.overlay {
        Some(Overlay::CommunityCard(card)) => Some(&mut **card),
        _ => None,
    };
    Parts {
        pane: &mut state.communities,
        ctx: DiscoverCtx {
            catalog: &state.catalog,
            now: state.session.now,
            first_screen,
        },
        ids: &mut state.session.requests,
        card,
    }
}

/// Carries out `outcome`; the effects it asks for, in order.
pub fn carry(state: &mut State, outcome: DiscoverOutcome) -> Vec<Effect> {
    let DiscoverOutcome {
        asks,
        notice,
        request,
        member_count,
        followed,
    } = outcome;
    if let Some(notice) = notice {
        state.notice.show(notice);
    }
    if let Some((group, joined)) = member_count {
        count_member(&mut state.catalog, group, joined);
    }
    for person in followed {
        // What the user did this session is newer than the listing.
        state.people.following.entry(person).or_insert(true);
    }
    match request {
        None => {}
        Some(DiscoverRequest::OpenCard(group)) => {
            state.overlay = Some(Overlay::CommunityCard(Box::new(CommunityCard::new(group))));
        }
        Some(DiscoverRequest::ConfirmLeave { group, question }) => {
            state.overlay = Some(Overlay::Confirm(Confirm {
                question,
                on_yes: Confirmed::LeaveCommunity(group),
            }));
        }
        Some(DiscoverRequest::LearnGuidelines { group, guidelines }) => {
            crate::app::core::route::guidelines::learn(state, group, &guidelines);
        }
    }
    asks.into_iter()
        .map(|ask| match ask {
            DiscoverAsk::Network(effect) => Effect::Discover(effect),
            DiscoverAsk::KeepFact { fact, value } => Effect::KeepFact { fact, value },
        })
        .collect()
}

/// Moves `group`'s member count by one (the listing's figure is older than the change).
fn count_member(catalog: &mut Catalog, group: GroupId, joined: bool) {
    if let Some(mut community) = catalog.community(group).cloned() {
        community.members = if joined {
            community.members.saturating_add(1)
        } else {
            community.members.saturating_sub(1)
        };
        catalog.upsert_community(community);
    }
}

/// After the user's own communities (re)loaded: changes in flight, approved requests, and the
/// listing once it is due.
pub fn mine_loaded(state: &mut State) -> Vec<Effect> {
    let Parts { pane, ctx, ids, .. } = parts(state);
    let outcome = discover::mine_loaded(pane, ctx, ids);
    carry(state, outcome)
}

/// The whole listing, once both the user's own communities and My feed's first page are in.
pub fn list_when_due(state: &mut State) -> Vec<Effect> {
    let Parts { pane, ctx, ids, .. } = parts(state);
    discover::list_when_due(&mut pane.discover, ctx.first_screen, ids)
        .map(Effect::Discover)
        .into_iter()
        .collect()
}

/// `J` on the selected community.
pub fn toggle(state: &mut State) -> Vec<Effect> {
    let Parts { pane, ctx, .. } = parts(state);
    let outcome = discover::toggle(pane, ctx);
    carry(state, outcome)
}

/// Joins, asks to join or (after a confirm) leaves `group`.
pub fn toggle_group(state: &mut State, group: GroupId) -> Vec<Effect> {
    let Parts { pane, ctx, .. } = parts(state);
    let outcome = discover::toggle_group(pane, ctx, group);
    carry(state, outcome)
}

/// Joins `group` at once; the answer confirms or rolls back.
pub fn join(state: &mut State, group: GroupId) -> Vec<Effect> {
    let Parts { pane, ctx, .. } = parts(state);
    let outcome = discover::join(pane, ctx, group);
    carry(state, outcome)
}

/// Leaves `group` (the user said yes); the answer confirms or rolls back.
pub fn leave(state: &mut State, group: GroupId) -> Vec<Effect> {
    let outcome = discover::leave(&mut state.communities, group);
    carry(state, outcome)
}

/// `i`: the info card of the selected community.
pub fn info(state: &mut State) -> Vec<Effect> {
    let Parts { pane, ctx, .. } = parts(state);
    let outcome = discover::info(pane, ctx);
    carry(state, outcome)
}

/// Enter on a community the user may not read opens its card instead of its feed.
pub fn open_unreadable(state: &mut State) -> Option<Vec<Effect>> {
    let Parts { pane, ctx, .. } = parts(state);
    let outcome = discover::open_unreadable(pane, ctx)?;
    Some(carry(state, outcome))
}

/// Takes in the join requests kept by an earlier session.
pub fn restore_requests(state: &mut State, kept: Vec<GroupId>) {
    requests::restore(&mut state.communities, kept);
}

/// Applies an answer: its communities into the catalog first, then the pane's part.
pub fn apply(state: &mut State, msg: DiscoverMsg) -> Vec<Effect> {
    match &msg {
        DiscoverMsg::Listed {
            req,
            result: Ok(listing),
        } if state.communities.discover.load.awaits(*req) => {
            for (community, _) in &listing.communities {
                state.catalog.upsert_community(community.clone());
            }
        }
        DiscoverMsg::Card {
            result: Ok(detail), ..
        } => {
            if let Some(community) = &detail.community {
                state.catalog.upsert_community(community.clone());
            }
        }
        _ => {}
    }
    let Parts {
        pane, ctx, card, ..
    } = parts(state);
    let outcome = discover::apply(pane, card, ctx, msg);
    carry(state, outcome)
}

#[cfg(test)]
#[path = "discover_tests.rs"]
mod tests;
