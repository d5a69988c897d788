//! `update` tests for the cache-first start: the cached snapshot becomes
//! the first frame with an "updating…" marker, network pages merge without moving the
//! selection, an unreachable server shows "offline" with a retry countdown and retries, cached
//! threads open offline, and a rebuilt cache says so. Unread counts on such a start are in
//! `unread_cache`.

use crate::harness::tui;

use crate::harness::tui::draw;
use chrono::Duration;
use crossterm::event::KeyCode;
use kring::api::dto::MessagesEnvelope;
use kring::api::{ApiError, NetworkKind};
use kring::app::core::effect::{Effect, FeedPage};
use kring::app::core::global;
use kring::app::core::msg::{ApiMsg, CacheMsg, Msg};
use kring::app::core::startup::StartupSnapshot;
use kring::app::core::state::State;
use kring::app::core::unread::UnreadSnapshot;
use kring::app::core::update::update;
use kring::app::shell::cache_convert::{envelope_rows, page_from_rows};
use kring::app::shell::view_state::ViewState;
use kring::config::theme::Theme;
use kring::domain::convert::page_from_envelope;
use kring::domain::{Feed, GroupId, Page, ThreadId, UserId};
use kring::panes::PaneId;
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

pub(super) fn snapshot(unread: UnreadSnapshot) -> StartupSnapshot {
    StartupSnapshot {
        feed: Some(Feed::MyFeed),
        page: cached_page(&feed_envelope()),
        me: Some(UserId(ME)),
        mine: Some(vec![GroupId(ENGINEERING), GroupId(DESIGN)]),
        unread,
        last_looked: None,
        // The Start here checklist would push the communities below the fold.
        start_here: kring::panes::communities::start_here::Kept {
            dismissed: true,
            ..Default::default()
        },
        guidelines_seen: None,
        join_requests: Vec::new(),
    }
}

/// A state started from `snapshot`, with the start-up fetches it issued.
pub(super) fn started(snapshot: StartupSnapshot) -> (State, Vec<Effect>) {
    let mut state = blank_state(100, 30);
    state.session.cached = true;
    update(
        &mut state,
        Msg::Cached(Box::new(CacheMsg::Startup(Box::new(snapshot)))),
    );
    let effects = global::start(&mut state);
    (state, effects)
}

pub(super) fn screen(state: &State) -> String {
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
        state.notice.current().is_none(),
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
    assert!(state.notice.current().is_some(), "a server error is shown");
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

// cached timeline already shown stays.
#[test]
fn a_rebuilt_cache_shows_a_notice_that_stays() {
    let (mut state, _) = started(snapshot(UnreadSnapshot::default()));
    let moved_to = std::path::PathBuf::from("/data/kring/cache.sqlite.corrupt-1700000000");
    update(
        &mut state,
        Msg::Cached(Box::new(CacheMsg::Rebuilt { moved_to })),
    );
    let notice = state.notice.current().cloned().expect("a notice");
    assert_eq!(notice.level, kring::panes::notice::Level::Warning);
    assert!(notice.text.contains("rebuilt"), "{}", notice.text);
    assert!(
        notice.text.contains("cache.sqlite.corrupt-1700000000"),
        "{}",
        notice.text
    );
    let later = state.session.now + Duration::seconds(60);
    update(&mut state, Msg::Tick(later));
    assert!(
        state.notice.current().is_some(),
        "a warning stays until dismissed"
    );
    let screen = screen(&state);
    assert!(screen.contains("The local cache was damaged"), "{screen}");
    assert_eq!(timeline_order(&state), [RELEASE, LUNCH, WIDE_TEXT]);
}

// The unread bookkeeping arrives after the first frame's snapshot (which carries only who the
