//! `update` tests: start-up, loading, moving and focus — a message in, state and effects out,
//! no terminal, no network. The thread, compose and global actions have their own files.

use crate::harness::tui;

use std::time::Duration;

use crossterm::event::KeyCode;
use kring::api::ApiError;
use kring::app::core::effect::{Effect, FeedPage};
use kring::app::core::msg::{ApiMsg, Msg};
use kring::app::core::update::update;
use kring::domain::convert::page_from_envelope;
use kring::domain::{Feed, GroupId, MessageId};
use kring::input::action::Action;
use kring::panes::PaneId;
use kring::panes::notice::Level;
use tui::*;

// ── start-up and loading ────────────────────────────────────────────────────────────────────

#[test]
fn start_asks_for_the_user_the_communities_and_my_feed() {
    let mut state = blank_state(80, 24);
    let effects = kring::app::core::global::start(&mut state);
    let req = feed_request(&state, Feed::MyFeed);
    assert_eq!(
        effects,
        vec![
            Effect::FetchCurrentUser,
            Effect::FetchCommunities,
            Effect::FetchFeed {
                req,
                feed: Feed::MyFeed,
                page: FeedPage::Latest
            },
        ]
    );
    assert_eq!(state.focus, PaneId::Timeline);
    // The server's unseen counts are asked once My feed is in: not a request of the first screen.
    let after = update(
        &mut state,
        Msg::Api(ApiMsg::Feed {
            req,
            feed: Feed::MyFeed,
            page: FeedPage::Latest,
            result: Ok(kring::domain::convert::page_from_envelope(&feed_envelope())),
        }),
    );
    assert!(after.contains(&Effect::FetchUnseen), "{after:?}");
}

#[test]
fn a_loaded_feed_lists_threads_by_latest_activity_and_selects_the_first() {
    let state = loaded_state(80, 24);
    assert_eq!(timeline_order(&state), [RELEASE, LUNCH, WIDE_TEXT]);
    assert_eq!(selected_thread(&state), Some(RELEASE));
    assert_eq!(state.catalog.me.map(|u| u.0), Some(ME));
    assert_eq!(
        state.communities.mine,
        [GroupId(DESIGN), GroupId(ENGINEERING)]
    );
    assert!(
        state.timeline.active().is_some_and(|t| t.exhausted),
        "an empty older page ends paging"
    );
}

#[test]
fn a_stale_answer_is_dropped() {
    let mut state = blank_state(80, 24);
    kring::app::core::global::start(&mut state);
    let current = feed_request(&state, Feed::MyFeed);
    let stale = kring::panes::request::RequestId(current.0 + 100);
    let page = page_from_envelope(&feed_envelope());
    update(
        &mut state,
        Msg::Api(ApiMsg::Feed {
            req: stale,
            feed: Feed::MyFeed,
            page: FeedPage::Latest,
            result: Ok(page),
        }),
    );
    assert!(timeline_order(&state).is_empty());
    assert_eq!(feed_request(&state, Feed::MyFeed), current);
}

#[test]
fn a_failed_load_keeps_what_is_shown_and_says_why() {
    let mut state = loaded_state(80, 24);
    let effects = act(&mut state, Action::Refresh);
    let req = feed_request(&state, Feed::MyFeed);
    assert!(effects.contains(&Effect::FetchFeed {
        req,
        feed: Feed::MyFeed,
        page: FeedPage::Newer(MessageId(31))
    }));
    update(
        &mut state,
        Msg::Api(ApiMsg::Feed {
            req,
            feed: Feed::MyFeed,
            page: FeedPage::Newer(MessageId(31)),
            result: Err(ApiError::Server { status: 503 }),
        }),
    );
    assert_eq!(timeline_order(&state), [RELEASE, LUNCH, WIDE_TEXT]);
    let notice = state.notice.current().cloned().expect("a notice");
    assert_eq!(notice.level, Level::Error);
    assert!(notice.text.contains("503"), "{}", notice.text);
}

