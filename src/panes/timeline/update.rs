//! Transitions of the timeline pane: moving through threads, paging older, refreshing and
//! polling, and merging pages that arrive. Works on the pane's own state and the catalog; a
//! fetch it wants is returned as a [`FeedFetch`], and what it cannot do itself (open a thread,
//! compose, act on a message) as a [`TimelineOutcome`] for the core to route. No I/O, and no
//! whole-client state.

use super::{CARD_HEIGHT, TimelinePane};
use crate::domain::{Catalog, Feed, MessageId, Page, ThreadId};
use crate::input::action::Action;
use crate::panes::cursor::Motion;
use crate::panes::load::Load;
use crate::panes::message_action::MessageAction;
use crate::panes::request::{RequestId, RequestIds};

/// Which page of a feed to fetch.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FeedPage {
    /// The newest page (first load).
    Latest,
    /// The page before this message id (scrolling down).
    Older(MessageId),
    /// Everything after this message id (refresh and polling).
    Newer(MessageId),
}

/// A page of a feed the timeline wants fetched, under request `req`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct FeedFetch {
    pub req: RequestId,
    pub feed: Feed,
    pub page: FeedPage,
}

/// What an action in the timeline asks of the rest of the client.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TimelineOutcome {
    /// Done within the pane, maybe with a page to fetch.
    Done(Option<FeedFetch>),
    /// Open this thread in the thread pane.
    OpenThread(ThreadId),
    /// Do this to the selected thread's starter.
    Message(MessageAction, MessageId),
    /// Open the editor for a new post in the shown feed.
    Compose,
}

/// Handles `action` when the timeline has focus; `None` leaves it to the global handler.
/// `rows` is the pane's content rows in the current layout.
pub fn handle(
    pane: &mut TimelinePane,
    rows: usize,
    ids: &mut RequestIds,
    action: Action,
) -> Option<TimelineOutcome> {
    if let Some(motion) = Motion::from_action(action, rows / usize::from(CARD_HEIGHT)) {
        return Some(TimelineOutcome::Done(move_selection(pane, ids, motion)));
    }
    let selected = pane.selected_thread();
    if let Some(act) = MessageAction::from_action(action) {
        let starter = selected.map(|t| MessageId(t.0));
        return Some(starter.map_or(TimelineOutcome::Done(None), |m| {
            TimelineOutcome::Message(act, m)
        }));
    }
    match action {
        Action::Open => Some(selected.map_or(TimelineOutcome::Done(None), |t| {
            TimelineOutcome::OpenThread(t)
        })),
        Action::Compose => Some(TimelineOutcome::Compose),
        _ => None,
    }
}

/// Shows `feed`: its cached threads at once, and a fetch of the first page (under `req`) if
/// the feed was never loaded.
pub fn open_feed(pane: &mut TimelinePane, feed: Feed, req: RequestId) -> Option<FeedFetch> {
    pane.current = Some(feed);
    let timeline = pane.feed_mut(feed);
    if timeline.loaded || timeline.load.is_loading() {
        return None;
    }
    timeline.load = Load::Loading(req);
    Some(FeedFetch {
        req,
        feed,
        page: FeedPage::Latest,
    })
}

/// A refresh of the shown feed: what is newer than the newest message seen (or the first page).
pub fn poll(pane: &mut TimelinePane, ids: &mut RequestIds) -> Option<FeedFetch> {
    let feed = pane.current?;
    let req = ids.issue();
    let timeline = pane.feed_mut(feed);
    if timeline.load.is_loading() {
        return None;
    }
    timeline.load = Load::Loading(req);
    let page = timeline.newest.map_or(FeedPage::Latest, FeedPage::Newer);
    Some(FeedFetch { req, feed, page })
}

/// Merges a page that arrived for `feed` into the catalog and the feed's list, and updates its
/// paging cursors.
pub fn merge_page(
    pane: &mut TimelinePane,
    catalog: &mut Catalog,
    feed: Feed,
    page_kind: FeedPage,
    page: Page,
) {
    let threads: Vec<_> = page.messages.iter().map(|m| m.thread).collect();
    let newest = page.all_messages().map(|m| m.id).max();
    let empty = page.messages.is_empty();
    catalog.absorb(page);
    let catalog = &*catalog;
    let timeline = pane.feed_mut(feed);
    timeline.merge(threads.iter().copied(), catalog);
    timeline.loaded = true;
    timeline.newest = timeline.newest.max(newest);
    if matches!(page_kind, FeedPage::Latest | FeedPage::Older(_)) {
        // Threaded paging: the next page is older than the oldest activity of this one.
        let cursor = threads.iter().map(|t| catalog.latest_activity(*t)).min();
        if empty || cursor.is_none() {
            timeline.exhausted = true;
        } else if cursor < timeline.older_cursor || timeline.older_cursor.is_none() {
            timeline.older_cursor = cursor;
        } else {
            // The cursor did not move back: stop rather than fetch the same page forever.
            timeline.exhausted = true;
        }
    }
}

/// Adds cached threads to `feed`'s list. The feed stays "not loaded", so paging waits for the
/// network's first page; `newest` moves so a refresh asks only for what is newer.
pub fn merge_cached(pane: &mut TimelinePane, catalog: &mut Catalog, feed: Feed, page: Page) {
    let threads: Vec<_> = page.messages.iter().map(|m| m.thread).collect();
    let newest = page.all_messages().map(|m| m.id).max();
    catalog.absorb(page);
    let timeline = pane.feed_mut(feed);
    timeline.merge(threads, catalog);
    timeline.newest = timeline.newest.max(newest);
}

fn move_selection(
    pane: &mut TimelinePane,
    ids: &mut RequestIds,
    motion: Motion,
) -> Option<FeedFetch> {
    let timeline = pane.active_mut()?;
    let at = motion.apply(timeline.selected_index(), timeline.threads().len());
    timeline.selected = at.and_then(|i| timeline.threads().get(i).copied());
    load_older_if_near_end(pane, ids)
}

/// Fetches the next older page when the selection nears the end of the loaded threads.
pub fn load_older_if_near_end(pane: &mut TimelinePane, ids: &mut RequestIds) -> Option<FeedFetch> {
    let feed = pane.current?;
    let req = ids.issue();
    let timeline = pane.feed_mut(feed);
    let cursor = timeline.older_cursor.filter(|_| timeline.wants_older())?;
    timeline.older = Load::Loading(req);
    Some(FeedFetch {
        req,
        feed,
        page: FeedPage::Older(cursor),
    })
}

/// The first unread thread after the selection in `feed`'s list, wrapping around.
pub fn next_unread_in(
    pane: &TimelinePane,
    feed: Feed,
    is_unread: impl Fn(ThreadId) -> bool,
) -> Option<ThreadId> {
    let timeline = pane.feed(feed)?;
    let threads = timeline.threads();
    let start = timeline.selected_index().map_or(0, |i| i + 1);
    (0..threads.len())
        .map(|offset| threads[(start + offset) % threads.len()])
        .find(|t| is_unread(*t))
}
