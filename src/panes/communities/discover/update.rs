//! Discover's transitions: listing, joining (optimistic, rolled back on failure), asking to join
//! a private community, leaving (after a confirm), the info card, and the answers to all of it.
//! Works on the communities pane's own state (the user's communities and the Discover section)
//! and the card, reads the catalog through a [`DiscoverCtx`], and returns a [`DiscoverOutcome`]
//! for the core's route. No I/O (every network call is a `DiscoverEffect`), no whole-client
//! state, and no writes to the catalog: the route puts an answer's communities there first.

use super::card::CommunityCard;
use super::effect::{DiscoverEffect, DiscoverMsg, Listing};
use super::outcome::{DiscoverAsk, DiscoverCtx, DiscoverOutcome, DiscoverRequest};
use super::{Change, Discover, is_private, rank, readable};
use crate::api::{ApiError, Joined};
use crate::domain::{Catalog, Feed, GroupId};
use crate::panes::communities::CommunitiesPane;
use crate::panes::load::Load;
use crate::panes::notice::Notice;
use crate::panes::request::RequestIds;

/// A community's name, for notices.
pub fn name(catalog: &Catalog, group: GroupId) -> String {
    catalog
        .community(group)
        .map_or_else(|| format!("community {group}"), |c| c.name.to_string())
}

fn add_mine(pane: &mut CommunitiesPane, catalog: &Catalog, group: GroupId) {
    let mut mine = pane.mine.clone();
    mine.push(group);
    pane.set_mine(mine, catalog);
}

fn remove_mine(pane: &mut CommunitiesPane, group: GroupId) {
    pane.mine.retain(|g| *g != group);
    if !pane.discover.order.contains(&group) {
        pane.discover.order.push(group);
    }
}

fn failed(doing: &str, error: &ApiError, ctx: DiscoverCtx<'_>) -> Option<Notice> {
    Some(Notice::from_api(doing, error, ctx.now))
}

/// After the user's own communities (re)loaded: changes still in flight are applied again,
/// requests the server has approved are dropped, and the whole listing is asked for once.
pub fn mine_loaded(
    pane: &mut CommunitiesPane,
    ctx: DiscoverCtx<'_>,
    ids: &mut RequestIds,
) -> DiscoverOutcome {
    let changing: Vec<_> = pane
        .discover
        .changing
        .iter()
        .map(|(g, c)| (*g, *c))
        .collect();
    for (group, change) in changing {
        let member = pane.mine.contains(&group);
        match change {
            Change::Join if !member && !is_private(ctx.catalog, group) => {
                add_mine(pane, ctx.catalog, group);
            }
            Change::Leave if member => remove_mine(pane, group),
            _ => {}
        }
    }
    let mut asks: Vec<DiscoverAsk> = super::requests::settle(pane).into_iter().collect();
    pane.discover.mine_known = true;
    asks.extend(list_when_due(&mut pane.discover, ctx.first_screen, ids).map(DiscoverAsk::Network));
    DiscoverOutcome {
        asks,
        ..DiscoverOutcome::default()
    }
}

/// The whole listing, asked for once both the user's own communities and My feed's first page
/// (`first_screen`) are in: it is not part of the first screen, so it never holds that screen's
/// requests back.
pub fn list_when_due(
    discover: &mut Discover,
    first_screen: bool,
    ids: &mut RequestIds,
) -> Option<DiscoverEffect> {
    if discover.loaded || discover.load.is_loading() || !discover.mine_known || !first_screen {
        return None;
    }
    Some(list(discover, ids))
}

/// Asks for the whole listing again.
pub fn list(discover: &mut Discover, ids: &mut RequestIds) -> DiscoverEffect {
    let req = ids.issue();
    discover.load = Load::Loading(req);
    DiscoverEffect::List { req }
}

/// `J`: join the selected community, ask to join a private one, or leave one (asking first).
pub fn toggle(pane: &mut CommunitiesPane, ctx: DiscoverCtx<'_>) -> DiscoverOutcome {
    match pane.selected.community() {
        Some(group) => toggle_group(pane, ctx, group),
        None => DiscoverOutcome::info("Select a community to join or leave", ctx.now),
    }
}

