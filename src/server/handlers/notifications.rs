//! `GET /streams/notifications?limit=&page=`: the caller's notifications (mentions, replies to
//! their messages, likes of their messages), newest first, as `{items, references, meta}`. An
//! item is `unseen` when it came after what this feed last showed the caller (the rule of
//! `networks/current`'s `unseen_notification_count`): a later message for mentions and replies,
//! a later time for likes. Reading the first page marks everything up to now as seen. Yammer
//! publishes no sample of this feed; field names follow its other answers (`id`, `type`,
//! `created_at`, ids of the objects, the actor among the references).

use axum::Json;
use axum::extract::State;
use serde::Serialize;

use super::page;
use crate::api::dto::{User, YammerTime};
use crate::server::auth::Caller;
use crate::server::db::notifications::{self, Notification, What};
use crate::server::db::rows::time;
use crate::server::db::seen::{self, SeenFeed, seen_through};
use crate::server::db::users;
use crate::server::errors::ApiError;
use crate::server::params::Params;
use crate::server::state::AppState;

/// Notifications per page by default, and at most.
const PER_PAGE: u64 = 20;
const MAX_PER_PAGE: u64 = 50;

/// One notification as answered.
#[derive(Debug, Serialize)]
pub struct Item {
    pub id: String,
    #[serde(rename = "type")]
    pub kind: &'static str,
    pub created_at: YammerTime,
    pub unseen: bool,
    /// A sentence for people: "Dana Scully liked your message".
    pub message: String,
    pub actor_id: u64,
    pub message_id: u64,
    pub thread_id: u64,
}

/// The page's facts.
#[derive(Debug, Serialize)]
pub struct FeedMeta {
    pub current_user_id: u64,
    pub older_available: bool,
}

/// The whole answer.
#[derive(Debug, Serialize)]
pub struct NotificationFeed {
    pub items: Vec<Item>,
    pub references: Vec<User>,
    pub meta: FeedMeta,
}

fn sentence(what: What, actor: &str) -> String {
    match what {
        What::Mention => format!("{actor} mentioned you"),
        What::Reply => format!("{actor} replied to your message"),
        What::Like => format!("{actor} liked your message"),
    }
}

fn item(n: &Notification, mark: (u64, i64), actors: &[User]) -> Item {
    let actor = actors
        .iter()
        .find(|u| u.id == n.actor_id)
        .map_or("Someone", |u| u.full_name.as_str());
    let id = match n.what {
        What::Like => format!("like-{}-{}", n.message_id, n.actor_id),
        other => format!("{}-{}", other.key(), n.message_id),
    };
    Item {
        id,
        kind: n.what.key(),
        created_at: time(n.created_at),
        unseen: match n.what {
            What::Like => n.created_at > mark.1,
            _ => n.message_id > mark.0,
        },
        message: sentence(n.what, actor),
        actor_id: n.actor_id,
        message_id: n.message_id,
        thread_id: n.thread_id,
    }
}

/// `GET /streams/notifications`.
pub async fn list(
    State(state): State<AppState>,
    caller: Caller,
    params: Params,
) -> Result<Json<NotificationFeed>, ApiError> {
    let limit = params
        .count("limit")?
        .unwrap_or(PER_PAGE)
        .clamp(1, MAX_PER_PAGE);
    let offset = (page(&params)? - 1).saturating_mul(limit);
    let links = state.links.clone();
    let me = caller.user_id;
    let (feed, newest) = state
        .db
        .read(move |conn| {
            let (found, older_available) = notifications::page(conn, me, limit, offset)?;
            let newest = notifications::newest(conn)?;
            let mark = seen_through(conn, me, SeenFeed::Notifications)?;
            let mark = (mark, notifications::time_of(conn, mark)?);
            let mut actor_ids: Vec<u64> = found.iter().map(|n| n.actor_id).collect();
            actor_ids.sort_unstable();
            actor_ids.dedup();
            let actors = users::by_ids(conn, &links, &actor_ids)?;
            let feed = NotificationFeed {
                items: found.iter().map(|n| item(n, mark, &actors)).collect(),
                references: actors,
                meta: FeedMeta {
                    current_user_id: me,
                    older_available,
                },
            };
            Ok((feed, (offset == 0 && newest > mark.0).then_some(newest)))
        })
        .await?;
    if let Some(id) = newest {
        state
            .db
            .call(move |conn| Ok(seen::mark(conn, me, SeenFeed::Notifications, id)?))
            .await?;
    }
    Ok(Json(feed))
}
