//! Runs Discover's network effects as tokio tasks on the shared client and hands each answer,
//! converted and sanitized, to the callback it was given (the shell wraps it for its loop). The listing and the suggestion signals go
//! as background calls, behind anything the user waits for. Never touches the state.

use std::collections::HashMap;

use super::Listed;
use super::effect::{CardDetail, DiscoverEffect, DiscoverMsg, FollowedIn, Listing};
use crate::api::dto::Group;
use crate::api::{ApiError, Client, GroupQuery, PageQuery};
use crate::domain::convert::community;
use crate::domain::{Feed, GroupId, SafeText, UserId};

/// Pages of 50 communities read at most.
const MAX_PAGES: u32 = 20;
/// Communities per `groups.json` page.
const PAGE_SIZE: usize = 50;
/// People followed whose communities are looked at, for suggestions: a call each, and the
/// request budget allows ten in thirty seconds, which the start's own reads (feeds, the
/// directory, the Inbox) need first.
const MAX_FOLLOWED: usize = 3;

/// Starts `effect`; its answer goes to `send`.
pub fn start(
    client: Client,
    effect: DiscoverEffect,
    send: impl FnOnce(DiscoverMsg) + Send + 'static,
) {
    tokio::spawn(async move {
        send(run(&client, effect).await);
    });
}

/// Carries out `effect` and returns its answer.
pub async fn run(client: &Client, effect: DiscoverEffect) -> DiscoverMsg {
    match effect {
        DiscoverEffect::List { req } => DiscoverMsg::Listed {
            req,
            result: listing(&client.background()).await,
        },
        DiscoverEffect::Followed { me } => {
            DiscoverMsg::Followed(followed_in(&client.background(), me, MAX_FOLLOWED).await)
        }
        DiscoverEffect::Join(group) => DiscoverMsg::Joined {
            group,
            result: client.join_community(group.0).await,
        },
        DiscoverEffect::Leave(group) => DiscoverMsg::Left {
            group,
            result: client.leave_group(group.0).await,
        },
        DiscoverEffect::Card { group, readable } => DiscoverMsg::Card {
            group,
            result: card(client, group, readable).await,
        },
    }
}

/// What the listing says beyond the catalog's community.
pub fn listed(group: &Group) -> Listed {
    Listed {
        updates: group.stats.updates,
        last_message_at: group.stats.last_message_at.map(|t| t.0),
    }
}

/// Every community the server lists, page by page.
pub async fn all_communities(client: &Client) -> Result<Vec<Group>, ApiError> {
    let mut all = Vec::new();
    for page in 1..=MAX_PAGES {
        let query = GroupQuery {
            page: Some(page),
            ..GroupQuery::default()
        };
        let groups = client.groups(&query).await?;
        let full = groups.len() >= PAGE_SIZE;
        all.extend(groups);
        if !full {
            break;
        }
    }
    Ok(all)
}

async fn listing(client: &Client) -> Result<Listing, ApiError> {
    let groups = all_communities(client).await?;
    Ok(Listing {
        communities: groups.iter().map(|g| (community(g), listed(g))).collect(),
    })
}

/// Whom `me` follows, and how many of them (the first `people`) are in each community.
pub async fn followed_in(
    client: &Client,
    me: UserId,
    people: usize,
) -> Result<FollowedIn, ApiError> {
    let followed = client.following(me.0, 1).await?;
    let mut counts = HashMap::new();
    for person in followed.users.iter().take(people) {
        for group in client.groups_for_user(person.id).await? {
            *counts.entry(GroupId(group.id)).or_insert(0) += 1;
        }
    }
    let people = followed.users.iter().map(|u| UserId(u.id)).collect();
    Ok(FollowedIn { people, counts })
}

async fn card(client: &Client, group: GroupId, readable: bool) -> Result<CardDetail, ApiError> {
    let found = client.group(group.0).await?;
    let recent = if readable {
        let envelope = client
            .feed(&Feed::Community(group), &PageQuery::default())
            .await?;
        let mut times: Vec<_> = envelope.messages.iter().map(|m| m.created_at.0).collect();
        times.sort_unstable_by(|a, b| b.cmp(a));
        Some(times)
    } else {
        None
    };
    Ok(CardDetail {
        community: Some(community(&found)),
        listed: listed(&found),
        guidelines: SafeText::new(found.guidelines.trim()),
        admins: found
            .admins
            .iter()
            .map(|a| SafeText::new(&display(a)))
            .collect(),
        recent,
    })
}

fn display(user: &crate::api::dto::User) -> String {
    if user.full_name.trim().is_empty() {
        user.name.clone()
    } else {
        user.full_name.clone()
    }
}