/// Joins, asks to join or (after a confirm) leaves `group`.
pub fn toggle_group(
    pane: &mut CommunitiesPane,
    ctx: DiscoverCtx<'_>,
    group: GroupId,
) -> DiscoverOutcome {
    let label = name(ctx.catalog, group);
    if pane.discover.changing.contains_key(&group) {
        return DiscoverOutcome::info(format!("Still waiting on {label}"), ctx.now);
    }
    if pane.mine.contains(&group) {
        let question = if is_private(ctx.catalog, group) {
            format!("Leave {label}? It is private: getting back in takes an admin.")
        } else {
            format!("Leave {label}?")
        };
        return DiscoverOutcome {
            request: Some(DiscoverRequest::ConfirmLeave { group, question }),
            ..DiscoverOutcome::default()
        };
    }
    if pane.discover.is_requested(group) {
        return super::requests::withdraw(&mut pane.discover, group, &label, ctx.now);
    }
    join(pane, ctx, group)
}

/// Joins `group` at once (a private one: marks it requested at once); the answer confirms or
/// rolls back.
pub fn join(pane: &mut CommunitiesPane, ctx: DiscoverCtx<'_>, group: GroupId) -> DiscoverOutcome {
    let mut out = DiscoverOutcome::network(DiscoverEffect::Join(group));
    if is_private(ctx.catalog, group) {
        pane.discover.requested.insert(group);
        out.asks.push(super::requests::keep(&pane.discover));
    } else {
        add_mine(pane, ctx.catalog, group);
    }
    pane.discover.changing.insert(group, Change::Join);
    out
}

/// Leaves `group` at once; the answer confirms or rolls back.
pub fn leave(pane: &mut CommunitiesPane, group: GroupId) -> DiscoverOutcome {
    remove_mine(pane, group);
    pane.discover.changing.insert(group, Change::Leave);
    DiscoverOutcome::network(DiscoverEffect::Leave(group))
}

/// `i`: the info card of the selected community.
pub fn info(pane: &CommunitiesPane, ctx: DiscoverCtx<'_>) -> DiscoverOutcome {
    match pane.selected.community() {
        Some(group) => open_card(pane, ctx, group),
        None => DiscoverOutcome::default(),
    }
}

/// Opens `group`'s info card and asks for what it shows.
pub fn open_card(pane: &CommunitiesPane, ctx: DiscoverCtx<'_>, group: GroupId) -> DiscoverOutcome {
    let readable = readable(ctx.catalog, &pane.mine, group);
    DiscoverOutcome {
        request: Some(DiscoverRequest::OpenCard(group)),
        ..DiscoverOutcome::network(DiscoverEffect::Card { group, readable })
    }
}

/// Enter on a community the user may not read opens its card instead of its feed.
pub fn open_unreadable(pane: &CommunitiesPane, ctx: DiscoverCtx<'_>) -> Option<DiscoverOutcome> {
    let group = pane.selected.community()?;
    if readable(ctx.catalog, &pane.mine, group) {
        return None;
    }
    Some(open_card(pane, ctx, group))
}

