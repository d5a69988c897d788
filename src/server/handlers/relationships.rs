//! The org chart over HTTP: `GET /relationships?user_id=` (`{superiors, subordinates,
//! colleagues}` as user objects; the caller by default), `POST /relationships` (`user_id`, and
//! `superior`, `subordinate` or `colleague` as email addresses, repeatable; 201) and
//! `DELETE /relationships/:id?type=superior|subordinate|colleague` (200). People change their own
//! relationships; admins change anyone's.

use axum::Json;
use axum::extract::State;
use axum::response::Response;
use rusqlite::Connection;
use serde::Serialize;

use super::{created, empty_ok};
use crate::api::dto::User;
use crate::server::auth::Caller;
use crate::server::db::relationships::{self, Kind};
use crate::server::db::rows::Links;
use crate::server::db::users;
use crate::server::errors::ApiError;
use crate::server::extract::IdPath;
use crate::server::params::Params;
use crate::server::state::AppState;

/// One user's relationships, as Yammer answers them.
#[derive(Debug, Serialize)]
pub struct Relationships {
    pub superiors: Vec<User>,
    pub subordinates: Vec<User>,
    pub colleagues: Vec<User>,
}

fn load(conn: &Connection, links: &Links, user: u64) -> Result<Relationships, ApiError> {
    let mut lists = Vec::new();
    for kind in Kind::ALL {
        lists.push(users::by_ids(
            conn,
            links,
            &relationships::of(conn, user, kind)?,
        )?);
    }
    let mut lists = lists.into_iter();
    Ok(Relationships {
        superiors: lists.next().unwrap_or_default(),
        subordinates: lists.next().unwrap_or_default(),
        colleagues: lists.next().unwrap_or_default(),
    })
}

/// The user whose relationships are asked for or changed: `user_id`, or the caller.
fn subject(conn: &Connection, params: &Params, caller: u64) -> Result<u64, ApiError> {
    let user = params.id("user_id")?.unwrap_or(caller);
    if !users::exists(conn, user)? {
        return Err(ApiError::not_found(format!("no user {user}")));
    }
    Ok(user)
}

/// Refuses a change to someone else's relationships unless the caller is an admin.
fn may_change(conn: &Connection, links: &Links, caller: u64, user: u64) -> Result<(), ApiError> {
    if caller == user || users::get(conn, links, caller)?.is_some_and(|u| u.admin) {
        return Ok(());
    }
    Err(ApiError::Forbidden(
        "only admins change other people's relationships".to_owned(),
    ))
}

/// `GET /relationships`.
pub async fn list(
    State(state): State<AppState>,
    caller: Caller,
    params: Params,
) -> Result<Json<Relationships>, ApiError> {
    let links = state.links.clone();
    let found = state
        .db
        .read(move |conn| {
            let user = subject(conn, &params, caller.user_id)?;
            load(conn, &links, user)
        })
        .await?;
    Ok(Json(found))
}

/// `POST /relationships`.
pub async fn add(
    State(state): State<AppState>,
    caller: Caller,
    params: Params,
) -> Result<Response, ApiError> {
    let links = state.links.clone();
    let found = state
        .db
        .call(move |conn| {
            let user = subject(conn, &params, caller.user_id)?;
            may_change(conn, &links, caller.user_id, user)?;
            let mut wanted = Vec::new();
            for kind in Kind::ALL {
                for email in params.all(kind.key())? {
                    let other = users::by_email(conn, &links, email)?
                        .first()
                        .map(|u| u.id)
                        .ok_or_else(|| ApiError::invalid(format!("no user with email {email}")))?;
                    wanted.push((kind, other));
                }
            }
            if wanted.is_empty() {
                return Err(ApiError::invalid(
                    "give a superior, subordinate or colleague (an email address)",
                ));
            }
            let tx = conn.transaction()?;
            for (kind, other) in wanted {
                relationships::add(&tx, user, kind, other)?;
            }
            tx.commit()?;
            load(conn, &links, user)
        })
        .await?;
    Ok(created(found))
}

/// `DELETE /relationships/:id`.
pub async fn remove(
    State(state): State<AppState>,
    caller: Caller,
    IdPath(other): IdPath,
    params: Params,
) -> Result<Response, ApiError> {
    let links = state.links.clone();
    state
        .db
        .call(move |conn| {
            let kind = params
                .nonempty("type")?
                .and_then(Kind::parse)
                .ok_or_else(|| {
                    ApiError::invalid("type must be superior, subordinate or colleague")
                })?;
            let user = subject(conn, &params, caller.user_id)?;
            may_change(conn, &links, caller.user_id, user)?;
            if !relationships::remove(conn, user, kind, other)? {
                return Err(ApiError::not_found(format!(
                    "user {other} is not a {} of user {user}",
                    kind.key()
                )));
            }
            Ok(())
        })
        .await?;
    Ok(empty_ok())
}
