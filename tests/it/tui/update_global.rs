//! `update` tests for global actions: help, refresh, polling, unread triage, paging older, and
//! every action in every pane and size without a panic.

use crate::harness::tui;

use std::time::Duration;

use crossterm::event::KeyCode;
use kring::app::core::effect::{Effect, FeedPage};
use kring::app::core::msg::{ApiMsg, Msg};
use kring::app::core::update::update;
use kring::domain::convert::page_from_envelope;
use kring::domain::{Feed, GroupId, MessageId, ThreadId};
use kring::input::action::Action;
use kring::overlays::Overlay;
use kring::panes::PaneId;
use kring::panes::load::Load;
use tui::*;

// ── global actions ──────────────────────────────────────────────────────────────────────────

#[test]
fn help_opens_scrolls_and_closes() {
    let mut state = loaded_state(80, 24);
    update(&mut state, key(KeyCode::Char('?')));
    assert!(matches!(state.overlay, Some(Overlay::Help(_))));
    update(&mut state, key(KeyCode::Char('j')));
    act(&mut state, Action::Last);
    let scrolled = matches!(&state.overlay, Some(Overlay::Help(h)) if h.scroll > 1);
    assert!(scrolled);
    update(&mut state, key(KeyCode::Esc));
    assert!(state.overlay.is_none());
}

#[test]
fn refresh_fetches_what_is_newer_the_open_thread_and_the_communities() {
    let mut state = thread_state(160, 48);
    let effects = update(&mut state, ctrl('r'));
    let req = feed_request(&state, Feed::MyFeed);
    let Load::Loading(thread_req) = state.thread.load else {
        panic!("thread not reloading")
    };
    assert_eq!(
        effects,
        vec![
            Effect::FetchFeed {
                req,
                feed: Feed::MyFeed,
                page: FeedPage::Newer(MessageId(31))
            },
            Effect::FetchThread {
                req: thread_req,
                thread: ThreadId(RELEASE)
            },
            Effect::FetchCommunities,
        ]
    );
}

#[test]
fn new_threads_arrive_above_and_the_selection_stays_on_its_thread() {
    let mut state = loaded_state(80, 24);
    act(&mut state, Action::MoveDown);
    act(&mut state, Action::Refresh);
    let req = feed_request(&state, Feed::MyFeed);
    let mut newer = feed_envelope();
    newer.messages = vec![message(
        50,
        50,
        GRACE,
        None,
        Some(DESIGN),
        1,
        "Fresh design review",
    )];
    newer.threaded_extended.clear();
    let page = page_from_envelope(&newer);
    update(
        &mut state,
        Msg::Api(ApiMsg::Feed {
            req,
            feed: Feed::MyFeed,
            page: FeedPage::Newer(MessageId(31)),
            result: Ok(page),
        }),
    );
    assert_eq!(timeline_order(&state), [50, RELEASE, LUNCH, WIDE_TEXT]);
    assert_eq!(selected_thread(&state), Some(LUNCH));
    assert!(state.unread.is_unread(ThreadId(50)));
    assert_eq!(state.unread.count(Feed::Community(GroupId(DESIGN))), 1);
    // next_unread opens the next unread thread, which marks it read.
    update(&mut state, key(KeyCode::Char('n')));
    assert_eq!(state.thread.thread, Some(ThreadId(50)));
    assert_eq!(state.focus, PaneId::Thread);
    assert_eq!(state.timeline.current, Some(Feed::MyFeed));
    assert!(!state.unread.is_unread(ThreadId(50)));
    act(&mut state, Action::NextUnread);
    assert!(
        state
            .notice
            .current()
            .is_some_and(|n| n.text == "Nothing unread")
    );
}

#[test]
fn next_unread_with_nothing_unread_says_so() {
    let mut state = loaded_state(80, 24);
    act(&mut state, Action::NextUnread);
    assert!(
        state
            .notice
            .current()
            .is_some_and(|n| n.text == "Nothing unread")
    );
}

#[test]
fn polls_run_at_the_requested_interval_and_never_faster() {
    let mut state = loaded_state(80, 24);
    let soon = now() + chrono::Duration::seconds(59);
    assert_eq!(update(&mut state, Msg::Tick(soon)), vec![]);
    let due = now() + chrono::Duration::seconds(60);
    let effects = update(&mut state, Msg::Tick(due));
    let req = feed_request(&state, Feed::MyFeed);
    assert_eq!(
        effects,
        vec![
            Effect::FetchFeed {
                req,
                feed: Feed::MyFeed,
                page: FeedPage::Newer(MessageId(31))
            },
            Effect::FetchCommunities,
            Effect::FetchUnseen
        ]
    );
    let again = due + chrono::Duration::seconds(30);
    assert_eq!(update(&mut state, Msg::Tick(again)), vec![]);
}

