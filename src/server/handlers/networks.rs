//! `GET /networks/current`: the one network this server hosts, as an array, with the caller's
//! unseen counts.
//!
//! The rule for "unseen" is simple and honest: the newest page of a feed (My Feed, the inbox,
//! private messages) marks what it showed as seen (see `db::seen`; before any, the caller's own
//! newest message stands in); what others wrote in that feed after the mark is unseen.
//! - `unseen_message_count`: messages in My Feed after its mark.
//! - `inbox_unseen_thread_count`: inbox (`received`) threads with a message after its mark.
//! - `private_unseen_thread_count`: private conversations with a message after their mark.
//! - `unseen_notification_count`: mentions of the caller after the inbox mark (the inbox is
//!   where mentions arrive).

use axum::Json;
use axum::extract::State;
use rusqlite::{Connection, named_params};

use crate::api::dto::Network;
use crate::server::auth::Caller;
use crate::server::db;
use crate::server::db::access::VISIBLE_TO_ME;
use crate::server::db::feeds::{self, Feed};
use crate::server::db::rows::{NETWORK_ID, to_sql_id};
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
    let mentions: i64 = conn
        .prepare_cached(&format!(
            "SELECT count(*) FROM mentions x JOIN messages m ON m.id = x.message_id
             WHERE x.user_id = :me AND m.id > :after AND m.sender_id != :me AND {VISIBLE_TO_ME}"
        ))?
        .query_row(
            named_params! {":me": to_sql_id(me), ":after": to_sql_id(inbox)},
            |r| r.get(0),
        )?;
    network.unseen_notification_count = u64::try_from(mentions).unwrap_or(0);
    Ok(())
}
