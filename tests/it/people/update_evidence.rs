//! `update` tests of the People pane's evidence: the search for evidence waits for typing to
//! pause and fills the expertise index, and the selection follows the best match until the
//! user moves it.

use super::update::search;
use crate::harness::people;
use crate::harness::tui;
use chrono::Duration;
use crossterm::event::KeyCode;
use kring::app::core::msg::Msg;
use kring::app::core::update::update;
use kring::domain::UserId;
use kring::panes::people::effect::{PeopleEffect, PeopleMsg};
use people::*;
use tui::{key, now};

#[test]
fn the_search_for_evidence_waits_for_typing_to_pause_and_fills_the_index() {
    let mut state = people_state(80, 24);
    let typed = search(&mut state, "terraform");
    assert!(people_effects(&typed).is_empty(), "not per keystroke");
    assert!(listed(&state).is_empty());
    let mut sent = Vec::new();
    for millis in [0, 200, 500, 900, 1500] {
        let tick = Msg::Tick(now() + Duration::milliseconds(millis));
        sent.extend(people_effects(&update(&mut state, tick)));
    }
    assert_eq!(sent.len(), 1, "{sent:?}");
    let PeopleEffect::SearchEvidence { req, text } = sent[0].clone() else {
        panic!("a search: {sent:?}");
    };
    assert_eq!(text, "terraform");
    let mut envelope = subject_envelope();
    envelope.messages = vec![tui::message(
        5000,
        5000,
        LARS,
        None,
        Some(tui::ENGINEERING),
        60,
        "Terraform modules for the new clusters are reviewed.",
    )];
    let page = kring::domain::convert::page_from_envelope(&envelope);
    update(
        &mut state,
        Msg::People(PeopleMsg::Evidence {
            req,
            result: Ok((page, Vec::new())),
        }),
    );
    assert_eq!(listed(&state), [LARS]);
    assert!(
        state
            .catalog
            .message(kring::domain::MessageId(5000))
            .is_some()
    );
}

/// Answers the evidence search that typing `text` and pausing sends, with `messages`.
fn answer_evidence(
    state: &mut kring::app::core::state::State,
    messages: Vec<kring::api::dto::Message>,
) {
    let mut sent = Vec::new();
    for millis in [0, 500] {
        let tick = Msg::Tick(now() + Duration::milliseconds(millis));
        sent.extend(people_effects(&update(state, tick)));
    }
    let Some(PeopleEffect::SearchEvidence { req, .. }) = sent.first().cloned() else {
        panic!("a search: {sent:?}");
    };
    let mut envelope = subject_envelope();
    envelope.messages = messages;
    let page = kring::domain::convert::page_from_envelope(&envelope);
    update(
        state,
        Msg::People(PeopleMsg::Evidence {
            req,
            result: Ok((page, Vec::new())),
        }),
    );
}

fn bouldering_posts() -> Vec<kring::api::dto::Message> {
    (0..6)
        .map(|n| {
            tui::message(
                6000 + n,
                6000 + n,
                EVA,
                None,
                Some(tui::ENGINEERING),
                60 * (n as i64 + 1),
                "Bouldering night at the climbing hall: bouldering shoes to lend.",
            )
        })
        .collect()
}

#[test]
fn the_selection_follows_the_best_match_until_the_user_moves_it() {
    let mut state = people_state(80, 24);
    search(&mut state, "bouldering");
    assert_eq!(listed(&state), [KIM], "declared as an interest");
    answer_evidence(&mut state, bouldering_posts());
    assert_eq!(
        listed(&state),
        [EVA, KIM],
        "strong evidence beats an interest"
    );
    assert_eq!(
        state.people.selected,
        Some(UserId(EVA)),
        "the new best match"
    );

    let mut moved = people_state(80, 24);
    search(&mut moved, "bouldering");
    update(&mut moved, key(KeyCode::Down));
    assert_eq!(moved.people.selected, Some(UserId(KIM)));
    answer_evidence(&mut moved, bouldering_posts());
    assert_eq!(
        moved.people.selected,
        Some(UserId(KIM)),
        "stays where the user put it"
    );
}
