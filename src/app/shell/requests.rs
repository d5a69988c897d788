//! The API calls behind the core's effects, shaped for the worker: the query for a page of a
//! threaded feed, the API form of a post, every message of a thread paged together, the
//! user's communities and the network's unseen counts. No state, no channels.

use crate::api::dto::MessagesEnvelope;
use crate::api::{self, ApiError, Client, GroupQuery, NewMessage, PageQuery, Threaded};
use crate::app::core::effect::{FeedPage, OutgoingPost};
use crate::domain::convert::page_from_envelope;
use crate::domain::{Feed, Page, ThreadId};

/// Threads per feed page.
const FEED_PAGE_SIZE: u32 = 20;
/// Messages per `in_thread` page (the server's fixed page size).
const THREAD_PAGE_SIZE: usize = 20;
/// At most this many `in_thread` pages are fetched for one thread.
const MAX_THREAD_PAGES: usize = 10;
/// At most this many pages of the user's communities are fetched.
const MAX_GROUP_PAGES: u32 = 5;
/// Communities per `groups.json` page.
const GROUP_PAGE_SIZE: usize = 50;

/// The unseen counts of a network.
pub(super) fn unseen(network: &crate::api::dto::Network) -> crate::app::core::unread::UnseenCounts {
    crate::app::core::unread::UnseenCounts {
        messages: network.unseen_message_count,
        inbox_threads: network.inbox_unseen_thread_count,
        private_threads: network.private_unseen_thread_count,
        notifications: network.unseen_notification_count,
    }
}

/// The query for one page of a threaded feed.
pub fn page_query(page: FeedPage) -> PageQuery {
    let (older_than, newer_than) = match page {
        FeedPage::Latest => (None, None),
        FeedPage::Older(id) => (Some(id.0), None),
        FeedPage::Newer(id) => (None, Some(id.0)),
    };
    PageQuery {
        older_than,
        newer_than,
        threaded: Some(Threaded::Extended),
        limit: Some(FEED_PAGE_SIZE),
    }
}

/// The API form of a post.
pub fn new_message(post: &OutgoingPost) -> NewMessage {
    NewMessage {
        body: post.body.clone(),
        group_id: post.community.map(|g| g.0),
        replied_to_id: post.replied_to.map(|m| m.0),
        direct_to_user_ids: post.direct_to.iter().map(|u| u.0).collect(),
        topics: Vec::new(),
    }
}

/// Every message of a thread, paging `in_thread` until a short page (bounded).
pub async fn whole_thread(client: &Client, thread: ThreadId) -> Result<Page, ApiError> {
    whole_thread_envelope(client, thread)
        .await
        .map(|envelope| page_from_envelope(&envelope))
}

/// [`whole_thread`] as the one envelope the pages make together (what the cache keeps).
pub(super) async fn whole_thread_envelope(
    client: &Client,
    thread: ThreadId,
) -> Result<MessagesEnvelope, ApiError> {
    let mut all = MessagesEnvelope::default();
    let mut older_than: Option<u64> = None;
    for _ in 0..MAX_THREAD_PAGES {
        let query = PageQuery {
            older_than,
            ..PageQuery::default()
        };
        let envelope = client.feed(&Feed::Thread(thread), &query).await?;
        let count = envelope.messages.len();
        let oldest = envelope.messages.iter().map(|m| m.id).min();
        if all.meta == api::dto::Meta::default() {
            all.meta = envelope.meta;
        }
        all.messages.extend(envelope.messages);
        all.references.extend(envelope.references);
        match oldest {
            Some(oldest) if count >= THREAD_PAGE_SIZE && older_than.is_none_or(|o| oldest < o) => {
                older_than = Some(oldest);
            }
            _ => break,
        }
    }
    Ok(all)
}

/// The user's communities (a few pages of 50 at most).
pub(super) async fn my_communities(client: &Client) -> Result<Vec<api::dto::Group>, ApiError> {
    let mut all = Vec::new();
    for page in 1..=MAX_GROUP_PAGES {
        let query = GroupQuery {
            page: Some(page),
            mine: true,
            ..GroupQuery::default()
        };
        let groups = client.groups(&query).await?;
        let full = groups.len() >= GROUP_PAGE_SIZE;
        all.extend(groups);
        if !full {
            break;
        }
    }
    Ok(all)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::MessageId;

    #[test]
    fn pages_ask_for_threaded_extended_with_the_right_cursor() {
        let older = page_query(FeedPage::Older(MessageId(50)));
        assert_eq!(older.older_than, Some(50));
        assert_eq!(older.newer_than, None);
        assert_eq!(older.threaded, Some(Threaded::Extended));
        assert_eq!(
            page_query(FeedPage::Newer(MessageId(9))).newer_than,
            Some(9)
        );
    }

    #[test]
    fn replies_and_posts_become_the_right_form() {
        let post = OutgoingPost {
            body: "hi".into(),
            community: None,
            replied_to: Some(MessageId(4)),
            direct_to: Vec::new(),
        };
        let message = new_message(&post);
        assert_eq!(message.replied_to_id, Some(4));
        assert_eq!(message.group_id, None);
    }
}