#[test]
fn a_rate_limit_says_when_it_retries_and_delays_the_next_poll() {
    let mut state = loaded_state(80, 24);
    act(&mut state, Action::Refresh);
    let req = feed_request(&state, Feed::MyFeed);
    let error = ApiError::RateLimited {
        retry_after: Some(Duration::from_secs(120)),
    };
    update(
        &mut state,
        Msg::Api(ApiMsg::Feed {
            req,
            feed: Feed::MyFeed,
            page: FeedPage::Newer(MessageId(31)),
            result: Err(error),
        }),
    );
    let notice = state.notice.current().cloned().expect("a notice");
    assert_eq!(notice.level, Level::Warning);
    assert!(notice.text.contains("retrying in 120 s"), "{}", notice.text);
    assert_eq!(
        state.session.poll.until_due(now()),
        Duration::from_secs(120)
    );
}

// ── moving ──────────────────────────────────────────────────────────────────────────────────

#[test]
fn move_down_and_up_walk_the_timeline() {
    let mut state = loaded_state(80, 24);
    update(&mut state, key(KeyCode::Char('j')));
    assert_eq!(selected_thread(&state), Some(LUNCH));
    update(&mut state, key(KeyCode::Down));
    assert_eq!(selected_thread(&state), Some(WIDE_TEXT));
    update(&mut state, key(KeyCode::Char('j')));
    assert_eq!(selected_thread(&state), Some(WIDE_TEXT), "the end clamps");
    update(&mut state, key(KeyCode::Char('k')));
    assert_eq!(selected_thread(&state), Some(LUNCH));
    act(&mut state, Action::MoveUp);
    assert_eq!(selected_thread(&state), Some(RELEASE));
}

#[test]
fn last_and_the_g_g_sequence_jump_to_the_ends() {
    let mut state = loaded_state(80, 24);
    update(
        &mut state,
        Msg::Key(crossterm::event::KeyEvent::new(
            KeyCode::Char('G'),
            crossterm::event::KeyModifiers::SHIFT,
        )),
    );
    assert_eq!(selected_thread(&state), Some(WIDE_TEXT));
    update(&mut state, key(KeyCode::Char('g')));
    assert_eq!(state.keys.pending.len(), 1, "g waits for the next key");
    assert!(
        state
            .keys
            .hints
            .iter()
            .any(|(_, action)| action == Action::First.description()),
        "{:?}",
        state.keys.hints
    );
    update(&mut state, key(KeyCode::Char('g')));
    assert_eq!(selected_thread(&state), Some(RELEASE));
    assert!(state.keys.pending.is_empty());
}

#[test]
fn a_stray_key_after_a_prefix_cancels_the_sequence() {
    let mut state = loaded_state(80, 24);
    update(&mut state, key(KeyCode::Char('g')));
    update(&mut state, key(KeyCode::Char('x')));
    assert!(state.keys.pending.is_empty());
    assert_eq!(selected_thread(&state), Some(RELEASE));
}

#[test]
fn half_pages_move_by_half_the_visible_cards() {
    let mut state = loaded_state(80, 24);
    update(&mut state, ctrl('d'));
    assert_eq!(
        selected_thread(&state),
        Some(WIDE_TEXT),
        "21 rows hold 5 cards: half is 2"
    );
    update(&mut state, ctrl('u'));
    assert_eq!(selected_thread(&state), Some(RELEASE));
}

#[test]
fn communities_move_and_open_a_community() {
    let mut state = loaded_state(160, 48);
    act(&mut state, Action::PaneCommunities);
    act(&mut state, Action::Last);
    assert_eq!(
        state.communities.selected,
        Feed::Community(GroupId(ENGINEERING))
    );
    act(&mut state, Action::First);
    assert_eq!(state.communities.selected, Feed::MyFeed);
    for _ in 0..5 {
        act(&mut state, Action::MoveDown);
    }
    act(&mut state, Action::HalfPageUp);
    act(&mut state, Action::HalfPageDown);
    let feed = Feed::Community(GroupId(ENGINEERING));
    assert_eq!(state.communities.selected, feed);
    let effects = update(&mut state, key(KeyCode::Enter));
    let req = feed_request(&state, feed);
    assert_eq!(
        effects,
        vec![Effect::FetchFeed {
            req,
            feed,
            page: FeedPage::Latest
        }]
    );
    assert_eq!(state.focus, PaneId::Timeline);
    assert_eq!(state.timeline.current, Some(feed));
}

