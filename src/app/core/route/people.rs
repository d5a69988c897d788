//! The people pane on the whole state: building its [`PeopleCtx`] from the state, routing its
//! keys, typing, ticks and network answers to `crate::panes::people`, and carrying out the
//! [`PeopleOutcome`] it returns (requests sent or cancelled, a notice, a page for the catalog,
//! a thread opened, a private message started, the profile form, a refresh). Also what the rest
//! of the core asks of the pane: indexing the messages of other answers, following the index
//! when it changed, the next listing page.

use std::time::Duration;

use chrono::{DateTime, Utc};
use crossterm::event::KeyEvent;

use crate::app::core::effect::Effect;
use crate::app::core::global;
use crate::app::core::msg::ApiMsg;
use crate::app::core::state::State;
use crate::input::action::Action;
use crate::overlays::compose::ComposeTarget;
use crate::panes::PaneId;
use crate::panes::people::ctx::PeopleCtx;
use crate::panes::people::effect::PeopleMsg;
use crate::panes::people::outcome::{PeopleOutcome, PeopleRequest};
use crate::panes::people::{PeoplePane, absorb, answers, update};

/// The pane and what it reads, borrowed apart from the state.
fn split(state: &mut State) -> (&mut PeoplePane, PeopleCtx<'_>) {
    let rows = state.pane_rows(PaneId::People);
    let ctx = PeopleCtx {
        catalog: &state.catalog,
        now: state.session.now,
        me: state.catalog.me,
        shown: state.focus == PaneId::People,
        rows,
        height: state.session.size.1,
        requests: &mut state.session.requests,
    };
    (&mut state.people, ctx)
}

/// Handles `action` while the pane has focus; `None` leaves it to the global handler.
pub fn handle(state: &mut State, action: Action) -> Option<Vec<Effect>> {
    let (people, ctx) = split(state);
    let outcome = update::handle(people, ctx, action)?;
    Some(carry_out(state, outcome))
}

/// Whether keys and pastes the keymap leaves alone may go to the pane's query line.
fn typing_here(state: &State) -> bool {
    state.focus == PaneId::People && state.overlay.is_none()
}

/// A key the keymap does not bind: typed into the query line when it is being edited.
pub fn type_key(state: &mut State, key: KeyEvent) {
    if typing_here(state) {
        update::type_key(&mut state.people, state.session.now.timestamp(), key);
    }
}

/// Text pasted: into the query line when it is being edited.
pub fn paste(state: &mut State, text: &str) {
    if typing_here(state) {
        update::paste(&mut state.people, state.session.now.timestamp(), text);
    }
}

/// Sets the query line to `text`, as if typed: the best match is selected.
pub fn set_query(state: &mut State, text: &str) {
    update::set_query(&mut state.people, state.session.now.timestamp(), text);
}

/// After every action: the listing starts the first time the pane is shown, and a stale
/// listing is brought up to date.
pub fn on_shown(state: &mut State) -> Vec<Effect> {
    if state.focus != PaneId::People {
        return Vec::new();
    }
    let (people, ctx) = split(state);
    let outcome = update::on_shown(people, ctx);
    carry_out(state, outcome)
}

/// A tick at `now` (the session's time is `now` already).
pub fn on_tick(state: &mut State, now: DateTime<Utc>) -> Vec<Effect> {
    let (people, mut ctx) = split(state);
    ctx.now = now;
    let outcome = update::on_tick(people, ctx);
    carry_out(state, outcome)
}

/// How soon the pane needs a tick, if it does.
pub fn next_tick_in(state: &State) -> Option<Duration> {
    let focused = state.focus == PaneId::People;
    update::next_tick_in(&state.people, state.session.now, focused)
}

/// Applies one of the pane's network answers.
pub fn apply(state: &mut State, msg: PeopleMsg) -> Vec<Effect> {
    let (people, ctx) = split(state);
    let outcome = answers::apply(people, ctx, msg);
    carry_out(state, outcome)
}

/// Indexes the messages of a network answer (before the core applies it); true when the index
/// changed, and [`index_changed`] should follow once the answer is applied.
pub fn api_result(state: &State, msg: &ApiMsg) -> bool {
    match msg {
        ApiMsg::Feed {
            result: Ok(page), ..
        }
        | ApiMsg::Thread {
            result: Ok(page), ..
        }
        | ApiMsg::Posted {
            result: Ok(page), ..
        } => absorb::index_page(&state.people.index, page, &state.catalog) > 0,
        ApiMsg::Deleted {
            message,
            result: Ok(()),
        } => state.people.index.lock().remove_message(message.0),
        _ => false,
    }
}

/// The index changed: the listing and an open card follow when the pane is shown; otherwise
/// they are brought up to date when it is next shown.
pub fn index_changed(state: &mut State) {
    let shown = state.focus == PaneId::People;
    let now = state.session.now.timestamp();
    absorb::index_changed(&mut state.people, &state.catalog, now, shown);
}

/// The request for the next page of the people listing, if one is due.
pub fn next_page(state: &mut State) -> Option<Effect> {
    answers::next_page(&mut state.people, &mut state.session.requests).map(Effect::People)
}

/// Carries out what the pane asked: cancels first, then the notice, the page for the catalog
/// (the pane following the index once it is there), the request to the rest of the client,
/// and last the pane's own requests.
fn carry_out(state: &mut State, outcome: PeopleOutcome) -> Vec<Effect> {
    let PeopleOutcome {
        effects,
        cancel,
        notice,
        absorb,
        request,
    } = outcome;
    let mut out: Vec<Effect> = cancel.into_iter().map(Effect::Cancel).collect();
    if let Some(notice) = notice {
        state.notice.show(notice);
    }
    if let Some(page) = absorb {
        state.catalog.absorb(page);
        index_changed(state);
    }
    if let Some(request) = request {
        out.extend(requested(state, request));
    }
    out.extend(effects.into_iter().map(Effect::People));
    out
}

fn requested(state: &mut State, request: PeopleRequest) -> Vec<Effect> {
    match request {
        PeopleRequest::OpenThread { thread, message } => {
            let effects = super::open_thread(state, thread);
            state.thread.select(message);
            global::focus(state, PaneId::Thread);
            effects
        }
        PeopleRequest::DirectMessage { to, name } => {
            super::compose::open(state, ComposeTarget::Direct { to, name })
        }
        PeopleRequest::EditProfile => super::profile_edit::open(state),
        PeopleRequest::Refresh => global::refresh(state),
        PeopleRequest::ProfileSaved(result) => {
            super::profile_edit::saved(state, result);
            Vec::new()
        }
    }
}
