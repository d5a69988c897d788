//! The search overlay's keys and answers: typed text restarts the pause before a search;
//! ticks start it (the cache at once, the server when its budget allows); answers are kept
//! only for the newest request and merged (cache first, server added, deduplicated); arrows,
//! `ctrl-n`/`ctrl-p` move, `tab`/`shift-tab` jump between groups, `enter` opens the selected
//! result (a message: its thread with the message selected and highlighted; a community or a
//! topic: its feed; a person: their profile in People), `esc` closes.

use chrono::{DateTime, Utc};
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use super::{SearchEffect, SearchMsg, SearchOverlay, ServerBudget, ServerState};
use crate::app::core::action::Action;
use crate::app::core::effect::Effect;
use crate::app::core::global;
use crate::app::core::state::State;
use crate::app::core::update::dispatch;
use crate::domain::{Feed, GroupId, MessageId, ThreadId, TopicId, UserId};
use crate::overlays::Overlay;
use crate::panes::PaneId;
use crate::panes::cursor::Motion;
use crate::search::{Hit, HitKind, SearchQuery};

/// Opens an empty search.
pub fn open(state: &mut State) -> Vec<Effect> {
    state.overlay = Some(Overlay::Search(Box::default()));
    Vec::new()
}

fn search_mut(state: &mut State) -> Option<&mut SearchOverlay> {
    match &mut state.overlay {
        Some(Overlay::Search(search)) => Some(search),
        _ => None,
    }
}

/// Handles an action while the search is open.
pub fn handle(state: &mut State, action: Action) -> Vec<Effect> {
    let page = usize::from(state.session.size.1 / 2).max(1);
    let Some(search) = search_mut(state) else {
        return Vec::new();
    };
    let count = search.hits.len();
    if let Some(motion) = Motion::from_action(action, page) {
        search.selected = motion.apply(Some(search.selected), count).unwrap_or(0);
        return Vec::new();
    }
    match action {
        Action::NextGroup | Action::PrevGroup => {
            search.selected = jump_group(search, action == Action::NextGroup);
            Vec::new()
        }
        Action::Open => {
            let hit = search.selected_hit().cloned();
            let effects = close(state);
            match hit {
                Some(hit) => [effects, go_to(state, &hit)].concat(),
                None => effects,
            }
        }
        Action::Back | Action::Cancel | Action::QuitOrBack | Action::Search => close(state),
        _ => Vec::new(),
    }
}

/// Closes the overlay, cancelling what it still waits for.
fn close(state: &mut State) -> Vec<Effect> {
    let Some(Overlay::Search(search)) = state.overlay.take() else {
        return Vec::new();
    };
    [search.local_req, search.server_req]
        .into_iter()
        .flatten()
        .map(Effect::Cancel)
        .collect()
}

/// The first hit of the next (or previous) non-empty group, wrapping around.
fn jump_group(search: &SearchOverlay, forward: bool) -> usize {
    let mut starts = Vec::new();
    let mut at = 0;
    for kind in HitKind::ALL {
        let len = search.hits.group(kind).len();
        if len > 0 {
            starts.push(at);
        }
        at += len;
    }
    let current = starts
        .iter()
        .rposition(|s| *s <= search.selected)
        .unwrap_or(0);
    let next = if forward {
        (current + 1) % starts.len().max(1)
    } else {
        (current + starts.len().max(1) - 1) % starts.len().max(1)
    };
    starts.get(next).copied().unwrap_or(0)
}

/// Opens what `hit` names; the overlay is already closed.
fn go_to(state: &mut State, hit: &Hit) -> Vec<Effect> {
    match hit.kind {
        HitKind::Message => {
            let thread = ThreadId(hit.thread_id.unwrap_or(hit.id));
            let effects = crate::app::core::route::open_thread(state, thread);
            state.thread.highlight(MessageId(hit.id), &state.catalog);
            global::focus(state, PaneId::Thread);
            effects
        }
        HitKind::Community => open_feed(state, Feed::Community(GroupId(hit.id))),
        HitKind::Topic => open_feed(state, Feed::Topic(TopicId(hit.id))),
        HitKind::Person => {
            global::focus(state, PaneId::People);
            state.people.line.editing = false;
            state.people.card = None;
            state.people.selected = Some(UserId(hit.id));
            state.people.selection_moved = true;
            dispatch(state, Action::Open)
        }
    }
}

fn open_feed(state: &mut State, feed: Feed) -> Vec<Effect> {
    let effects = crate::app::core::route::open_feed(state, feed);
    global::focus(state, PaneId::Timeline);
    effects
}

