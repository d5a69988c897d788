//! Applying the people pane's network answers: listing pages into the index (and asking for the
//! next), search results and a person's messages as evidence (also handed on for the client's
//! catalog, so their threads can be shown and opened), a card's communities, whether a person
//! is followed, and follow results (reverted on failure). Stale answers are dropped by request
//! id. Works on the pane's own state and a [`PeopleCtx`]; no I/O.

use super::absorb::{index_changed, index_page};
use super::ctx::PeopleCtx;
use super::effect::{DirectoryLoad, PeopleEffect, PeopleMsg, Profile};
use super::outcome::{PeopleOutcome, PeopleRequest};
use super::paging::PageOutcome;
use super::{CachedDirectory, PeoplePane};
use crate::api::ApiError;
use crate::domain::{Community, Page, UserId};
use crate::panes::notice::Notice;
use crate::panes::request::{RequestId, RequestIds};

/// Applies one answer.
pub fn apply(people: &mut PeoplePane, ctx: PeopleCtx<'_>, msg: PeopleMsg) -> PeopleOutcome {
    match msg {
        PeopleMsg::ListPage { req, result, .. } => list_page(people, ctx, req, result),
        PeopleMsg::Evidence { req, result } => evidence(people, &ctx, req, result),
        PeopleMsg::Communities { user, result } => {
            communities(people, user, result);
            PeopleOutcome::none()
        }
        PeopleMsg::Written { req, user, result } => written(people, &ctx, req, user, result),
        PeopleMsg::Followed {
            user,
            follow,
            result,
        } => followed(people, &ctx, user, follow, result),
        PeopleMsg::FollowChecked { user, result } => {
            follow_checked(people, user, result);
            PeopleOutcome::none()
        }
        PeopleMsg::Backfilled { added } => {
            if added > 0 {
                changed(people, &ctx);
            }
            PeopleOutcome::none()
        }
        PeopleMsg::FromCache(load) => {
            from_cache(people, &ctx, *load);
            PeopleOutcome::none()
        }
        PeopleMsg::ProfileSaved { result } => {
            PeopleOutcome::request(PeopleRequest::ProfileSaved(result))
        }
    }
}

/// The index changed: the pane follows (see `absorb::index_changed`).
fn changed(people: &mut PeoplePane, ctx: &PeopleCtx<'_>) {
    index_changed(people, ctx.catalog, ctx.now.timestamp(), ctx.shown);
}

/// The cached directory is in the index: the card's fields come along, an unfinished listing
/// goes on where it was left, and the pane says where its people come from.
fn from_cache(people: &mut PeoplePane, ctx: &PeopleCtx<'_>, load: DirectoryLoad) {
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
    changed(people, ctx);
}

/// The effect that keeps where the listing stands in the cache.
fn record_pass(people: &PeoplePane, ctx: &PeopleCtx<'_>) -> PeopleEffect {
    let paging = &people.paging;
    PeopleEffect::KeepListing {
        next_page: paging.next_page,
        complete: paging.complete,
        at: ctx.now.timestamp(),
    }
}

/// Puts profiles into the index; `replace` says whether a known person's profile is replaced
/// (the listing is authoritative, search results may be partial). Returns how many people were
/// new to the index.
fn upsert(people: &mut PeoplePane, profiles: Vec<Profile>, replace: bool) -> usize {
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
    people: &mut PeoplePane,
    ctx: PeopleCtx<'_>,
    req: RequestId,
    result: Result<Vec<Profile>, ApiError>,
) -> PeopleOutcome {
    let mut outcome = PeopleOutcome::none();
    if !people.paging.awaits(req) {
        return outcome;
    }
    match result {
        Ok(profiles) => {
            let ids: Vec<u64> = profiles.iter().map(|p| p.doc.id).collect();
            upsert(people, profiles, true);
            for id in &ids {
                people.from_search.remove(&UserId(*id));
            }
            let paged = people.paging.received(ids);
            let kept = record_pass(people, &ctx);
            match paged {
                PageOutcome::More => outcome.effects.extend(next_page(people, ctx.requests)),
                PageOutcome::Complete => {
                    people.index.lock().mark_people_complete();
                    people.from_search.clear();
                }
            }
            outcome.effects.push(kept);
            changed(people, &ctx);
        }
        // A pause shows its countdown in the pane and ends by itself: no notice for it.
        Err(error) => {
            if !people.paging.failed(&error, ctx.now) {
                let doing = "Loading the people directory";
                outcome.notice = Some(Notice::from_api(doing, &error, ctx.now));
            }
        }
    }
    outcome
}

