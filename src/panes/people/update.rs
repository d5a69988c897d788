//! Transitions of the people pane's listing: the query line (typed, pasted, cleared), moving
//! through the listing, sorting, filtering by the selected person's department or location;
//! starting the people listing the first time the pane is shown; the evidence search on ticks.
//! A card's keys are `card_update`'s. Works on the pane's own state and a [`PeopleCtx`]; what
//! only the rest of the client can do is a [`PeopleOutcome`]. No I/O.

use std::time::Duration;

use chrono::{DateTime, Utc};
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use super::PeoplePane;
use super::answers::next_page;
use super::card_update;
use super::ctx::PeopleCtx;
use super::effect::PeopleEffect;
use super::outcome::{PeopleOutcome, PeopleRequest};
use super::query::FilterKind;
use super::results::Filter;
use crate::input::action::Action;
use crate::panes::cursor::Motion;
use crate::panes::notice::Notice;

/// Handles `action` while the pane has focus; `None` lets the global handler take it.
pub fn handle(
    people: &mut PeoplePane,
    mut ctx: PeopleCtx<'_>,
    action: Action,
) -> Option<PeopleOutcome> {
    if people.card.is_some() {
        return card_update::handle(people, &mut ctx, action);
    }
    if people.line.editing
        && matches!(
            action,
            Action::MoveDown | Action::Open | Action::Back | Action::Cancel
        )
    {
        // Leaving the query line for the results, where result keys (m, F, s, f d …) act;
        // the query stays and `/` edits it again, esc once more clears it.
        people.line.editing = false;
        if action == Action::MoveDown {
            // The user took over the selection: it no longer follows the best match.
            people.selection_moved = true;
        }
        return Some(PeopleOutcome::none());
    }
    let now = ctx.now.timestamp();
    if let Some(motion) = Motion::from_action(action, ctx.rows / 2) {
        let at = motion.apply(people.selected_index(), people.listing.found.len());
        people.selected = at.and_then(|i| people.listing.found.get(i)).map(|f| f.id);
        people.selection_moved = true;
        return Some(PeopleOutcome::none());
    }
    let selected = people.selected;
    let outcome = match action {
        Action::Search => {
            people.line.editing = true;
            PeopleOutcome::none()
        }
        Action::Back | Action::Cancel | Action::QuitOrBack if !people.line.text.is_empty() => {
            clear_query(people, now);
            PeopleOutcome::none()
        }
        Action::Open => card_update::open_card(people, &mut ctx),
        Action::CycleSort => {
            people.cycle_sort();
            people.refresh(now);
            PeopleOutcome::none()
        }
        Action::DirectMessage => card_update::direct_message(people, &ctx, selected),
        Action::ToggleFollow => card_update::toggle_follow(people, &ctx, selected),
        Action::FilterDepartment => toggle_filter(people, &ctx, FilterKind::Department),
        Action::FilterLocation => toggle_filter(people, &ctx, FilterKind::Location),
        // From the list (or the palette) it is always your own profile.
        Action::EditProfile => PeopleOutcome::request(PeopleRequest::EditProfile),
        Action::WhyListed => {
            let text = "Open your own card (enter on yourself) to see why you are listed";
            PeopleOutcome::notice(Notice::info(text, ctx.now))
        }
        Action::Refresh => {
            people.paging.retry();
            PeopleOutcome {
                effects: next_page(people, ctx.requests).into_iter().collect(),
                request: Some(PeopleRequest::Refresh),
                ..PeopleOutcome::default()
            }
        }
        _ => return None,
    };
    Some(outcome)
}

/// A key the keymap does not bind, while the pane is shown and no overlay is open: when the
/// query line is being typed, text goes into the line, `backspace` deletes a character,
/// `ctrl-w` a word, `ctrl-u` everything. `now` is in unix seconds.
pub fn type_key(people: &mut PeoplePane, now: i64, key: KeyEvent) {
    if !people.line.editing {
        return;
    }
    let ctrl = key.modifiers.contains(KeyModifiers::CONTROL);
    let line = &mut people.line;
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
    query_changed(people, now);
}

