//! The message feeds: flat pages newest first, or threaded
//! (`threaded=true|extended`) pages of thread starters ordered by latest activity.
//!
//! Serving the newest page (no `older_than`) of My Feed, the inbox (`received`) or `private`
//! marks what it shows as seen by the caller (`db::seen`), for the unseen counts of
//! `networks/current`.

use std::collections::BTreeMap;

use axum::Json;
use axum::extract::State;
use rusqlite::Connection;

use crate::api::dto::MessagesEnvelope;
use crate::server::auth::Caller;
use crate::server::db::feeds::{self, Feed, Window};
use crate::server::db::rows::Links;
use crate::server::db::seen::{self, SeenFeed};
use crate::server::db::{access, groups, messages, topics, users};
use crate::server::envelope::{self, PageInfo};
use crate::server::errors::ApiError;
use crate::server::extract::IdPath;
use crate::server::params::Params;
use crate::server::state::AppState;

/// Messages per page by default and at most.
pub const PAGE_SIZE: u64 = 20;

/// Replies shown per thread with `threaded=extended`.
const EXTENDED_REPLIES: u64 = 2;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Threading {
    Flat,
    Starters,
    Extended,
}

fn window(params: &Params) -> Result<Window, ApiError> {
    let limit = params.count("limit")?.unwrap_or(PAGE_SIZE);
    if limit == 0 {
        // Quietly answering one message (or a whole page) would hide the caller's mistake.
        return Err(ApiError::invalid("limit must be at least 1"));
    }
    Ok(Window {
        older_than: params.id("older_than")?,
        newer_than: params.id("newer_than")?,
        limit: limit.min(PAGE_SIZE),
    })
}

fn threading(params: &Params) -> Result<Threading, ApiError> {
    match params
        .nonempty("threaded")?
        .map(str::to_ascii_lowercase)
        .as_deref()
    {
        None | Some("false" | "0") => Ok(Threading::Flat),
        Some("true" | "1") => Ok(Threading::Starters),
        Some("extended") => Ok(Threading::Extended),
        Some(_) => Err(ApiError::invalid(
            "threaded must be true, extended or false",
        )),
    }
}

/// Checks the feed's target exists (and is visible), and names the feed.
fn describe(
    conn: &Connection,
    links: &Links,
    feed: Feed,
    me: u64,
) -> Result<(String, String), ApiError> {
    let missing = |what: &str, id: u64| ApiError::not_found(format!("{what} {id}"));
    Ok(match feed {
        Feed::All => ("All".into(), "All public conversations".into()),
        Feed::General => (
            "All Company".into(),
            "Conversations for the whole company".into(),
        ),
        Feed::Home => ("My Feed".into(), "Conversations you follow".into()),
        Feed::Algo => ("Top".into(), "Top conversations".into()),
        Feed::Following => (
            "Following".into(),
            "People, groups and topics you follow".into(),
        ),
        Feed::Sent => ("Sent".into(), "Messages you sent".into()),
        Feed::Private => (
            "Private Messages".into(),
            "Your private conversations".into(),
        ),
        Feed::Received => ("Received".into(), "Messages to you".into()),
        Feed::InGroup(id) => {
            if !access::group_open_to(conn, id, me)? {
                return Err(missing("group", id));
            }
            let group = groups::get(conn, links, id)?.ok_or_else(|| missing("group", id))?;
            (group.full_name, group.description)
        }
        Feed::InThread(id) => {
            let starter = messages::get(conn, id)?.filter(|m| m.thread_id == id);
            match starter {
                Some(row) if messages::visible_to(conn, &row, me)? => (
                    "Conversation".into(),
                    "Messages in this conversation".into(),
                ),
                _ => return Err(missing("thread", id)),
            }
        }
        Feed::AboutTopic(id) => {
            if !access::topic_visible(conn, id, me)? {
                return Err(missing("topic", id));
            }
            let topic = topics::get(conn, links, id)?.ok_or_else(|| missing("topic", id))?;
            (
                format!("#{}", topic.name),
                format!("Messages about #{}", topic.name),
            )
        }
        Feed::FromUser(id) | Feed::LikedBy(id) => {
            if !users::exists(conn, id)? {
                return Err(missing("user", id));
            }
            let name = users::get(conn, links, id)?
                .map(|u| u.display_name())
                .unwrap_or_default();
            if matches!(feed, Feed::FromUser(_)) {
                (name.clone(), format!("Messages from {name}"))
            } else {
                (format!("Liked by {name}"), format!("Messages {name} liked"))
            }
        }
    })
}

