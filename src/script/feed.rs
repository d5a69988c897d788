//! `kring feed`: the newest messages of a feed or community, newest first, paging back with
//! `older_than` until `--limit` messages are read or the feed ends.

use crate::api::{self, Client, PageQuery};
use crate::cli::{FeedArgs, FeedName};
use crate::domain::convert::page_from_envelope;
use crate::domain::{Catalog, Message};
use crate::launch::LaunchError;

use super::print;
use super::shape::MessageRecord;

/// Most messages one page asks for (Yammer's own maximum).
const PAGE_SIZE: u32 = 20;
/// Most messages one run prints, whatever `--limit` says.
pub const MAX_LIMIT: usize = 1_000;

/// The feed `args` names.
pub fn feed_of(args: &FeedArgs) -> api::Feed {
    if let Some(group) = args.group {
        return api::Feed::InGroup(group);
    }
    if let Some(user) = args.from {
        return api::Feed::FromUser(user);
    }
    match args.feed {
        FeedName::My => api::Feed::MyFeed,
        FeedName::All => api::Feed::All,
        FeedName::Following => api::Feed::Following,
        FeedName::Received => api::Feed::Received,
        FeedName::Private => api::Feed::Private,
        FeedName::Sent => api::Feed::Sent,
    }
}

/// Fetches and formats the feed.
pub async fn run(client: &Client, args: &FeedArgs) -> Result<String, LaunchError> {
    let feed = feed_of(args);
    let limit = args.limit.clamp(1, MAX_LIMIT);
    let (catalog, messages) = read(client, &feed, limit, args.older_than).await?;
    let records: Vec<MessageRecord> = messages
        .iter()
        .map(|m| MessageRecord::new(m, &catalog))
        .collect();
    print::messages(&records, args.json)
}

/// Up to `limit` messages of `feed` (older than `older_than` when given), newest first.
async fn read(
    client: &Client,
    feed: &api::Feed,
    limit: usize,
    mut older_than: Option<u64>,
) -> Result<(Catalog, Vec<Message>), LaunchError> {
    let mut catalog = Catalog::default();
    let mut messages: Vec<Message> = Vec::new();
    while messages.len() < limit {
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
        let oldest = page.messages.iter().map(|m| m.id.0).min();
        messages.extend(page.messages.iter().cloned());
        let more = page.meta.older_available;
        catalog.absorb(page);
        match oldest {
            // A server that repeats itself must not keep us here.
            Some(oldest) if more && older_than.is_none_or(|o| oldest < o) => {
                older_than = Some(oldest);
            }
            _ => break,
        }
    }
    messages.truncate(limit);
    Ok((catalog, messages))
}