/// Applies an answer; `card` is the open info card, if any. A listing's and a card's
/// communities are in the catalog already (the route puts them there first).
pub fn apply(
    pane: &mut CommunitiesPane,
    card: Option<&mut CommunityCard>,
    ctx: DiscoverCtx<'_>,
    msg: DiscoverMsg,
) -> DiscoverOutcome {
    match msg {
        DiscoverMsg::Listed { req, result } => {
            if !pane.discover.load.awaits(req) {
                return DiscoverOutcome::default();
            }
            match result {
                Ok(listing) => {
                    let first = !pane.discover.loaded;
                    listed(&mut pane.discover, ctx.catalog, listing);
                    if let Some(me) = ctx.catalog.me.filter(|_| first) {
                        return DiscoverOutcome::network(DiscoverEffect::Followed { me });
                    }
                }
                Err(error) => {
                    pane.discover.load = Load::Failed(error.to_string());
                    return DiscoverOutcome {
                        notice: failed("Listing communities", &error, ctx),
                        ..DiscoverOutcome::default()
                    };
                }
            }
        }
        DiscoverMsg::Followed(result) => match result {
            Ok(followed) => {
                pane.discover.followed_in = followed.counts;
                let order = pane.discover.order.clone();
                rerank(&mut pane.discover, ctx.catalog, &order);
                return DiscoverOutcome {
                    followed: followed.people,
                    ..DiscoverOutcome::default()
                };
            }
            // Suggestions do without this signal when the server cannot say who someone follows.
            Err(error) => tracing::debug!(%error, "no follow counts for suggestions"),
        },
        DiscoverMsg::Joined { group, result } => {
            let before = pane.discover.requested.clone();
            let mut out = joined(pane, ctx, group, result);
            out.asks
                .extend(super::requests::keep_if_changed(&pane.discover, &before));
            return out;
        }
        DiscoverMsg::Left { group, result } => {
            let change = pane.discover.changing.remove(&group);
            let label = name(ctx.catalog, group);
            if change == Some(Change::Withdraw) {
                return super::requests::withdrawn(
                    &mut pane.discover,
                    group,
                    &label,
                    result,
                    ctx.now,
                );
            }
            return match result {
                Ok(()) => DiscoverOutcome {
                    member_count: Some((group, false)),
                    ..DiscoverOutcome::info(format!("Left {label}"), ctx.now)
                },
                Err(error) => {
                    add_mine(pane, ctx.catalog, group);
                    DiscoverOutcome {
                        notice: failed(&format!("Leaving {label}"), &error, ctx),
                        ..DiscoverOutcome::default()
                    }
                }
            };
        }
        DiscoverMsg::Card { group, result } => {
            return DiscoverOutcome {
                request: super::card::answer(card, &mut pane.discover, group, result),
                ..DiscoverOutcome::default()
            };
        }
    }
    DiscoverOutcome::default()
}

fn listed(discover: &mut Discover, catalog: &Catalog, listing: Listing) {
    discover.load = Load::Idle;
    discover.loaded = true;
    let mut ids = Vec::with_capacity(listing.communities.len());
    for (community, listed) in listing.communities {
        ids.push(community.id);
        discover.listed.insert(community.id, listed);
    }
    rerank(discover, catalog, &ids);
}

/// Puts `ids` (and any community in the order the listing left out, last) in suggestion order.
fn rerank(discover: &mut Discover, catalog: &Catalog, ids: &[GroupId]) {
    let me = catalog.me.and_then(|m| catalog.person(m));
    let communities: Vec<_> = ids.iter().filter_map(|g| catalog.community(*g)).collect();
    let mut order = rank::suggestion_order(&communities, me, &discover.followed_in);
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

fn joined(
    pane: &mut CommunitiesPane,
    ctx: DiscoverCtx<'_>,
    group: GroupId,
    result: Result<Joined, ApiError>,
) -> DiscoverOutcome {
    pane.discover.changing.remove(&group);
    let label = name(ctx.catalog, group);
    match result {
        Ok(Joined::Member) => {
            pane.discover.requested.remove(&group);
            if !pane.mine.contains(&group) {
                add_mine(pane, ctx.catalog, group);
            }
            DiscoverOutcome {
                member_count: Some((group, true)),
                ..DiscoverOutcome::info(format!("Joined {label}"), ctx.now)
            }
        }
        Ok(Joined::Pending) => {
            pane.mine.retain(|g| *g != group);
            pane.discover.requested.insert(group);
            DiscoverOutcome::info(
                format!("Asked to join {label}: an admin will answer"),
                ctx.now,
            )
        }
        Err(error) => {
            pane.mine.retain(|g| *g != group);
            pane.discover.requested.remove(&group);
            DiscoverOutcome {
                notice: failed(&format!("Joining {label}"), &error, ctx),
                ..DiscoverOutcome::default()
            }
        }
    }
}

/// Whether the selection is a Discover row (a listed community the user is not in).
pub fn on_discover_row(pane: &CommunitiesPane) -> bool {
    matches!(pane.selected, Feed::Community(g) if !pane.mine.contains(&g))
}

#[cfg(test)]
#[path = "update_tests.rs"]
mod tests;