#[test]
fn idle_wake_ups_are_only_for_polls_and_changing_labels() {
    let state = loaded_state(80, 24);
    let next = state.next_tick_in().expect("a poll is always scheduled");
    // The newest visible activity is 5 minutes old: its label changes within a minute.
    assert!(next <= Duration::from_secs(60), "{next:?}");
    assert!(next > Duration::ZERO);
}

#[test]
fn direct_message_and_follow_outside_the_people_pane_say_where_they_work() {
    for action in [Action::DirectMessage, Action::ToggleFollow] {
        let mut state = loaded_state(80, 24);
        assert_eq!(act(&mut state, action), vec![]);
        assert!(
            state
                .notice
                .current()
                .is_some_and(|n| n.text.contains("works in the People pane")),
            "{action}"
        );
    }
}

#[test]
fn palette_opens_the_palette() {
    let mut state = loaded_state(80, 24);
    assert_eq!(act(&mut state, Action::Palette), vec![]);
    assert!(matches!(
        state.overlay,
        Some(kring::overlays::Overlay::Palette(_))
    ));
}

#[test]
fn noop_and_unbound_keys_change_nothing() {
    let mut state = loaded_state(80, 24);
    assert_eq!(act(&mut state, Action::Noop), vec![]);
    assert_eq!(update(&mut state, key(KeyCode::Char('z'))), vec![]);
    assert_eq!(selected_thread(&state), Some(RELEASE));
    assert!(state.overlay.is_none());
}

#[test]
fn overlays_take_keys_before_panes_and_typed_letters_are_text() {
    let mut state = loaded_state(80, 24);
    act(&mut state, Action::Compose);
    type_text(&mut state, "q?jk");
    assert!(!state.should_quit());
    assert_eq!(selected_thread(&state), Some(RELEASE));
    assert_eq!(state.compose().map(|c| c.text()), Some("q?jk".to_owned()));
}

#[test]
fn resize_changes_how_far_a_half_page_moves() {
    let mut state = loaded_state(80, 24);
    update(
        &mut state,
        Msg::Resize {
            width: 80,
            height: 12,
        },
    );
    update(&mut state, ctrl('d'));
    assert_eq!(
        selected_thread(&state),
        Some(LUNCH),
        "9 rows hold 2 cards: half is 1"
    );
}

#[test]
fn every_action_is_handled_without_panicking_in_every_pane_and_size() {
    for (width, height) in [(0, 0), (40, 10), (80, 24), (160, 48)] {
        for pane in PaneId::ALL {
            for action in Action::ALL {
                let mut state = thread_state(width, height);
                state.focus = pane;
                act(&mut state, *action);
            }
        }
    }
}

#[test]
fn older_pages_load_when_the_selection_nears_the_end_until_one_comes_back_empty() {
    let mut state = blank_state(80, 24);
    let effects = kring::app::core::global::start(&mut state);
    let req = feed_request(&state, Feed::MyFeed);
    assert!(effects.contains(&Effect::FetchFeed {
        req,
        feed: Feed::MyFeed,
        page: FeedPage::Latest
    }));
    let starters: Vec<_> = (0..20u64)
        .map(|i| {
            message(
                1000 - i,
                1000 - i,
                GRACE,
                None,
                None,
                i64::try_from(i).unwrap_or(0),
                "busy day",
            )
        })
        .collect();
    let mut envelope = feed_envelope();
    envelope.messages = starters;
    envelope.threaded_extended.clear();
    let page = page_from_envelope(&envelope);
    let more = update(
        &mut state,
        Msg::Api(ApiMsg::Feed {
            req,
            feed: Feed::MyFeed,
            page: FeedPage::Latest,
            result: Ok(page),
        }),
    );
    assert!(
        !more.iter().any(|e| matches!(
            e,
            Effect::FetchFeed {
                feed: Feed::MyFeed,
                ..
            }
        )),
        "the selection is far from the end: no older page yet: {more:?}"
    );
    assert!(
        more.contains(&Effect::FetchUnseen),
        "the unseen counts, and the Inbox in the background: {more:?}"
    );
    let mut older = Vec::new();
    for _ in 0..15 {
        older.extend(act(&mut state, Action::MoveDown));
    }
    let older_req = match state.timeline.active().map(|t| &t.older) {
        Some(Load::Loading(req)) => *req,
        other => panic!("no older request: {other:?}"),
    };
    assert_eq!(
        older,
        vec![Effect::FetchFeed {
            req: older_req,
            feed: Feed::MyFeed,
            page: FeedPage::Older(MessageId(981))
        }]
    );
    assert_eq!(
        act(&mut state, Action::MoveDown),
        vec![],
        "one older request at a time"
    );
    answer_older_with_nothing(&mut state, &older);
    assert!(state.timeline.active().is_some_and(|t| t.exhausted));
    assert_eq!(act(&mut state, Action::Last), vec![]);
}

#[test]
fn ctrl_l_asks_for_a_whole_repaint() {
    let mut state = loaded_state(80, 24);
    assert_eq!(update(&mut state, ctrl('l')), vec![Effect::Redraw]);
}
