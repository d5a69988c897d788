//! Applying effect results: merge what arrived, drop what is stale, revert what failed, and say
//! so on the status line. The last good content always stays.

use super::effect::Effect;
use super::effect::FeedPage;
use super::msg::ApiMsg;
use super::state::State;
use crate::api::ApiError;
use crate::domain::{Feed, MessageId, Page, ThreadId};
use crate::panes::load::Load;
use crate::panes::notice::Notice;
use crate::panes::timeline;

/// Applies one result.
pub fn apply(state: &mut State, msg: ApiMsg) -> Vec<Effect> {
    match msg {
        ApiMsg::CurrentUser(Ok(person)) => {
            state.catalog.me = Some(person.id);
            state.catalog.absorb(Page {
                people: vec![person],
                ..Page::default()
            });
        }
        ApiMsg::CurrentUser(Err(error)) => fail(state, "Signing in", &error),
        ApiMsg::Communities(Ok(communities)) => {
            let ids = communities.iter().map(|c| c.id).collect();
            for community in communities {
                state.catalog.upsert_community(community);
            }
            state.communities.set_mine(ids, &state.catalog);
            state.communities.load = Load::Idle;
            return super::route::discover::mine_loaded(state);
        }
        ApiMsg::Communities(Err(error)) => fail(state, "Loading communities", &error),
        ApiMsg::Unseen(Ok(counts)) => state.unread.set_unseen(counts),
        // The counts are a hint: without them the client's own counts stand, and a server
        // without `networks/current` is no reason to bother the user.
        ApiMsg::Unseen(Err(error)) => tracing::debug!(%error, "no unseen counts"),
        ApiMsg::Feed {
            req,
            feed,
            page,
            result,
        } => return feed_loaded(state, req, feed, page, result),
        ApiMsg::Thread {
            req,
            thread,
            result,
        } => thread_loaded(state, req, thread, result),
        ApiMsg::Posted { req, result } => return super::posted::apply(state, req, result),
        ApiMsg::Liked {
            message,
            previous,
            result: Err(error),
        } => {
            state.catalog.set_likes(message, previous);
            fail(state, "Liking the message", &error);
        }
        ApiMsg::Liked { result: Ok(()), .. } => {}
        ApiMsg::Deleted {
            message,
            result: Ok(()),
        } => deleted(state, message),
        ApiMsg::Deleted {
            result: Err(error), ..
        } => fail(state, "Deleting the message", &error),
    }
    Vec::new()
}

fn feed_loaded(
    state: &mut State,
    req: crate::panes::request::RequestId,
    feed: Feed,
    page_kind: FeedPage,
    result: Result<Page, ApiError>,
) -> Vec<Effect> {
    let timeline = state.timeline.feed_mut(feed);
    let older = matches!(page_kind, FeedPage::Older(_));
    let load = if older {
        &mut timeline.older
    } else {
        &mut timeline.load
    };
    if !load.awaits(req) {
        return Vec::new();
    }
    match result {
        Ok(page) => {
            *load = Load::Idle;
            let addressed = crate::app::core::addressed_threads::sizes(state);
            let now = state.session.now;
            state
                .session
                .poll
                .set_interval(page.meta.poll_interval_secs, now);
            let reading = state.thread.thread;
            let me = page.meta.current_user.or(state.catalog.me);
            let page = crate::domain::addressed::narrow(feed, page, me, &state.catalog);
            state
                .unread
                .note(Some(feed), page.all_messages(), me, reading);
            let touches_open_thread =
                reading.is_some_and(|t| page.all_messages().any(|m| m.thread == t));
            // Merged first: what the page brings onto the timeline's visible rows is on screen.
            timeline::update::merge_page(
                &mut state.timeline,
                &mut state.catalog,
                feed,
                page_kind,
                page.clone(),
            );
            let mut told = crate::app::core::notify::watch::on_feed_page(state, feed, &page);
            told.extend(crate::app::core::addressed_threads::keep_if_grown(
                state, addressed,
            ));
            if touches_open_thread {
                state.thread.rebuild(&state.catalog);
            }
            // The server's unseen counts are a hint for the feed list, not part of the first
            // screen: asked once My feed is in (at start), then with every poll.
            let mut unseen = told;
            if feed == Feed::MyFeed && matches!(page_kind, FeedPage::Latest) {
                unseen.push(Effect::FetchUnseen);
                unseen.extend(super::route::discover::list_when_due(state));
                unseen.extend(crate::app::core::notify::watch::watch_inbox(state));
            }
            if state.timeline.current == Some(feed) {
                let mut effects = super::route::load_older_if_near_end(state);
                effects.extend(unseen);
                return effects;
            }
            return unseen;
        }
        Err(error) => {
            if let ApiError::RateLimited { retry_after } = &error {
                let wait = retry_after.unwrap_or(std::time::Duration::from_secs(60));
                state.session.poll.back_off(state.session.now, wait);
            }
            *load = Load::Failed(error.to_string());
            fail(state, "Loading the timeline", &error);
        }
    }
    Vec::new()
}

fn thread_loaded(
    state: &mut State,
    req: crate::panes::request::RequestId,
    thread: ThreadId,
    result: Result<Page, ApiError>,
) {
    let failed = crate::panes::thread::update::loaded(
        &mut state.thread,
        &mut state.catalog,
        req,
        thread,
        result,
    );
    if let Some(error) = failed {
        fail(state, "Loading the thread", &error);
    }
}

fn deleted(state: &mut State, id: MessageId) {
    let Some(message) = state.catalog.remove_message(id) else {
        return;
    };
    if message.is_thread_starter() {
        for timeline in state.timeline.all_mut() {
            timeline.remove(message.thread);
        }
        if state.thread.thread == Some(message.thread) {
            state.thread.clear();
        }
    } else {
        state.thread.rebuild(&state.catalog);
    }
    state
        .notice
        .show(Notice::info("Deleted", state.session.now));
}

/// Shows an API failure on the status line.
pub fn fail(state: &mut State, doing: &str, error: &ApiError) {
    state
        .notice
        .show(Notice::from_api(doing, error, state.session.now));
}
