//! Tests of "Questions for you": what it lists, and Enter, `r` and `m`.

use super::*;
use crate::app::core::effect::Effect;
use crate::app::core::msg::Msg;
use crate::app::core::route::questions::refresh;
use crate::app::core::state::State;
use crate::app::core::update::update;
use crate::domain::test_support::message;
use crate::domain::{Message, SafeText};
use crate::expertise::PersonDoc;
use crate::overlays::Overlay;
use crate::overlays::compose::ComposeTarget;
use crate::panes::PaneId;
use crate::panes::questions::Part;
use crate::panes::questions::QuestionsView;
use crate::panes::questions::effect::{QuestionsEffect, QuestionsMsg};

/// Opens the view as the keeper of community 7 (the server says so).
fn open_as_keeper(state: &mut State) {
    let effects = update(state, Msg::Action(Action::OpenQuestions));
    assert!(effects.contains(&Effect::Questions(QuestionsEffect::FetchKept)));
    update(
        state,
        Msg::Questions(QuestionsMsg::Kept(Ok(vec![GroupId(7)]))),
    );
}

fn person(id: u64, name: &str, expertise: &[&str]) -> PersonDoc {
    PersonDoc {
        id,
        full_name: name.to_owned(),
        username: name.to_lowercase(),
        expertise: expertise.iter().map(|s| (*s).to_owned()).collect(),
        show_in_directory: true,
        ..PersonDoc::default()
    }
}

fn asked(id: u64, group: u64, sender: u64, text: &str) -> Message {
    let mut m = message(id, id, None);
    m.community = Some(GroupId(group));
    m.sender = UserId(sender);
    m.body = SafeText::new(text);
    m
}

/// Me (1) knows kubernetes; Dee (4) and Eve (5) know postgres.
fn state() -> State {
    let mut state = State::for_tests_at(State::test_day(20));
    state.session.size = (80, 24);
    state.catalog.me = Some(UserId(1));
    state.communities.mine = vec![GroupId(7)];
    {
        let mut index = state.people.index.lock();
        index.upsert_person(person(1, "Me", &["kubernetes"]));
        index.upsert_person(person(4, "Dee", &["postgres"]));
        index.upsert_person(person(5, "Eve", &["postgres"]));
        index.mark_people_complete();
    }
    state
        .catalog
        .insert_message(asked(10, 7, 2, "How do I drain a kubernetes node?"));
    state
        .catalog
        .insert_message(asked(11, 7, 2, "Which postgres version do we run?"));
    state
        .catalog
        .insert_message(asked(12, 9, 2, "Which postgres backup tool?"));
    state
}

fn view(state: &State) -> &QuestionsView {
    match &state.overlay {
        Some(Overlay::Questions(view)) => view,
        other => panic!("the questions view is not open: {other:?}"),
    }
}

#[test]
fn six_lists_your_matches_first_then_your_communities_with_who_could_answer() {
    let mut state = state();
    open_as_keeper(&mut state);
    let items = &view(&state).items;
    let listed: Vec<(Part, u64)> = items.iter().map(|i| (i.part, i.id.0)).collect();
    // 12 is in a community I am not in, and nobody's match for me: not listed.
    assert_eq!(listed, [(Part::ForYou, 10), (Part::InYourCommunities, 11)]);
    assert_eq!(items[0].why.as_deref(), Some("matches your 'kubernetes'"));
    let names: Vec<&str> = items[1].answerers.iter().map(|a| a.name.as_str()).collect();
    assert_eq!(names, ["Dee", "Eve"]);
}

#[test]
fn enter_opens_the_thread_and_r_answers() {
    let mut state = state();
    update(&mut state, Msg::Action(Action::OpenQuestions));
    update(&mut state, Msg::Action(Action::Open));
    assert!(state.overlay.is_none());
    assert_eq!(state.focus, PaneId::Thread);

    update(&mut state, Msg::Action(Action::OpenQuestions));
    update(&mut state, Msg::Action(Action::Reply));
    let compose = state.compose().expect("the editor is open");
    assert!(matches!(
        compose.target,
        ComposeTarget::Reply {
            to: MessageId(10),
            ..
        }
    ));
}

#[test]
fn m_drafts_a_reply_mentioning_who_could_answer() {
    let mut state = state();
    open_as_keeper(&mut state);
    update(&mut state, Msg::Action(Action::MoveDown));
    update(&mut state, Msg::Action(Action::ReplyMentioning));
    let compose = state.compose().expect("the editor is open");
    assert!(matches!(
        compose.target,
        ComposeTarget::Reply {
            to: MessageId(11),
            ..
        }
    ));
    assert_eq!(compose.text(), "@dee @eve could you help with this one? ");
}

#[test]
fn the_list_is_taken_again_as_the_directory_grows_keeping_the_selection() {
    let mut state = state();
    open_as_keeper(&mut state);
    update(&mut state, Msg::Action(Action::MoveDown));
    state
        .people
        .index
        .lock()
        .upsert_person(person(6, "Fay", &["postgres"]));
    refresh(&mut state);
    let view = view(&state);
    assert_eq!(view.current().map(|i| i.id), Some(MessageId(11)));
    assert_eq!(view.current().map(|i| i.answerers.len()), Some(3));
}

#[test]
fn a_plain_member_sees_only_the_questions_for_them() {
    let mut state = state();
    update(&mut state, Msg::Action(Action::OpenQuestions));
    // Until the server says which communities you keep, and when you keep none of yours.
    let parts: Vec<Part> = view(&state).items.iter().map(|i| i.part).collect();
    assert_eq!(parts, [Part::ForYou]);
    update(
        &mut state,
        Msg::Questions(QuestionsMsg::Kept(Ok(vec![GroupId(9)]))),
    );
    let listed: Vec<(Part, u64)> = view(&state)
        .items
        .iter()
        .map(|i| (i.part, i.id.0))
        .collect();
    // Keeping 9 (where 12 was asked) brings 12 in, not 11 of community 7 where I am a member.
    assert_eq!(listed, [(Part::ForYou, 10), (Part::InYourCommunities, 12)]);
    update(
        &mut state,
        Msg::Questions(QuestionsMsg::Kept(Ok(Vec::new()))),
    );
    let parts: Vec<Part> = view(&state).items.iter().map(|i| i.part).collect();
    assert_eq!(parts, [Part::ForYou]);
}

#[test]
fn not_knowing_which_communities_you_keep_is_said_and_keeps_your_questions() {
    let mut state = state();
    update(&mut state, Msg::Action(Action::OpenQuestions));
    let failed = Err(crate::api::ApiError::NotFound);
    update(&mut state, Msg::Questions(QuestionsMsg::Kept(failed)));
    let view = view(&state);
    assert!(
        view.kept_error
            .as_deref()
            .is_some_and(|e| e.contains("communities you keep"))
    );
    assert_eq!(view.items.len(), 1);
}
