//! Tests of the checklist in the communities pane: when it shows, moving into and out of it,
//! folding, `enter` on each step, dismissing it and bringing it back, the guidelines' answer.

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use super::*;
use crate::app::core::effect::Effect;
use crate::app::core::msg::Msg;
use crate::app::core::update::{dispatch, update};
use crate::domain::{Community, Feed, GroupId, Person, SafeText, UserId};
use crate::input::action::Action;
use crate::input::keys::{KeyInput, Keymap};
use crate::overlays::Overlay;
use crate::overlays::compose::ComposeTarget;
use crate::panes::PaneId;
use crate::panes::communities::start_here::TALL;

const ME: UserId = UserId(9);
const JOINERS: GroupId = GroupId(11);
const SUGGESTED: GroupId = GroupId(12);

fn community(id: GroupId, name: &str) -> Community {
    Community {
        id,
        name: SafeText::new(name),
        description: SafeText::default(),
        privacy: SafeText::new("public"),
        members: 5,
        last_message: None,
        external: false,
    }
}

/// A fresh account's session, `height` rows high, focused on the communities pane.
fn state(height: u16) -> State {
    let mut state = State::for_tests();
    state.session.size = (160, height);
    state.focus = PaneId::Communities;
    state.catalog.me = Some(ME);
    state.catalog.absorb(crate::domain::Page {
        people: vec![Person {
            expertise: vec![SafeText::new("kubernetes"), SafeText::new("terraform")],
            ..Person::unknown(ME)
        }],
        ..crate::domain::Page::default()
    });
    state
        .catalog
        .upsert_community(community(JOINERS, "New Joiners & Training"));
    state
        .catalog
        .upsert_community(community(SUGGESTED, "Running Club"));
    state.communities.discover.order = vec![SUGGESTED];
    state.communities.start_here.loaded = true;
    state
}

fn key(c: char) -> Msg {
    Msg::Key(KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE))
}

#[test]
fn a_fresh_account_shows_the_checklist_and_a_state_not_set_up_does_not() {
    let mut state = state(48);
    assert!(visible(&state));
    let height = state.pane_rows(PaneId::Communities);
    assert_eq!(rows(&state, height).len(), 1 + Step::ALL.len());
    // The expertise on the profile already counts: steps done before show as done.
    assert_eq!(context(&state).done_count(), 1);
    state.communities.start_here.loaded = false;
    assert!(!visible(&state));
}

#[test]
fn a_short_pane_folds_the_checklist_into_one_line_and_enter_opens_it() {
    let mut state = state(24);
    let height = state.pane_rows(PaneId::Communities);
    assert!(height < TALL);
    assert_eq!(rows(&state, height), vec![Row::Header]);
    dispatch(&mut state, Action::MoveUp);
    assert_eq!(cursor(&state, height), Some(Row::Header));
    dispatch(&mut state, Action::Open);
    assert_eq!(rows(&state, height).len(), 1 + Step::ALL.len());
    dispatch(&mut state, Action::Open);
    assert_eq!(rows(&state, height), vec![Row::Header]);
}

#[test]
fn k_from_the_first_feed_goes_into_the_checklist_and_j_comes_back_out() {
    let mut state = state(48);
    assert_eq!(state.communities.selected, Feed::MyFeed);
    dispatch(&mut state, Action::MoveUp);
    assert!(has_cursor(&state));
    assert_eq!(
        state.communities.start_here.cursor,
        Some(Row::Step(Step::ReadGuidelines))
    );
    dispatch(&mut state, Action::First);
    assert_eq!(state.communities.start_here.cursor, Some(Row::Header));
    for _ in 0..Step::ALL.len() + 1 {
        dispatch(&mut state, Action::MoveDown);
    }
    assert!(!has_cursor(&state));
    assert_eq!(state.communities.selected, Feed::MyFeed);
    // `g g` from a feed stays on the first feed.
    dispatch(&mut state, Action::MoveDown);
    dispatch(&mut state, Action::First);
    assert!(!has_cursor(&state));
    assert_eq!(state.communities.selected, Feed::MyFeed);
}

fn enter_on(state: &mut State, step: Step) -> Vec<Effect> {
    state.focus = PaneId::Communities;
    state.communities.start_here.cursor = Some(Row::Step(step));
    update(state, Msg::Action(Action::Open))
}

#[test]
fn enter_on_add_your_expertise_opens_your_own_card_in_people() {
    let mut state = state(48);
    let effects = enter_on(&mut state, Step::AddExpertise);
    assert_eq!(state.focus, PaneId::People);
    assert_eq!(state.people.card.as_ref().map(|c| c.person), Some(ME));
    assert!(!effects.is_empty(), "the card asks for the person's posts");
    let notice = state
        .notice
        .current()
        .map(|n| n.text.clone())
        .unwrap_or_default();
    assert!(notice.contains("visible to everyone"), "{notice}");
}

