//! Requests of the people pane that a newer one makes stale are cancelled, not left running:
//! the evidence search when the query changes, a card's messages when the card closes.

use crate::harness::people::*;
use crate::harness::tui::{key, now, type_text};

use chrono::Duration;
use crossterm::event::KeyCode;
use kring::app::core::effect::Effect;
use kring::app::core::msg::Msg;
use kring::app::core::update::update;
use kring::panes::people::effect::PeopleEffect;

/// Ticks through the typing pause and returns every effect the ticks asked for.
fn pause_typing(state: &mut kring::app::core::state::State, from_millis: i64) -> Vec<Effect> {
    let mut effects = Vec::new();
    for millis in [0, 500, 1500] {
        let tick = Msg::Tick(now() + Duration::milliseconds(from_millis + millis));
        effects.extend(update(state, tick));
    }
    effects
}

#[test]
fn a_changed_query_cancels_the_evidence_search_still_running() {
    let mut state = people_state(80, 24);
    update(&mut state, key(KeyCode::Char('/')));
    type_text(&mut state, "terraform");
    let first = pause_typing(&mut state, 0);
    let Some(PeopleEffect::SearchEvidence { req: running, .. }) =
        people_effects(&first).first().cloned()
    else {
        panic!("a search: {first:?}");
    };
    type_text(&mut state, " state");
    let second = pause_typing(&mut state, 5_000);
    assert!(
        second.contains(&Effect::Cancel(running)),
        "the stale search is cancelled: {second:?}"
    );
    let searches: Vec<_> = people_effects(&second)
        .into_iter()
        .filter_map(|effect| match effect {
            PeopleEffect::SearchEvidence { req, text } => Some((req, text)),
            _ => None,
        })
        .collect();
    assert_eq!(searches.len(), 1, "{second:?}");
    assert_ne!(searches[0].0, running);
    assert_eq!(searches[0].1, "terraform state");
}

#[test]
fn an_answered_search_is_not_cancelled_later() {
    let mut state = people_state(80, 24);
    update(&mut state, key(KeyCode::Char('/')));
    type_text(&mut state, "terraform");
    let first = pause_typing(&mut state, 0);
    let Some(PeopleEffect::SearchEvidence { req, .. }) = people_effects(&first).first().cloned()
    else {
        panic!("a search: {first:?}");
    };
    let page = kring::domain::convert::page_from_envelope(&subject_envelope());
    update(
        &mut state,
        Msg::People(kring::panes::people::effect::PeopleMsg::Evidence {
            req,
            result: Ok((page, Vec::new())),
        }),
    );
    type_text(&mut state, "x");
    let second = pause_typing(&mut state, 5_000);
    assert!(
        !second.iter().any(|e| matches!(e, Effect::Cancel(_))),
        "nothing left to cancel: {second:?}"
    );
}

#[test]
fn closing_a_card_cancels_the_fetch_of_its_messages() {
    let mut state = people_state(80, 24);
    let opened = update(&mut state, key(KeyCode::Enter));
    let Some(PeopleEffect::FetchWritten { req, .. }) = people_effects(&opened)
        .into_iter()
        .find(|e| matches!(e, PeopleEffect::FetchWritten { .. }))
    else {
        panic!("a card fetches its messages: {opened:?}");
    };
    let closed = update(&mut state, key(KeyCode::Esc));
    assert!(state.people.card.is_none());
    assert_eq!(closed, vec![Effect::Cancel(req)]);
}
