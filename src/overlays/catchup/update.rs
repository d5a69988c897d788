//! Transitions of the catch-up: the start's "you were away" notice and the "last looked" kept,
//! opening the list (summarized from the catalog), moving in it, opening an item's thread, and
//! `n` walking on to the next item. Returns effects; does no I/O.

use super::{AWAY, CatchUpOverlay, DEFAULT_REACH};
use crate::app::core::action::Action;
use crate::app::core::effect::Effect;
use crate::app::core::notice::Notice;
use crate::app::core::state::State;
use crate::domain::{Community, Message, ThreadId};
use crate::overlays::Overlay;
use crate::panes::PaneId;
use crate::panes::cursor::Motion;
use crate::social::catchup::{self, Input, Item};

/// At start: remembers when the user last looked (`kept`, from the cache), keeps "now" as the
/// new value, and offers a catch-up when they were away more than [`AWAY`].
pub fn on_startup(state: &mut State, kept: Option<i64>) -> Vec<Effect> {
    let now = state.session.now.timestamp();
    state.catch_up.last_looked = kept;
    // A notice already up (a damaged cache, an error) says more; it is not replaced.
    if let Some(since) = kept
        && now - since > AWAY
        && state.notice.is_none()
    {
        let hours = (now - since) / 3_600;
        let text = format!("Away {hours} h: press C to catch up");
        state.notice = Some(Notice::info(text, state.session.now));
    }
    vec![Effect::KeepLastLooked(now)]
}

/// Opens the list: what the known messages say happened since the user last looked (a day
/// back when that is not known).
pub fn open(state: &mut State) -> Vec<Effect> {
    let now = state.session.now.timestamp();
    let since = state
        .catch_up
        .last_looked
        .unwrap_or(now - DEFAULT_REACH)
        .min(now);
    let Some(me) = state.catalog.me else {
        state.notice = Some(Notice::info(
            "Catch up: waiting to learn who you are",
            state.session.now,
        ));
        return Vec::new();
    };
    let messages: Vec<Message> = state.catalog.messages().cloned().collect();
    let communities: Vec<Community> = if state.communities.mine.is_empty() {
        state
            .catalog
            .communities_by_name()
            .into_iter()
            .cloned()
            .collect()
    } else {
        let catalog = &state.catalog;
        state
            .communities
            .mine
            .iter()
            .filter_map(|id| catalog.community(*id).cloned())
            .collect()
    };
    let summary = catchup::summarize(&Input {
        me: me.0,
        since,
        now,
        messages: &messages,
        communities: &communities,
        experts: None,
    });
    let items: Vec<Item> = summary.items().cloned().collect();
    state.overlay = Some(Overlay::CatchUp(Box::new(CatchUpOverlay {
        summary,
        items,
        selected: 0,
    })));
    Vec::new()
}

/// Handles a bound action while the list is open.
pub fn handle(state: &mut State, action: Action) -> Vec<Effect> {
    let Some(Overlay::CatchUp(overlay)) = &mut state.overlay else {
        return Vec::new();
    };
    let page = usize::from(state.session.size.1.saturating_sub(8)).max(1);
    if let Some(motion) = Motion::from_action(action, page) {
        overlay.selected = motion
            .apply(Some(overlay.selected), overlay.items.len())
            .unwrap_or(0);
        return Vec::new();
    }
    match action {
        Action::Open if !overlay.items.is_empty() => {
            let items = std::mem::take(&mut overlay.items);
            let at = overlay.selected.min(items.len() - 1);
            state.overlay = None;
            open_item(state, items, at)
        }
        Action::Back | Action::QuitOrBack | Action::Cancel | Action::CatchUp => {
            state.overlay = None;
            Vec::new()
        }
        _ => Vec::new(),
    }
}

/// `n` after opening a catch-up item: the next one, or `None` when no catch-up is being
/// followed (then `n` is "next unread"). Past the last item, says so and stops following.
pub fn next(state: &mut State) -> Option<Vec<Effect>> {
    let (items, at) = state.catch_up.trail.take()?;
    if at + 1 < items.len() {
        return Some(open_item(state, items, at + 1));
    }
    state.notice = Some(Notice::info(
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
    let left = items.len() - at - 1;
    let text = if left == 0 {
        format!("Catch up {}/{}: the last one", at + 1, items.len())
    } else {
        format!("Catch up {}/{}: n for the next", at + 1, items.len())
    };
    state.notice = Some(Notice::info(text, state.session.now));
    state.catch_up.trail = Some((items, at));
    state.focus = PaneId::Thread;
    state.keys.clear();
    crate::app::core::route::open_thread(state, thread_id)
}

#[cfg(test)]
#[path = "update_tests.rs"]
mod tests;
