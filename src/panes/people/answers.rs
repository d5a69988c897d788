//! Applying the people pane's network answers: listing pages into the index (and asking for the
//! next), search results and a person's messages as evidence (also kept in the catalog, so
//! their threads can be shown and opened), a card's communities, whether a person is followed,
//! and follow results (reverted on failure). Stale answers are dropped by request id.

use super::CachedDirectory;
use super::absorb::{index_changed, index_page};
use super::cached::DirectoryLoad;
use super::effect::{PeopleEffect, PeopleMsg, Profile};
use super::paging::PageOutcome;
use crate::api::ApiError;
use crate::app::core::answers::fail;
use crate::app::core::effect::Effect;
use crate::app::core::notice::Notice;
use crate::app::core::request::RequestId;
use crate::app::core::state::State;
use crate::domain::{Community, Page, UserId};

/// Applies one answer.
pub fn apply(state: &mut State, msg: PeopleMsg) -> Vec<Effect> {
    match msg {
        PeopleMsg::ListPage { req, result, .. } => return list_page(state, req, result),
        PeopleMsg::Evidence { req, result } => evidence(state, req, result),
        PeopleMsg::Communities { user, result } => communities(state, user, result),
        PeopleMsg::Written { req, user, result } => written(state, req, user, result),
        PeopleMsg::Followed {
            user,
            follow,
            result,
        } => followed(state, user, follow, result),
        PeopleMsg::FollowChecked { user, result } => follow_checked(state, user, result),
        PeopleMsg::Backfilled { added } => {
            if added > 0 {
                index_changed(state);
            }
        }
        PeopleMsg::FromCache(load) => from_cache(state, *load),
        PeopleMsg::ProfileSaved { result } => {
            crate::app::core::route::profile_edit::saved(state, result);
        }
    }
    Vec::new()
}

/// The cached directory is in the index: the card's fields come along, an unfinished listing
/// goes on where it was left, and the pane says where its people come from.
fn from_cache(state: &mut State, load: DirectoryLoad) {
    let people = &mut state.people;
    for (id, extras) in load.extras {
        people.extras.entry(id).or_insert(extras);
    }
    if !people.paging.started() {
        people.paging.resume_page = load.pass.next_page;
    }
    people.cached = Some(CachedDirectory {
        people: load.people,
        complete: load.pass.complete_at.is_some(),
    });
    index_changed(state);
}

/// The effect that keeps where the listing stands in the cache.
fn record_pass(state: &State) -> Effect {
    let paging = &state.people.paging;
    Effect::People(PeopleEffect::KeepListing {
        next_page: paging.next_page,
        complete: paging.complete,
        at: state.session.now.timestamp(),
    })
}

/// Puts profiles into the index; `replace` says whether a known person's profile is replaced
/// (the listing is authoritative, search results may be partial). Returns how many people were
/// new to the index.
fn upsert(state: &mut State, profiles: Vec<Profile>, replace: bool) -> usize {
    let people = &mut state.people;
    let mut index = people.index.lock();
    let before = index.stats().people_known;
    for profile in profiles {
        let id = UserId(profile.doc.id);
        if !replace && people.extras.contains_key(&id) {
            continue;
        }
        people.extras.insert(id, profile.extras);
        index.upsert_person(profile.doc);
    }
    index.stats().people_known.saturating_sub(before)
}

fn list_page(
    state: &mut State,
    req: RequestId,
    result: Result<Vec<Profile>, ApiError>,
) -> Vec<Effect> {
    if !state.people.paging.awaits(req) {
        return Vec::new();
    }
    let mut effects = Vec::new();
    match result {
        Ok(profiles) => {
            let ids: Vec<u64> = profiles.iter().map(|p| p.doc.id).collect();
            upsert(state, profiles, true);
            for id in &ids {
                state.people.from_search.remove(&UserId(*id));
            }
            let outcome = state.people.paging.received(ids);
            let kept = record_pass(state);
            match outcome {
                PageOutcome::More => effects.extend(next_page(state)),
                PageOutcome::Complete => {
                    state.people.index.lock().mark_people_complete();
                    state.people.from_search.clear();
                }
            }
            effects.push(kept);
            index_changed(state);
        }
        // A pause shows its countdown in the pane and ends by itself: no notice for it.
        Err(error) => {
            if !state.people.paging.failed(&error, state.session.now) {
                fail(state, "Loading the people directory", &error);
            }
        }
    }
    effects
}

