//! What a thread or feed says when only part of it, or none of it, is here and the server
//! cannot be reached: never a partial thread that looks complete, never "Loading…" for ever.

use crate::harness::tui;

use kring::api::{ApiError, NetworkKind};
use kring::app::core::effect::Effect;
use kring::app::core::msg::{ApiMsg, Msg};
use kring::app::core::state::State;
use kring::app::core::update::update;
use kring::domain::{Feed, GroupId, ThreadId};
use tui::*;

fn screen(state: &State, width: u16, height: u16) -> String {
    let backend = ratatui::backend::TestBackend::new(width, height);
    let mut terminal = ratatui::Terminal::new(backend).expect("test backend");
    let theme = kring::config::theme::Theme::builtin_default();
    let mut view = kring::app::shell::view_state::ViewState::default();
    terminal
        .draw(|frame| crate::harness::tui::draw(frame, state, &mut view, &theme))
        .expect("draw");
    terminal.backend().to_string()
}

fn refused() -> ApiError {
    ApiError::Network {
        kind: NetworkKind::Connect,
        detail: "connection refused".into(),
    }
}

#[test]
fn a_partly_cached_thread_says_how_many_replies_are_here_online_and_offline() {
    let mut state = loaded_state(80, 24);
    let effects = kring::app::core::route::open_thread(&mut state, ThreadId(RELEASE));
    state.focus = kring::panes::PaneId::Thread;
    let top = |state: &State| {
        screen(state, 80, 24)
            .lines()
            .next()
            .unwrap_or_default()
            .to_owned()
    };
    let loading = top(&state);
    assert!(
        loading.contains("2 of 3 replies cached · loading…"),
        "{loading}"
    );
    let Some(Effect::FetchThread { req, thread }) = effects
        .iter()
        .find(|e| matches!(e, Effect::FetchThread { .. }))
        .cloned()
    else {
        panic!("opening fetches the thread: {effects:?}");
    };
    update(
        &mut state,
        Msg::Api(ApiMsg::Thread {
            req,
            thread,
            result: Err(refused()),
        }),
    );
    let offline = top(&state);
    assert!(offline.contains("2 of 3 replies cached"), "{offline}");
    assert!(!offline.contains("loading"), "{offline}");
}

#[test]
fn an_uncached_community_offline_says_it_is_shown_when_online() {
    let mut state = loaded_state(80, 24);
    let feed = Feed::Community(GroupId(DESIGN));
    let effects = kring::app::core::route::open_feed(&mut state, feed);
    let Some(Effect::FetchFeed { req, feed, page }) = effects
        .iter()
        .find(|e| matches!(e, Effect::FetchFeed { .. }))
        .cloned()
    else {
        panic!("opening fetches the feed: {effects:?}");
    };
    update(
        &mut state,
        Msg::Api(ApiMsg::Feed {
            req,
            feed,
            page,
            result: Err(refused()),
        }),
    );
    let text = screen(&state, 80, 24);
    assert!(text.contains("Not cached; shown when online."), "{text}");
    assert!(!text.contains("Loading…"), "{text}");
}
