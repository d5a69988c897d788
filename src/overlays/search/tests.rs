//! The search overlay driven through `update`: the pause before searching, the server's
//! share of the budget, merging and deduplicating answers, groups and where Enter goes.

use chrono::{DateTime, Duration as Span, TimeZone, Utc};
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use super::*;
use crate::app::core::effect::Effect;
use crate::app::core::msg::Msg;
use crate::app::core::state::State;
use crate::app::core::update::update;
use crate::domain::{Feed, GroupId, MessageId, ThreadId};
use crate::input::action::Action;
use crate::overlays::Overlay;
use crate::panes::PaneId;
use crate::search::{Hit, HitKind, Source};

fn start() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 3, 13, 12, 0, 0)
        .single()
        .unwrap_or_default()
}

fn state() -> State {
    let mut state = State::for_tests_at(start());
    state.session.cached = true;
    state.focus = PaneId::Timeline;
    state
}

fn key(state: &mut State, code: KeyCode) -> Vec<Effect> {
    update(state, Msg::Key(KeyEvent::new(code, KeyModifiers::NONE)))
}

fn type_text(state: &mut State, text: &str) {
    for c in text.chars() {
        key(state, KeyCode::Char(c));
    }
}

fn tick(state: &mut State, millis: i64) -> Vec<Effect> {
    update(state, Msg::Tick(start() + Span::milliseconds(millis)))
}

fn overlay(state: &State) -> &SearchOverlay {
    match &state.overlay {
        Some(Overlay::Search(search)) => search,
        other => panic!("no search open: {other:?}"),
    }
}

fn searches(effects: &[Effect]) -> Vec<&SearchEffect> {
    effects
        .iter()
        .filter_map(|e| match e {
            Effect::Search(s) => Some(s),
            _ => None,
        })
        .collect()
}

fn message(id: u64, thread: u64, source: Source) -> Hit {
    let mut hit = Hit::new(HitKind::Message, id, "Ada", "text", source);
    hit.thread_id = Some(thread);
    hit
}

fn open_and_search(state: &mut State, text: &str) -> (RequestId, RequestId) {
    key(state, KeyCode::Char('/'));
    type_text(state, text);
    tick(state, 0);
    let effects = tick(state, 200);
    let found = searches(&effects);
    let local = found.iter().find_map(|s| match s {
        SearchEffect::Local { req, .. } => Some(*req),
        SearchEffect::Server { .. } => None,
    });
    let server = found.iter().find_map(|s| match s {
        SearchEffect::Server { req, .. } => Some(*req),
        SearchEffect::Local { .. } => None,
    });
    (
        local.expect("a local search"),
        server.expect("a server search"),
    )
}

#[test]
fn slash_opens_the_search_outside_people_and_typing_waits_for_a_pause() {
    let mut state = state();
    key(&mut state, KeyCode::Char('/'));
    assert!(matches!(state.overlay, Some(Overlay::Search(_))));
    type_text(&mut state, "kube");
    assert_eq!(overlay(&state).line.text, "kube", "keys are typed, not run");
    assert!(
        searches(&tick(&mut state, 0)).is_empty(),
        "the first tick starts the pause"
    );
    key(&mut state, KeyCode::Char('r'));
    assert!(
        searches(&tick(&mut state, 100)).is_empty(),
        "a key restarts it"
    );
    assert!(searches(&tick(&mut state, 200)).is_empty());
    let effects = tick(&mut state, 400);
    let found = searches(&effects);
    assert_eq!(found.len(), 2, "{found:?}");
    assert!(
        matches!(found[0], SearchEffect::Local { query, .. } if query.phrases[0].text == "kuber")
    );
    assert!(
        searches(&tick(&mut state, 1_000)).is_empty(),
        "once per pause"
    );
}

#[test]
fn the_server_is_asked_at_most_its_share_of_the_budget() {
    let mut state = state();
    key(&mut state, KeyCode::Char('/'));
    let mut asked = Vec::new();
    for (n, word) in ["a1", "b2", "c3", "d4", "e5"].iter().enumerate() {
        key(&mut state, KeyCode::Char(' '));
        type_text(&mut state, word);
        let at = i64::try_from(n).unwrap_or(0) * 1_000;
        tick(&mut state, at);
        for s in searches(&tick(&mut state, at + 200)) {
            if let SearchEffect::Server { req, .. } = s {
                asked.push(*req);
            }
        }
    }
    assert_eq!(asked.len(), SERVER_CALLS, "the fifth waits for the window");
    assert_eq!(overlay(&state).server, ServerState::Budget);
    let later = tick(&mut state, 31_000);
    assert_eq!(searches(&later).len(), 1, "sent once a slot is free");
}

