//! `update` tests for the cache-first start and unread: the cached snapshot becomes
//! the first frame with an "updating…" marker, network pages merge without moving the
//! selection, an unreachable server shows "offline" with a retry countdown and retries, cached
//! threads open offline, unread counts come from the cache's markers plus what arrived, and
//! `n` walks the unread threads.

use crate::harness::tui;

use chrono::Duration;
use crossterm::event::KeyCode;
use kring::api::dto::MessagesEnvelope;
use kring::api::{ApiError, NetworkKind};
use kring::app::core::effect::{Effect, FeedPage};
use kring::app::core::global;
use kring::app::core::msg::{ApiMsg, CacheMsg, Msg};
use kring::app::core::state::State;
use kring::app::core::update::update;
use kring::app::shell::cache::StartupSnapshot;
use kring::app::shell::cache_convert::{envelope_rows, page_from_rows};
use kring::app::ui::draw;
use kring::app::unread::{ReadKey, UnreadSnapshot};
use kring::app::view_state::ViewState;
use kring::config::theme::Theme;
use kring::domain::convert::page_from_envelope;
use kring::domain::{Feed, GroupId, MessageId, Page, ThreadId, UserId};
use kring::panes::PaneId;
use kring::store::ThreadActivity;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use tui::*;

/// The fixture's My feed as the cache gives it back (through the real row conversion).
fn cached_page(envelope: &MessagesEnvelope) -> Page {
    let rows = envelope_rows(envelope);
    page_from_rows(
        &rows.messages,
        &rows.users,
        &rows.groups,
        &rows.threads,
        Some(ME),
    )
}

fn snapshot(unread: UnreadSnapshot) -> StartupSnapshot {
    StartupSnapshot {
        feed: Some(Feed::MyFeed),
        page: cached_page(&feed_envelope()),
        me: Some(UserId(ME)),
        mine: Some(vec![GroupId(ENGINEERING), GroupId(DESIGN)]),
        unread,
        last_looked: None,
        join_requests: Vec::new(),
    }
}

/// A state started from `snapshot`, with the start-up fetches it issued.
fn started(snapshot: StartupSnapshot) -> (State, Vec<Effect>) {
    let mut state = blank_state(100, 30);
    state.session.cached = true;
    update(
        &mut state,
        Msg::Cached(Box::new(CacheMsg::Startup(Box::new(snapshot)))),
    );
    let effects = global::start(&mut state);
    (state, effects)
}

fn screen(state: &State) -> String {
    let (width, height) = state.session.size;
    let mut terminal = Terminal::new(TestBackend::new(width, height)).expect("test backend");
    let theme = Theme::builtin_default();
    terminal
        .draw(|frame| draw(frame, state, &mut ViewState::default(), &theme))
        .expect("draw");
    terminal.backend().to_string()
}

fn unreachable() -> ApiError {
    ApiError::Network {
        kind: NetworkKind::Connect,
        detail: "connection refused".into(),
    }
}

fn feed_failed(state: &mut State, effects: &[Effect]) {
    for effect in effects {
        if let Effect::FetchFeed { req, feed, page } = effect {
            update(
                state,
                Msg::Api(ApiMsg::Feed {
                    req: *req,
                    feed: *feed,
                    page: *page,
                    result: Err(unreachable()),
                }),
            );
        }
    }
}

fn activity(thread: u64, group: Option<u64>, newest: u64) -> ThreadActivity {
    ThreadActivity {
        thread_id: thread,
        group_id: group,
        newest_id: newest,
        newest_from_others: Some(newest),
    }
}

/// Read markers under which the release thread (replies up to 31) and a Design thread 77
/// that only the Design feed holds are unread.
fn unread_snapshot() -> UnreadSnapshot {
    UnreadSnapshot {
        me: Some(UserId(ME)),
        markers: vec![
            ("in_group:10".into(), 20),
            ("in_group:11".into(), 15),
            ("all".into(), 100),
        ],
        threads: vec![
            activity(RELEASE, Some(ENGINEERING), 31),
            activity(WIDE_TEXT, Some(DESIGN), 10),
            activity(77, Some(DESIGN), 77),
        ],
        feed_threads: vec![
            (Feed::MyFeed, ThreadId(RELEASE)),
            (Feed::MyFeed, ThreadId(WIDE_TEXT)),
            (Feed::Community(GroupId(DESIGN)), ThreadId(77)),
        ],
        ..UnreadSnapshot::default()
    }
}

