//! Transitions of the people pane: the query line (typed, pasted, cleared), moving through the
//! listing or a card's threads, sorting, opening a card or a thread, a private message, follow,
//! filtering by the selected person's department or location;
//! starting the people listing the first time the pane is shown; the evidence search on ticks.

use std::time::Duration;

use chrono::{DateTime, Utc};
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use super::answers::{next_page, set_follow};
use super::card::ProfileCard;
use super::effect::PeopleEffect;
use super::query::FilterKind;
use super::results::Filter;
use crate::app::core::action::Action;
use crate::app::core::effect::Effect;
use crate::app::core::global;
use crate::app::core::notice::Notice;
use crate::app::core::state::State;
use crate::overlays::compose::ComposeTarget;
use crate::panes::PaneId;
use crate::panes::cursor::Motion;

/// Handles `action` while the pane has focus; `None` lets the global handler take it.
pub fn handle(state: &mut State, action: Action) -> Option<Vec<Effect>> {
    if state.people.card.is_some() {
        return card_action(state, action);
    }
    if state.people.line.editing
        && matches!(
            action,
            Action::MoveDown | Action::Open | Action::Back | Action::Cancel
        )
    {
        // Leaving the query line for the results, where result keys (m, F, s, f d …) act;
        // the query stays and `/` edits it again, esc once more clears it.
        state.people.line.editing = false;
        if action == Action::MoveDown {
            // The user took over the selection: it no longer follows the best match.
            state.people.selection_moved = true;
        }
        return Some(Vec::new());
    }
    let page = state.pane_rows(PaneId::People) / 2;
    if let Some(motion) = Motion::from_action(action, page) {
        let people = &mut state.people;
        let at = motion.apply(people.selected_index(), people.listing.found.len());
        people.selected = at.and_then(|i| people.listing.found.get(i)).map(|f| f.id);
        people.selection_moved = true;
        return Some(Vec::new());
    }
    let effects = match action {
        Action::Search => {
            state.people.line.editing = true;
            Vec::new()
        }
        Action::Back | Action::Cancel | Action::QuitOrBack
            if !state.people.line.text.is_empty() =>
        {
            clear_query(state);
            Vec::new()
        }
        Action::Open => open_card(state),
        Action::CycleSort => {
            state.people.cycle_sort();
            refresh(state);
            Vec::new()
        }
        Action::DirectMessage => direct_message(state, state.people.selected),
        Action::ToggleFollow => toggle_follow(state, state.people.selected),
        Action::FilterDepartment => {
            toggle_filter(state, FilterKind::Department);
            Vec::new()
        }
        Action::FilterLocation => {
            toggle_filter(state, FilterKind::Location);
            Vec::new()
        }
        // From the list (or the palette) it is always your own profile.
        Action::EditProfile => crate::app::core::route::profile_edit::open(state),
        Action::WhyListed => {
            let text = "Open your own card (enter on yourself) to see why you are listed";
            state.notice = Some(Notice::info(text, state.session.now));
            Vec::new()
        }
        Action::Refresh => {
            state.people.paging.retry();
            let mut effects = global::refresh(state);
            effects.extend(next_page(state));
            effects
        }
        _ => return None,
    };
    Some(effects)
}

fn card_action(state: &mut State, action: Action) -> Option<Vec<Effect>> {
    let card = state.people.card.as_mut()?;
    let page = state.session.size.1 as usize / 2;
    if let (Some(why), Some(motion)) = (card.why.as_mut(), Motion::from_action(action, page)) {
        // The card scrolls over what the ranking sees; the view keeps it within the text.
        why.scroll = motion.apply(Some(why.scroll), 200).unwrap_or(0);
        return Some(Vec::new());
    }
    if let Some(motion) = Motion::from_action(action, page) {
        card.selected = motion
            .apply(Some(card.selected), card.threads.len())
            .unwrap_or(0);
        return Some(Vec::new());
    }
    let person = Some(card.person);
    let effects = match action {
        Action::Back | Action::Cancel | Action::QuitOrBack => close_card(state),
        Action::Search => {
            let effects = close_card(state);
            state.people.line.editing = true;
            effects
        }
        Action::Open => open_thread(state),
        Action::DirectMessage => direct_message(state, person),
        Action::ToggleFollow => toggle_follow(state, person),
        Action::EditProfile => edit_profile(state, person),
        Action::WhyListed => {
            toggle_why_listed(state);
            Vec::new()
        }
        _ => return None,
    };
    Some(effects)
}