/// The request for the next page of the people listing, if one is due.
pub fn next_page(people: &mut PeoplePane, requests: &mut RequestIds) -> Option<PeopleEffect> {
    let req = requests.issue();
    people.paging.next(req)
}

fn evidence(
    people: &mut PeoplePane,
    ctx: &PeopleCtx<'_>,
    req: RequestId,
    result: Result<(Page, Vec<Profile>), ApiError>,
) -> PeopleOutcome {
    if people.evidence.in_flight != Some(req) {
        return PeopleOutcome::none();
    }
    people.evidence.in_flight = None;
    match result {
        Ok((page, profiles)) => {
            let found: Vec<UserId> = profiles.iter().map(|p| UserId(p.doc.id)).collect();
            let unlisted = !people.index.lock().stats().people_complete;
            for id in found {
                if unlisted && !people.extras.contains_key(&id) {
                    people.from_search.insert(id);
                }
            }
            upsert(people, profiles, false);
            index_page(&people.index, &page, ctx.catalog);
            PeopleOutcome {
                absorb: Some(page),
                ..PeopleOutcome::default()
            }
        }
        // Evidence is a bonus: the ranking stands on what is indexed already.
        Err(error) => {
            tracing::debug!(%error, "search for evidence failed");
            PeopleOutcome::none()
        }
    }
}

fn communities(people: &mut PeoplePane, user: UserId, result: Result<Vec<Community>, ApiError>) {
    match result {
        Ok(list) => {
            let mut names: Vec<_> = list.iter().map(|c| c.name.clone()).collect();
            names.sort_by_key(|n| n.as_str().to_lowercase());
            people.communities.insert(user, names);
        }
        Err(error) => tracing::debug!(%error, "communities of a person not loaded"),
    }
}

fn written(
    people: &mut PeoplePane,
    ctx: &PeopleCtx<'_>,
    req: RequestId,
    user: UserId,
    result: Result<Page, ApiError>,
) -> PeopleOutcome {
    let Some(card) = people
        .card
        .as_mut()
        .filter(|c| c.person == user && c.written == Some(req))
    else {
        return PeopleOutcome::none();
    };
    card.written = None;
    match result {
        Ok(page) => {
            index_page(&people.index, &page, ctx.catalog);
            PeopleOutcome {
                absorb: Some(page),
                ..PeopleOutcome::default()
            }
        }
        Err(error) => {
            PeopleOutcome::notice(Notice::from_api("Loading their messages", &error, ctx.now))
        }
    }
}

fn followed(
    people: &mut PeoplePane,
    ctx: &PeopleCtx<'_>,
    user: UserId,
    follow: bool,
    result: Result<(), ApiError>,
) -> PeopleOutcome {
    let name = people
        .index
        .lock()
        .person(user.0)
        .map_or_else(|| format!("user {user}"), |p| p.display_name().to_owned());
    let notice = match result {
        Ok(()) => {
            let text = if follow {
                format!("Following {name}")
            } else {
                format!("No longer following {name}")
            };
            Notice::info(text, ctx.now)
        }
        Err(error) => {
            // Undone only while it is still what the user asked for last: a later toggle has
            // its own request and its own answer.
            if people.following.get(&user) == Some(&follow) {
                people.following.insert(user, !follow);
            }
            let doing = if follow { "Following" } else { "Unfollowing" };
            Notice::from_api(&format!("{doing} {name}"), &error, ctx.now)
        }
    };
    PeopleOutcome::notice(notice)
}

/// What the server says about following `user`; a toggle made meanwhile is newer and stays.
fn follow_checked(people: &mut PeoplePane, user: UserId, result: Result<bool, ApiError>) {
    match result {
        Ok(following) => {
            people.following.entry(user).or_insert(following);
        }
        // Unknown stays unknown: the card then offers to follow.
        Err(error) => tracing::debug!(%error, "whether a person is followed is not known"),
    }
}

/// The effect that follows or unfollows `user`.
pub fn set_follow(user: UserId, follow: bool) -> PeopleEffect {
    PeopleEffect::SetFollow { user, follow }
}