#[test]
fn the_first_frame_shows_the_cached_timeline_while_updating() {
    let (state, effects) = started(snapshot(UnreadSnapshot::default()));
    assert!(effects.iter().any(|e| matches!(
        e,
        Effect::FetchFeed {
            feed: Feed::MyFeed,
            page: FeedPage::Latest,
            ..
        }
    )));
    assert_eq!(timeline_order(&state), [RELEASE, LUNCH, WIDE_TEXT]);
    assert_eq!(state.catalog.me, Some(UserId(ME)));
    let screen = screen(&state);
    assert!(screen.contains("Release 2.4 is out"), "{screen}");
    assert!(screen.contains("Grace Hopper"), "{screen}");
    assert!(screen.contains("Engineering Platform"), "{screen}");
    assert!(screen.contains("updating…"), "{screen}");
}

#[test]
fn network_pages_merge_without_moving_the_selection() {
    let (mut state, effects) = started(snapshot(UnreadSnapshot::default()));
    state.focus = PaneId::Timeline;
    update(&mut state, key(KeyCode::Char('j')));
    assert_eq!(selected_thread(&state), Some(LUNCH));
    let mut fresh = feed_envelope();
    fresh.messages.insert(
        0,
        message(50, 50, GRACE, None, Some(DESIGN), 1, "Fresh design review"),
    );
    for effect in &effects {
        if let Effect::FetchFeed { req, feed, page } = effect {
            update(
                &mut state,
                Msg::Api(ApiMsg::Feed {
                    req: *req,
                    feed: *feed,
                    page: *page,
                    result: Ok(page_from_envelope(&fresh)),
                }),
            );
        }
    }
    assert_eq!(timeline_order(&state), [50, RELEASE, LUNCH, WIDE_TEXT]);
    assert_eq!(selected_thread(&state), Some(LUNCH));
    assert!(!screen(&state).contains("updating…"));
}

#[test]
fn a_cached_feed_arriving_after_the_network_page_changes_nothing() {
    let mut state = loaded_state(100, 30);
    let mut stale = feed_envelope();
    stale.messages = vec![message(9, 9, GRACE, None, None, 900, "Deleted long ago")];
    let req = state.next_request();
    update(
        &mut state,
        Msg::Cached(Box::new(CacheMsg::Feed {
            req,
            feed: Feed::MyFeed,
            page: cached_page(&stale),
        })),
    );
    assert_eq!(timeline_order(&state), [RELEASE, LUNCH, WIDE_TEXT]);
}

#[test]
fn an_unreachable_server_shows_offline_and_retries_with_backoff() {
    let (mut state, effects) = started(snapshot(UnreadSnapshot::default()));
    feed_failed(&mut state, &effects);
    assert!(state.connection.is_offline());
    assert!(
        state.notice.is_none(),
        "the status bar says it, not a notice"
    );
    let screen_now = screen(&state);
    assert!(screen_now.contains("offline · retry in 5s"), "{screen_now}");
    assert!(screen_now.contains("Release 2.4 is out"), "{screen_now}");
    let tick = state.next_tick_in().expect("a tick for the countdown");
    assert!(tick <= std::time::Duration::from_secs(1), "{tick:?}");

    let later = now() + Duration::seconds(5);
    let retry = update(&mut state, Msg::Tick(later));
    assert!(retry.contains(&Effect::FetchCurrentUser));
    assert!(retry.contains(&Effect::FetchCommunities));
    assert!(retry.iter().any(|e| matches!(
        e,
        Effect::FetchFeed {
            page: FeedPage::Latest,
            ..
        }
    )));
    assert!(screen(&state).contains("offline · retrying…"));
    feed_failed(&mut state, &retry);
    assert!(screen(&state).contains("offline · retry in 10s"));

    update(&mut state, Msg::Api(ApiMsg::Communities(Ok(Vec::new()))));
    assert!(!state.connection.is_offline());
    assert!(!screen(&state).contains("offline"));
}

