//! The guidelines driven through `update`: shown once per community before the first post
//! there, the expand key, the confirm before a send to many (and an edit resetting it), and
//! the Guidelines view keeping that the code of conduct was read.

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use super::*;
use crate::app::core::msg::Msg;
use crate::app::core::update::update;
use crate::domain::test_support::message;
use crate::domain::{Feed, Page, UserId};
use crate::overlays::guidelines::Guidelines;
use crate::overlays::guidelines::effect::GuidelinesEffect;
use crate::overlays::guidelines::update::Note;
use crate::panes::outbox::PostingMode;

const ME: u64 = 9;
const ENG: GroupId = GroupId(1);
const DESIGN: GroupId = GroupId(2);
const PARTNERS: GroupId = GroupId(3);

fn state() -> State {
    let mut state = State::for_tests();
    state.session.size = (80, 24);
    state.catalog.me = Some(UserId(ME));
    for (id, name, external) in [
        (ENG, "Engineering", false),
        (DESIGN, "Design", false),
        (PARTNERS, "Partners", true),
    ] {
        let group = crate::api::dto::Group {
            id: id.0,
            full_name: name.into(),
            external,
            ..crate::api::dto::Group::default()
        };
        state
            .catalog
            .upsert_community(crate::domain::convert::community(&group));
    }
    state
}

fn compose_in(state: &mut State, feed: Feed) -> Vec<Effect> {
    crate::app::core::route::compose_in(state, feed)
}

fn answer(state: &mut State, effects: &[Effect]) -> Vec<Effect> {
    let mut kept = Vec::new();
    for effect in effects {
        let msg = match effect {
            Effect::Guidelines(GuidelinesEffect::FetchNetwork) => {
                GuidelinesMsg::Network(Ok("Be kind.".into()))
            }
            Effect::Guidelines(GuidelinesEffect::FetchCommunity(g)) => {
                GuidelinesMsg::Community(*g, Ok(format!("Rules of {g}")))
            }
            _ => continue,
        };
        kept.extend(update(state, Msg::Guidelines(msg)));
    }
    kept
}

fn shown(state: &State) -> Option<Note> {
    state.compose().and_then(|c| c.guidelines)
}

fn key(state: &mut State, code: KeyCode, modifiers: KeyModifiers) -> Vec<Effect> {
    update(state, Msg::Key(KeyEvent::new(code, modifiers)))
}

fn type_text(state: &mut State, text: &str) {
    for c in text.chars() {
        key(state, KeyCode::Char(c), KeyModifiers::NONE);
    }
}

fn send(state: &mut State) -> Vec<Effect> {
    update(state, Msg::Action(Action::Send))
}

fn posts(effects: &[Effect]) -> bool {
    effects.iter().any(|e| {
        matches!(
            e,
            Effect::PostMessage { .. }
                | Effect::Outbox(crate::panes::outbox::effect::OutboxEffect::Enqueue { .. })
        )
    })
}

#[test]
fn the_guidelines_show_once_per_community_before_the_first_post_there() {
    let mut state = state();
    let effects = compose_in(&mut state, Feed::Community(ENG));
    assert!(effects.contains(&Effect::Guidelines(GuidelinesEffect::FetchNetwork)));
    assert!(effects.contains(&Effect::Guidelines(GuidelinesEffect::FetchCommunity(ENG))));
    assert_eq!(shown(&state).map(|n| n.scope), Some(Some(ENG)));
    // Shown once the text arrives, which counts as seen (kept as an account fact).
    let kept = answer(&mut state, &effects);
    assert_eq!(
        kept,
        vec![Effect::KeepFact {
            fact: crate::store::FACT_GUIDELINES_SEEN,
            value: "[1]".into(),
        }]
    );
    let context = crate::app::shell::ui_posting::compose_context(&state, state.compose().unwrap());
    assert_eq!(context.guidelines.unwrap().text.as_str(), "Rules of 1");
    update(&mut state, Msg::Action(Action::Cancel));

    // The next time there: no guidelines and nothing fetched again.
    let effects = compose_in(&mut state, Feed::Community(ENG));
    assert_eq!(shown(&state), None);
    assert!(
        !effects
            .iter()
            .any(|e| matches!(e, Effect::Guidelines(_) | Effect::KeepFact { .. }))
    );
    update(&mut state, Msg::Action(Action::Cancel));

    // Another community still shows its guidelines: the code of conduct at once (known
    // already), its own once they arrive.
    let effects = compose_in(&mut state, Feed::Community(DESIGN));
    assert_eq!(shown(&state).map(|n| n.scope), Some(Some(DESIGN)));
    assert!(effects.contains(&Effect::KeepFact {
        fact: crate::store::FACT_GUIDELINES_SEEN,
        value: "[1,2]".into(),
    }));
    assert_eq!(answer(&mut state, &effects), vec![]);
}

