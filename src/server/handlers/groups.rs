//! Groups (communities): `groups` (50 per page; `mine`, `letter`, `sort_by`, `reverse`),
//! `groups/:id` (with its admins), `groups/for_user/:id`, and joining/leaving through `group_memberships`.
//!
//! Joining a public community makes you a member at once. Joining a private one records a
//! request (201, `membership_status: "pending"`) until a community admin approves it by posting
//! `group_memberships` with the requester's `user_id` (or `email`); an admin can add anyone that
//! way (an invitation); an admin who joins a private community is let in at once. `DELETE group_memberships` leaves (or withdraws a request); an admin's
//! `DELETE` with `user_id` removes a member or turns a request down. The message counts of a
//! private community are shown to its members only, and one left out of the directory is
//! listed for its members only (404 for others). Who may do what is decided in `db::access`.

use axum::Json;
use axum::extract::State;
use axum::response::Response;
use rusqlite::Connection;
use serde::Serialize;

use super::{created, empty_ok, letter, page};
use crate::api::dto::Group;
use crate::server::auth::Caller;
use crate::server::db::groups::{self, GroupQuery, GroupSort};
use crate::server::db::rows::{Links, now_secs};
use crate::server::db::{access, users};
use crate::server::errors::ApiError;
use crate::server::extract::IdPath;
use crate::server::params::Params;
use crate::server::state::AppState;

fn sort(params: &Params) -> Result<GroupSort, ApiError> {
    match params
        .nonempty("sort_by")?
        .map(str::to_ascii_lowercase)
        .as_deref()
    {
        None | Some("messages") => Ok(GroupSort::Messages),
        Some("members") => Ok(GroupSort::Members),
        Some("privacy") => Ok(GroupSort::Privacy),
        Some("created_at") => Ok(GroupSort::CreatedAt),
        Some("creator") => Ok(GroupSort::Creator),
        Some("name") => Ok(GroupSort::Name),
        Some(_) => Err(ApiError::invalid(
            "sort_by must be messages, members, privacy, created_at, creator or name",
        )),
    }
}

/// `GET /groups`.
pub async fn list(
    State(state): State<AppState>,
    caller: Caller,
    params: Params,
) -> Result<Json<Vec<Group>>, ApiError> {
    let query = GroupQuery {
        page: page(&params)?,
        member: params.flag("mine")?.then_some(caller.user_id),
        viewer: caller.user_id,
        letter: letter(&params)?,
        sort: sort(&params)?,
        reverse: params.flag("reverse")?,
    };
    let links = state.links.clone();
    let found = state
        .db
        .read(move |conn| {
            let mut found = groups::list(conn, &links, &query)?;
            groups::hide_counts(conn, &mut found, caller.user_id)?;
            Ok(found)
        })
        .await?;
    Ok(Json(found))
}

/// Group `id` as `me` may see it, or 404.
fn visible_group(conn: &Connection, links: &Links, id: u64, me: u64) -> Result<Group, ApiError> {
    let missing = || ApiError::not_found(format!("group {id}"));
    if !access::group_listed_for(conn, id, me)? {
        return Err(missing());
    }
    let mut group = groups::get(conn, links, id)?.ok_or_else(missing)?;
    groups::hide_counts(conn, std::slice::from_mut(&mut group), me)?;
    Ok(group)
}

/// `GET /groups/:id`, with its admins (`admins`, a `kring serve` extension).
pub async fn get_one(
    State(state): State<AppState>,
    caller: Caller,
    IdPath(id): IdPath,
) -> Result<Json<Group>, ApiError> {
    let links = state.links.clone();
    let group = state
        .db
        .read(move |conn| {
            let mut group = visible_group(conn, &links, id, caller.user_id)?;
            group.admins = users::by_ids(conn, &links, &groups::admins(conn, id)?)?;
            Ok(group)
        })
        .await?;
    Ok(Json(group))
}

