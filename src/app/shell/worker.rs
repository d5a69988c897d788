//! The worker: runs network effects as tokio tasks on one shared `api::Client` and sends each
//! result back as a [`Msg::Api`]. It converts DTOs to domain pages off the UI path and never
//! touches the state; stale answers are recognised by `update` through their request ids, and a
//! fetch `update` cancels (`Effect::Cancel`) is aborted here.

use std::collections::HashMap;

use tokio::sync::mpsc::UnboundedSender;
use tokio::task::AbortHandle;

use crate::api::Client;
use crate::app::core::effect::Effect;
use crate::app::core::msg::{ApiMsg, Msg};
use crate::app::shell::cache::CacheWriter;
use crate::app::shell::requests::{
    my_communities, new_message, page_query, unseen, whole_thread, whole_thread_envelope,
};
use crate::domain::convert::{community, page_from_envelope, person};
use crate::overlays::search::SearchEffect;
use crate::panes::outbox::effect::{OutboxEffect, OutboxMsg};
use crate::panes::request::RequestId;

/// Runs network effects.
pub struct Worker {
    client: Client,
    results: UnboundedSender<Msg>,
    /// Where fetched pages, threads, users and communities are kept for the next start.
    cache: Option<CacheWriter>,
    /// Fetches that carry a request id, so `Effect::Cancel` can abort them.
    running: HashMap<RequestId, AbortHandle>,
}

impl Worker {
    /// A worker sending results to `results`.
    pub fn new(client: Client, results: UnboundedSender<Msg>) -> Self {
        Self {
            client,
            results,
            cache: None,
            running: HashMap::new(),
        }
    }

    /// The same worker, also writing what it fetches into the cache.
    #[must_use]
    pub fn with_cache(mut self, cache: CacheWriter) -> Self {
        self.cache = Some(cache);
        self
    }

    /// Starts `effect` if it is a network effect, or aborts the request it cancels; returns it
    /// back otherwise (the run loop handles terminal and process effects itself).
    pub fn run(&mut self, effect: Effect) -> Option<Effect> {
        self.running.retain(|_, task| !task.is_finished());
        let req = match &effect {
            Effect::Cancel(req) => {
                if let Some(task) = self.running.remove(req) {
                    task.abort();
                }
                return None;
            }
            Effect::FetchFeed { req, .. }
            | Effect::FetchThread { req, .. }
            | Effect::Search(SearchEffect::Server { req, .. }) => Some(*req),
            Effect::People(people) => people.cancellable(),
            _ => None,
        };
        let started = self.start(effect);
        if let (Some(req), Ok(Some(task))) = (req, &started) {
            self.running.insert(req, task.clone());
        }
        started.err()
    }

    /// How many cancellable requests are still running.
    pub fn running(&self) -> usize {
        self.running.values().filter(|t| !t.is_finished()).count()
    }

    /// Starts a network effect (with the task's handle, when it is one task); gives back any
    /// other effect.
    fn start(&self, effect: Effect) -> Result<Option<AbortHandle>, Effect> {
        let client = self.client.clone();
        let results = self.results.clone();
        let cache = self.cache.clone();
        let send = move |msg: ApiMsg| {
            // The loop has gone away only when kring is exiting; the result no longer matters.
            let _ = results.send(Msg::Api(msg));
        };
        Ok(match effect {
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
            Effect::Search(SearchEffect::Server { req, query }) => {
                let results = self.results.clone();
                // The loop has gone away only when kring is exiting.
                let answer = move |m| drop(results.send(Msg::Search(Box::new(m))));
                Some(crate::overlays::search::worker::start(
                    client, answer, req, query,
                ))
            }
            Effect::People(effect) => {
                let results = self.results.clone();
                // The loop has gone away only when kring is exiting; the answer no longer matters.
                let answer = move |answer| {
                    let _ = results.send(Msg::People(answer));
                };
                crate::panes::people::worker::start(client, answer, cache, effect)
            }
            Effect::Discover(effect) => {
                let results = self.results.clone();
                crate::panes::communities::discover::worker::start(client, effect, move |answer| {
                    // The loop has gone away only when kring is exiting; the answer no longer
                    // matters.
                    let _ = results.send(Msg::Discover(answer));
                });
                None
            }
            Effect::Outbox(OutboxEffect::FetchSent { thread }) => {
                let results = self.results.clone();
                spawn(async move {
                    let result = whole_thread(&client, thread).await;
                    let _ = results.send(Msg::Outbox(OutboxMsg::SentThread { thread, result }));
                })
            }
            Effect::Guidelines(effect) => {
                let results = self.results.clone();
                // The loop has gone only when kring is leaving; the answer no longer matters.
                let answer = move |msg| {
                    let _ = results.send(Msg::Guidelines(msg));
                };
                crate::overlays::guidelines::worker::start(client, answer, effect);
                None
            }
            Effect::Health(effect) => {
                let results = self.results.clone();
                let answer = move |m| results.send(Msg::Health(Box::new(m))).is_ok();
                crate::panes::health::worker::start(client, answer, effect);
                None
            }
            Effect::Questions(effect) => {
                let results = self.results.clone();
                // The loop has gone away only when kring is exiting; the answer no longer matters.
                let answer = move |m| drop(results.send(Msg::Questions(m)));
                crate::panes::questions::effect::start(client, answer, effect);
                None
            }
            other => return Err(other),
        })
    }
}

fn spawn(task: impl Future<Output = ()> + Send + 'static) -> Option<AbortHandle> {
    Some(tokio::spawn(task).abort_handle())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::ThreadId;

    #[tokio::test]
    async fn a_cancelled_fetch_is_aborted_and_never_answers() {
        use tokio::io::AsyncReadExt;
        use tokio::time::{Duration, timeout};
        // A server that takes the request, never answers, and reports when the client hangs up.
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
            .await
            .expect("bind");
        let base = format!("http://{}/api/v1", listener.local_addr().expect("address"));
        let (asked, asked_rx) = tokio::sync::oneshot::channel();
        let server = tokio::spawn(async move {
            let (mut socket, _) = listener.accept().await.expect("accept");
            let mut buffer = [0_u8; 4096];
            let _ = socket.read(&mut buffer).await;
            let _ = asked.send(());
            while socket.read(&mut buffer).await.is_ok_and(|n| n > 0) {}
        });
        let client = Client::new(&base, "token").expect("client");
        let (tx, mut rx) = tokio::sync::mpsc::unbounded_channel();
        let mut worker = Worker::new(client, tx);
        let req = RequestId(1);
        let fetch = Effect::FetchThread {
            req,
            thread: ThreadId(5),
        };
        assert_eq!(worker.run(fetch), None);
        assert_eq!(worker.running(), 1);
        let wait = Duration::from_secs(10);
        timeout(wait, asked_rx)
            .await
            .expect("the request reached the server")
            .expect("asked");
        assert_eq!(worker.run(Effect::Cancel(req)), None);
        assert_eq!(worker.running(), 0);
        timeout(wait, server)
            .await
            .expect("the aborted request hung up")
            .expect("server task");
        assert!(rx.try_recv().is_err(), "an aborted fetch sends nothing");
    }
}
