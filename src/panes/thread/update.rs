//! Transitions of the thread pane: moving through the tree, folding, tree motions, and acting
//! on the selected message.

use crate::app::core::action::Action;
use crate::app::core::effect::Effect;
use crate::app::core::state::State;
use crate::app::message_actions;
use crate::domain::ThreadId;
use crate::panes::PaneId;
use crate::panes::cursor::Motion;
use crate::panes::load::Load;

/// Rows a message takes on average, to turn a half page into a number of messages.
const ROWS_PER_MESSAGE: usize = 4;

/// Handles `action` when the thread pane has focus; `None` leaves it to the global handler.
pub fn handle(state: &mut State, action: Action) -> Option<Vec<Effect>> {
    let page_items = state.pane_rows(PaneId::Thread) / ROWS_PER_MESSAGE;
    if let Some(motion) = Motion::from_action(action, page_items) {
        let pane = &mut state.thread;
        let at = motion.apply(pane.selected_index(), pane.rows().len());
        pane.selected = at.and_then(|i| pane.rows().get(i)).map(|row| row.id);
        return Some(Vec::new());
    }
    let selected = state.thread.selected;
    let tree_move = |state: &mut State, to: Option<crate::domain::MessageId>| {
        if let Some(id) = to {
            state.thread.select(id);
        }
        Vec::new()
    };
    let effects = match action {
        Action::ToggleFold | Action::Open => {
            if let Some(id) = selected {
                state.thread.toggle_fold(id);
            }
            Vec::new()
        }
        Action::Parent => {
            let parent = selected.and_then(|id| state.thread.tree().parent(id));
            tree_move(state, parent)
        }
        Action::NextSibling | Action::PrevSibling => {
            let forward = action == Action::NextSibling;
            let sibling = selected.and_then(|id| state.thread.tree().sibling(id, forward));
            tree_move(state, sibling)
        }
        Action::Reply => selected
            .map(|m| message_actions::reply(state, m))
            .unwrap_or_default(),
        Action::ToggleLike => selected
            .map(|m| message_actions::toggle_like(state, m))
            .unwrap_or_default(),
        Action::OpenLink => selected
            .map(|m| message_actions::open_link(state, m))
            .unwrap_or_default(),
        Action::CopyLink => selected
            .map(|m| message_actions::copy_link(state, m))
            .unwrap_or_default(),
        Action::Delete => selected
            .map(|m| message_actions::delete(state, m))
            .unwrap_or_default(),
        Action::Compose => {
            let community = state
                .thread
                .thread
                .and_then(|t| state.catalog.message(crate::domain::MessageId(t.0)))
                .and_then(|m| m.community);
            let feed = community.map_or(
                crate::domain::Feed::AllCompany,
                crate::domain::Feed::Community,
            );
            crate::panes::timeline::update::compose_in(state, feed)
        }
        _ => return None,
    };
    Some(effects)
}

/// Opens `thread`: what is cached shows at once, and the whole thread is fetched.
pub fn open(state: &mut State, thread: ThreadId) -> Vec<Effect> {
    let before = state.thread.load.clone();
    state.thread.open(thread, &state.catalog);
    state.unread.open_thread(thread);
    let effects = fetch(state);
    cancel_superseded(&before, &state.thread.load, effects)
}

/// Fetches the open thread again (after opening it, or on refresh).
pub fn reload(state: &mut State) -> Vec<Effect> {
    let before = state.thread.load.clone();
    let effects = fetch(state);
    cancel_superseded(&before, &state.thread.load, effects)
}

fn fetch(state: &mut State) -> Vec<Effect> {
    let Some(thread) = state.thread.thread else {
        return Vec::new();
    };
    if crate::app::outbox::is_pending_thread(thread) {
        // A post still in the outbox: the server has nothing to load yet.
        return Vec::new();
    }
    let req = state.next_request();
    state.thread.load = Load::Loading(req);
    vec![Effect::FetchThread { req, thread }]
}

/// A fetch the pane no longer waits for is cancelled, ahead of what replaced it.
fn cancel_superseded(before: &Load, after: &Load, effects: Vec<Effect>) -> Vec<Effect> {
    match before {
        Load::Loading(old) if !after.awaits(*old) => std::iter::once(Effect::Cancel(*old))
            .chain(effects)
            .collect(),
        _ => effects,
    }
}