/// `e` on a card: your own profile's form; anyone else's is theirs to change.
fn edit_profile(state: &mut State, person: Option<crate::domain::UserId>) -> Vec<Effect> {
    if person.is_some() && person == state.catalog.me {
        return crate::app::core::route::profile_edit::open(state);
    }
    let text = "Only your own profile can be edited: e on the list or on your own card";
    state.notice = Some(Notice::info(text, state.session.now));
    Vec::new()
}

/// `w` on your own card: shows or hides what the expertise ranking sees about you.
fn toggle_why_listed(state: &mut State) {
    let now = state.session.now;
    let Some(card) = state.people.card.as_mut() else {
        return;
    };
    if state.catalog.me != Some(card.person) {
        let text = "\"Why am I listed?\" is for your own card";
        state.notice = Some(Notice::info(text, now));
        return;
    }
    card.why = match card.why.take() {
        Some(_) => None,
        None => Some(super::why_listed::explain(
            &state.people.index.lock(),
            &state.catalog,
            card.person,
            now.timestamp(),
        )),
    };
}

/// A key the keymap does not bind while the query line is being typed: text goes into the line,
/// `backspace` deletes a character, `ctrl-w` a word, `ctrl-u` everything.
pub fn type_key(state: &mut State, key: KeyEvent) {
    if state.focus != PaneId::People || state.overlay.is_some() || !state.people.line.editing {
        return;
    }
    let ctrl = key.modifiers.contains(KeyModifiers::CONTROL);
    let line = &mut state.people.line;
    match key.code {
        KeyCode::Backspace if ctrl || key.modifiers.contains(KeyModifiers::ALT) => {
            line.delete_word();
        }
        KeyCode::Backspace => line.backspace(),
        KeyCode::Char('w') if ctrl => line.delete_word(),
        KeyCode::Char('u') if ctrl => line.text.clear(),
        KeyCode::Char(c) if !ctrl && !key.modifiers.contains(KeyModifiers::ALT) => {
            line.push_str(c.encode_utf8(&mut [0; 4]));
        }
        _ => return,
    }
    query_changed(state);
}

/// Sets the query line to `text` (not being typed), as if typed: the best match is selected.
pub fn set_query(state: &mut State, text: &str) {
    state.people.line.text.clear();
    state.people.line.push_str(text);
    state.people.line.editing = false;
    query_changed(state);
}

/// Text pasted while the query line is being typed.
pub fn paste(state: &mut State, text: &str) {
    if state.focus == PaneId::People && state.overlay.is_none() && state.people.line.editing {
        state.people.line.push_str(text);
        query_changed(state);
    }
}

/// The query changed: the best match is selected and an evidence search may follow.
fn query_changed(state: &mut State) {
    let text = state.people.line.parsed().text;
    state.people.evidence.typed(&text);
    state.people.selection_moved = false;
    refresh(state);
}

/// `f d` / `f l`: lists only the selected person's department or location, or everyone again
/// when that filter is already on. The filter is written into the query line, where it shows and
/// can be edited; the selected person stays selected.
fn toggle_filter(state: &mut State, kind: FilterKind) {
    let Some(person) = state.people.selected else {
        return;
    };
    let value = {
        let index = state.people.index.lock();
        index.person(person.0).and_then(|doc| match kind {
            FilterKind::Department => doc.department.clone(),
            FilterKind::Location => doc.location.clone(),
        })
    };
    let current = match kind {
        FilterKind::Department => &state.people.listing.department,
        FilterKind::Location => &state.people.listing.location,
    };
    let already = match (current, &value) {
        (Filter::On(on), Some(value)) => on.eq_ignore_ascii_case(value),
        _ => false,
    };
    let set = match (&value, current) {
        (Some(value), _) if !already => Some(value.as_str()),
        (None, Filter::Off) => {
            let what = match kind {
                FilterKind::Department => "department",
                FilterKind::Location => "location",
            };
            let text = format!("No {what} shared by this person");
            state.notice = Some(Notice::info(text, state.session.now));
            return;
        }
        _ => None,
    };
    state.people.line.set_filter(kind, set);
    state.people.selection_moved = true;
    refresh(state);
}

fn clear_query(state: &mut State) {
    state.people.line.text.clear();
    state.people.line.editing = false;
    query_changed(state);
}

fn refresh(state: &mut State) {
    state.people.refresh(state.session.now.timestamp());
}

