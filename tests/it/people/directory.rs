//! The people directory through `update`, as the run loop drives it: a rate limit mid-listing
//! pauses the listing with a countdown that moves with the clock (ticks every second only while
//! it is shown) and the listing goes on by itself; a person the server's search found before
//! the listing did is listed and marked; a cached directory shows at once, a refresh pass goes
//! on behind it, and an unfinished pass goes on where it stopped. With the real worker, client
//! and cache task: `api::client_server_people`.

use crate::harness::people;
use crate::harness::tui;

use chrono::Duration;
use crossterm::event::KeyCode;
use kring::api::ApiError;
use kring::app::core::effect::Effect;
use kring::app::core::msg::Msg;
use kring::app::core::update::update;
use kring::input::action::Action;
use kring::panes::people::effect::{PeopleEffect, PeopleMsg};
use people::*;
use tui::{act, key, now, type_text};

fn search(state: &mut kring::app::core::state::State, text: &str) -> Vec<Effect> {
    let mut effects = update(state, key(KeyCode::Char('/')));
    effects.extend(type_text(state, text));
    effects
}

fn screen(state: &kring::app::core::state::State) -> String {
    let (width, height) = state.session.size;
    let backend = ratatui::backend::TestBackend::new(width, height);
    let mut terminal = ratatui::Terminal::new(backend).expect("test backend");
    let theme = kring::config::theme::Theme::builtin_default();
    let mut view = kring::app::shell::view_state::ViewState::default();
    terminal
        .draw(|frame| crate::harness::tui::draw(frame, state, &mut view, &theme))
        .expect("draw");
    terminal.backend().to_string()
}

#[test]
fn a_rate_limit_mid_listing_counts_down_and_the_listing_goes_on_by_itself() {
    let mut state = state_with_messages(80, 24);
    let first = people_effects(&act(&mut state, Action::PanePeople));
    let PeopleEffect::ListPage { req, page } = first[0].clone() else {
        panic!("the listing starts: {first:?}");
    };
    let next = update(
        &mut state,
        Msg::People(PeopleMsg::ListPage {
            req,
            page,
            result: Ok(listing_page(1)),
        }),
    );
    assert_eq!(
        kept_listing(&next),
        [(2, false)],
        "the cache learns the page"
    );
    let PeopleEffect::ListPage { req, page } = people_effects(&next)[0].clone() else {
        panic!("page two: {next:?}");
    };
    let limited = ApiError::RateLimited {
        retry_after: Some(std::time::Duration::from_secs(24)),
    };
    let paused = update(
        &mut state,
        Msg::People(PeopleMsg::ListPage {
            req,
            page,
            result: Err(limited),
        }),
    );
    assert!(people_effects(&paused).is_empty());
    assert_eq!(
        state.notice.current(),
        None,
        "the pane shows the pause; no sticky notice"
    );
    assert!(
        screen(&state).contains("rate limited, resuming in 24 s"),
        "{}",
        screen(&state)
    );
    assert_eq!(
        state.next_tick_in(),
        Some(std::time::Duration::from_secs(1)),
        "a live countdown ticks each second while shown"
    );
    let t0 = state.session.now;
    let idle = people_effects(&update(&mut state, Msg::Tick(t0 + Duration::seconds(10))));
    assert!(idle.is_empty(), "still waiting: {idle:?}");
    assert!(
        screen(&state).contains("rate limited, resuming in 14 s"),
        "the countdown moves: {}",
        screen(&state)
    );
    act(&mut state, Action::PaneTimeline);
    let hidden = state.next_tick_in().expect("a tick is still due");
    assert!(
        hidden > std::time::Duration::from_secs(1),
        "no per-second ticks while the countdown is not shown: {hidden:?}"
    );
    let resumed = people_effects(&update(&mut state, Msg::Tick(t0 + Duration::seconds(24))));
    assert!(
        matches!(resumed.as_slice(), [PeopleEffect::ListPage { page: 2, .. }]),
        "the failed page is asked for again by itself: {resumed:?}"
    );
    assert!(state.people.paging.paused.is_none());
}

#[test]
fn while_the_listing_is_incomplete_search_finds_people_not_listed_yet_and_marks_them() {
    let mut state = state_with_messages(160, 30);
    let first = people_effects(&act(&mut state, Action::PanePeople));
    assert!(matches!(first.as_slice(), [PeopleEffect::ListPage { .. }]));
    let typed = search(&mut state, "zorblax");
    assert!(people_effects(&typed).is_empty());
    assert!(listed(&state).is_empty(), "nobody known knows it");
    let mut sent = Vec::new();
    for millis in [0, 500] {
        let tick = Msg::Tick(now() + Duration::milliseconds(millis));
        sent.extend(people_effects(&update(&mut state, tick)));
    }
    let [PeopleEffect::SearchEvidence { req, text }] = sent.as_slice() else {
        panic!("the query asks search.json: {sent:?}");
    };
    assert_eq!(text, "zorblax");
    let mut zora = tui::user(9_001, "zora", "Zora Blax", "Zorblax lead");
    zora.expertise = vec!["zorblax".into()];
    zora.show_in_directory = true;
    let profile = kring::panes::people::effect::Profile::from_user(&zora);
    update(
        &mut state,
        Msg::People(PeopleMsg::Evidence {
            req: *req,
            result: Ok((kring::domain::Page::default(), vec![profile])),
        }),
    );
    assert_eq!(listed(&state), [9_001]);
    let shown = screen(&state);
    assert!(shown.contains("found by search"), "{shown}");
    assert!(shown.contains("1 found by search"), "{shown}");
}

#[test]
fn the_cached_directory_shows_at_once_and_a_refresh_pass_goes_on_behind_it() {
    use kring::panes::people::effect::DirectoryLoad;
    use kring::store::ListingPass;
    let mut state = state_with_messages(160, 30);
    let cached = DirectoryLoad {
        people: 20_134,
        pass: ListingPass {
            complete_at: Some(1_700_000_000),
            ..ListingPass::default()
        },
        ..DirectoryLoad::default()
    };
    update(
        &mut state,
        Msg::People(PeopleMsg::FromCache(Box::new(cached))),
    );
    let first = people_effects(&act(&mut state, Action::PanePeople));
    assert!(
        matches!(first.as_slice(), [PeopleEffect::ListPage { page: 1, .. }]),
        "a refresh pass starts: {first:?}"
    );
    let shown = screen(&state);
    assert!(
        shown.contains("from cache, 0 people, refreshing…"),
        "{shown}"
    );

    let mut unfinished = state_with_messages(160, 30);
    let cached = DirectoryLoad {
        people: 3_000,
        pass: ListingPass {
            next_page: 61,
            started_at: 1_700_000_000,
            complete_at: None,
        },
        ..DirectoryLoad::default()
    };
    update(
        &mut unfinished,
        Msg::People(PeopleMsg::FromCache(Box::new(cached))),
    );
    let resumed = people_effects(&act(&mut unfinished, Action::PanePeople));
    assert!(
        matches!(
            resumed.as_slice(),
            [PeopleEffect::ListPage { page: 61, .. }]
        ),
        "an unfinished pass goes on where it stopped: {resumed:?}"
    );
}