#[test]
fn reopening_a_loaded_feed_shows_it_without_fetching() {
    let mut state = loaded_state(160, 48);
    act(&mut state, Action::PaneCommunities);
    act(&mut state, Action::First);
    assert_eq!(act(&mut state, Action::Open), vec![]);
    assert_eq!(timeline_order(&state), [RELEASE, LUNCH, WIDE_TEXT]);
}

// ── focus ───────────────────────────────────────────────────────────────────────────────────

#[test]
fn focus_moves_left_right_by_tab_and_by_number() {
    let mut state = loaded_state(160, 48);
    update(&mut state, key(KeyCode::Char('l')));
    assert_eq!(state.focus, PaneId::Thread);
    update(&mut state, key(KeyCode::Char('h')));
    assert_eq!(state.focus, PaneId::Timeline);
    act(&mut state, Action::FocusLeft);
    assert_eq!(state.focus, PaneId::Communities);
    act(&mut state, Action::FocusRight);
    assert_eq!(state.focus, PaneId::Timeline);
    update(&mut state, key(KeyCode::Tab));
    assert_eq!(state.focus, PaneId::Thread);
    act(&mut state, Action::NextPane);
    assert_eq!(state.focus, PaneId::People);
    update(&mut state, key(KeyCode::BackTab));
    assert_eq!(state.focus, PaneId::Thread);
    act(&mut state, Action::PrevPane);
    assert_eq!(state.focus, PaneId::Timeline);
    for (c, pane) in [
        ('1', PaneId::Communities),
        ('2', PaneId::Timeline),
        ('3', PaneId::Thread),
        ('4', PaneId::People),
    ] {
        update(&mut state, key(KeyCode::Char(c)));
        assert_eq!(state.focus, pane);
    }
    act(&mut state, Action::PaneCommunities);
    act(&mut state, Action::PaneTimeline);
    act(&mut state, Action::PaneThread);
    act(&mut state, Action::PanePeople);
    assert_eq!(state.focus, PaneId::People);
}

#[test]
fn back_steps_out_and_quit_or_back_quits_from_the_top() {
    let mut state = thread_state(160, 48);
    update(&mut state, key(KeyCode::Esc));
    assert_eq!(state.focus, PaneId::Timeline);
    act(&mut state, Action::Back);
    assert_eq!(state.focus, PaneId::Communities);
    update(&mut state, key(KeyCode::Char('l')));
    assert_eq!(update(&mut state, key(KeyCode::Char('q'))), vec![]);
    assert_eq!(state.focus, PaneId::Communities);
    assert!(!state.should_quit());
    assert_eq!(act(&mut state, Action::QuitOrBack), vec![Effect::Quit]);
    assert!(state.should_quit());
}

#[test]
fn back_dismisses_an_error_before_moving() {
    let mut state = thread_state(160, 48);
    state
        .notice
        .show(kring::panes::notice::Notice::error("boom"));
    act(&mut state, Action::Back);
    assert!(state.notice.current().is_none());
    assert_eq!(state.focus, PaneId::Thread);
}

#[test]
fn quit_leaves_and_keeps_an_unsent_draft() {
    let mut state = loaded_state(80, 24);
    assert_eq!(update(&mut state, ctrl('c')), vec![Effect::Quit]);
    let mut state = loaded_state(80, 24);
    update(&mut state, key(KeyCode::Char('c')));
    type_text(&mut state, "half a thought");
    // In the editor the first ctrl-c asks about the draft; the second quits, keeping it.
    assert_eq!(update(&mut state, ctrl('c')), vec![]);
    let effects = update(&mut state, ctrl('c'));
    assert!(
        matches!(&effects[..], [Effect::SaveDraft { body, .. }, Effect::Quit] if body == "half a thought")
    );
    assert!(state.should_quit());
}

#[test]
fn terminate_quits_like_quit() {
    let mut state = loaded_state(80, 24);
    assert_eq!(update(&mut state, Msg::Terminate), vec![Effect::Quit]);
    assert!(state.should_quit());
}
