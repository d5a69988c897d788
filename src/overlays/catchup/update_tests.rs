//! The catch-up overlay driven through `update`: opening it from the catalog, `enter` on an
//! item, `n` walking the items, and the start's "away" notice.

use super::*;
use crate::app::core::effect::Effect;
use crate::app::core::msg::Msg;
use crate::app::core::route::catchup::on_startup;
use crate::app::core::state::State;
use crate::app::core::update::update;
use crate::domain::ThreadId;
use crate::domain::test_support::message;
use crate::domain::{GroupId, Page, UserId};
use crate::overlays::Overlay;
use crate::panes::PaneId;

const ME: u64 = 9;

/// A state at 2026-03-13 12:00 whose catalog holds: the user's old thread 10 with two new
/// replies, a new thread 104, and an old thread 20 nobody answered.
fn state() -> State {
    let mut state = State::for_tests();
    state.session.size = (100, 30);
    state.catalog.me = Some(UserId(ME));
    let mut mine = message(10, 10, None);
    mine.sender = UserId(ME);
    let mut messages = vec![
        mine,
        message(20, 20, None),
        message(101, 10, Some(10)),
        message(102, 10, Some(10)),
        message(104, 104, None),
    ];
    for m in &mut messages {
        m.community = None::<GroupId>;
    }
    let page = Page {
        messages,
        ..Page::default()
    };
    state.catalog.absorb(page);
    // Message 100's time: 101 and later are new.
    state.catch_up.last_looked = Some(message(100, 100, None).created_at.timestamp());
    state
}

fn act(state: &mut State, action: Action) -> Vec<Effect> {
    update(state, Msg::Action(action))
}

fn opened_threads(effects: &[Effect]) -> Vec<u64> {
    effects
        .iter()
        .filter_map(|e| match e {
            Effect::FetchThread { thread, .. } => Some(thread.0),
            _ => None,
        })
        .collect()
}

fn overlay(state: &State) -> &CatchUpOverlay {
    match &state.overlay {
        Some(Overlay::CatchUp(overlay)) => overlay,
        other => panic!("no catch-up open: {other:?}"),
    }
}

#[test]
fn catch_up_lists_what_concerns_you_first_from_the_catalog() {
    let mut state = state();
    assert!(act(&mut state, Action::CatchUp).is_empty());
    let listed: Vec<(&str, u64)> = overlay(&state)
        .items
        .iter()
        .map(|i| (i.kind.label(), i.thread))
        .collect();
    assert_eq!(
        listed,
        vec![("reply to you", 10), ("busy", 10), ("new thread", 104)]
    );
    assert_eq!(overlay(&state).summary.reach.messages, 3);
    act(&mut state, Action::Back);
    assert!(state.overlay.is_none());
}

#[test]
fn enter_opens_the_items_thread_and_n_walks_on_to_the_next_item() {
    let mut state = state();
    act(&mut state, Action::CatchUp);
    act(&mut state, Action::MoveDown);
    let effects = act(&mut state, Action::Open);
    assert!(state.overlay.is_none());
    assert_eq!(state.focus, PaneId::Thread);
    assert_eq!(state.thread.thread, Some(ThreadId(10)));
    assert_eq!(opened_threads(&effects), vec![10]);
    assert!(
        state
            .notice
            .current()
            .is_some_and(|n| n.text.contains("2/3")),
        "{:?}",
        state.notice
    );

    let effects = act(&mut state, Action::NextUnread);
    assert_eq!(state.thread.thread, Some(ThreadId(104)));
    assert_eq!(opened_threads(&effects), vec![104]);

    // Past the last item `n` says so, and is "next unread" again after that.
    act(&mut state, Action::NextUnread);
    assert!(state.catch_up.trail.is_none());
    assert!(
        state
            .notice
            .current()
            .is_some_and(|n| n.text.starts_with("End of the catch-up"))
    );
}

#[test]
fn a_start_after_more_than_eight_hours_away_offers_a_catch_up() {
    let mut state = state();
    let now = state.session.now.timestamp();
    let effects = on_startup(&mut state, Some(now - 9 * 3_600));
    assert_eq!(effects, vec![Effect::KeepLastLooked(now)]);
    assert_eq!(state.catch_up.last_looked, Some(now - 9 * 3_600));
    let notice = state
        .notice
        .current()
        .map(|n| n.text.clone())
        .unwrap_or_default();
    assert_eq!(notice, "Away 9 h: press C to catch up");

    let mut state = super::tests::state();
    state.notice.dismiss();
    on_startup(&mut state, Some(now - 3_600));
    assert!(state.notice.current().is_none(), "an hour away is not away");
}
