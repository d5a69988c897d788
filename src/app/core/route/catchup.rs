//! The catch-up on the whole state: the start's "you were away" notice and the "last looked"
//! kept, opening the list, routing its keys to [`crate::overlays::catchup::update`], opening an
//! item's thread, and `n` walking on to the next item.

use crate::app::core::effect::Effect;
use crate::app::core::state::State;
use crate::domain::ThreadId;
use crate::input::action::Action;
use crate::overlays::Overlay;
use crate::overlays::catchup::update::{self as catchup, CatchUpOutcome};
use crate::panes::PaneId;
use crate::panes::notice::Notice;
use crate::social::catchup::Item;

/// At start: remembers when the user last looked (`kept`, from the cache), keeps "now" as the
/// new value, and offers a catch-up when they were away long.
pub fn on_startup(state: &mut State, kept: Option<i64>) -> Vec<Effect> {
    let now = state.session.now.timestamp();
    state.catch_up.last_looked = kept;
    // A notice already up (a damaged cache, an error) says more; it is not replaced.
    if state.notice.current().is_none()
        && let Some(text) = catchup::away_notice(kept, now)
    {
        state.notice.show(Notice::info(text, state.session.now));
    }
    vec![Effect::KeepLastLooked(now)]
}

/// Opens the list.
pub fn open(state: &mut State) -> Vec<Effect> {
    let now = state.session.now.timestamp();
    let last_looked = state.catch_up.last_looked;
    match catchup::summarize(&state.catalog, &state.communities.mine, last_looked, now) {
        Ok(overlay) => state.overlay = Some(Overlay::CatchUp(Box::new(overlay))),
        Err(why) => state.notice.show(Notice::info(why, state.session.now)),
    }
    Vec::new()
}

/// Handles a bound action while the list is open.
pub fn handle(state: &mut State, action: Action) -> Vec<Effect> {
    let height = state.session.size.1;
    let Some(Overlay::CatchUp(overlay)) = &mut state.overlay else {
        return Vec::new();
    };
    match catchup::handle(overlay, height, action) {
        CatchUpOutcome::Stay => Vec::new(),
        CatchUpOutcome::Close => {
            state.overlay = None;
            Vec::new()
        }
        CatchUpOutcome::Open { items, at } => {
            state.overlay = None;
            open_item(state, items, at)
        }
    }
}

/// `n` after opening a catch-up item: the next one, or `None` when no catch-up is being
/// followed (then `n` is "next unread"). Past the last item, says so and stops following.
pub fn next(state: &mut State) -> Option<Vec<Effect>> {
    let (items, at) = state.catch_up.trail.take()?;
    if at + 1 < items.len() {
        return Some(open_item(state, items, at + 1));
    }
    state.notice.show(Notice::info(
        "End of the catch-up: n is next unread again",
        state.session.now,
    ));
    Some(Vec::new())
}

/// Opens item `at`'s thread in the thread pane and remembers where the trail is.
fn open_item(state: &mut State, items: Vec<Item>, at: usize) -> Vec<Effect> {
    let Some(item) = items.get(at) else {
        return Vec::new();
    };
    let thread_id = ThreadId(item.thread);
    let text = catchup::trail_notice(at, items.len());
    state.notice.show(Notice::info(text, state.session.now));
    state.catch_up.trail = Some((items, at));
    state.focus = PaneId::Thread;
    state.keys.clear();
    super::open_thread(state, thread_id)
}
