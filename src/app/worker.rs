//! The worker: runs network effects as tokio tasks on one shared `api::Client` and sends each
//! result back as a [`Msg::Api`]. It converts DTOs to domain pages off the UI path and never
//! touches the state; stale answers are recognised by `update` through their request ids.

use tokio::sync::mpsc::UnboundedSender;

use super::cache::CacheWriter;
use super::effect::{Effect, FeedPage, OutgoingPost};
use super::msg::{ApiMsg, Msg};
use super::outbox::effect::{OutboxEffect, OutboxMsg};
use crate::api::dto::MessagesEnvelope;
use crate::api::{self, ApiError, Client, GroupQuery, NewMessage, PageQuery, Threaded};
use crate::domain::convert::{community, page_from_envelope, person};
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

/// Runs network effects.
#[derive(Clone)]
pub struct Worker {
    client: Client,
    results: UnboundedSender<Msg>,
    /// Where fetched pages, threads, users and communities are kept for the next start.
    cache: Option<CacheWriter>,
}

impl Worker {
    /// A worker sending results to `results`.
    pub fn new(client: Client, results: UnboundedSender<Msg>) -> Self {
        Self {
            client,
            results,
            cache: None,
        }
    }

    /// The same worker, also writing what it fetches into the cache.
    #[must_use]
    pub fn with_cache(mut self, cache: CacheWriter) -> Self {
        self.cache = Some(cache);
        self
    }

    /// Starts `effect` if it is a network effect; returns it back otherwise (the run loop
    /// handles terminal and process effects itself).
    pub fn run(&self, effect: Effect) -> Option<Effect> {
        let client = self.client.clone();
        let results = self.results.clone();
        let cache = self.cache.clone();
        let send = move |msg: ApiMsg| {
            // The loop has gone away only when kring is exiting; the result no longer matters.
            let _ = results.send(Msg::Api(msg));
        };
        match effect {
            Effect::FetchCurrentUser => spawn(async move {
                let result = client.current_user().await;
                if let (Ok(user), Some(cache)) = (&result, &cache) {
                    cache.put_me(user.clone());
                }
                send(ApiMsg::CurrentUser(result.map(|u| person(&u))));
            }),
            Effect::FetchCommunities => spawn(async move {
                let result = my_communities(&client).await;
                if let (Ok(groups), Some(cache)) = (&result, &cache) {
                    cache.put_my_groups(groups.clone());
                }
                send(ApiMsg::Communities(
                    result.map(|groups| groups.iter().map(community).collect()),
                ));
            }),
            Effect::FetchUnseen => spawn(async move {
                // Background: counts are worth less than anything the user waits for.
                let result = client.background().network().await;
                send(ApiMsg::Unseen(
                    result.map(|n| n.as_ref().map(unseen).unwrap_or_default()),
                ));
            }),
            Effect::FetchFeed { req, feed, page } => spawn(async move {
                let result = client.feed(&feed, &page_query(page)).await;
                let result = result.map(|envelope| {
                    let page = page_from_envelope(&envelope);
                    if let Some(cache) = &cache {
                        cache.put_feed(feed, envelope);
                    }
                    page
                });
                send(ApiMsg::Feed {
                    req,
                    feed,
                    page,
                    result,
                });
            }),
            Effect::FetchThread { req, thread } => spawn(async move {
                let result = whole_thread_envelope(&client, thread)
                    .await
                    .map(|envelope| {
                        let page = page_from_envelope(&envelope);
                        if let Some(cache) = &cache {
                            cache.put_thread(thread, envelope);
                        }
                        page
                    });
                send(ApiMsg::Thread {
                    req,
                    thread,
                    result,
                });
            }),
            Effect::PostMessage { req, post } => spawn(async move {
                let result = client.post_message(&new_message(&post)).await;
                send(ApiMsg::Posted {
                    req,
                    result: result.map(|e| page_from_envelope(&e)),
                });
            }),
            Effect::SetLike {
                message,
                like,
                previous,
            } => spawn(async move {
                let result = if like {
                    client.like(message.0).await
                } else {
                    client.unlike(message.0).await
                };
                send(ApiMsg::Liked {
                    message,
                    previous,
                    result,
                });
            }),
            Effect::DeleteMessage { message } => spawn(async move {
                let result = client.delete_message(message.0).await;
                if let (Ok(()), Some(cache)) = (&result, &cache) {
                    cache.forget(message);
                }
                send(ApiMsg::Deleted { message, result });
            }),
            Effect::People(effect) => {
                crate::panes::people::worker::start(client, self.results.clone(), cache, effect);
            }
            Effect::Outbox(OutboxEffect::FetchSent { thread }) => {
                let results = self.results.clone();
                spawn(async move {
                    let result = whole_thread(&client, thread).await;
                    let _ = results.send(Msg::Outbox(OutboxMsg::SentThread { thread, result }));
                });
            }
            other => return Some(other),
        }
        None
    }
}

fn spawn(task: impl Future<Output = ()> + Send + 'static) {
    tokio::spawn(task);
}

/// The unseen counts of a network.
fn unseen(network: &crate::api::dto::Network) -> super::unread::UnseenCounts {
    super::unread::UnseenCounts {
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
async fn whole_thread_envelope(
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
async fn my_communities(client: &Client) -> Result<Vec<api::dto::Group>, ApiError> {
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
