//! Tests of the profile form: opening it on your own card, typing, cancelling (asking first
//! when something changed), saving (applied at once, only what changed sent) and the rollback
//! when the server refuses.

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use super::*;
use crate::api::ProfileUpdate;
use crate::app::core::msg::Msg;
use crate::app::core::update::update;
use crate::domain::UserId;
use crate::expertise::{PersonDoc, Query};
use crate::overlays::profile_edit::Field;
use crate::panes::PaneId;
use crate::panes::people::effect::PeopleMsg;

fn doc(id: u64, name: &str, expertise: &[&str]) -> PersonDoc {
    PersonDoc {
        id,
        full_name: name.to_owned(),
        username: name.to_lowercase(),
        expertise: expertise.iter().map(|s| (*s).to_owned()).collect(),
        show_in_directory: true,
        ..PersonDoc::default()
    }
}

/// Me (1) knows kubernetes; Dee (4) knows postgres. The People pane shows my card.
fn state() -> State {
    let mut state = State::for_tests_at(State::test_day(20));
    state.session.size = (80, 24);
    state.catalog.me = Some(UserId(1));
    {
        let mut index = state.people.index.lock();
        index.upsert_person(doc(1, "Me", &["kubernetes"]));
        index.upsert_person(doc(4, "Dee", &["postgres"]));
        index.mark_people_complete();
    }
    state.focus = PaneId::People;
    // The listing was read to its end: showing the pane asks for nothing.
    state.people.paging.next_page = 2;
    state.people.paging.complete = true;
    state
}

fn open_card(state: &mut State, person: u64) {
    if state.people.card.is_some() {
        update(state, Msg::Action(Action::Back));
    }
    state.people.selected = Some(UserId(person));
    update(state, Msg::Action(Action::Open));
    assert_eq!(
        state.people.card.as_ref().map(|c| c.person),
        Some(UserId(person))
    );
}

fn form(state: &State) -> &ProfileForm {
    match &state.overlay {
        Some(Overlay::ProfileEdit(form)) => form,
        other => panic!("the profile form is not open: {other:?}"),
    }
}

fn key(state: &mut State, code: KeyCode, modifiers: KeyModifiers) -> Vec<Effect> {
    update(state, Msg::Key(KeyEvent::new(code, modifiers)))
}

fn type_text(state: &mut State, text: &str) {
    for c in text.chars() {
        key(state, KeyCode::Char(c), KeyModifiers::NONE);
    }
}

fn ranks(state: &State, word: &str) -> Vec<u64> {
    let index = state.people.index.lock();
    let found = index.who_knows(&Query::new(word), state.session.now.timestamp());
    found.iter().map(|m| m.person_id).collect()
}

#[test]
fn e_on_your_own_card_opens_the_form_and_only_there() {
    let mut state = state();
    open_card(&mut state, 4);
    key(&mut state, KeyCode::Char('e'), KeyModifiers::NONE);
    assert!(state.overlay.is_none());
    assert!(state.notice.current().is_some());

    open_card(&mut state, 1);
    key(&mut state, KeyCode::Char('e'), KeyModifiers::NONE);
    let form = form(&state);
    assert_eq!(form.expertise, "kubernetes");
    assert!(form.interests.is_empty());
    assert!(form.listed);
}

#[test]
fn the_palette_action_opens_it_from_anywhere() {
    let mut state = state();
    state.focus = PaneId::Timeline;
    update(&mut state, Msg::Action(Action::EditProfile));
    assert_eq!(form(&state).focus, Field::Expertise);
}

