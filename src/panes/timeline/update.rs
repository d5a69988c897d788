//! Transitions of the timeline pane: moving through threads, paging older, opening a thread,
//! refreshing and polling, and merging pages that arrive.

use crate::app::core::action::Action;
use crate::app::core::effect::{Effect, FeedPage};
use crate::app::core::state::State;
use crate::app::message_actions;
use crate::domain::{Feed, MessageId, Page};
use crate::overlays::compose::ComposeTarget;
use crate::panes::PaneId;
use crate::panes::cursor::Motion;
use crate::panes::load::Load;
use crate::panes::timeline::CARD_HEIGHT;

/// Handles `action` when the timeline has focus; `None` leaves it to the global handler.
pub fn handle(state: &mut State, action: Action) -> Option<Vec<Effect>> {
    let page_items = state.pane_rows(PaneId::Timeline) / usize::from(CARD_HEIGHT);
    if let Some(motion) = Motion::from_action(action, page_items) {
        return Some(move_selection(state, motion));
    }
    let starter = state.timeline.selected_thread().map(|t| MessageId(t.0));
    match action {
        Action::Open => Some(open_selected(state)),
        Action::Compose => Some(compose_new(state)),
        Action::Reply => Some(
            starter
                .map(|m| message_actions::reply(state, m))
                .unwrap_or_default(),
        ),
        Action::ToggleLike => Some(
            starter
                .map(|m| message_actions::toggle_like(state, m))
                .unwrap_or_default(),
        ),
        Action::OpenLink => Some(
            starter
                .map(|m| message_actions::open_link(state, m))
                .unwrap_or_default(),
        ),
        Action::CopyLink => Some(
            starter
                .map(|m| message_actions::copy_link(state, m))
                .unwrap_or_default(),
        ),
        Action::Delete => Some(
            starter
                .map(|m| message_actions::delete(state, m))
                .unwrap_or_default(),
        ),
        _ => None,
    }
}

/// Shows `feed` in the timeline: cached threads at once, and a fetch of the first page if the
/// feed was never loaded.
pub fn open_feed(state: &mut State, feed: Feed) -> Vec<Effect> {
    state.timeline.current = Some(feed);
    state.communities.selected = feed;
    state.communities.start_here.cursor = None;
    let req = state.next_request();
    let timeline = state.timeline.feed_mut(feed);
    if timeline.loaded || timeline.load.is_loading() {
        return Vec::new();
    }
    timeline.load = Load::Loading(req);
    vec![Effect::FetchFeed {
        req,
        feed,
        page: FeedPage::Latest,
    }]
}

/// A refresh of the shown feed: what is newer than the newest message seen (or the first page).
pub fn poll(state: &mut State) -> Vec<Effect> {
    let Some(feed) = state.timeline.current else {
        return Vec::new();
    };
    let req = state.next_request();
    let timeline = state.timeline.feed_mut(feed);
    if timeline.load.is_loading() {
        return Vec::new();
    }
    timeline.load = Load::Loading(req);
    let page = timeline.newest.map_or(FeedPage::Latest, FeedPage::Newer);
    vec![Effect::FetchFeed { req, feed, page }]
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
    crate::overlays::compose::update::open(state, target)
}

/// Merges a page that arrived for `feed` and updates its paging cursors.
pub fn merge_page(state: &mut State, feed: Feed, page_kind: FeedPage, page: Page) {
    let threads: Vec<_> = page.messages.iter().map(|m| m.thread).collect();
    let newest = page.all_messages().map(|m| m.id).max();
    let empty = page.messages.is_empty();
    state.catalog.absorb(page);
    let catalog = &state.catalog;
    let timeline = state.timeline.feed_mut(feed);
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

fn move_selection(state: &mut State, motion: Motion) -> Vec<Effect> {
    let Some(timeline) = state.timeline.active_mut() else {
        return Vec::new();
    };
    let at = motion.apply(timeline.selected_index(), timeline.threads().len());
    timeline.selected = at.and_then(|i| timeline.threads().get(i).copied());
    load_older_if_near_end(state)
}

/// Fetches the next older page when the selection nears the end of the loaded threads.
pub fn load_older_if_near_end(state: &mut State) -> Vec<Effect> {
    let Some(feed) = state.timeline.current else {
        return Vec::new();
    };
    let req = state.next_request();
    let timeline = state.timeline.feed_mut(feed);
    let Some(cursor) = timeline.older_cursor.filter(|_| timeline.wants_older()) else {
        return Vec::new();
    };
    timeline.older = Load::Loading(req);
    vec![Effect::FetchFeed {
        req,
        feed,
        page: FeedPage::Older(cursor),
    }]
}

fn open_selected(state: &mut State) -> Vec<Effect> {
    let Some(thread) = state.timeline.selected_thread() else {
        return Vec::new();
    };
    state.focus = PaneId::Thread;
    crate::panes::thread::update::open(state, thread)
}
