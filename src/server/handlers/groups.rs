//! Groups (communities): `groups` (50 per page; `mine`, `letter`, `sort_by`, `reverse`),
//! `groups/:id`, `groups/for_user/:id`, and joining/leaving through `group_memberships`.

use axum::Json;
use axum::extract::State;
use axum::response::Response;

use super::{created, empty_ok, letter, page};
use crate::api::dto::Group;
use crate::server::auth::Caller;
use crate::server::db::groups::{self, GroupQuery, GroupSort};
use crate::server::db::users;
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
        letter: letter(&params)?,
        sort: sort(&params)?,
        reverse: params.flag("reverse")?,
    };
    let links = state.links.clone();
    let found = state
        .db
        .read(move |conn| Ok(groups::list(conn, &links, &query)?))
        .await?;
    Ok(Json(found))
}

/// `GET /groups/:id`.
pub async fn get_one(
    State(state): State<AppState>,
    _caller: Caller,
    IdPath(id): IdPath,
) -> Result<Json<Group>, ApiError> {
    let links = state.links.clone();
    let group = state
        .db
        .read(move |conn| {
            groups::get(conn, &links, id)?.ok_or_else(|| ApiError::not_found(format!("group {id}")))
        })
        .await?;
    Ok(Json(group))
}

/// `GET /groups/for_user/:id`: the groups a user is a member of.
pub async fn for_user(
    State(state): State<AppState>,
    _caller: Caller,
    IdPath(user): IdPath,
    params: Params,
) -> Result<Json<Vec<Group>>, ApiError> {
    let query = GroupQuery {
        page: page(&params)?,
        member: Some(user),
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
            Ok(groups::list(conn, &links, &query)?)
        })
        .await?;
    Ok(Json(found))
}

/// `POST /group_memberships` with `group_id`: join (201 with the group).
pub async fn join(
    State(state): State<AppState>,
    caller: Caller,
    params: Params,
) -> Result<Response, ApiError> {
    let group_id = params.required_id("group_id")?;
    let links = state.links.clone();
    let group = state
        .db
        .call(move |conn| {
            if !groups::exists(conn, group_id)? {
                return Err(ApiError::not_found(format!("group {group_id}")));
            }
            groups::join(conn, group_id, caller.user_id)?;
            groups::get(conn, &links, group_id)?
                .ok_or_else(|| ApiError::not_found(format!("group {group_id}")))
        })
        .await?;
    Ok(created(group))
}

/// `DELETE /group_memberships` with `group_id`: leave (200, empty).
pub async fn leave(
    State(state): State<AppState>,
    caller: Caller,
    params: Params,
) -> Result<Response, ApiError> {
    let group_id = params.required_id("group_id")?;
    state
        .db
        .call(move |conn| {
            if !groups::exists(conn, group_id)? {
                return Err(ApiError::not_found(format!("group {group_id}")));
            }
            groups::leave(conn, group_id, caller.user_id)?;
            Ok(())
        })
        .await?;
    Ok(empty_ok())
}
