//! The notifications in the running client: the Inbox fetched in the background with each poll
//! (so a mention shows while another feed is read), each feed page looked at as it arrives,
//! the waiting notification sent once the rate limit allows, and `!` opening the newest.
//!
//! Owns only this wiring; what is new and when to tell is [`super::Notify`]'s.

use crate::app::core::effect::{Effect, FeedPage};
use crate::app::core::state::State;
use crate::domain::addressed;
use crate::domain::{Feed, Message, Page, ThreadId};
use crate::panes::PaneId;
use crate::panes::load::Load;
use crate::panes::notice::Notice;

use super::Context;

/// The Inbox and its views: one source, `messages/received`.
pub const fn is_inbox_view(feed: Feed) -> bool {
    matches!(feed, Feed::Inbox | Feed::Mentions | Feed::RepliesToMe)
}

/// Fetches what is new in the Inbox when the timeline shows something else (when it shows the
/// Inbox or a view of it, the timeline's own poll brings the same).
pub fn watch_inbox(state: &mut State) -> Vec<Effect> {
    if state.timeline.current.is_some_and(is_inbox_view) {
        return Vec::new();
    }
    let req = state.next_request();
    let timeline = state.timeline.feed_mut(Feed::Inbox);
    if timeline.load.is_loading() {
        return Vec::new();
    }
    timeline.load = Load::Loading(req);
    let page = timeline.newest.map_or(FeedPage::Latest, FeedPage::Newer);
    vec![Effect::FetchFeed {
        req,
        feed: Feed::Inbox,
        page,
    }]
}

/// A page of `feed` arrived from the server (narrowed already when `feed` is a view, and merged
/// into the timeline, so that what it brought on screen is known): an Inbox page tells the views which threads are theirs; the first Inbox page sets what counts as
/// new; every later page may bring something to tell.
pub fn on_feed_page(state: &mut State, feed: Feed, page: &Page) -> Vec<Effect> {
    let Some(me) = page.meta.current_user.or(state.catalog.me) else {
        return Vec::new();
    };
    if feed == Feed::Inbox {
        for view in [Feed::Mentions, Feed::RepliesToMe] {
            if let Some(threads) = addressed::view_threads(view, page, me, &state.catalog) {
                let messages = page.all_messages().filter(|m| threads.contains(&m.thread));
                state
                    .unread
                    .note(Some(view), messages, Some(me), state.thread.thread);
            }
        }
    }
    if is_inbox_view(feed) && !state.notify.started() {
        state
            .notify
            .start_at(page.all_messages().map(|m| m.id).max());
        return Vec::new();
    }
    let before = state.notify.newest.clone();
    let shown = timeline_on_screen(state);
    let mutes = state.unread.mutes();
    let muted = |m: &Message| mutes.mutes_message(m);
    let ctx = Context {
        me,
        catalog: &state.catalog,
        page: Some(page),
        on_screen: state.thread.thread,
        shown: &shown,
        muted: &muted,
        now: state.session.now,
    };
    let effect = state.notify.observe(page.all_messages(), &ctx);
    if state.notify.newest != before
        && let Some(newest) = &state.notify.newest
    {
        let text = format!("{} (! to open)", newest.text);
        state.notice.show(Notice::info(text, state.session.now));
    }
    effect.into_iter().collect()
}

/// The threads on the timeline's visible rows: the window the last frame showed, moved as the
/// next frame will move it to keep the selection in view. None when the timeline was not drawn
/// or showed another feed.
pub fn timeline_on_screen(state: &State) -> Vec<ThreadId> {
    let shown = state.shown;
    let Some(timeline) = state.timeline.active() else {
        return Vec::new();
    };
    if shown.cards == 0 || shown.feed != state.timeline.current {
        return Vec::new();
    }
    let mut offset = shown.offset;
    let selected = timeline.selected_index().unwrap_or(0);
    crate::panes::timeline::view::follow_selection(&mut offset, selected, shown.cards);
    timeline
        .threads()
        .iter()
        .skip(offset)
        .take(shown.cards)
        .copied()
        .collect()
}

/// On a tick: the notification that waited for the rate limit, if it may go now.
pub fn on_tick(state: &mut State) -> Vec<Effect> {
    state.notify.flush(state.session.now).into_iter().collect()
}

/// `!`: opens the thread of the newest notification.
pub fn open_newest(state: &mut State) -> Vec<Effect> {
    let Some(newest) = state.notify.newest.clone() else {
        state
            .notice
            .show(Notice::info("No notifications yet", state.session.now));
        return Vec::new();
    };
    state.focus = PaneId::Thread;
    crate::app::core::route::open_thread(state, newest.thread)
}

#[cfg(test)]
#[path = "watch_tests.rs"]
mod tests;
