//! Applying what the cache read: the startup snapshot (the first frame's timeline, the user,
//! their communities), the unread bookkeeping read right after it, a feed opened before the
//! network answered, a thread's cached messages, and the notice that a damaged cache was
//! rebuilt. Cached content never replaces what the network already brought: a feed that has
//! loaded ignores it, and every merge keeps the selection by id.

use super::effect::Effect;
use super::msg::CacheMsg;
use super::state::State;
use crate::domain::{Page, ThreadId};
use crate::panes::notice::Notice;

/// Applies one cache answer.
pub fn apply(state: &mut State, msg: CacheMsg) -> Vec<Effect> {
    match msg {
        CacheMsg::Startup(snapshot) => {
            let snapshot = *snapshot;
            if snapshot.me.is_some() {
                state.catalog.me = snapshot.me;
            }
            if let Some(feed) = snapshot.feed {
                crate::panes::timeline::update::merge_cached(
                    &mut state.timeline,
                    &mut state.catalog,
                    feed,
                    snapshot.page,
                );
            } else {
                state.catalog.absorb(snapshot.page);
            }
            if let Some(mine) = snapshot.mine {
                state.communities.set_mine(mine, &state.catalog);
            }
            state.unread.restore(snapshot.unread);
            state.communities.start_here.kept = snapshot.start_here;
            state.communities.start_here.loaded = true;
            if let Some(seen) = snapshot.guidelines_seen {
                state.guidelines.seen.extend(*seen);
            }
            crate::app::core::route::discover::restore_requests(state, snapshot.join_requests);
            return crate::app::core::route::catchup::on_startup(state, snapshot.last_looked);
        }
        CacheMsg::Feed { feed, page, .. } => {
            if !state.timeline.feed(feed).is_some_and(|t| t.loaded) {
                let me = state.catalog.me;
                let page = crate::domain::addressed::narrow(feed, page, me, &state.catalog);
                let reading = state.thread.thread;
                state
                    .unread
                    .note(Some(feed), page.all_messages(), me, reading);
                crate::panes::timeline::update::merge_cached(
                    &mut state.timeline,
                    &mut state.catalog,
                    feed,
                    page,
                );
            }
        }
        CacheMsg::Thread { thread, page } => merge_thread(state, thread, page),
        CacheMsg::Unread(unread) => state.unread.restore(unread),
        CacheMsg::Rebuilt { moved_to } => state.notice.show(rebuilt_notice(&moved_to)),
    }
    Vec::new()
}

/// Tells the user the cache started over, that nothing of theirs was lost, and where the
/// damaged file went (a warning: it stays until dismissed).
fn rebuilt_notice(moved_to: &std::path::Path) -> Notice {
    let kept = moved_to.file_name().map_or_else(
        || moved_to.display().to_string(),
        |name| name.to_string_lossy().into_owned(),
    );
    // What matters first, so that an 80-column status line still says it.
    Notice::warning(format!(
        "The local cache was damaged; rebuilt (drafts and queued posts are safe), old copy: {kept}"
    ))
}

fn merge_thread(state: &mut State, thread: ThreadId, page: Page) {
    let newest = page.all_messages().map(|m| m.id).max();
    state.catalog.absorb(page);
    if state.thread.thread == Some(thread) {
        state.thread.rebuild(&state.catalog);
        if let Some(newest) = newest {
            state.unread.read_up_to(thread, newest);
        }
    }
}