/// The request for the next page of the people listing, if one is due.
pub fn next_page(state: &mut State) -> Option<Effect> {
    let req = state.next_request();
    state.people.paging.next(req).map(Effect::People)
}

fn evidence(state: &mut State, req: RequestId, result: Result<(Page, Vec<Profile>), ApiError>) {
    if state.people.evidence.in_flight != Some(req) {
        return;
    }
    state.people.evidence.in_flight = None;
    match result {
        Ok((page, profiles)) => {
            let found: Vec<UserId> = profiles.iter().map(|p| UserId(p.doc.id)).collect();
            let unlisted = !state.people.index.lock().stats().people_complete;
            for id in found {
                if unlisted && !state.people.extras.contains_key(&id) {
                    state.people.from_search.insert(id);
                }
            }
            upsert(state, profiles, false);
            index_page(&state.people.index, &page, &state.catalog);
            state.catalog.absorb(page);
            index_changed(state);
        }
        // Evidence is a bonus: the ranking stands on what is indexed already.
        Err(error) => tracing::debug!(%error, "search for evidence failed"),
    }
}

fn communities(state: &mut State, user: UserId, result: Result<Vec<Community>, ApiError>) {
    match result {
        Ok(list) => {
            let mut names: Vec<_> = list.iter().map(|c| c.name.clone()).collect();
            names.sort_by_key(|n| n.as_str().to_lowercase());
            state.people.communities.insert(user, names);
        }
        Err(error) => tracing::debug!(%error, "communities of a person not loaded"),
    }
}

fn written(state: &mut State, req: RequestId, user: UserId, result: Result<Page, ApiError>) {
    let Some(card) = state
        .people
        .card
        .as_mut()
        .filter(|c| c.person == user && c.written == Some(req))
    else {
        return;
    };
    card.written = None;
    match result {
        Ok(page) => {
            index_page(&state.people.index, &page, &state.catalog);
            state.catalog.absorb(page);
            index_changed(state);
        }
        Err(error) => fail(state, "Loading their messages", &error),
    }
}

fn followed(state: &mut State, user: UserId, follow: bool, result: Result<(), ApiError>) {
    let name = state
        .people
        .index
        .lock()
        .person(user.0)
        .map_or_else(|| format!("user {user}"), |p| p.display_name().to_owned());
    match result {
        Ok(()) => {
            let text = if follow {
                format!("Following {name}")
            } else {
                format!("No longer following {name}")
            };
            state.notice = Some(Notice::info(text, state.session.now));
        }
        Err(error) => {
            // Undone only while it is still what the user asked for last: a later toggle has
            // its own request and its own answer.
            if state.people.following.get(&user) == Some(&follow) {
                state.people.following.insert(user, !follow);
            }
            let doing = if follow { "Following" } else { "Unfollowing" };
            fail(state, &format!("{doing} {name}"), &error);
        }
    }
}

/// What the server says about following `user`; a toggle made meanwhile is newer and stays.
fn follow_checked(state: &mut State, user: UserId, result: Result<bool, ApiError>) {
    match result {
        Ok(following) => {
            state.people.following.entry(user).or_insert(following);
        }
        // Unknown stays unknown: the card then offers to follow.
        Err(error) => tracing::debug!(%error, "whether a person is followed is not known"),
    }
}

/// The effect that follows or unfollows `user`.
pub fn set_follow(user: UserId, follow: bool) -> Effect {
    Effect::People(PeopleEffect::SetFollow { user, follow })
}
