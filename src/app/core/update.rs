//! `update(&mut State, Msg) -> Vec<Effect>`: the only place state changes. Routes an action to
//! the open overlay first, then the focused pane, then the global handler. No I/O, no clock:
//! every behaviour is a unit test.

use crossterm::event::KeyEvent;

use crate::app::core::answers;
use crate::app::core::effect::{Effect, FeedPage};
use crate::app::core::msg::Msg;
use crate::app::core::state::State;
use crate::app::core::{cached, connection};
use crate::app::core::{global, tick};
use crate::input::action::Action;
use crate::input::keys::KeyOutcome;
use crate::overlays::Overlay;
use crate::overlays::compose;
use crate::panes::PaneId;
use crate::panes::notice::Notice;

/// Applies one message and returns what the world should do about it.
pub fn update(state: &mut State, msg: Msg) -> Vec<Effect> {
    let effects = route(state, msg);
    settle(state, effects)
}

/// Adds the cache's part to `effects`, when a cache backs the session: before the first page
/// of a feed that lists no threads yet, or a thread, is fetched, its cached copy is asked for
/// (so it shows at once); every read marker that moved is kept.
pub fn settle(state: &mut State, effects: Vec<Effect>) -> Vec<Effect> {
    let moved = state.unread.take_writes();
    if !state.session.cached {
        return effects;
    }
    let mut settled = Vec::with_capacity(effects.len());
    for effect in effects {
        match &effect {
            Effect::FetchFeed {
                req,
                feed,
                page: FeedPage::Latest,
            } if state
                .timeline
                .feed(*feed)
                .is_none_or(|t| t.threads().is_empty()) =>
            {
                settled.push(Effect::LoadCachedFeed {
                    req: *req,
                    feed: *feed,
                });
            }
            Effect::FetchThread { thread, .. } => settled.push(Effect::LoadCachedThread(*thread)),
            _ => {}
        }
        settled.push(effect);
    }
    settled.extend(
        moved
            .into_iter()
            .map(|(key, message)| Effect::MarkRead { key, message }),
    );
    settled
}

fn route(state: &mut State, msg: Msg) -> Vec<Effect> {
    state.mark_dirty();
    match msg {
        Msg::Action(action) => dispatch(state, action),
        Msg::Key(key) => on_key(state, key),
        Msg::Paste(text) => {
            if let Some(compose) = state.compose_mut() {
                compose::update::paste(compose, &text);
            }
            crate::app::core::route::people::paste(state, &text);
            crate::app::core::route::palette::paste(state, &text);
            crate::app::core::route::search::paste(state, &text);
            crate::app::core::route::profile_edit::paste(state, &text);
            Vec::new()
        }
        Msg::Resize { width, height } => {
            state.session.size = (width, height);
            Vec::new()
        }
        Msg::Mouse(pointer) => crate::app::core::route::mouse::update(state, pointer),
        Msg::Tick(now) => {
            crate::app::core::route::questions::refresh(state);
            tick::on_tick(state, now)
        }
        Msg::Api(result) => {
            let was_offline = crate::app::core::route::outbox_events::is_offline(state);
            crate::app::core::route::outbox_events::observe_api(state, &result);
            let unreachable = connection::observe(state, &result);
            let notice = state.notice.clone();
            let indexed = crate::app::core::route::people::api_result(state, &result);
            let mut effects = answers::apply(state, result);
            if indexed {
                crate::app::core::route::people::index_changed(state);
            }
            effects.extend(crate::app::core::route::outbox_events::after_api(
                state,
                was_offline,
            ));
            if unreachable {
                // The status bar says "offline"; an error notice would only repeat it.
                state.notice = notice;
            }
            effects
        }
        Msg::People(answer) => {
            let effects = crate::app::core::route::people::apply(state, answer);
            crate::app::core::route::questions::refresh(state);
            effects
        }
        Msg::Discover(answer) => crate::app::core::route::discover::apply(state, answer),
        Msg::EditorClosed(result) => {
            crate::app::core::route::compose::editor_closed(state, result);
            Vec::new()
        }
        Msg::DraftLoaded { draft_for, body } => {
            crate::app::core::route::compose::draft_loaded(state, draft_for, &body);
            Vec::new()
        }
        Msg::HandOffFailed(reason) => {
            state.notice.show(Notice::error(reason));
            Vec::new()
        }
        Msg::Terminate => global::quit(state),
        Msg::Outbox(news) => crate::app::core::route::outbox_events::apply(state, news),
        Msg::Cached(cached) => cached::apply(state, *cached),
        Msg::Health(answer) => crate::app::core::route::health::apply(state, *answer),
        Msg::Questions(answer) => crate::app::core::route::questions::apply(state, answer),
        Msg::Search(answer) => crate::app::core::route::search::apply(state, *answer),
        Msg::Guidelines(answer) => crate::app::core::route::guidelines::apply(state, answer),
    }
}

/// Runs one action through overlay → focused pane → global.
pub fn dispatch(state: &mut State, action: Action) -> Vec<Effect> {
    if let Some(effects) = crate::app::core::route::overlay::handle(state, action) {
        return effects;
    }
    let handled = match state.focus {
        PaneId::Communities => crate::app::core::route::communities::handle(state, action),
        PaneId::Timeline => crate::app::core::route::timeline_action(state, action),
        PaneId::Thread => crate::app::core::route::thread_action(state, action),
        PaneId::People => crate::app::core::route::people::handle(state, action),
    };
    let mut effects = handled.unwrap_or_else(|| global::handle(state, action));
    effects.extend(crate::app::core::route::people::on_shown(state));
    effects
}

/// The keymap modes for the current focus, most specific first.
pub fn active_modes(state: &State) -> Vec<&'static str> {
    match &state.overlay {
        Some(Overlay::Compose(c)) if c.confirm_discard => vec!["confirm"],
        Some(Overlay::ProfileEdit(f)) if f.confirm_discard => vec!["confirm"],
        Some(overlay) => overlay.modes().to_vec(),
        None if state.focus == PaneId::People => state.people.modes().to_vec(),
        None if state.focus == PaneId::Communities
            && crate::app::core::route::start_here::has_cursor(state) =>
        {
            vec!["start_here", state.focus.mode(), "global"]
        }
        None => vec![state.focus.mode(), "global"],
    }
}

fn on_key(state: &mut State, key: KeyEvent) -> Vec<Effect> {
    let modes = active_modes(state);
    match state.keys.press(&modes, key) {
        KeyOutcome::Action(action) => dispatch(state, action),
        KeyOutcome::Unbound if is_ctrl_c(key) => global::quit(state),
        KeyOutcome::Unbound => {
            crate::app::core::route::compose::type_key(state, key);
            crate::app::core::route::people::type_key(state, key);
            crate::app::core::route::palette::type_key(state, key);
            crate::app::core::route::search::type_key(state, key);
            crate::app::core::route::profile_edit::type_key(state, key);
            Vec::new()
        }
        KeyOutcome::Pending | KeyOutcome::Cancelled => Vec::new(),
    }
}

/// `ctrl-c` always leaves, even in modes that do not bind it (compose, confirm).
fn is_ctrl_c(key: KeyEvent) -> bool {
    use crossterm::event::{KeyCode, KeyModifiers};
    key.code == KeyCode::Char('c') && key.modifiers.contains(KeyModifiers::CONTROL)
}

#[cfg(test)]
#[path = "update_tests.rs"]
mod tests;
