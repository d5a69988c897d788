//! `GET /topics/:id`.

use axum::Json;
use axum::extract::State;

use crate::api::dto::Topic;
use crate::server::auth::Caller;
use crate::server::db::{access, topics};
use crate::server::errors::ApiError;
use crate::server::extract::IdPath;
use crate::server::state::AppState;

/// `GET /topics/:id`.
pub async fn get_one(
    State(state): State<AppState>,
    caller: Caller,
    IdPath(id): IdPath,
) -> Result<Json<Topic>, ApiError> {
    let links = state.links.clone();
    let topic = state
        .db
        .read(move |conn| {
            if !access::topic_visible(conn, id, caller.user_id)? {
                return Err(ApiError::not_found(format!("topic {id}")));
            }
            topics::get(conn, &links, id)?.ok_or_else(|| ApiError::not_found(format!("topic {id}")))
        })
        .await?;
    Ok(Json(topic))
}
