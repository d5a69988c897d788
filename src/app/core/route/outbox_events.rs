//! Applying [`OutboxMsg`]s on the whole state: the engine's events and the answers to outbox
//! effects change the outbox view, the pending posts on screen (through
//! [`super::outbox_placement`]) and the status line, and give a refused edit back to the editor.
//! Also what the client's own requests say about the connection. No I/O.

use chrono::{DateTime, Utc};

use super::compose::target_for;
use super::outbox_placement as placement;
use crate::api::{ApiError, NetworkKind};
use crate::app::core::effect::Effect;
use crate::app::core::msg::ApiMsg;
use crate::app::core::state::State;
use crate::delivery::DeliveryEvent;
use crate::domain::DraftFor;
use crate::input::action::Action;
use crate::overlays::Overlay;
use crate::overlays::compose::Compose;
use crate::panes::notice::Notice;
use crate::panes::outbox::effect::{OutboxEffect, OutboxMsg};
use crate::panes::outbox::{Connection, PendingPost, PendingStatus, PostingMode};
use crate::store::OutboxItem;

/// Applies one message from the outbox.
pub fn apply(state: &mut State, msg: OutboxMsg) -> Vec<Effect> {
    match msg {
        OutboxMsg::Started(Ok(())) => {
            state.outbox.mode = PostingMode::Outbox;
            return vec![Effect::Outbox(OutboxEffect::Reload)];
        }
        OutboxMsg::Started(Err(reason)) => {
            state.outbox.mode = PostingMode::Direct;
            state.notice.show(Notice::warning(format!(
                "No outbox ({reason}): posts are sent directly and are lost if sending fails"
            )));
        }
        OutboxMsg::Event(event) => return on_event(state, event),
        OutboxMsg::Enqueued {
            draft_for,
            body,
            result,
        } => enqueued(state, draft_for, &body, result),
        OutboxMsg::Items(Ok(items)) => replace_posts(state, &items),
        OutboxMsg::Items(Err(reason)) => {
            state
                .notice
                .show(Notice::error(format!("Reading the outbox: {reason}")));
        }
        OutboxMsg::Done(text) => state.notice.show(Notice::info(text, state.session.now)),
        OutboxMsg::Refused {
            doing,
            reason,
            reopen,
        } => {
            let text = format!("{doing}: {reason}");
            match reopen {
                Some((local_id, draft_for, body)) if state.overlay.is_none() => {
                    let target = target_for(&state.catalog, draft_for);
                    let mut compose = Compose::with_text(target, &body);
                    compose.replaces = Some(local_id);
                    compose.error = Some(text);
                    state.overlay = Some(Overlay::Compose(Box::new(compose)));
                }
                _ => state.notice.show(Notice::error(text)),
            }
        }
        OutboxMsg::SentThread { thread, result } => match result {
            Ok(mut page) => {
                // Only the sent posts themselves: the rest of the thread may be older than
                // what the user just did to it (a like on its way).
                let sent: Vec<crate::domain::MessageId> = state
                    .outbox
                    .posts
                    .iter()
                    .filter_map(|p| match p.status {
                        PendingStatus::Sent { server_id } => Some(server_id),
                        _ => None,
                    })
                    .collect();
                page.messages.retain(|m| sent.contains(&m.id));
                page.recent_replies.retain(|m| sent.contains(&m.id));
                state.catalog.absorb(page);
                if state.thread.thread == Some(thread) {
                    state.thread.rebuild(&state.catalog);
                }
                placement::settle_sent(state);
            }
            // The pending post stays, marked sent, until a refresh brings the message in.
            Err(error) => tracing::debug!(%error, "loading a sent post's thread failed"),
        },
    }
    Vec::new()
}

/// Notes what the answer to one of the client's own requests says about the connection.
pub fn observe_api(state: &mut State, msg: &ApiMsg) {
    let failed = match msg {
        ApiMsg::Feed { result, .. } | ApiMsg::Thread { result, .. } => result.as_ref().err(),
        ApiMsg::Communities(result) => result.as_ref().err(),
        _ => return,
    };
    match failed {
        Some(ApiError::Network {
            kind: NetworkKind::Connect,
            ..
        }) => {
            let now = state.session.now;
            let retry_at = later(now, state.session.poll.until_due(now));
            state.outbox.connection = Connection::Offline { retry_at };
        }
        Some(_) => {}
        None => {
            if matches!(state.outbox.connection, Connection::Offline { .. }) {
                state.outbox.connection = Connection::Online;
            }
        }
    }
}

/// Whether the last request or delivery attempt found the server unreachable.
pub fn is_offline(state: &State) -> bool {
    matches!(state.outbox.connection, Connection::Offline { .. })
}

/// After an answer to the client's own request: sent posts whose message arrived make way for
/// it, and when the server answers again after being unreachable, queued posts go now instead
/// of waiting out their backoff.
pub fn after_api(state: &mut State, was_offline: bool) -> Vec<Effect> {
    placement::settle_sent(state);
    let back = was_offline && !is_offline(state);
    if back && state.outbox.mode == PostingMode::Outbox && state.outbox.pending > 0 {
        vec![Effect::Outbox(OutboxEffect::RetryAll)]
    } else {
        Vec::new()
    }
}