#[test]
fn a_failure_the_server_reports_is_not_offline() {
    let (mut state, effects) = started(snapshot(UnreadSnapshot::default()));
    for effect in &effects {
        if let Effect::FetchFeed { req, feed, page } = effect {
            update(
                &mut state,
                Msg::Api(ApiMsg::Feed {
                    req: *req,
                    feed: *feed,
                    page: *page,
                    result: Err(ApiError::Server { status: 500 }),
                }),
            );
        }
    }
    assert!(!state.connection.is_offline());
    assert!(state.notice.is_some(), "a server error is shown");
}

#[test]
fn a_cached_thread_opens_offline() {
    let (mut state, _) = started(snapshot(UnreadSnapshot::default()));
    state.focus = PaneId::Timeline;
    let effects = update(&mut state, key(KeyCode::Enter));
    let Some(thread) = effects.iter().find_map(|e| match e {
        Effect::FetchThread { thread, .. } => Some(*thread),
        _ => None,
    }) else {
        panic!("no thread fetch: {effects:?}")
    };
    assert_eq!(thread, ThreadId(RELEASE));
    let rows_before = state.thread.rows().len();
    update(
        &mut state,
        Msg::Cached(Box::new(CacheMsg::Thread {
            thread,
            page: cached_page(&thread_envelope(RELEASE)),
        })),
    );
    assert!(
        state.thread.rows().len() > rows_before,
        "the cached replies show"
    );
    assert_eq!(state.thread.rows().len(), 4, "20, 21, 23 and 31");
}

#[test]
fn unread_counts_come_from_the_cache_and_what_arrived() {
    let (mut state, effects) = started(snapshot(unread_snapshot()));
    assert!(state.unread.is_unread(ThreadId(RELEASE)));
    assert!(
        !state.unread.is_unread(ThreadId(WIDE_TEXT)),
        "before the baseline"
    );
    assert_eq!(state.unread.count(Feed::MyFeed), 1);
    assert_eq!(state.unread.count(Feed::Community(GroupId(ENGINEERING))), 1);
    assert_eq!(state.unread.count(Feed::Community(GroupId(DESIGN))), 1);

    let mut fresh = feed_envelope();
    fresh.messages.insert(
        0,
        message(
            150,
            150,
            GRACE,
            None,
            Some(DESIGN),
            1,
            "Fresh design review",
        ),
    );
    for effect in &effects {
        if let Effect::FetchFeed { req, feed, page } = effect {
            update(
                &mut state,
                Msg::Api(ApiMsg::Feed {
                    req: *req,
                    feed: *feed,
                    page: *page,
                    result: Ok(page_from_envelope(&fresh)),
                }),
            );
        }
    }
    assert_eq!(state.unread.count(Feed::MyFeed), 2);
    assert_eq!(state.unread.count(Feed::Community(GroupId(DESIGN))), 2);
    let screen_now = screen(&state);
    let design_row = screen_now
        .lines()
        .find(|l| l.contains("Design"))
        .unwrap_or_default();
    assert!(design_row.contains(" 2 "), "{design_row}");

    state.focus = PaneId::Timeline;
    while selected_thread(&state) != Some(RELEASE) {
        update(&mut state, key(KeyCode::Char('j')));
    }
    let opened = update(&mut state, key(KeyCode::Enter));
    assert!(!state.unread.is_unread(ThreadId(RELEASE)));
    assert_eq!(state.unread.count(Feed::Community(GroupId(ENGINEERING))), 0);
    let marks: Vec<_> = opened
        .iter()
        .filter(|e| matches!(e, Effect::MarkRead { .. }))
        .collect();
    assert_eq!(
        marks,
        vec![&Effect::MarkRead {
            key: ReadKey::Thread(ThreadId(RELEASE)),
            message: MessageId(31)
        }],
        "opening the thread moves its marker, for the cache"
    );
    assert!(
        opened.contains(&Effect::LoadCachedThread(ThreadId(RELEASE))),
        "the cached thread is asked for while it is fetched"
    );
}