#[test]
fn enter_on_join_selects_discovers_first_suggestion() {
    let mut state = state(48);
    enter_on(&mut state, Step::JoinCommunities);
    assert_eq!(state.focus, PaneId::Communities);
    assert!(!has_cursor(&state));
    assert_eq!(state.communities.selected, Feed::Community(SUGGESTED));
}

#[test]
fn enter_on_introduce_yourself_opens_a_prefilled_draft_that_is_not_sent() {
    let mut state = state(48);
    let effects = enter_on(&mut state, Step::IntroduceYourself);
    let Some(Overlay::Compose(compose)) = &state.overlay else {
        panic!("no editor: {:?}", state.overlay);
    };
    assert!(matches!(
        &compose.target,
        ComposeTarget::NewPost { community: Some(g), .. } if *g == JOINERS
    ));
    assert_eq!(compose.text(), INTRODUCTION_DRAFT);
    assert!(
        !effects
            .iter()
            .any(|e| matches!(e, Effect::PostMessage { .. } | Effect::Outbox(_))),
        "{effects:?}"
    );
}

#[test]
fn enter_on_follow_people_asks_people_who_knows_your_expertise() {
    let mut state = state(48);
    enter_on(&mut state, Step::FollowPeople);
    assert_eq!(state.focus, PaneId::People);
    assert_eq!(state.people.line.text, "kubernetes terraform");
    assert!(!state.people.line.editing);
}

#[test]
fn enter_on_read_the_guidelines_opens_them_and_showing_them_does_the_step() {
    let mut state = state(48);
    let effects = enter_on(&mut state, Step::ReadGuidelines);
    assert!(
        matches!(state.overlay, Some(Overlay::Guidelines(_))),
        "{:?}",
        state.overlay
    );
    assert!(
        effects.iter().any(|e| matches!(e, Effect::Guidelines(_))),
        "the view asks for the code of conduct: {effects:?}"
    );
    assert!(
        !context(&state).is_done(Step::ReadGuidelines),
        "not read yet"
    );
    let text = "Be kind.\nNo secrets.".to_owned();
    update(
        &mut state,
        Msg::Guidelines(crate::overlays::guidelines::effect::GuidelinesMsg::Network(
            Ok(text),
        )),
    );
    assert!(context(&state).is_done(Step::ReadGuidelines));
    assert!(state.communities.start_here.kept.guidelines_read);
}

#[test]
fn x_on_the_checklist_dismisses_it_and_x_on_a_feed_does_nothing() {
    let mut state = state(48);
    assert!(update(&mut state, key('x')).is_empty());
    assert!(visible(&state));
    update(&mut state, key('k'));
    let effects = update(&mut state, key('x'));
    assert!(!visible(&state));
    assert!(!has_cursor(&state));
    assert_eq!(
        effects,
        vec![
            Effect::KeepFact {
                fact: crate::store::FACT_START_HERE_DISMISSED,
                value: "1".into(),
            },
            Effect::KeepFact {
                fact: crate::store::FACT_GUIDELINES_READ,
                value: "0".into(),
            },
        ]
    );
}

#[test]
fn show_start_here_brings_a_dismissed_checklist_back_with_the_selection_on_it() {
    let mut state = state(24);
    state.communities.start_here.kept.dismissed = true;
    state.focus = PaneId::Timeline;
    let effects = dispatch(&mut state, Action::ShowStartHere);
    assert!(visible(&state));
    assert_eq!(state.focus, PaneId::Communities);
    assert!(has_cursor(&state));
    let height = state.pane_rows(PaneId::Communities);
    assert_eq!(rows(&state, height).len(), 1 + Step::ALL.len(), "opened");
    assert_eq!(
        effects,
        vec![
            Effect::KeepFact {
                fact: crate::store::FACT_START_HERE_DISMISSED,
                value: "0".into(),
            },
            Effect::KeepFact {
                fact: crate::store::FACT_GUIDELINES_READ,
                value: "0".into(),
            },
        ]
    );
}

#[test]
fn a_finished_checklist_hides_itself() {
    let mut state = state(48);
    state.communities.start_here.kept.guidelines_read = true;
    state
        .communities
        .set_mine(vec![GroupId(1), GroupId(2), GroupId(3)], &state.catalog);
    for id in 20..23 {
        state.people.following.insert(UserId(id), true);
    }
    assert!(visible(&state));
    let mut intro = crate::domain::test_support::message(1, 1, None);
    intro.community = Some(JOINERS);
    intro.sender = ME;
    state.catalog.insert_message(intro);
    assert!(!visible(&state));
}

#[test]
fn the_dismiss_key_follows_the_keymap() {
    let keymap = Keymap::load(Some((
        std::path::Path::new("keymap.toml"),
        "[start_here]\n\"x\" = \"noop\"\n\"D\" = \"dismiss_start_here\"\n",
    )))
    .expect("the remapped keymap loads");
    let mut state = state(48);
    state.keys = KeyInput::new(keymap);
    update(&mut state, key('k'));
    update(&mut state, key('x'));
    assert!(visible(&state));
    update(&mut state, key('D'));
    assert!(!visible(&state));
}
