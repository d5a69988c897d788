//! The search overlay on the whole state: opening it, routing its keys, ticks and answers to
//! [`crate::overlays::search::update`], and carrying out what it asks: cancelling and starting
//! searches, and opening a result (a message: its thread with the message selected and
//! highlighted; a community or a topic: its feed; a person: their profile in People).

use chrono::{DateTime, Utc};
use crossterm::event::KeyEvent;

use crate::app::core::effect::Effect;
use crate::app::core::global;
use crate::app::core::state::State;
use crate::app::core::update::dispatch;
use crate::domain::{Feed, GroupId, MessageId, ThreadId, TopicId, UserId};
use crate::input::action::Action;
use crate::overlays::Overlay;
use crate::overlays::search::SearchMsg;
use crate::overlays::search::SearchOverlay;
use crate::overlays::search::update::{self as search, SearchOutcome, SearchRequests, TickCtx};
use crate::panes::PaneId;
use crate::search::{Hit, HitKind};

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

impl From<SearchRequests> for Vec<Effect> {
    fn from(asked: SearchRequests) -> Self {
        let cancel = asked.cancel.into_iter().map(Effect::Cancel);
        cancel
            .chain(asked.start.into_iter().map(Effect::Search))
            .collect()
    }
}

/// Handles an action while the search is open.
pub fn handle(state: &mut State, action: Action) -> Vec<Effect> {
    let height = state.session.size.1;
    let Some(overlay) = search_mut(state) else {
        return Vec::new();
    };
    match search::handle(overlay, height, action) {
        SearchOutcome::Stay => Vec::new(),
        SearchOutcome::Close => close(state),
        SearchOutcome::Open(hit) => [close(state), go_to(state, &hit)].concat(),
    }
}

/// Closes the overlay, cancelling what it still waits for.
fn close(state: &mut State) -> Vec<Effect> {
    let Some(Overlay::Search(overlay)) = state.overlay.take() else {
        return Vec::new();
    };
    search::waiting(&overlay)
        .into_iter()
        .map(Effect::Cancel)
        .collect()
}

/// Opens what `hit` names; the overlay is already closed.
fn go_to(state: &mut State, hit: &Hit) -> Vec<Effect> {
    match hit.kind {
        HitKind::Message => {
            let thread = ThreadId(hit.thread_id.unwrap_or(hit.id));
            let effects = super::open_thread(state, thread);
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
    let effects = super::open_feed(state, feed);
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
    let Some(Overlay::Search(overlay)) = &mut state.overlay else {
        return Vec::new();
    };
    let ctx = TickCtx {
        cached,
        budget: &mut state.search_budget,
        local,
        server,
        now,
    };
    search::on_tick(overlay, ctx).into()
}

/// An answer: kept when it is for the newest request of its kind.
pub fn apply(state: &mut State, answer: SearchMsg) -> Vec<Effect> {
    if let Some(overlay) = search_mut(state) {
        search::apply(overlay, answer);
    }
    Vec::new()
}

/// A key the search mode does not bind: text for the line.
pub fn type_key(state: &mut State, key: KeyEvent) {
    if let Some(overlay) = search_mut(state) {
        search::type_key(overlay, key);
    }
}

/// Pasted text goes into the line (already through the paste gate).
pub fn paste(state: &mut State, text: &str) {
    if let Some(overlay) = search_mut(state) {
        search::paste(overlay, text);
    }
}

/// How soon the search needs a tick.
pub fn next_tick_in(state: &State) -> Option<std::time::Duration> {
    match &state.overlay {
        Some(Overlay::Search(overlay)) => {
            overlay.next_tick_in(&state.search_budget, state.session.now)
        }
        _ => None,
    }
}
