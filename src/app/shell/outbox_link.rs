//! The run loop's side of the outbox: starts the delivery engine with its event channel
//! forwarded into the loop's messages, and carries out [`OutboxEffect`]s on the engine's
//! handle. Store work is quick and awaited in the loop, so a post is on disk before the next
//! frame shows the editor closed. Decides nothing about what the user sees.

use tokio::sync::mpsc::{self, UnboundedSender};
use tokio::sync::watch;

use crate::app::core::msg::Msg;
use crate::delivery::{Delivery, DeliveryEvent, OutboxHandle};
use crate::panes::outbox::effect::{OutboxEffect, OutboxMsg};

/// Room for engine events not yet forwarded; the engine waits when it is full.
const EVENT_QUEUE: usize = 64;

/// What the TUI starts with: a delivery engine, or the reason there is none.
#[derive(Debug)]
pub enum OutboxStart {
    Engine(Delivery),
    Unavailable(String),
}

/// The loop's handle on the running engine (none: posts go out directly).
#[derive(Clone, Debug, Default)]
pub struct OutboxLink {
    handle: Option<OutboxHandle>,
    /// Becomes true once the engine's loop has returned.
    stopped: Option<watch::Receiver<bool>>,
}

impl OutboxLink {
    /// Starts the engine (if any) on the current runtime, its events becoming
    /// [`Msg::Outbox`] on `messages`. Returns the link and the message announcing the start.
    /// The engine stops once the loop's message receiver is gone.
    pub fn start(start: OutboxStart, messages: UnboundedSender<Msg>) -> (Self, OutboxMsg) {
        let delivery = match start {
            OutboxStart::Engine(delivery) => delivery,
            OutboxStart::Unavailable(reason) => {
                return (Self::default(), OutboxMsg::Started(Err(reason)));
            }
        };
        let handle = delivery.handle();
        let (events, received) = mpsc::channel(EVENT_QUEUE);
        let (done, stopped) = watch::channel(false);
        tokio::spawn(async move {
            delivery.run(events).await;
            let _ = done.send(true);
        });
        tokio::spawn(forward(received, messages));
        (
            Self {
                handle: Some(handle),
                stopped: Some(stopped),
            },
            OutboxMsg::Started(Ok(())),
        )
    }

    /// Waits up to `wait` for the engine to stop, which it does between steps once the loop's
    /// message receiver is gone (a request in flight is still recorded). Says whether it has.
    pub async fn stopped(&self, wait: std::time::Duration) -> bool {
        let Some(stopped) = &self.stopped else {
            return true;
        };
        let mut stopped = stopped.clone();
        let done = stopped.wait_for(|done| *done);
        tokio::time::timeout(wait, done).await.is_ok()
    }

    /// Carries out `effect`; the answers to apply, in order.
    pub async fn carry_out(&self, effect: OutboxEffect) -> Vec<OutboxMsg> {
        let Some(handle) = &self.handle else {
            return match effect {
                OutboxEffect::Enqueue { draft_for, body } => vec![OutboxMsg::Enqueued {
                    draft_for,
                    body,
                    result: Err("there is no outbox".to_owned()),
                }],
                _ => Vec::new(),
            };
        };
        let mut answers = match effect {
            OutboxEffect::Enqueue { draft_for, body } => {
                let target = crate::app::shell::drafts::target(draft_for);
                let result = match handle.enqueue(target, &body, &[]).await {
                    Ok(local_id) => handle
                        .item(local_id)
                        .await
                        .map_err(|e| e.to_string())
                        .and_then(|item| item.ok_or_else(|| "it vanished".to_owned())),
                    Err(error) => Err(error.to_string()),
                };
                return vec![OutboxMsg::Enqueued {
                    draft_for,
                    body,
                    result,
                }];
            }
            OutboxEffect::Replace {
                local_id,
                draft_for,
                body,
            } => replace(handle, local_id, draft_for, body).await,
            OutboxEffect::Cancel(local_id) => match handle.cancel(local_id).await {
                Ok(_) => vec![OutboxMsg::Done(
                    "Cancelled; the post was not sent".to_owned(),
                )],
                Err(error) => vec![refused("Cancelling the post", &error)],
            },
            OutboxEffect::Retry(local_id) => match handle.retry(local_id).await {
                Ok(_) => vec![OutboxMsg::Done("Queued again".to_owned())],
                Err(error) => vec![refused("Retrying the post", &error)],
            },
            OutboxEffect::RetryAll => match handle.retry_now().await {
                Ok(_) => Vec::new(),
                Err(error) => vec![refused("Retrying the queue", &error)],
            },
            OutboxEffect::Reload => Vec::new(),
            // A request: the worker's.
            OutboxEffect::FetchSent { .. } => return Vec::new(),
        };
        answers.push(OutboxMsg::Items(
            handle.items().await.map_err(|e| e.to_string()),
        ));
        answers
    }
}

/// New text for a queued or refused post; a refused one goes back in the queue.
async fn replace(
    handle: &OutboxHandle,
    local_id: i64,
    draft_for: crate::app::core::effect::DraftFor,
    body: String,
) -> Vec<OutboxMsg> {
    let edited = match handle.edit(local_id, &body).await {
        Ok(item) => item,
        Err(error) => {
            return vec![OutboxMsg::Refused {
                doing: "Changing the post".to_owned(),
                reason: error.to_string(),
                reopen: Some((local_id, draft_for, body)),
            }];
        }
    };
    if matches!(edited.state, crate::store::OutboxState::Failed { .. })
        && let Err(error) = handle.retry(local_id).await
    {
        return vec![refused("Queueing the changed post", &error)];
    }
    vec![OutboxMsg::Done(
        "Changed; the new text will be sent".to_owned(),
    )]
}

fn refused(doing: &str, error: &crate::delivery::DeliveryError) -> OutboxMsg {
    OutboxMsg::Refused {
        doing: doing.to_owned(),
        reason: error.to_string(),
        reopen: None,
    }
}

/// Passes engine events on until either side is gone; dropping `events` then stops the engine.
async fn forward(mut events: mpsc::Receiver<DeliveryEvent>, messages: UnboundedSender<Msg>) {
    loop {
        tokio::select! {
            event = events.recv() => match event {
                Some(event) => {
                    if messages.send(Msg::Outbox(OutboxMsg::Event(event))).is_err() {
                        return;
                    }
                }
                None => return,
            },
            () = messages.closed() => return,
        }
    }
}