async fn serve(
    state: AppState,
    caller: Caller,
    params: Params,
    feed: Feed,
) -> Result<Json<MessagesEnvelope>, ApiError> {
    let window = window(&params)?;
    let mode = match feed {
        Feed::InThread(_) => Threading::Flat,
        _ => threading(&params)?,
    };
    let links = state.links.clone();
    let me = caller.user_id;
    let (envelope, due) = state
        .db
        .read(move |conn| {
            let (feed_name, feed_desc) = describe(conn, &links, feed, me)?;
            let (page, extended, older_available, due) = if mode == Threading::Flat {
                let page = feeds::messages(conn, feed, me, &window)?;
                let due = seen_due(conn, feed, me, &window, page.items.first().copied())?;
                (page.items, BTreeMap::new(), page.older_available, due)
            } else {
                let page = feeds::threads(conn, feed, me, &window)?;
                let newest = page.items.iter().map(|(_, latest)| *latest).max();
                let due = seen_due(conn, feed, me, &window, newest)?;
                let starters: Vec<u64> = page.items.iter().map(|(thread, _)| *thread).collect();
                let mut extended = BTreeMap::new();
                if mode == Threading::Extended {
                    // Only threads with replies get an entry, as Yammer's answers have it.
                    for thread in &starters {
                        let replies = feeds::latest_replies(conn, *thread, EXTENDED_REPLIES)?;
                        if !replies.is_empty() {
                            extended.insert(*thread, replies);
                        }
                    }
                }
                (starters, extended, page.older_available, due)
            };
            let info = PageInfo {
                older_available,
                feed_name,
                feed_desc,
            };
            let envelope = envelope::build(conn, &links, me, &page, &extended, info)?;
            Ok((envelope, due))
        })
        .await?;
    if let Some((which, id)) = due {
        state
            .db
            .call(move |conn| Ok(seen::mark(conn, me, which, id)?))
            .await?;
    }
    Ok(Json(envelope))
}

/// The seen mark a first page of `feed` moves forward, if it moves one: the write is left to
/// the caller, this runs on a reader.
fn seen_due(
    conn: &Connection,
    feed: Feed,
    me: u64,
    window: &Window,
    newest: Option<u64>,
) -> rusqlite::Result<Option<(SeenFeed, u64)>> {
    let which = match feed {
        Feed::Home => SeenFeed::Home,
        Feed::Received => SeenFeed::Inbox,
        Feed::Private => SeenFeed::Private,
        _ => return Ok(None),
    };
    match newest {
        Some(id) if window.older_than.is_none() => {
            let marked = seen::marked(conn, me, which)?;
            Ok((marked.is_none_or(|m| m < id)).then_some((which, id)))
        }
        _ => Ok(None),
    }
}

macro_rules! feed_handlers {
    ($($name:ident => $feed:expr),* $(,)?) => {
        $(
            /// A feed without an id in its path.
            pub async fn $name(
                State(state): State<AppState>,
                caller: Caller,
                params: Params,
            ) -> Result<Json<MessagesEnvelope>, ApiError> {
                serve(state, caller, params, $feed).await
            }
        )*
    };
}

macro_rules! feed_handlers_with_id {
    ($($name:ident => $feed:path),* $(,)?) => {
        $(
            /// A feed about the object named in its path.
            pub async fn $name(
                State(state): State<AppState>,
                caller: Caller,
                IdPath(id): IdPath,
                params: Params,
            ) -> Result<Json<MessagesEnvelope>, ApiError> {
                serve(state, caller, params, $feed(id)).await
            }
        )*
    };
}

feed_handlers! {
    all => Feed::All,
    general => Feed::General,
    my_feed => Feed::Home,
    algo => Feed::Algo,
    following => Feed::Following,
    sent => Feed::Sent,
    private => Feed::Private,
    received => Feed::Received,
}

feed_handlers_with_id! {
    in_group => Feed::InGroup,
    in_thread => Feed::InThread,
    about_topic => Feed::AboutTopic,
    from_user => Feed::FromUser,
    liked_by => Feed::LikedBy,
}
