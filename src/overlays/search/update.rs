//! The search overlay's keys and answers, on the overlay's own state: typed text restarts the
//! pause before a search; ticks start it (the cache at once, the server when its budget
//! allows); answers are kept only for the newest request and merged (cache first, server
//! added, deduplicated); arrows, `ctrl-n`/`ctrl-p` move, `tab`/`shift-tab` jump between
//! groups, `enter` chooses the selected result, `esc` closes. Closing and opening what a
//! result names are a [`SearchOutcome`] for `app::core::route::search`; requests to start or
//! cancel are [`SearchRequests`]. No I/O, and no whole-client state.

use chrono::{DateTime, Utc};
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use super::{SearchEffect, SearchMsg, SearchOverlay, ServerBudget, ServerState};
use crate::input::action::Action;
use crate::panes::cursor::Motion;
use crate::panes::request::RequestId;
use crate::search::{Hit, HitKind, SearchQuery};

/// What an action in the overlay asks of the rest of the client.
#[derive(Clone, Debug, PartialEq)]
pub enum SearchOutcome {
    /// The overlay stays open.
    Stay,
    /// Close the overlay (cancelling what it waits for, [`waiting`]).
    Close,
    /// Close the overlay and open what this result names.
    Open(Hit),
}

/// What a tick asks of the shell: requests to cancel, then searches to start.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct SearchRequests {
    pub cancel: Vec<RequestId>,
    pub start: Vec<SearchEffect>,
}

/// What a tick reads besides the overlay.
#[derive(Debug)]
pub struct TickCtx<'a> {
    /// Whether the session has a cache to search.
    pub cached: bool,
    /// The session's server budget.
    pub budget: &'a mut ServerBudget,
    /// Fresh request ids for a cache search and a server search.
    pub local: RequestId,
    pub server: RequestId,
    pub now: DateTime<Utc>,
}

/// Handles an action while the search is open; `height` is the terminal's, in rows.
pub fn handle(search: &mut SearchOverlay, height: u16, action: Action) -> SearchOutcome {
    let page = usize::from(height / 2).max(1);
    let count = search.hits.len();
    if let Some(motion) = Motion::from_action(action, page) {
        search.selected = motion.apply(Some(search.selected), count).unwrap_or(0);
        return SearchOutcome::Stay;
    }
    match action {
        Action::NextGroup | Action::PrevGroup => {
            search.selected = jump_group(search, action == Action::NextGroup);
            SearchOutcome::Stay
        }
        Action::Open => search
            .selected_hit()
            .cloned()
            .map_or(SearchOutcome::Close, SearchOutcome::Open),
        Action::Back | Action::Cancel | Action::QuitOrBack | Action::Search => SearchOutcome::Close,
        _ => SearchOutcome::Stay,
    }
}

/// The requests the overlay still waits for (cancelled when it closes).
pub fn waiting(search: &SearchOverlay) -> Vec<RequestId> {
    [search.local_req, search.server_req]
        .into_iter()
        .flatten()
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

/// A tick: starts the search once typing has paused, and a server search that waited for the
/// budget once a slot is free.
pub fn on_tick(search: &mut SearchOverlay, ctx: TickCtx<'_>) -> SearchRequests {
    let mut asked = SearchRequests::default();
    if let Some(query) = search.due(ctx.now) {
        asked = start(search, query, ctx.cached, ctx.local);
    }
    if let Some(query) = search.server_wanted.take() {
        asked
            .start
            .extend(ask_server(search, ctx.budget, query, ctx.server, ctx.now));
    }
    asked
}

/// Starts a search for `query`: the cache now, the server when it has something to send.
fn start(
    search: &mut SearchOverlay,
    query: SearchQuery,
    cached: bool,
    req: RequestId,
) -> SearchRequests {
    let mut asked = SearchRequests {
        cancel: [search.local_req.take(), search.server_req.take()]
            .into_iter()
            .flatten()
            .collect(),
        start: Vec::new(),
    };
    search.searched = search.line.text.clone();
    search.selected = 0;
    search.local = Default::default();
    search.remote = None;
    search.server = ServerState::Idle;
    search.server_wanted = None;
    if query.is_empty() {
        search.hits = Default::default();
        return asked;
    }
    if cached {
        search.local_req = Some(req);
        asked.start.push(SearchEffect::Local {
            req,
            query: Box::new(query.clone()),
        });
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
    asked
}

fn ask_server(
    search: &mut SearchOverlay,
    budget: &mut ServerBudget,
    query: SearchQuery,
    req: RequestId,
    now: DateTime<Utc>,
) -> Option<SearchEffect> {
    if !budget.take(now) {
        search.server_wanted = Some(query);
        search.server = ServerState::Budget;
        return None;
    }
    search.server_req = Some(req);
    search.server = ServerState::Loading;
    Some(SearchEffect::Server {
        req,
        query: Box::new(query),
    })
}

/// An answer: kept when it is for the newest request of its kind.
pub fn apply(search: &mut SearchOverlay, answer: SearchMsg) {
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
        _ => return,
    }
    search.merge();
}

/// A key the search mode does not bind: text for the line.
pub fn type_key(search: &mut SearchOverlay, key: KeyEvent) {
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
pub fn paste(search: &mut SearchOverlay, text: &str) {
    search.line.push_str(text);
    search.typed();
}