/// `GET /groups/for_user/:id`: the groups a user is a member of.
pub async fn for_user(
    State(state): State<AppState>,
    caller: Caller,
    IdPath(user): IdPath,
    params: Params,
) -> Result<Json<Vec<Group>>, ApiError> {
    let query = GroupQuery {
        page: page(&params)?,
        member: Some(user),
        viewer: caller.user_id,
        letter: None,
        sort: GroupSort::Name,
        reverse: false,
    };
    let links = state.links.clone();
    let found = state
        .db
        .read(move |conn| {
            if !users::exists(conn, user)? {
                return Err(ApiError::not_found(format!("user {user}")));
            }
            let mut found = groups::list(conn, &links, &query)?;
            groups::hide_counts(conn, &mut found, caller.user_id)?;
            Ok(found)
        })
        .await?;
    Ok(Json(found))
}

/// What `POST /group_memberships` answers: the group and where the person now stands.
#[derive(Serialize)]
pub struct Membership {
    #[serde(flatten)]
    pub group: Group,
    /// `member`, or `pending` while a request to join a private community waits for an admin.
    pub membership_status: &'static str,
    pub user_id: u64,
}

/// The person a membership call is about: `user_id`, `email`, or the caller.
fn subject(conn: &Connection, params: &Params, me: u64) -> Result<u64, ApiError> {
    if let Some(user) = params.id("user_id")? {
        if !users::exists(conn, user)? {
            return Err(ApiError::not_found(format!("user {user}")));
        }
        return Ok(user);
    }
    if let Some(email) = params.nonempty("email")? {
        let links = Links::new("");
        let found = users::by_email(conn, &links, email)?;
        return found
            .first()
            .map(|u| u.id)
            .ok_or_else(|| ApiError::not_found("user with that email"));
    }
    Ok(me)
}

/// Refuses a membership change about someone else unless `me` administers the group.
fn admin_for_others(conn: &Connection, group: u64, user: u64, me: u64) -> Result<(), ApiError> {
    if user != me && !access::is_group_admin(conn, group, me)? {
        return Err(ApiError::Forbidden(
            "only an admin of this community can add or remove other people".to_owned(),
        ));
    }
    Ok(())
}

/// `POST /group_memberships` with `group_id` (and, for admins, `user_id` or `email`): join,
/// request to join, approve a request or invite (201 with the group and the state).
pub async fn join(
    State(state): State<AppState>,
    caller: Caller,
    params: Params,
) -> Result<Response, ApiError> {
    let group_id = params.required_id("group_id")?;
    let links = state.links.clone();
    let me = caller.user_id;
    let answer = state
        .db
        .call(move |conn| {
            let group = visible_group(conn, &links, group_id, me)?;
            let user = subject(conn, &params, me)?;
            admin_for_others(conn, group_id, user, me)?;
            let tx = conn.transaction()?;
            let direct = user != me
                || !access::is_private(&tx, group_id)?
                || access::is_group_admin(&tx, group_id, me)?;
            let status = if direct || access::is_member(&tx, group_id, user)? {
                groups::join(&tx, group_id, user)?;
                "member"
            } else {
                groups::request(&tx, group_id, user, now_secs())?;
                "pending"
            };
            tx.commit()?;
            let group = if status == "member" {
                visible_group(conn, &links, group_id, me)?
            } else {
                group
            };
            Ok(Membership {
                group,
                membership_status: status,
                user_id: user,
            })
        })
        .await?;
    Ok(created(answer))
}

/// `DELETE /group_memberships` with `group_id` (and, for admins, `user_id` or `email`): leave or
/// withdraw a request; remove a member or turn a request down (200, empty).
pub async fn leave(
    State(state): State<AppState>,
    caller: Caller,
    params: Params,
) -> Result<Response, ApiError> {
    let group_id = params.required_id("group_id")?;
    let me = caller.user_id;
    state
        .db
        .call(move |conn| {
            if !groups::exists(conn, group_id)? || !access::group_listed_for(conn, group_id, me)? {
                return Err(ApiError::not_found(format!("group {group_id}")));
            }
            let user = subject(conn, &params, me)?;
            admin_for_others(conn, group_id, user, me)?;
            let tx = conn.transaction()?;
            groups::leave(&tx, group_id, user)?;
            groups::drop_request(&tx, group_id, user)?;
            tx.commit()?;
            Ok(())
        })
        .await?;
    Ok(empty_ok())
}
