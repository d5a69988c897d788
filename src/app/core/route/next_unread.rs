//! `n`: open the next unread thread — after the selected one in the shown feed (wrapping),
//! else the newest unread thread of the next feed in the communities pane that has one.
//! Opening marks it read, so pressing `n` again walks on.

use crate::app::core::effect::Effect;
use crate::app::core::state::State;
use crate::domain::{Feed, ThreadId};
use crate::panes::PaneId;
use crate::panes::notice::Notice;

/// Opens the next unread thread, or says there is none.
pub fn next_unread(state: &mut State) -> Vec<Effect> {
    let shown = state.timeline.current;
    if let Some(found) = shown.and_then(|feed| next_in_timeline(state, feed)) {
        return open(state, shown.unwrap_or(Feed::MyFeed), found);
    }
    let entries = state.communities.entries();
    let from = shown.unwrap_or(state.communities.selected);
    let start = entries.iter().position(|f| *f == from).map_or(0, |i| i + 1);
    let found = (0..entries.len())
        .map(|offset| entries[(start + offset) % entries.len()])
        .find_map(|feed| state.unread.threads_in(feed).first().map(|t| (feed, *t)));
    match found {
        Some((feed, found)) => open(state, feed, found),
        None => {
            state
                .notice
                .show(Notice::info("Nothing unread", state.session.now));
            Vec::new()
        }
    }
}

/// The first unread thread after the selection in `feed`'s timeline, wrapping around; then
/// any unread thread the feed holds that the timeline has not listed yet.
fn next_in_timeline(state: &State, feed: Feed) -> Option<ThreadId> {
    let listed = crate::panes::timeline::update::next_unread_in(&state.timeline, feed, |t| {
        state.unread.is_unread(t)
    });
    listed.or_else(|| state.unread.threads_in(feed).first().copied())
}

fn open(state: &mut State, feed: Feed, found: ThreadId) -> Vec<Effect> {
    let mut effects = if state.timeline.current == Some(feed) {
        Vec::new()
    } else {
        super::open_feed(state, feed)
    };
    state.communities.selected = feed;
    if let Some(shown) = state.timeline.active_mut()
        && shown.position(found).is_some()
    {
        shown.selected = Some(found);
    }
    state.focus = PaneId::Thread;
    effects.extend(super::open_thread(state, found));
    effects
}
