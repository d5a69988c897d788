//! Likes: `POST` (201) and `DELETE` (200) `messages/liked_by/current?message_id=`. Both answer
//! with the message's envelope so the caller sees `liked_by` and `meta.liked_message_ids` at once.

use std::collections::BTreeMap;

use axum::Json;
use axum::extract::State;
use axum::response::{IntoResponse, Response};

use super::created;
use crate::server::auth::Caller;
use crate::server::db::rows::now_secs;
use crate::server::db::{likes, messages};
use crate::server::envelope::{self, PageInfo};
use crate::server::errors::ApiError;
use crate::server::params::Params;
use crate::server::state::AppState;

async fn set_like(
    state: AppState,
    caller: Caller,
    params: Params,
    like: bool,
) -> Result<Response, ApiError> {
    let id = params.required_id("message_id")?;
    let links = state.links.clone();
    let me = caller.user_id;
    let envelope = state
        .db
        .call(move |conn| {
            let missing = || ApiError::not_found(format!("message {id}"));
            let row = messages::get(conn, id)?.ok_or_else(missing)?;
            if !messages::visible_to(conn, &row, me)? {
                return Err(if row.direct {
                    missing()
                } else {
                    super::messages::private_community(row.group_id)
                });
            }
            if like {
                likes::like(conn, row.id, me, now_secs())?;
            } else {
                likes::unlike(conn, row.id, me)?;
            }
            Ok(envelope::build(
                conn,
                &links,
                me,
                &[row.id],
                &BTreeMap::new(),
                PageInfo::default(),
            )?)
        })
        .await?;
    Ok(if like {
        created(envelope)
    } else {
        Json(envelope).into_response()
    })
}

/// `POST /messages/liked_by/current`.
pub async fn like(
    State(state): State<AppState>,
    caller: Caller,
    params: Params,
) -> Result<Response, ApiError> {
    set_like(state, caller, params, true).await
}

/// `DELETE /messages/liked_by/current`.
pub async fn unlike(
    State(state): State<AppState>,
    caller: Caller,
    params: Params,
) -> Result<Response, ApiError> {
    set_like(state, caller, params, false).await
}
