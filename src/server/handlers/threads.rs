//! `GET /threads/:id`: the thread object with its topics, participants and group inlined as
//! `references`. Private threads are visible to their participants only.

use axum::Json;
use axum::extract::State;
use serde::Serialize;

use crate::api::dto::{Reference, Thread};
use crate::server::auth::Caller;
use crate::server::db::{access, groups, threads, topics, users};
use crate::server::errors::ApiError;
use crate::server::extract::IdPath;
use crate::server::state::AppState;

/// A thread with its references inline, as Yammer returns it.
#[derive(Serialize)]
pub struct ThreadWithReferences {
    #[serde(flatten)]
    pub thread: Thread,
    pub references: Vec<Reference>,
}

/// `GET /threads/:id`.
pub async fn get_one(
    State(state): State<AppState>,
    caller: Caller,
    IdPath(id): IdPath,
) -> Result<Json<ThreadWithReferences>, ApiError> {
    let links = state.links.clone();
    let found = state
        .db
        .read(move |conn| {
            let missing = || ApiError::not_found(format!("thread {id}"));
            let thread = threads::get(conn, &links, id)?.ok_or_else(missing)?;
            if !access::message_visible(conn, id, caller.user_id)? {
                return Err(missing());
            }
            let topic_ids: Vec<u64> = thread.topics.iter().map(|t| t.id).collect();
            let user_ids: Vec<u64> = thread.participants.iter().map(|p| p.id).collect();
            let mut references: Vec<Reference> = Vec::new();
            references.extend(
                users::by_ids(conn, &links, &user_ids)?
                    .into_iter()
                    .map(Reference::User),
            );
            if let Some(group) = thread.group_id {
                references.extend(groups::get(conn, &links, group)?.map(Reference::Group));
            }
            references.extend(
                topics::by_ids(conn, &links, &topic_ids)?
                    .into_iter()
                    .map(Reference::Topic),
            );
            Ok(ThreadWithReferences { thread, references })
        })
        .await?;
    Ok(Json(found))
}
