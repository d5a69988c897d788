//! The link picker driven through `update`: `o` on a message that points at several places,
//! and `enter` on a link, a person and a topic.

use super::*;
use crate::app::core::effect::Effect;
use crate::app::core::msg::Msg;
use crate::app::core::state::State;
use crate::app::core::update::update;
use crate::domain::Feed;
use crate::domain::test_support::message;
use crate::domain::{Page, Person, SafeText, TopicId, UserId};
use crate::overlays::Overlay;
use crate::panes::PaneId;

fn person(id: u64, username: &str) -> Person {
    Person {
        id: UserId(id),
        full_name: SafeText::new(username),
        username: SafeText::new(username),
        job_title: SafeText::default(),
        department: SafeText::default(),
        location: SafeText::default(),
        expertise: Vec::new(),
        web_url: SafeText::default(),
        listed: true,
    }
}

/// Message 1 has two links, mentions @ada (notified) and @ghost (not), and is tagged #helm;
/// message 2 has one link and nothing else.
fn state() -> State {
    let mut state = State::for_tests();
    state.session.size = (100, 30);
    let mut rich = message(1, 1, None);
    rich.body =
        SafeText::new("See https://a.example/x and https://b.example/y, @ada and @ghost #helm");
    rich.notified = vec![UserId(5)];
    rich.topics = vec![TopicId(3)];
    let mut plain = message(2, 2, None);
    plain.body = SafeText::new("Only https://c.example/z here");
    state.catalog.absorb(Page {
        messages: vec![rich, plain],
        people: vec![person(5, "ada")],
        topics: vec![(TopicId(3), SafeText::new("helm"))],
        ..Page::default()
    });
    state
}

fn open_on(state: &mut State, id: u64) -> Vec<Effect> {
    crate::app::core::route::message::act(
        state,
        crate::panes::message_action::MessageAction::OpenLink,
        MessageId(id),
    )
}

fn act(state: &mut State, action: Action) -> Vec<Effect> {
    update(state, Msg::Action(action))
}

fn picker(state: &State) -> &LinkPicker {
    match &state.overlay {
        Some(Overlay::Links(picker)) => picker,
        other => panic!("no picker open: {other:?}"),
    }
}

#[test]
fn o_on_a_message_pointing_at_several_places_lists_links_people_and_topics() {
    let mut state = state();
    assert!(open_on(&mut state, 1).is_empty());
    let labels: Vec<String> = picker(&state)
        .targets
        .iter()
        .map(LinkTarget::label)
        .collect();
    assert_eq!(
        labels,
        vec![
            "https://a.example/x",
            "https://b.example/y",
            "@ada · profile",
            "#helm · topic feed",
        ]
    );
}

#[test]
fn o_on_a_message_with_one_link_opens_it_at_once() {
    let mut state = state();
    let effects = open_on(&mut state, 2);
    assert!(state.overlay.is_none());
    assert_eq!(
        effects,
        vec![Effect::OpenUrl("https://c.example/z".to_owned())]
    );
}

#[test]
fn enter_on_a_link_opens_the_browser() {
    let mut state = state();
    open_on(&mut state, 1);
    act(&mut state, Action::MoveDown);
    let effects = act(&mut state, Action::Open);
    assert!(state.overlay.is_none());
    assert_eq!(
        effects,
        vec![Effect::OpenUrl("https://b.example/y".to_owned())]
    );
}

/// The profile opens as the palette opens one (the directory index, empty here, then lists
/// the person); here: People takes the focus with the picker closed.
#[test]
fn enter_on_a_person_goes_to_people() {
    let mut state = state();
    open_on(&mut state, 1);
    act(&mut state, Action::MoveDown);
    act(&mut state, Action::MoveDown);
    act(&mut state, Action::Open);
    assert!(state.overlay.is_none());
    assert_eq!(state.focus, PaneId::People);
}

#[test]
fn enter_on_a_topic_opens_the_topic_feed() {
    let mut state = state();
    open_on(&mut state, 1);
    act(&mut state, Action::Last);
    let effects = act(&mut state, Action::Open);
    assert_eq!(state.focus, PaneId::Timeline);
    assert_eq!(state.current_feed(), Some(Feed::Topic(TopicId(3))));
    assert!(
        effects.iter().any(|e| matches!(
            e,
            Effect::FetchFeed {
                feed: Feed::Topic(TopicId(3)),
                ..
            }
        )),
        "{effects:?}"
    );
}
