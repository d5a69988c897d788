//! What the health and questions figures read through the API client: the communities
//! (`groups.json`, page by page), a community's members
//! (`users/in_group`), and the messages of a feed paged back with `older_than` (to a count,
//! or to a moment, saying how far back they really reach). Every call goes through the
//! client's rate budget; nothing is cached.

use std::collections::HashMap;

use crate::api::dto::Group;
use crate::api::{ApiError, Client, GroupQuery, PageQuery};
use crate::domain::convert::page_from_envelope;
use crate::domain::{Catalog, Feed, Message};
use crate::social::health::Member;

/// Messages per feed page (Yammer's maximum).
const PAGE_SIZE: u32 = 20;
/// Groups per `groups.json` page (the server's fixed page size).
const GROUPS_PAGE_SIZE: usize = 50;
/// Pages of `groups.json` or `users/in_group` read at most (a guard against a server that
/// never says it is done).
const MAX_PAGES: u32 = 200;

/// A read that failed, naming what was being read (`members of community 7: …`).
#[derive(Debug, thiserror::Error)]
#[error("{what}: {source}")]
pub struct ReadError {
    pub what: String,
    pub source: ApiError,
}

/// Names what was being read when `source` happened.
fn reading(what: impl Into<String>) -> impl FnOnce(ApiError) -> ReadError {
    let what = what.into();
    move |source| ReadError { what, source }
}

/// Messages read from a feed, and how far back they reach.
pub struct Window {
    pub messages: Vec<Message>,
    pub catalog: Catalog,
    /// The oldest message read when older ones exist (unread); `None` when the feed was read
    /// to its start.
    pub covered_since: Option<i64>,
}

/// Every community `groups.json` lists.
pub async fn communities(client: &Client) -> Result<Vec<Group>, ReadError> {
    let mut out: Vec<Group> = Vec::new();
    for page in 1..=MAX_PAGES {
        let groups = client
            .groups(&GroupQuery {
                page: Some(page),
                ..GroupQuery::default()
            })
            .await
            .map_err(reading("communities"))?;
        let last = groups.len() < GROUPS_PAGE_SIZE;
        for group in groups {
            if !out.iter().any(|g| g.id == group.id) {
                out.push(group);
            }
        }
        if last {
            break;
        }
    }
    Ok(out)
}

/// The members of community `id`. `joined_at` is when they joined the network: the API does
/// not say when someone joined a community.
pub async fn members(
    client: &Client,
    id: u64,
) -> Result<(Vec<Member>, HashMap<u64, String>), ReadError> {
    let mut members: Vec<Member> = Vec::new();
    let mut names = HashMap::new();
    for page in 1..=MAX_PAGES {
        let list = client
            .users_in_group(id, page)
            .await
            .map_err(reading(format!("members of community {id}")))?;
        let before = members.len();
        for user in &list.users {
            if members.iter().any(|m| m.id == user.id) {
                continue;
            }
            names.insert(user.id, user.display_name());
            members.push(Member {
                id: user.id,
                joined_at: user
                    .activated_at
                    .is_known()
                    .then(|| user.activated_at.unix()),
            });
        }
        if !list.more_available || members.len() == before {
            break;
        }
    }
    Ok((members, names))
}

/// Messages of `feed` read back page by page.
pub struct Pages {
    /// Newest first, as the pages came.
    pub messages: Vec<Message>,
    pub catalog: Catalog,
    /// Whether the server said older messages exist than the last page read.
    pub more: bool,
}

/// The messages of `feed` from `older_than` (the newest when `None`) back, page by page, until
/// `max` are read (the last page may pass it), the feed ends, or a page reaches back past
/// `since` (unix seconds) when one is given.
pub async fn pages_back(
    client: &Client,
    feed: &Feed,
    mut older_than: Option<u64>,
    max: usize,
    since: Option<i64>,
) -> Result<Pages, ReadError> {
    let mut catalog = Catalog::default();
    let mut messages: Vec<Message> = Vec::new();
    let mut more = false;
    while messages.len() < max {
        let query = PageQuery {
            older_than,
            limit: Some(PAGE_SIZE),
            ..PageQuery::default()
        };
        let envelope = client
            .feed(feed, &query)
            .await
            .map_err(reading(format!("feed {}", feed.key())))?;
        let page = page_from_envelope(&envelope);
        let oldest = page.messages.iter().min_by_key(|m| m.id.0).cloned();
        messages.extend(page.messages.iter().cloned());
        more = page.meta.older_available;
        catalog.absorb(page);
        match oldest {
            // A server that repeats itself must not keep us here.
            Some(oldest)
                if more
                    && older_than.is_none_or(|o| oldest.id.0 < o)
                    && since.is_none_or(|s| oldest.created_at.timestamp() >= s) =>
            {
                older_than = Some(oldest.id.0);
            }
            _ => break,
        }
    }
    Ok(Pages {
        messages,
        catalog,
        more,
    })
}

/// The messages of `feed` from the newest back to `since` (unix seconds), at most `max`.
pub async fn messages(
    client: &Client,
    feed: &Feed,
    since: i64,
    max: usize,
) -> Result<Window, ReadError> {
    let Pages {
        mut messages,
        catalog,
        more,
    } = pages_back(client, feed, None, max, Some(since)).await?;
    let oldest_at = messages.iter().map(|m| m.created_at.timestamp()).min();
    let covered_since = if !more {
        // Read to the feed's start: everything there is.
        None
    } else if oldest_at.is_some_and(|t| t < since) {
        // Far enough back: cut at `since`, so the window is exactly known.
        messages.retain(|m| m.created_at.timestamp() >= since);
        Some(since)
    } else {
        // Stopped at `max`: the window reaches as far as what was read.
        oldest_at
    };
    Ok(Window {
        messages,
        catalog,
        covered_since,
    })
}