fn on_event(state: &mut State, event: DeliveryEvent) -> Vec<Effect> {
    let now = state.session.now;
    let local_id = match &event {
        DeliveryEvent::Queued { local_id }
        | DeliveryEvent::Sending { local_id }
        | DeliveryEvent::Sent { local_id, .. }
        | DeliveryEvent::Failed { local_id, .. }
        | DeliveryEvent::Unknown { local_id, .. } => Some(*local_id),
        _ => None,
    };
    if local_id.is_some_and(|id| state.outbox.post(id).is_none()) {
        // Queued elsewhere (another kring, `kring post`) or not read yet: read the outbox.
        return vec![Effect::Outbox(OutboxEffect::Reload)];
    }
    let mut effects = Vec::new();
    match event {
        DeliveryEvent::Queued { local_id } => set_status(state, local_id, PendingStatus::Queued),
        DeliveryEvent::Sending { local_id } => set_status(state, local_id, PendingStatus::Sending),
        DeliveryEvent::Unknown { local_id, reason } => {
            set_status(state, local_id, PendingStatus::Unknown);
            if let Some(post) = state.outbox.post_mut(local_id) {
                post.last_error = Some(reason);
            }
        }
        DeliveryEvent::Sent {
            local_id,
            server_id,
        } => {
            let server_id = crate::domain::MessageId(server_id);
            set_status(state, local_id, PendingStatus::Sent { server_id });
            state.outbox.connection = Connection::Online;
            if let Some(post) = state.outbox.post(local_id) {
                let text = match post.draft_for {
                    DraftFor::Reply { .. } => "Reply sent",
                    DraftFor::NewPost(_) => "Posted",
                    DraftFor::Direct(_) => "Message sent",
                };
                let thread = match post.draft_for {
                    DraftFor::Reply { thread, .. } => thread,
                    _ => crate::domain::ThreadId(server_id.0),
                };
                state.notice.show(Notice::info(text, now));
                effects.push(Effect::Outbox(OutboxEffect::FetchSent { thread }));
            }
        }
        DeliveryEvent::Failed { local_id, reason } => {
            let key = state
                .keys
                .key_for(&["global"], Action::Outbox)
                .map(|key| format!(" ({key}: outbox)"))
                .unwrap_or_default();
            state.notice.show(Notice::warning(format!(
                "The server refused a post: {reason}{key}"
            )));
            set_status(state, local_id, PendingStatus::Failed { reason });
        }
        DeliveryEvent::Offline { retry_in } => {
            state.outbox.connection = Connection::Offline {
                retry_at: later(now, retry_in),
            };
            attempts_ended(state);
        }
        DeliveryEvent::RateLimited { retry_in } => {
            state.outbox.connection = Connection::RateLimited {
                retry_at: later(now, retry_in),
            };
            attempts_ended(state);
        }
        DeliveryEvent::Blocked { reason, retry_in } => {
            state.outbox.connection = Connection::Blocked {
                reason,
                retry_at: later(now, retry_in),
            };
            attempts_ended(state);
        }
        DeliveryEvent::CountChanged(count) => state.outbox.pending = count,
    }
    effects
}

/// Moves a post to `status`; a post the server has is never moved back (events and a reload
/// may arrive out of order).
/// The engine stopped trying until `retry_at` (offline, rate limited, held up): a post that was
/// on its way waits in the queue again, so it says "queued" while the status bar counts down,
/// not "sending…" for the whole wait.
fn attempts_ended(state: &mut State) {
    for post in &mut state.outbox.posts {
        if post.status == PendingStatus::Sending {
            post.status = PendingStatus::Queued;
        }
    }
}

fn set_status(state: &mut State, local_id: i64, status: PendingStatus) {
    if let Some(post) = state.outbox.post_mut(local_id)
        && !matches!(post.status, PendingStatus::Sent { .. })
    {
        post.status = status;
    }
}

fn enqueued(
    state: &mut State,
    draft_for: DraftFor,
    body: &str,
    result: Result<OutboxItem, String>,
) {
    match result {
        Ok(item) => {
            let post = PendingPost::from_item(&item);
            if state.outbox.post(post.local_id).is_none() {
                state.outbox.posts.push(post.clone());
                state.outbox.pending = state.outbox.pending.max(pending_posts(state));
            }
            placement::place(state, &post);
        }
        Err(reason) => {
            // The text is still in the kept draft; give it back to the user in the editor.
            let target = target_for(&state.catalog, draft_for);
            let mut compose = Compose::with_text(target, body);
            compose.error = Some(format!("Could not queue the post: {reason}"));
            state.overlay = Some(Overlay::Compose(Box::new(compose)));
        }
    }
}

/// Takes the outbox as the store lists it; sent posts already settled are left out, sent
/// posts still on screen stay until their message arrives.
fn replace_posts(state: &mut State, items: &[OutboxItem]) {
    let before = std::mem::take(&mut state.outbox.posts);
    let mut posts = Vec::new();
    for item in items {
        let mut post = PendingPost::from_item(item);
        let earlier = before.iter().find(|p| p.local_id == post.local_id);
        let is_sent = matches!(post.status, PendingStatus::Sent { .. });
        if is_sent && earlier.is_none() {
            continue;
        }
        if let Some(PendingStatus::Sent { server_id }) = earlier.map(|p| &p.status) {
            post.status = PendingStatus::Sent {
                server_id: *server_id,
            };
        }
        posts.push(post);
    }
    state.outbox.posts = posts;
    state.outbox.pending = pending_posts(state);
    placement::sync(state, &before);
}

fn pending_posts(state: &State) -> u64 {
    let count = state.outbox.posts.iter().filter(|p| p.is_pending()).count();
    u64::try_from(count).unwrap_or(u64::MAX)
}

/// `now` plus `duration`, saturating far in the future.
fn later(now: DateTime<Utc>, duration: std::time::Duration) -> DateTime<Utc> {
    chrono::Duration::from_std(duration)
        .ok()
        .and_then(|d| now.checked_add_signed(d))
        .unwrap_or(DateTime::<Utc>::MAX_UTC)
}
