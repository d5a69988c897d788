//! Marking read in bulk: the shown feed (palette) or everything (`N`). The markers that move
//! leave `update` as `Effect::MarkRead`s (see `update::settle`), so what was read stays read
//! after a restart.

use crate::app::core::effect::Effect;
use crate::app::core::state::State;
use crate::panes::notice::Notice;

/// Marks the shown feed (or the selected one in the communities pane) read.
pub fn feed(state: &mut State) -> Vec<Effect> {
    let feed = state.timeline.current.unwrap_or(state.communities.selected);
    let before = state.unread.count(feed);
    state.unread.read_feed(feed);
    let label = crate::panes::communities::view::feed_label(&state.catalog, feed);
    let text = format!("{label}: {before} marked read");
    state.notice.show(Notice::info(text, state.session.now));
    Vec::new()
}

/// Marks every thread read.
pub fn everything(state: &mut State) -> Vec<Effect> {
    state.unread.read_everything();
    state
        .notice
        .show(Notice::info("Everything marked read", state.session.now));
    Vec::new()
}