/// After every action: the first time the pane is shown the people listing starts, and a stale
/// listing is brought up to date.
pub fn on_shown(state: &mut State) -> Vec<Effect> {
    if state.focus != PaneId::People {
        return Vec::new();
    }
    let mut effects = Vec::new();
    if !state.people.paging.started() {
        effects.extend(next_page(state));
        state.people.stale = true;
    }
    if state.people.stale {
        refresh(state);
    }
    effects
}

/// A tick: the listing goes on when its pause is over, and the evidence search is sent once
/// typing has paused.
pub fn on_tick(state: &mut State, now: DateTime<Utc>) -> Vec<Effect> {
    let mut effects = Vec::new();
    if state.people.paging.on_tick(now) {
        effects.extend(next_page(state));
    }
    let Some(text) = state.people.evidence.on_tick(now) else {
        return effects;
    };
    let req = state.next_request();
    // The query changed since the last search went out: its answer would be dropped anyway.
    if let Some(stale) = state.people.evidence.in_flight.replace(req) {
        effects.push(Effect::Cancel(stale));
    }
    effects.push(Effect::People(PeopleEffect::SearchEvidence { req, text }));
    effects
}

/// Closes the profile card, cancelling the fetch of its messages if it is still running.
fn close_card(state: &mut State) -> Vec<Effect> {
    let stale = state.people.card.take().and_then(|card| card.written);
    stale.map(Effect::Cancel).into_iter().collect()
}

/// How soon the pane needs a tick, if it does: a paused listing needs one when it goes on, and
/// one each time its countdown changes while the pane shows it.
pub fn next_tick_in(state: &State) -> Option<Duration> {
    let now = state.session.now;
    let shown = state.focus == PaneId::People && state.people.card.is_none();
    let paging = state.people.paging.next_tick_in(now, shown);
    let evidence = state.people.evidence.next_tick_in(now);
    match (paging, evidence) {
        (Some(a), Some(b)) => Some(a.min(b)),
        (a, b) => a.or(b),
    }
}

fn open_card(state: &mut State) -> Vec<Effect> {
    let Some(person) = state.people.selected else {
        return Vec::new();
    };
    let mut effects = close_card(state);
    let mut card = ProfileCard::new(person, &state.people.line.parsed().text);
    card.rebuild(&state.people.index.lock(), &state.catalog);
    let req = state.next_request();
    card.written = Some(req);
    state.people.card = Some(card);
    effects.push(Effect::People(PeopleEffect::FetchWritten {
        req,
        user: person,
    }));
    if !state.people.communities.contains_key(&person) {
        effects.push(Effect::People(PeopleEffect::FetchCommunities {
            user: person,
        }));
    }
    if state.catalog.me != Some(person) && !state.people.following.contains_key(&person) {
        effects.push(Effect::People(PeopleEffect::CheckFollow { user: person }));
    }
    effects
}

fn open_thread(state: &mut State) -> Vec<Effect> {
    let Some(entry) = state
        .people
        .card
        .as_ref()
        .and_then(|c| c.selected_thread())
        .copied()
    else {
        return Vec::new();
    };
    let effects = crate::app::core::route::open_thread(state, entry.thread);
    state.thread.select(entry.message);
    global::focus(state, PaneId::Thread);
    effects
}

fn person_name(state: &State, person: crate::domain::UserId) -> Option<String> {
    let index = state.people.index.lock();
    index.person(person.0).map(|p| p.display_name().to_owned())
}

fn direct_message(state: &mut State, person: Option<crate::domain::UserId>) -> Vec<Effect> {
    let Some(person) = person else {
        return Vec::new();
    };
    if state.catalog.me == Some(person) {
        state.notice = Some(Notice::info("That is you", state.session.now));
        return Vec::new();
    }
    let Some(name) = person_name(state, person) else {
        return Vec::new();
    };
    crate::app::core::route::compose::open(state, ComposeTarget::Direct { to: person, name })
}

fn toggle_follow(state: &mut State, person: Option<crate::domain::UserId>) -> Vec<Effect> {
    let Some(person) = person else {
        return Vec::new();
    };
    if state.catalog.me == Some(person) {
        state.notice = Some(Notice::info("That is you", state.session.now));
        return Vec::new();
    }
    let follow = !state
        .people
        .following
        .get(&person)
        .copied()
        .unwrap_or(false);
    state.people.following.insert(person, follow);
    vec![set_follow(person, follow)]
}
