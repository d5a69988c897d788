//! `update` tests for unread counts on a cache-first start: the counts come from the cache's
//! read markers plus what arrived, opening a thread moves its marker, `n` walks the unread
//! threads and then the next feed with one, and the markers read after the first frame count
//! as if read with it.

use crate::harness::tui;

use super::update_cache::{screen, snapshot, started};
use crossterm::event::KeyCode;
use kring::app::core::effect::Effect;
use kring::app::core::msg::{ApiMsg, CacheMsg, Msg};
use kring::app::core::unread::{ReadKey, UnreadSnapshot};
use kring::app::core::update::update;
use kring::domain::convert::page_from_envelope;
use kring::domain::{Feed, GroupId, MessageId, ThreadId, UserId};
use kring::panes::PaneId;
use kring::store::ThreadActivity;
use tui::*;

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
            .current()
            .is_some_and(|n| n.text == "Nothing unread")
    );
}

// A rebuilt cache is said so on screen, with where the damaged copy went, and the
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
