//! Tests of the cache's part `settle` adds and of cancelling a superseded thread fetch.

use super::*;
use crate::app::core::unread::ReadKey;
use crate::domain::{Feed, MessageId, ThreadId};
use crate::panes::load::Load;

fn state(cached: bool) -> State {
    let mut state = State::for_tests();
    state.session.cached = cached;
    state
}

#[test]
fn a_cached_session_asks_for_the_cached_copy_before_each_fetch() {
    let mut state = state(true);
    let effects = crate::app::core::global::start(&mut state);
    let fetch = effects
        .iter()
        .position(|e| matches!(e, Effect::FetchFeed { .. }));
    let load = effects.iter().position(|e| {
        matches!(
            e,
            Effect::LoadCachedFeed {
                feed: Feed::MyFeed,
                ..
            }
        )
    });
    assert!(load.is_some() && load < fetch, "{effects:?}");

    let opened = crate::app::core::route::open_thread(&mut state, ThreadId(7));
    let opened = settle(&mut state, opened);
    assert!(opened.contains(&Effect::LoadCachedThread(ThreadId(7))));
}

#[test]
fn moved_read_markers_leave_update_as_effects() {
    let mut state = state(true);
    state.unread.read_up_to(ThreadId(7), MessageId(9));
    let effects = update(
        &mut state,
        Msg::Resize {
            width: 80,
            height: 24,
        },
    );
    assert_eq!(
        effects,
        vec![Effect::MarkRead {
            key: ReadKey::Thread(ThreadId(7)),
            message: MessageId(9)
        }]
    );
    assert!(
        state.unread.take_writes().is_empty(),
        "nothing is left queued"
    );
}

#[test]
fn a_session_without_a_cache_asks_nothing_of_it() {
    let mut state = state(false);
    let effects = crate::app::core::global::start(&mut state);
    assert!(
        effects
            .iter()
            .all(|e| !matches!(e, Effect::LoadCachedFeed { .. } | Effect::MarkRead { .. })),
        "{effects:?}"
    );
}

#[test]
fn opening_another_thread_cancels_the_fetch_of_the_first() {
    let mut state = state(false);
    let first = crate::app::core::route::open_thread(&mut state, ThreadId(7));
    let Load::Loading(first_req) = state.thread.load else {
        panic!("the first thread is not loading: {first:?}")
    };
    let second = crate::app::core::route::open_thread(&mut state, ThreadId(8));
    let Load::Loading(second_req) = state.thread.load else {
        panic!("the second thread is not loading")
    };
    assert_eq!(
        second,
        vec![
            Effect::Cancel(first_req),
            Effect::FetchThread {
                req: second_req,
                thread: ThreadId(8)
            }
        ]
    );
    let answered = update(
        &mut state,
        Msg::Api(crate::app::core::msg::ApiMsg::Thread {
            req: second_req,
            thread: ThreadId(8),
            result: Ok(crate::domain::Page::default()),
        }),
    );
    assert!(
        answered.iter().all(|e| !matches!(e, Effect::Cancel(_))),
        "an answered fetch is not cancelled"
    );
    assert!(
        crate::app::core::route::reload_thread(&mut state)
            .iter()
            .all(|e| !matches!(e, Effect::Cancel(_))),
        "nothing is in flight to cancel"
    );
}
