//! `kring feed`: the newest messages of a feed or community, newest first, paging back with
//! `older_than` until `--limit` messages are read or the feed ends.

use crate::api::Client;
use crate::cli::{FeedArgs, FeedName};
use crate::domain::{Catalog, Feed, GroupId, Message, UserId};
use crate::launch::error::LaunchError;
use crate::social::read::{Pages, pages_back};

use super::print;
use super::shape::MessageRecord;

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
    older_than: Option<u64>,
) -> Result<(Catalog, Vec<Message>), LaunchError> {
    let Pages {
        mut messages,
        catalog,
        ..
    } = pages_back(client, feed, older_than, limit, None).await?;
    messages.truncate(limit);
    Ok((catalog, messages))
}
