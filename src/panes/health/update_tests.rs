//! Tests of the health view's transitions and of what it shows.

use ratatui::Terminal;
use ratatui::backend::TestBackend;

use super::*;
use crate::app::core::effect::Effect;
use crate::app::core::msg::Msg;
use crate::app::core::state::State;
use crate::app::core::update::update;
use crate::domain::Feed;
use crate::domain::test_support::message;
use crate::domain::{Community, Message, SafeText};
use crate::overlays::Overlay;
use crate::panes::PaneId;
use crate::panes::health::Fetched;
use crate::social::health::Member;

fn community(id: u64, name: &str, members: u64) -> Community {
    Community {
        id: GroupId(id),
        name: SafeText::new(name),
        description: SafeText::default(),
        privacy: SafeText::new("public"),
        members,
        last_message: None,
        external: false,
    }
}

fn state() -> State {
    let mut state = State::for_tests_at(State::test_day(20));
    state.session.size = (80, 24);
    state.catalog.upsert_community(community(1, "Busy", 3));
    state.catalog.upsert_community(community(2, "Waiting", 2));
    state.communities.mine = vec![GroupId(1), GroupId(2)];
    state
}

/// A message in community `group`, sent by `sender`.
fn posted(id: u64, thread: u64, reply: Option<u64>, group: u64, sender: u64) -> Message {
    let mut m = message(id, thread, reply);
    m.community = Some(GroupId(group));
    m.sender = crate::domain::UserId(sender);
    m
}

#[test]
fn five_opens_the_view_and_asks_for_each_community() {
    let mut state = state();
    let effects = update(&mut state, Msg::Action(Action::CommunityHealth));
    assert!(matches!(state.overlay, Some(Overlay::Health(_))));
    assert_eq!(
        effects,
        vec![Effect::Health(HealthEffect::Read {
            communities: vec![GroupId(1), GroupId(2)]
        })]
    );
}

#[test]
fn a_community_with_an_unanswered_question_comes_first_and_enter_opens_its_feed() {
    let mut state = state();
    update(&mut state, Msg::Action(Action::CommunityHealth));
    let mut question = posted(10, 10, None, 2, 5);
    question.body = SafeText::new("How do I rotate the keys?");
    state.catalog.insert_message(question);
    state.catalog.insert_message(posted(11, 11, None, 1, 5));
    state.catalog.insert_message(posted(12, 11, Some(11), 1, 6));
    let Some(Overlay::Health(view)) = &state.overlay else {
        panic!("the view is open");
    };
    assert_eq!(
        order(view, &state.catalog, state.session.now.timestamp()),
        [GroupId(2), GroupId(1)]
    );
    update(&mut state, Msg::Action(Action::MoveDown));
    let effects = update(&mut state, Msg::Action(Action::Open));
    assert!(state.overlay.is_none());
    assert_eq!(state.focus, PaneId::Timeline);
    assert_eq!(state.timeline.current, Some(Feed::Community(GroupId(1))));
    assert!(
        effects.iter().any(|e| matches!(
            e,
            Effect::FetchFeed {
                feed: Feed::Community(GroupId(1)),
                ..
            }
        )),
        "{effects:?}"
    );
}

#[test]
fn a_read_folds_in_members_and_messages_and_the_view_shows_them() {
    let mut state = state();
    update(&mut state, Msg::Action(Action::CommunityHealth));
    let fetched = Fetched {
        members: Some(vec![
            Member {
                id: 5,
                joined_at: None,
            },
            Member {
                id: 6,
                joined_at: None,
            },
            Member {
                id: 7,
                joined_at: None,
            },
        ]),
        messages: vec![posted(20, 20, None, 1, 5), posted(21, 20, Some(20), 1, 6)],
        covered_since: None,
        error: None,
    };
    update(
        &mut state,
        Msg::Health(Box::new(HealthMsg {
            community: GroupId(1),
            fetched,
            names: std::collections::HashMap::new(),
        })),
    );
    let Some(Overlay::Health(view)) = &state.overlay else {
        panic!("the view is open");
    };
    assert_eq!(view.pending(), 1);
    let report = view.report(&state.catalog, &view.asked, state.session.now.timestamp());
    let busy = report.iter().find(|h| h.id == 1).expect("Busy is listed");
    assert_eq!((busy.members, busy.readers), (3, 1));
    assert_eq!(busy.coverage.messages, 2);

    let backend = TestBackend::new(80, 24);
    let mut terminal = Terminal::new(backend).expect("a test terminal");
    terminal
        .draw(|frame| {
            crate::app::shell::ui::draw_with(
                frame,
                &state,
                &state.people.index.lock(),
                &mut Default::default(),
                &crate::config::theme::Theme::default(),
            )
        })
        .expect("draws");
    let screen: String = terminal
        .backend()
        .buffer()
        .content()
        .iter()
        .map(|c| c.symbol())
        .collect();
    assert!(screen.contains("Community health"), "{screen}");
    assert!(
        screen.contains("3 members · 2 active in 30 days (67%) · 1 only read"),
        "{screen}"
    );
    assert!(
        screen.contains("from 2 messages since the start"),
        "{screen}"
    );
    assert!(screen.contains("Reading 1 of 2 communities…"), "{screen}");
}

#[test]
fn closing_drops_late_answers() {
    let mut state = state();
    update(&mut state, Msg::Action(Action::CommunityHealth));
    update(&mut state, Msg::Action(Action::Back));
    assert!(state.overlay.is_none());
    let effects = update(
        &mut state,
        Msg::Health(Box::new(HealthMsg {
            community: GroupId(1),
            fetched: Fetched::default(),
            names: std::collections::HashMap::new(),
        })),
    );
    assert!(effects.is_empty());
    assert!(state.overlay.is_none());
}