#[test]
fn esc_closes_at_once_when_nothing_changed_and_asks_first_otherwise() {
    let mut state = state();
    update(&mut state, Msg::Action(Action::EditProfile));
    key(&mut state, KeyCode::Esc, KeyModifiers::NONE);
    assert!(state.overlay.is_none());

    update(&mut state, Msg::Action(Action::EditProfile));
    key(&mut state, KeyCode::Tab, KeyModifiers::NONE);
    type_text(&mut state, "chess");
    let effects = key(&mut state, KeyCode::Esc, KeyModifiers::NONE);
    assert!(effects.is_empty());
    assert!(form(&state).confirm_discard);
    // n keeps editing, with the text.
    key(&mut state, KeyCode::Char('n'), KeyModifiers::NONE);
    assert_eq!(form(&state).interests, "chess");
    assert!(!form(&state).confirm_discard);
    key(&mut state, KeyCode::Esc, KeyModifiers::NONE);
    let effects = key(&mut state, KeyCode::Char('y'), KeyModifiers::NONE);
    assert!(state.overlay.is_none());
    assert!(effects.is_empty(), "nothing is sent: {effects:?}");
    assert!(ranks(&state, "chess").is_empty());
}

#[test]
fn saving_sends_only_what_changed_and_the_directory_shows_it_at_once() {
    let mut state = state();
    update(&mut state, Msg::Action(Action::EditProfile));
    // Expertise: add postgres; interests untouched; about: typed; listed: untouched.
    type_text(&mut state, ", postgres");
    key(&mut state, KeyCode::Tab, KeyModifiers::NONE);
    key(&mut state, KeyCode::Tab, KeyModifiers::NONE);
    update(&mut state, Msg::Paste("Runs the\nplatform".to_owned()));
    let effects = key(&mut state, KeyCode::Char('s'), KeyModifiers::CONTROL);
    let change = ProfileUpdate {
        expertise: Some(vec!["kubernetes".to_owned(), "postgres".to_owned()]),
        summary: Some("Runs the platform".to_owned()),
        ..ProfileUpdate::default()
    };
    assert_eq!(
        effects,
        vec![Effect::People(PeopleEffect::SaveProfile { change })]
    );
    assert!(state.overlay.is_none());
    assert!(ranks(&state, "postgres").contains(&1));
    let summary = state
        .people
        .extras
        .get(&UserId(1))
        .and_then(|e| e.summary.clone());
    assert_eq!(
        summary.map(|s| s.to_string()),
        Some("Runs the platform".to_owned())
    );

    update(
        &mut state,
        Msg::People(PeopleMsg::ProfileSaved { result: Ok(()) }),
    );
    assert!(state.profile_save.is_none());
    assert!(ranks(&state, "postgres").contains(&1));
    let notice = state
        .notice
        .current()
        .map(|n| n.text.clone())
        .unwrap_or_default();
    assert!(notice.contains("visible to everyone"), "{notice}");
}

#[test]
fn a_refused_save_is_rolled_back_and_the_form_comes_back_with_the_text_and_why() {
    let mut state = state();
    update(&mut state, Msg::Action(Action::EditProfile));
    key(&mut state, KeyCode::Char('u'), KeyModifiers::CONTROL);
    type_text(&mut state, "gardening");
    key(&mut state, KeyCode::BackTab, KeyModifiers::SHIFT);
    // On "Listed in the directory": space says no.
    type_text(&mut state, " ");
    assert!(!form(&state).listed);
    let effects = key(&mut state, KeyCode::Char('s'), KeyModifiers::CONTROL);
    assert_eq!(effects.len(), 1);
    // Hidden at once: no ranking lists me, not even for the new word.
    assert!(ranks(&state, "gardening").is_empty());
    assert!(ranks(&state, "kubernetes").is_empty());

    let refused = Err(crate::api::ApiError::NotFound);
    update(
        &mut state,
        Msg::People(PeopleMsg::ProfileSaved { result: refused }),
    );
    assert_eq!(ranks(&state, "kubernetes"), vec![1]);
    assert!(ranks(&state, "gardening").is_empty());
    let form = form(&state);
    assert_eq!(form.expertise, "gardening");
    assert!(!form.listed);
    let error = form.error.clone().unwrap_or_default();
    assert!(error.contains("not saved"), "{error}");
}