#[test]
fn the_seen_communities_come_back_from_the_cache_and_a_post_there_counts() {
    let mut state = state();
    state.guidelines.seen = crate::overlays::guidelines::seen_from_text("[2]");
    compose_in(&mut state, Feed::Community(DESIGN));
    assert_eq!(shown(&state), None);
    update(&mut state, Msg::Action(Action::Cancel));

    let mut mine = message(50, 50, None);
    mine.sender = UserId(ME);
    mine.community = Some(ENG);
    state.catalog.absorb(Page {
        messages: vec![mine],
        ..Page::default()
    });
    compose_in(&mut state, Feed::Community(ENG));
    assert_eq!(shown(&state), None);
}

#[test]
fn a_community_without_guidelines_shows_the_code_of_conduct_and_none_shows_nothing() {
    let mut state = state();
    let effects = compose_in(&mut state, Feed::Community(ENG));
    update(
        &mut state,
        Msg::Guidelines(GuidelinesMsg::Community(ENG, Ok("  ".into()))),
    );
    assert!(state.guidelines.seen.is_empty(), "nothing to show yet");
    assert!(effects.contains(&Effect::Guidelines(GuidelinesEffect::FetchNetwork)));
    let kept = update(
        &mut state,
        Msg::Guidelines(GuidelinesMsg::Network(Ok("Be kind.".into()))),
    );
    assert_eq!(kept.len(), 1);
    let context = crate::app::shell::ui_posting::compose_context(&state, state.compose().unwrap());
    let guidelines = context.guidelines.unwrap();
    assert_eq!(
        (guidelines.whose.as_str(), guidelines.text.as_str()),
        ("Code of conduct", "Be kind.")
    );
}

#[test]
fn ctrl_g_expands_the_guidelines_and_folds_them_again() {
    let mut state = state();
    let effects = compose_in(&mut state, Feed::Community(ENG));
    answer(&mut state, &effects);
    assert_eq!(shown(&state).map(|n| n.expanded), Some(false));
    key(&mut state, KeyCode::Char('g'), KeyModifiers::CONTROL);
    assert_eq!(shown(&state).map(|n| n.expanded), Some(true));
    assert_eq!(state.compose().unwrap().text(), "", "ctrl-g types nothing");
    key(&mut state, KeyCode::Char('g'), KeyModifiers::CONTROL);
    assert_eq!(shown(&state).map(|n| n.expanded), Some(false));
    update(&mut state, Msg::Action(Action::Cancel));
    // Where they are no longer shown by themselves, ctrl-g still shows them.
    compose_in(&mut state, Feed::Community(ENG));
    assert_eq!(shown(&state), None);
    key(&mut state, KeyCode::Char('g'), KeyModifiers::CONTROL);
    assert_eq!(shown(&state).map(|n| n.expanded), Some(true));
}

#[test]
fn a_post_to_all_company_asks_first_and_the_second_send_posts() {
    for mode in [PostingMode::Direct, PostingMode::Outbox] {
        let mut state = state();
        state.outbox.mode = mode;
        compose_in(&mut state, Feed::AllCompany);
        type_text(&mut state, "hello all");
        let first = send(&mut state);
        assert!(!posts(&first), "{mode:?}: the first send only asks");
        // The draft is kept while the question is open.
        assert!(
            first
                .iter()
                .any(|e| matches!(e, Effect::SaveDraft { body, .. } if body == "hello all"))
        );
        let compose = state.compose().unwrap();
        assert!(compose.confirm_wide);
        let context = crate::app::shell::ui_posting::compose_context(&state, compose);
        assert_eq!(
            context.wide.as_deref(),
            Some("This goes to everyone in the network (All Company). Send again to post.")
        );
        assert!(posts(&send(&mut state)), "{mode:?}: the second send posts");
    }
}

