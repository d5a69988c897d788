//! `GET /networks/current`: the one network this server hosts, as an array, with the caller's
//! unseen counts.
//!
//! The rule for "unseen" is simple and honest: the newest page of a feed (My Feed, the inbox,
//! private messages) marks what it showed as seen (see `db::seen`; before any, the caller's own
//! newest message stands in); what others wrote in that feed after the mark is unseen.
//! - `unseen_message_count`: messages in My Feed after its mark.
//! - `inbox_unseen_thread_count`: inbox (`received`) threads with a message after its mark.
//! - `private_unseen_thread_count`: private conversations with a message after their mark.
//! - `unseen_notification_count`: notifications (mentions of the caller, replies to them, likes
//!   of their messages) after what the notifications feed last showed them, as Yammer's bell.

use axum::Json;
use axum::extract::State;
use rusqlite::Connection;

use crate::api::dto::Network;
use crate::server::auth::Caller;
use crate::server::db;
use crate::server::db::feeds::{self, Feed};
use crate::server::db::notifications;
use crate::server::db::rows::NETWORK_ID;
use crate::server::db::seen::{SeenFeed, seen_through};
use crate::server::errors::ApiError;
use crate::server::state::AppState;

/// `GET /networks/current`.
pub async fn current(
    State(state): State<AppState>,
    caller: Caller,
) -> Result<Json<Vec<Network>>, ApiError> {
    let links = state.links.clone();
    let me = caller.user_id;
    let network = state
        .db
        .read(move |conn| {
            let (name, permalink) = db::network(conn)?;
            let mut network = Network {
                id: NETWORK_ID,
                name,
                web_url: links.web(&permalink),
                permalink,
                guidelines: conn
                    .query_row("SELECT guidelines FROM network LIMIT 1", [], |r| r.get(0))?,
                ..Network::default()
            };
            unseen_counts(conn, me, &mut network)?;
            Ok(network)
        })
        .await?;
    Ok(Json(vec![network]))
}

/// Fills the four unseen counts of `network` for user `me` (the rule is in the module header).
fn unseen_counts(conn: &Connection, me: u64, network: &mut Network) -> rusqlite::Result<()> {
    let home = seen_through(conn, me, SeenFeed::Home)?;
    let inbox = seen_through(conn, me, SeenFeed::Inbox)?;
    let private = seen_through(conn, me, SeenFeed::Private)?;
    network.unseen_message_count = feeds::unseen_after(conn, Feed::Home, me, home)?.0;
    network.inbox_unseen_thread_count = feeds::unseen_after(conn, Feed::Received, me, inbox)?.1;
    network.private_unseen_thread_count = feeds::unseen_after(conn, Feed::Private, me, private)?.1;
    let seen = seen_through(conn, me, SeenFeed::Notifications)?;
    let mark = (seen, notifications::time_of(conn, seen)?);
    network.unseen_notification_count = notifications::unseen(conn, me, mark)?;
    Ok(())
}
