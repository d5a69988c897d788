//! Routing between the panes and overlays: the timeline and thread panes, and the health,
//! questions, catch-up, links and outbox views ([`health`], [`questions`], [`catchup`],
//! [`links`], [`outbox`]), the tour, guidelines, profile form and palette ([`tour`],
//! [`guidelines`], [`profile_edit`], [`palette`]), work on their own state and return an
//! outcome; [`overlay`] hands the open overlay its keys. Here each outcome
//! becomes changes to the rest of the state (focus, the feed list's selection, unread marks,
//! overlays, notices) and effects.
//! Whatever opens a feed or a thread, from any pane or overlay, comes through here; so do
//! actions on one message ([`message`]) and `n` ([`next_unread`]), and the outbox's news
//! ([`outbox_events`], showing pending posts with [`outbox_placement`]).

pub mod catchup;
pub mod communities;
pub mod compose;
pub mod discover;
pub mod guidelines;
pub mod health;
pub mod links;
pub mod message;
pub mod mouse;
pub mod next_unread;
pub mod outbox;
pub mod outbox_events;
pub mod outbox_placement;
pub mod overlay;
pub mod palette;
pub mod people;
pub mod profile_edit;
pub mod questions;
pub mod search;
pub mod start_here;
pub mod tour;

use crate::app::core::effect::Effect;
use crate::app::core::state::State;
use crate::domain::{Feed, ThreadId};
use crate::input::action::Action;
use crate::overlays::compose::ComposeTarget;
use crate::panes::PaneId;
use crate::panes::thread::update::{self as thread, ThreadCtx, ThreadOutcome};
use crate::panes::timeline::update::{self as timeline, FeedFetch, TimelineOutcome};

impl From<FeedFetch> for Effect {
    fn from(fetch: FeedFetch) -> Self {
        Self::FetchFeed {
            req: fetch.req,
            feed: fetch.feed,
            page: fetch.page,
        }
    }
}

/// Handles `action` when the timeline has focus; `None` leaves it to the global handler.
pub fn timeline_action(state: &mut State, action: Action) -> Option<Vec<Effect>> {
    let rows = state.pane_rows(PaneId::Timeline);
    let outcome = timeline::handle(
        &mut state.timeline,
        rows,
        &mut state.session.requests,
        action,
    )?;
    Some(match outcome {
        TimelineOutcome::Done(fetch) => fetch.into_iter().map(Effect::from).collect(),
        TimelineOutcome::OpenThread(thread) => {
            state.focus = PaneId::Thread;
            open_thread(state, thread)
        }
        TimelineOutcome::Message(action, id) => message::act(state, action, id),
        TimelineOutcome::Compose => compose_new(state),
    })
}

/// Handles `action` when the thread pane has focus; `None` leaves it to the global handler.
pub fn thread_action(state: &mut State, action: Action) -> Option<Vec<Effect>> {
    let ctx = ThreadCtx {
        catalog: &state.catalog,
        rows: state.pane_rows(PaneId::Thread),
    };
    let outcome = thread::handle(&mut state.thread, ctx, action)?;
    Some(match outcome {
        ThreadOutcome::Done => Vec::new(),
        ThreadOutcome::Message(action, id) => message::act(state, action, id),
        ThreadOutcome::Compose(feed) => compose_in(state, feed),
    })
}

/// Shows `feed` in the timeline (and selects it in the communities pane): cached threads at
/// once, and a fetch of the first page if the feed was never loaded.
pub fn open_feed(state: &mut State, feed: Feed) -> Vec<Effect> {
    state.communities.selected = feed;
    state.communities.start_here.cursor = None;
    let req = state.next_request();
    timeline::open_feed(&mut state.timeline, feed, req)
        .into_iter()
        .map(Effect::from)
        .collect()
}

/// A refresh of the shown feed: what is newer than the newest message seen (or the first page).
pub fn poll_feed(state: &mut State) -> Vec<Effect> {
    timeline::poll(&mut state.timeline, &mut state.session.requests)
        .into_iter()
        .map(Effect::from)
        .collect()
}

/// Fetches the next older page of the shown feed when the selection nears its end.
pub fn load_older_if_near_end(state: &mut State) -> Vec<Effect> {
    timeline::load_older_if_near_end(&mut state.timeline, &mut state.session.requests)
        .into_iter()
        .map(Effect::from)
        .collect()
}

/// Opens `thread` in the thread pane: what is cached shows at once, and the whole thread is
/// fetched. Opening marks it read.
pub fn open_thread(state: &mut State, thread: ThreadId) -> Vec<Effect> {
    let before = state.thread.load.clone();
    state.thread.open(thread, &state.catalog);
    state.unread.open_thread(thread);
    fetch_thread(state, &before)
}

/// Fetches the open thread again (on refresh, or when the server can be reached again).
pub fn reload_thread(state: &mut State) -> Vec<Effect> {
    let before = state.thread.load.clone();
    fetch_thread(state, &before)
}

/// A fetch the pane no longer waits for is cancelled, ahead of what replaced it.
fn fetch_thread(state: &mut State, before: &crate::panes::load::Load) -> Vec<Effect> {
    // A post still in the outbox: the server has nothing to load yet.
    let fetch = match state.thread.thread {
        Some(t) if !crate::panes::outbox::is_pending_thread(t) => {
            let req = state.next_request();
            thread::start_fetch(&mut state.thread, req).map(|thread| (req, thread))
        }
        _ => None,
    };
    let cancel = thread::superseded(before, &state.thread).map(Effect::Cancel);
    cancel
        .into_iter()
        .chain(fetch.map(|(req, thread)| Effect::FetchThread { req, thread }))
        .collect()
}

/// Opens the compose overlay for a new post in the shown feed's community.
pub fn compose_new(state: &mut State) -> Vec<Effect> {
    let feed = state.timeline.current.unwrap_or(state.communities.selected);
    compose_in(state, feed)
}

/// Opens the compose overlay for a new post in `feed`'s community (All Company otherwise).
pub fn compose_in(state: &mut State, feed: Feed) -> Vec<Effect> {
    let community = feed.community();
    let label = community
        .and_then(|g| state.catalog.community(g))
        .map_or_else(|| "All Company".to_owned(), |c| c.name.to_string());
    let target = ComposeTarget::NewPost { community, label };
    compose::open(state, target)
}
