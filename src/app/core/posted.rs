//! The answer to a send: on success the editor closes and the new message shows where it went;
//! on failure the draft stays open with the reason.

use super::effect::Effect;
use super::state::State;
use crate::api::ApiError;
use crate::domain::{Feed, Page};
use crate::overlays::compose::ComposeTarget;
use crate::panes::notice::Notice;
use crate::panes::request::RequestId;

/// Applies the result of the post request `req`.
pub fn apply(state: &mut State, req: RequestId, result: Result<Page, ApiError>) -> Vec<Effect> {
    let now = state.session.now;
    let Some(compose) = state.compose_mut().filter(|c| c.sending == Some(req)) else {
        return Vec::new();
    };
    compose.sending = None;
    match result {
        Err(error) => {
            // The compose box shows a fixed line and nothing resends by itself: a rate limit
            // says so without a countdown that would stand still.
            compose.error = Some(match error {
                ApiError::RateLimited { .. } => {
                    "Sending failed: rate limited by the server; send again in a moment".to_owned()
                }
                error => Notice::from_api("Sending failed", &error, now).text,
            });
            Vec::new()
        }
        Ok(page) => {
            let target = compose.target.clone();
            let sent = vec![Effect::DeleteDraft(compose.draft_for())];
            state.overlay = None;
            let posted = page.messages.first().map(|m| (m.id, m.thread, m.community));
            state.catalog.absorb(page);
            let Some((id, thread, community)) = posted else {
                return sent;
            };
            let text = match target {
                ComposeTarget::Reply { .. } => "Reply sent",
                ComposeTarget::NewPost { .. } => "Posted",
                ComposeTarget::Direct { .. } => "Message sent",
            };
            state.notice.show(Notice::info(text, state.session.now));
            // The new thread (or the thread's new activity) shows in the feeds it belongs to.
            let feeds = [state.timeline.current, community.map(Feed::Community)];
            for feed in feeds.into_iter().flatten() {
                if state.timeline.feed(feed).is_some() {
                    state
                        .timeline
                        .feed_mut(feed)
                        .merge([thread], &state.catalog);
                }
            }
            if state.thread.thread == Some(thread) {
                state.thread.rebuild(&state.catalog);
                state.thread.select(id);
            }
            sent
        }
    }
}