/// A tick at `now`: starts the search once typing has paused, and a server search that
/// waited for the budget once a slot is free.
pub fn on_tick(state: &mut State, now: DateTime<Utc>) -> Vec<Effect> {
    if !matches!(state.overlay, Some(Overlay::Search(_))) {
        return Vec::new();
    }
    let cached = state.session.cached;
    let (local, server) = (state.next_request(), state.next_request());
    let Some(Overlay::Search(search)) = &mut state.overlay else {
        return Vec::new();
    };
    let mut effects = Vec::new();
    if let Some(query) = search.due(now) {
        effects.extend(start(search, query, cached, local));
    }
    if let Some(query) = search.server_wanted.take() {
        let budget = &mut state.search_budget;
        effects.extend(ask_server(search, budget, query, server, now));
    }
    effects
}

/// Starts a search for `query`: the cache now, the server when it has something to send.
fn start(
    search: &mut SearchOverlay,
    query: SearchQuery,
    cached: bool,
    req: crate::app::core::request::RequestId,
) -> Vec<Effect> {
    let mut effects: Vec<Effect> = [search.local_req.take(), search.server_req.take()]
        .into_iter()
        .flatten()
        .map(Effect::Cancel)
        .collect();
    search.searched = search.line.text.clone();
    search.selected = 0;
    search.local = Default::default();
    search.remote = None;
    search.server = ServerState::Idle;
    search.server_wanted = None;
    if query.is_empty() {
        search.hits = Default::default();
        return effects;
    }
    if cached {
        search.local_req = Some(req);
        effects.push(Effect::Search(SearchEffect::Local {
            req,
            query: Box::new(query.clone()),
        }));
    }
    if let Some(term) = query.server_term() {
        if let Some((_, hits)) = search.asked.iter().find(|(t, _)| *t == term) {
            search.remote = Some(hits.clone());
            search.server = ServerState::Done;
        } else {
            // Asked on the same tick, with the second request id.
            search.server_wanted = Some(query);
            search.server = ServerState::Budget;
        }
    }
    search.merge();
    effects
}

fn ask_server(
    search: &mut SearchOverlay,
    budget: &mut ServerBudget,
    query: SearchQuery,
    req: crate::app::core::request::RequestId,
    now: DateTime<Utc>,
) -> Vec<Effect> {
    if !budget.take(now) {
        search.server_wanted = Some(query);
        search.server = ServerState::Budget;
        return Vec::new();
    }
    search.server_req = Some(req);
    search.server = ServerState::Loading;
    vec![Effect::Search(SearchEffect::Server {
        req,
        query: Box::new(query),
    })]
}

/// An answer: kept when it is for the newest request of its kind.
pub fn apply(state: &mut State, answer: SearchMsg) -> Vec<Effect> {
    let Some(search) = search_mut(state) else {
        return Vec::new();
    };
    match answer {
        SearchMsg::Local { req, hits } if search.local_req == Some(req) => {
            search.local_req = None;
            search.local = hits;
        }
        SearchMsg::Server { req, result } if search.server_req == Some(req) => {
            search.server_req = None;
            match result {
                Ok(hits) => {
                    let term = SearchQuery::parse(&search.searched).server_term();
                    if let Some(term) = term {
                        search.asked.push((term, hits.clone()));
                    }
                    search.remote = Some(hits);
                    search.server = ServerState::Done;
                }
                Err(e) => search.server = ServerState::Failed(e.to_string()),
            }
        }
        _ => return Vec::new(),
    }
    search.merge();
    Vec::new()
}

/// A key the search mode does not bind: text for the line.
pub fn type_key(state: &mut State, key: KeyEvent) {
    let Some(search) = search_mut(state) else {
        return;
    };
    let ctrl = key.modifiers.contains(KeyModifiers::CONTROL);
    match key.code {
        KeyCode::Backspace if ctrl || key.modifiers.contains(KeyModifiers::ALT) => {
            search.line.delete_word();
        }
        KeyCode::Backspace => search.line.backspace(),
        KeyCode::Char('w') if ctrl => search.line.delete_word(),
        KeyCode::Char('u') if ctrl => search.line.text.clear(),
        KeyCode::Char(c) if !ctrl && !key.modifiers.contains(KeyModifiers::ALT) => {
            search.line.push_str(c.encode_utf8(&mut [0; 4]));
        }
        _ => return,
    }
    search.typed();
}

/// Pasted text goes into the line (already through the paste gate).
pub fn paste(state: &mut State, text: &str) {
    if let Some(search) = search_mut(state) {
        search.line.push_str(text);
        search.typed();
    }
}

/// How soon the search needs a tick.
pub fn next_tick_in(state: &State) -> Option<std::time::Duration> {
    match &state.overlay {
        Some(Overlay::Search(search)) => {
            search.next_tick_in(&state.search_budget, state.session.now)
        }
        _ => None,
    }
}
