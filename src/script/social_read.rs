//! What `kring health` and `kring questions` read through the API client: the communities
//! (`groups.json`, page by page), one community by name or id, a community's members
//! (`users/in_group`), and the messages of a feed back to a moment (`older_than` paging, at
//! most `max` messages), saying how far back they really reach. Every call goes through the
//! client's rate budget; nothing is cached.

use std::collections::HashMap;

use crate::api::dto::Group;
use crate::api::{Client, GroupQuery, PageQuery};
use crate::domain::convert::page_from_envelope;
use crate::domain::{Catalog, Feed, Message};
use crate::launch::LaunchError;
use crate::social::health::Member;

/// Messages per feed page (Yammer's maximum).
const PAGE_SIZE: u32 = 20;
/// Groups per `groups.json` page (the server's fixed page size).
const GROUPS_PAGE_SIZE: usize = 50;
/// Pages of `groups.json` or `users/in_group` read at most (a guard against a server that
/// never says it is done).
const MAX_PAGES: u32 = 200;

/// Messages read from a feed, and how far back they reach.
pub struct Window {
    pub messages: Vec<Message>,
    pub catalog: Catalog,
    /// The oldest message read when older ones exist (unread); `None` when the feed was read
    /// to its start.
    pub covered_since: Option<i64>,
}

/// Every community `groups.json` lists.
pub async fn communities(client: &Client) -> Result<Vec<Group>, LaunchError> {
    let mut out: Vec<Group> = Vec::new();
    for page in 1..=MAX_PAGES {
        let groups = client
            .groups(&GroupQuery {
                page: Some(page),
                ..GroupQuery::default()
            })
            .await
            .map_err(super::reading("communities"))?;
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

/// The community `wanted` names: its id, or its name (any case; a unique start of one will do).
pub fn pick<'a>(groups: &'a [Group], wanted: &str) -> Result<&'a Group, LaunchError> {
    let wanted = wanted.trim();
    if let Ok(id) = wanted.parse::<u64>()
        && let Some(group) = groups.iter().find(|g| g.id == id)
    {
        return Ok(group);
    }
    let lower = wanted.to_lowercase();
    let exact: Vec<&Group> = groups
        .iter()
        .filter(|g| g.display_name().to_lowercase() == lower || g.name.to_lowercase() == lower)
        .collect();
    if let [one] = exact[..] {
        return Ok(one);
    }
    let starts: Vec<&Group> = groups
        .iter()
        .filter(|g| g.display_name().to_lowercase().starts_with(&lower))
        .collect();
    match starts[..] {
        [one] => Ok(one),
        [] => Err(LaunchError::Usage(format!(
            "no community is called {wanted:?} (`kring health` lists them)"
        ))),
        _ => Err(LaunchError::Usage(format!(
            "{wanted:?} could be {}: say which",
            starts
                .iter()
                .map(|g| g.display_name())
                .collect::<Vec<_>>()
                .join(", ")
        ))),
    }
}

/// The members of community `id`. `joined_at` is when they joined the network: the API does
/// not say when someone joined a community.
pub async fn members(
    client: &Client,
    id: u64,
) -> Result<(Vec<Member>, HashMap<u64, String>), LaunchError> {
    let mut members: Vec<Member> = Vec::new();
    let mut names = HashMap::new();
    for page in 1..=MAX_PAGES {
        let list = client
            .users_in_group(id, page)
            .await
            .map_err(super::reading(format!("members of community {id}")))?;
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

/// The messages of `feed` from the newest back to `since` (unix seconds), at most `max`.
pub async fn messages(
    client: &Client,
    feed: &Feed,
    since: i64,
    max: usize,
) -> Result<Window, LaunchError> {
    let mut catalog = Catalog::default();
    let mut messages: Vec<Message> = Vec::new();
    let mut older_than: Option<u64> = None;
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
            .map_err(super::reading(format!("feed {}", feed.key())))?;
        let page = page_from_envelope(&envelope);
        let oldest = page.messages.iter().min_by_key(|m| m.id.0).cloned();
        messages.extend(page.messages.iter().cloned());
        more = page.meta.older_available;
        catalog.absorb(page);
        match oldest {
            Some(oldest)
                if more
                    && older_than.is_none_or(|o| oldest.id.0 < o)
                    && oldest.created_at.timestamp() >= since =>
            {
                older_than = Some(oldest.id.0);
            }
            _ => break,
        }
    }
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
