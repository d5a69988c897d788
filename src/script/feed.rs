//! `kring feed`: the newest messages of a feed or community, newest first, paging back with
//! `older_than` until `--limit` messages are read or the feed ends.

use crate::api::{Client, PageQuery};
use crate::cli::{FeedArgs, FeedName};
use crate::domain::convert::page_from_envelope;
use crate::domain::{Catalog, Feed, GroupId, Message, UserId};
use crate::launch::error::LaunchError;

use super::print;
use super::shape::MessageRecord;

/// Most messages one page asks for (Yammer's own maximum).
const PAGE_SIZE: u32 = 20;
/// Most messages one run prints, whatever `--limit` says.
pub const MAX_LIMIT: usize = 1_000;

/// The feed `args` names: the one place the command line's feed names become the client's.
pub fn feed_of(args: &FeedArgs) -> Feed {
    if let Some(group) = args.group {
        return Feed::Community(GroupId(group));
    }
    if let Some(user) = args.from {
        return Feed::FromUser(UserId(user));
    }
    match args.feed {
        FeedName::My => Feed::MyFeed,
        FeedName::All => Feed::AllCompany,
        FeedName::Following => Feed::Following,
        FeedName::Received => Feed::Inbox,
        FeedName::Private => Feed::Private,
        FeedName::Sent => Feed::Sent,
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
    feed: &Feed,
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