#[test]
fn cached_results_show_first_and_server_results_merge_in_deduplicated() {
    let mut state = state();
    let (local, server) = open_and_search(&mut state, "kube");
    let mut cached = Hits::default();
    cached.push(message(5, 5, Source::Cached));
    cached.push(message(3, 1, Source::Cached));
    update(
        &mut state,
        Msg::Search(Box::new(SearchMsg::Local {
            req: local,
            hits: cached,
        })),
    );
    assert_eq!(overlay(&state).hits.len(), 2);
    assert_eq!(overlay(&state).server, ServerState::Loading);

    let mut remote = Hits::default();
    remote.push(message(9, 9, Source::Server));
    remote.push(message(5, 5, Source::Server));
    remote.push(Hit::new(
        HitKind::Community,
        7,
        "Platform",
        "",
        Source::Server,
    ));
    let stale = SearchMsg::Server {
        req: local,
        result: Ok(remote.clone()),
    };
    update(&mut state, Msg::Search(Box::new(stale)));
    assert_eq!(
        overlay(&state).hits.len(),
        2,
        "an answer to another request is dropped"
    );
    let answer = SearchMsg::Server {
        req: server,
        result: Ok(remote),
    };
    update(&mut state, Msg::Search(Box::new(answer)));
    let hits = &overlay(&state).hits;
    let messages: Vec<(u64, Source)> = hits.messages.iter().map(|h| (h.id, h.source)).collect();
    assert_eq!(
        messages,
        [(9, Source::Server), (5, Source::Both), (3, Source::Cached)]
    );
    assert_eq!(hits.communities.len(), 1);
    assert_eq!(overlay(&state).server, ServerState::Done);

    // Tab jumps to the next group, shift-tab back.
    update(&mut state, Msg::Action(Action::NextGroup));
    assert_eq!(overlay(&state).selected, 3);
    update(&mut state, Msg::Action(Action::NextGroup));
    assert_eq!(overlay(&state).selected, 0, "wraps around");
}

#[test]
fn a_failed_server_search_leaves_the_cached_results() {
    let mut state = state();
    let (local, server) = open_and_search(&mut state, "kube");
    let mut cached = Hits::default();
    cached.push(message(5, 5, Source::Cached));
    update(
        &mut state,
        Msg::Search(Box::new(SearchMsg::Local {
            req: local,
            hits: cached,
        })),
    );
    let failed = SearchMsg::Server {
        req: server,
        result: Err(crate::api::ApiError::RateLimited { retry_after: None }),
    };
    update(&mut state, Msg::Search(Box::new(failed)));
    assert_eq!(overlay(&state).hits.len(), 1);
    assert!(matches!(overlay(&state).server, ServerState::Failed(_)));
}

#[test]
fn enter_opens_the_thread_with_the_message_selected_and_highlighted() {
    let mut state = state();
    let (local, _) = open_and_search(&mut state, "kube");
    let mut cached = Hits::default();
    cached.push(message(12, 10, Source::Cached));
    cached.push(Hit::new(
        HitKind::Community,
        7,
        "Platform",
        "",
        Source::Cached,
    ));
    update(
        &mut state,
        Msg::Search(Box::new(SearchMsg::Local {
            req: local,
            hits: cached,
        })),
    );
    let effects = key(&mut state, KeyCode::Enter);
    assert!(state.overlay.is_none());
    assert_eq!(state.focus, PaneId::Thread);
    assert_eq!(state.thread.thread, Some(ThreadId(10)));
    assert_eq!(state.thread.highlighted, Some(MessageId(12)));
    assert!(effects.iter().any(|e| matches!(
        e,
        Effect::FetchThread {
            thread: ThreadId(10),
            ..
        }
    )));
    assert!(
        effects.iter().any(|e| matches!(e, Effect::Cancel(_))),
        "the server search is cancelled"
    );

    let (local, _) = open_and_search(&mut state, "plat");
    let mut cached = Hits::default();
    cached.push(Hit::new(
        HitKind::Community,
        7,
        "Platform",
        "",
        Source::Cached,
    ));
    update(
        &mut state,
        Msg::Search(Box::new(SearchMsg::Local {
            req: local,
            hits: cached,
        })),
    );
    key(&mut state, KeyCode::Enter);
    assert_eq!(state.focus, PaneId::Timeline);
    assert_eq!(state.current_feed(), Some(Feed::Community(GroupId(7))));
}

#[test]
fn esc_closes_and_the_people_pane_keeps_its_own_slash() {
    let mut state = state();
    key(&mut state, KeyCode::Char('/'));
    key(&mut state, KeyCode::Esc);
    assert!(state.overlay.is_none());
    state.focus = PaneId::People;
    key(&mut state, KeyCode::Char('/'));
    assert!(state.overlay.is_none(), "People filters its own list");
}

#[test]
fn reopening_the_overlay_does_not_refill_the_server_budget() {
    let mut state = state();
    let mut asked = 0;
    for (n, word) in ["a1", "b2", "c3", "d4", "e5"].iter().enumerate() {
        key(&mut state, KeyCode::Char('/'));
        type_text(&mut state, word);
        let at = i64::try_from(n).unwrap_or(0) * 1_000;
        tick(&mut state, at);
        asked += searches(&tick(&mut state, at + 200))
            .iter()
            .filter(|s| matches!(s, SearchEffect::Server { .. }))
            .count();
        key(&mut state, KeyCode::Esc);
        assert!(state.overlay.is_none(), "esc closes the search");
    }
    assert_eq!(asked, SERVER_CALLS, "the fifth search waits for the window");
}