/// Sets the query line to `text` (not being typed), as if typed: the best match is selected.
pub fn set_query(people: &mut PeoplePane, now: i64, text: &str) {
    people.line.text.clear();
    people.line.push_str(text);
    people.line.editing = false;
    query_changed(people, now);
}

/// Text pasted while the pane is shown and no overlay is open: it goes into the query line
/// when that is being typed.
pub fn paste(people: &mut PeoplePane, now: i64, text: &str) {
    if people.line.editing {
        people.line.push_str(text);
        query_changed(people, now);
    }
}

/// The query changed: the best match is selected and an evidence search may follow.
fn query_changed(people: &mut PeoplePane, now: i64) {
    let text = people.line.parsed().text;
    people.evidence.typed(&text);
    people.selection_moved = false;
    people.refresh(now);
}

/// `f d` / `f l`: lists only the selected person's department or location, or everyone again
/// when that filter is already on. The filter is written into the query line, where it shows and
/// can be edited; the selected person stays selected.
fn toggle_filter(people: &mut PeoplePane, ctx: &PeopleCtx<'_>, kind: FilterKind) -> PeopleOutcome {
    let Some(person) = people.selected else {
        return PeopleOutcome::none();
    };
    let value = {
        let index = people.index.lock();
        index.person(person.0).and_then(|doc| match kind {
            FilterKind::Department => doc.department.clone(),
            FilterKind::Location => doc.location.clone(),
        })
    };
    let current = match kind {
        FilterKind::Department => &people.listing.department,
        FilterKind::Location => &people.listing.location,
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
            return PeopleOutcome::notice(Notice::info(text, ctx.now));
        }
        _ => None,
    };
    people.line.set_filter(kind, set);
    people.selection_moved = true;
    people.refresh(ctx.now.timestamp());
    PeopleOutcome::none()
}

fn clear_query(people: &mut PeoplePane, now: i64) {
    people.line.text.clear();
    people.line.editing = false;
    query_changed(people, now);
}

/// After every action: the first time the pane is shown the people listing starts, and a stale
/// listing is brought up to date.
pub fn on_shown(people: &mut PeoplePane, ctx: PeopleCtx<'_>) -> PeopleOutcome {
    let mut outcome = PeopleOutcome::none();
    if !ctx.shown {
        return outcome;
    }
    if !people.paging.started() {
        outcome.effects.extend(next_page(people, ctx.requests));
        people.stale = true;
    }
    if people.stale {
        people.refresh(ctx.now.timestamp());
    }
    outcome
}

/// A tick at `ctx.now`: the listing goes on when its pause is over, and the evidence search is
/// sent once typing has paused.
pub fn on_tick(people: &mut PeoplePane, ctx: PeopleCtx<'_>) -> PeopleOutcome {
    let mut outcome = PeopleOutcome::none();
    if people.paging.on_tick(ctx.now) {
        outcome.effects.extend(next_page(people, ctx.requests));
    }
    let Some(text) = people.evidence.on_tick(ctx.now) else {
        return outcome;
    };
    let req = ctx.requests.issue();
    // The query changed since the last search went out: its answer would be dropped anyway.
    if let Some(stale) = people.evidence.in_flight.replace(req) {
        outcome.cancel.push(stale);
    }
    outcome
        .effects
        .push(PeopleEffect::SearchEvidence { req, text });
    outcome
}

/// How soon the pane needs a tick, if it does: a paused listing needs one when it goes on, and
/// one each time its countdown changes while the pane shows it (`focused`: the pane has focus).
pub fn next_tick_in(people: &PeoplePane, now: DateTime<Utc>, focused: bool) -> Option<Duration> {
    let shown = focused && people.card.is_none();
    let paging = people.paging.next_tick_in(now, shown);
    let evidence = people.evidence.next_tick_in(now);
    match (paging, evidence) {
        (Some(a), Some(b)) => Some(a.min(b)),
        (a, b) => a.or(b),
    }
}

#[cfg(test)]
#[path = "update_tests.rs"]
mod tests;