#[test]
fn n_opens_each_unread_thread_then_the_next_feed_with_one() {
    let (mut state, _) = started(snapshot(unread_snapshot()));
    state.focus = PaneId::Timeline;
    update(&mut state, key(KeyCode::Char('n')));
    assert_eq!(state.thread.thread, Some(ThreadId(RELEASE)));
    assert_eq!(selected_thread(&state), Some(RELEASE));
    assert_eq!(state.focus, PaneId::Thread);

    let effects = update(&mut state, key(KeyCode::Char('n')));
    assert_eq!(
        state.thread.thread,
        Some(ThreadId(77)),
        "only Design holds it"
    );
    assert_eq!(
        state.timeline.current,
        Some(Feed::Community(GroupId(DESIGN)))
    );
    assert!(effects.iter().any(|e| matches!(
        e,
        Effect::FetchFeed {
            feed: Feed::Community(GroupId(DESIGN)),
            ..
        }
    )));
    assert!(effects.iter().any(|e| matches!(
        e,
        Effect::FetchThread {
            thread: ThreadId(77),
            ..
        }
    )));

    update(&mut state, key(KeyCode::Char('n')));
    assert!(
        state
            .notice
            .as_ref()
            .is_some_and(|n| n.text == "Nothing unread")
    );
}

// A rebuilt cache is said so on screen, with where the damaged copy went, and the
// cached timeline already shown stays.
#[test]
fn a_rebuilt_cache_shows_a_notice_that_stays() {
    let (mut state, _) = started(snapshot(UnreadSnapshot::default()));
    let moved_to = std::path::PathBuf::from("/data/kring/cache.sqlite.corrupt-1700000000");
    update(
        &mut state,
        Msg::Cached(Box::new(CacheMsg::Rebuilt { moved_to })),
    );
    let notice = state.notice.clone().expect("a notice");
    assert_eq!(notice.level, kring::app::core::notice::Level::Warning);
    assert!(notice.text.contains("rebuilt"), "{}", notice.text);
    assert!(
        notice.text.contains("cache.sqlite.corrupt-1700000000"),
        "{}",
        notice.text
    );
    let later = state.session.now + Duration::seconds(60);
    update(&mut state, Msg::Tick(later));
    assert!(state.notice.is_some(), "a warning stays until dismissed");
    let screen = screen(&state);
    assert!(screen.contains("The local cache was damaged"), "{screen}");
    assert_eq!(timeline_order(&state), [RELEASE, LUNCH, WIDE_TEXT]);
}

// The unread bookkeeping arrives after the first frame's snapshot (which carries only who the
// user is): the counts are those of a start that read both at once.
#[test]
fn unread_bookkeeping_after_the_first_frame_counts_as_if_read_with_it() {
    let first_screen = snapshot(UnreadSnapshot {
        me: Some(UserId(ME)),
        ..UnreadSnapshot::default()
    });
    let (mut state, _) = started(first_screen);
    assert_eq!(state.unread.count(Feed::MyFeed), 0, "nothing counted yet");
    update(
        &mut state,
        Msg::Cached(Box::new(CacheMsg::Unread(unread_snapshot()))),
    );
    let (whole, _) = started(snapshot(unread_snapshot()));
    for feed in [
        Feed::MyFeed,
        Feed::Community(GroupId(ENGINEERING)),
        Feed::Community(GroupId(DESIGN)),
    ] {
        assert_eq!(
            state.unread.count(feed),
            whole.unread.count(feed),
            "{feed:?}"
        );
    }
    assert_eq!(state.unread.count(Feed::MyFeed), 1);
    assert!(state.unread.is_unread(ThreadId(RELEASE)));
    assert_eq!(timeline_order(&state), [RELEASE, LUNCH, WIDE_TEXT]);
}