#[test]
fn an_edit_after_the_question_asks_again() {
    let mut state = state();
    compose_in(&mut state, Feed::Community(PARTNERS));
    type_text(&mut state, "hello partners");
    assert!(!posts(&send(&mut state)));
    assert!(state.compose().unwrap().confirm_wide);
    type_text(&mut state, "!");
    assert!(!state.compose().unwrap().confirm_wide, "an edit resets it");
    assert!(!posts(&send(&mut state)), "asks again");
    update(&mut state, Msg::Paste(" more".into()));
    assert!(!state.compose().unwrap().confirm_wide, "a paste resets it");
    assert!(!posts(&send(&mut state)));
    assert!(posts(&send(&mut state)));
}

#[test]
fn a_post_in_an_ordinary_community_and_an_outbox_edit_send_at_once() {
    let mut ordinary = state();
    compose_in(&mut ordinary, Feed::Community(ENG));
    type_text(&mut ordinary, "hi");
    assert!(posts(&send(&mut ordinary)));

    let mut state = state();
    state.outbox.mode = PostingMode::Outbox;
    let target = crate::overlays::compose::ComposeTarget::NewPost {
        community: None,
        label: "All Company".into(),
    };
    let mut compose = crate::overlays::compose::Compose::with_text(target, "queued");
    compose.replaces = Some(4);
    state.overlay = Some(Overlay::Compose(Box::new(compose)));
    let effects = send(&mut state);
    assert!(effects.iter().any(|e| matches!(
        e,
        Effect::Outbox(crate::panes::outbox::effect::OutboxEffect::Replace { .. })
    )));
}

#[test]
fn the_guidelines_view_keeps_that_the_code_of_conduct_was_read_once() {
    let mut state = state();
    state.communities.selected = Feed::Community(ENG);
    state.focus = PaneId::Communities;
    let effects = update(&mut state, Msg::Action(Action::Guidelines));
    assert!(matches!(&state.overlay, Some(Overlay::Guidelines(v)) if v.community == Some(ENG)));
    let kept = answer(&mut state, &effects);
    assert_eq!(
        kept,
        vec![Effect::KeepFact {
            fact: crate::store::FACT_GUIDELINES_READ,
            value: "1".into(),
        }]
    );
    update(&mut state, Msg::Action(Action::Back));
    assert!(state.overlay.is_none());
    let again = update(&mut state, Msg::Action(Action::Guidelines));
    assert!(
        !again
            .iter()
            .any(|e| matches!(e, Effect::KeepFact { fact, .. } if *fact == crate::store::FACT_GUIDELINES_READ))
    );
}

#[test]
fn the_view_scrolls_within_its_text_and_opens_the_configured_link() {
    let configured = crate::config::guidelines::ConfiguredGuidelines {
        network: Some("rule\n".repeat(60)),
        url: Some("https://intra.example.com/rules".into()),
        ..Default::default()
    };
    let mut state = state();
    state.guidelines = Guidelines::new(&configured);
    update(&mut state, Msg::Action(Action::Guidelines));
    let last = match &state.overlay {
        Some(Overlay::Guidelines(view)) => super::last(&state, view),
        _ => 0,
    };
    assert!(last > 10, "{last}");
    for _ in 0..200 {
        update(&mut state, Msg::Action(Action::MoveDown));
    }
    assert!(matches!(&state.overlay, Some(Overlay::Guidelines(v)) if v.scroll == last));
    let effects = update(&mut state, Msg::Action(Action::OpenLink));
    assert_eq!(
        effects,
        vec![Effect::OpenUrl("https://intra.example.com/rules".into())]
    );
}
