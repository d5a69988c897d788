//! Following: `POST /subscriptions` (201) and `DELETE /subscriptions` with `target_type` and
//! `target_id`; `GET /subscriptions/to_user|to_topic|to_thread/:id` (200, or 404 when not
//! following). Answers carry the followed object.

use axum::Json;
use axum::extract::State;
use axum::response::{IntoResponse, Response};
use rusqlite::Connection;

use super::{created, empty_ok};
use crate::server::auth::Caller;
use crate::server::db::rows::Links;
use crate::server::db::subscriptions::{self, Target};
use crate::server::db::{access, threads, topics, users};
use crate::server::errors::ApiError;
use crate::server::extract::IdPath;
use crate::server::params::Params;
use crate::server::state::AppState;

fn target(params: &Params) -> Result<(Target, u64), ApiError> {
    let kind = params
        .nonempty("target_type")?
        .ok_or_else(|| ApiError::invalid("target_type is required"))?;
    let kind = Target::parse(kind)
        .ok_or_else(|| ApiError::invalid("target_type must be user, topic or thread"))?;
    Ok((kind, params.required_id("target_id")?))
}

/// The followed object as JSON, or 404 when it does not exist or `me` may not see it.
fn target_json(
    conn: &Connection,
    links: &Links,
    kind: Target,
    id: u64,
    me: u64,
) -> Result<serde_json::Value, ApiError> {
    let missing = || ApiError::not_found(format!("{} {id}", kind.as_str()));
    let hidden = match kind {
        Target::User => false,
        Target::Topic => !access::topic_visible(conn, id, me)?,
        Target::Thread => !access::message_visible(conn, id, me)?,
    };
    if hidden {
        return Err(missing());
    }
    let value = match kind {
        Target::User => serde_json::to_value(users::get(conn, links, id)?.ok_or_else(missing)?),
        Target::Topic => serde_json::to_value(topics::get(conn, links, id)?.ok_or_else(missing)?),
        Target::Thread => serde_json::to_value(threads::get(conn, links, id)?.ok_or_else(missing)?),
    };
    value.map_err(|e| ApiError::Internal(e.to_string()))
}

/// `POST /subscriptions`.
pub async fn follow(
    State(state): State<AppState>,
    caller: Caller,
    params: Params,
) -> Result<Response, ApiError> {
    let (kind, id) = target(&params)?;
    let links = state.links.clone();
    let value = state
        .db
        .call(move |conn| {
            let value = target_json(conn, &links, kind, id, caller.user_id)?;
            if kind == Target::User && id == caller.user_id {
                return Err(ApiError::invalid("You cannot follow yourself"));
            }
            subscriptions::follow(conn, caller.user_id, kind, id)?;
            Ok(value)
        })
        .await?;
    Ok(created(value))
}

/// `DELETE /subscriptions`.
pub async fn unfollow(
    State(state): State<AppState>,
    caller: Caller,
    params: Params,
) -> Result<Response, ApiError> {
    let (kind, id) = target(&params)?;
    let links = state.links.clone();
    state
        .db
        .call(move |conn| {
            target_json(conn, &links, kind, id, caller.user_id)?;
            subscriptions::unfollow(conn, caller.user_id, kind, id)?;
            Ok(())
        })
        .await?;
    Ok(empty_ok())
}

async fn check(
    state: AppState,
    caller: Caller,
    kind: Target,
    id: u64,
) -> Result<Response, ApiError> {
    let links = state.links.clone();
    let value = state
        .db
        .read(move |conn| {
            if !subscriptions::is_following(conn, caller.user_id, kind, id)? {
                return Err(ApiError::not_found(format!(
                    "subscription to {} {id}",
                    kind.as_str()
                )));
            }
            target_json(conn, &links, kind, id, caller.user_id)
        })
        .await?;
    Ok(Json(value).into_response())
}

/// `GET /subscriptions/to_user/:id`.
pub async fn to_user(
    State(state): State<AppState>,
    caller: Caller,
    IdPath(id): IdPath,
) -> Result<Response, ApiError> {
    check(state, caller, Target::User, id).await
}

/// `GET /subscriptions/to_topic/:id`.
pub async fn to_topic(
    State(state): State<AppState>,
    caller: Caller,
    IdPath(id): IdPath,
) -> Result<Response, ApiError> {
    check(state, caller, Target::Topic, id).await
}

/// `GET /subscriptions/to_thread/:id`.
pub async fn to_thread(
    State(state): State<AppState>,
    caller: Caller,
    IdPath(id): IdPath,
) -> Result<Response, ApiError> {
    check(state, caller, Target::Thread, id).await
}
