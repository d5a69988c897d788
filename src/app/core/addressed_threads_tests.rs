//! The Mentions and Replies to me threads kept across a restart: counted at start, before any
//! page, from what the last session kept.

use super::*;
use crate::app::core::test_support::{answer_feed_fetch, page_for};
use crate::app::core::unread::UnreadSnapshot;
use crate::domain::test_support::message;
use crate::domain::{Message, MessageId, UserId};
use crate::store::ThreadActivity;

const ME: UserId = UserId(7);

fn state() -> State {
    let mut state = State::for_tests();
    state.session.cached = true;
    state.catalog.me = Some(ME);
    state
}

fn inbox_page(state: &mut State, messages: Vec<Message>) -> Vec<Effect> {
    let effects = crate::app::core::notify::watch::watch_inbox(state);
    answer_feed_fetch(state, &effects, page_for(ME, messages))
}

fn kept(effects: &[Effect]) -> Option<AddressedThreads> {
    effects.iter().find_map(|e| match e {
        Effect::KeepFact { fact, value } if *fact == FACT_ADDRESSED => {
            Some(AddressedThreads::from_text(value))
        }
        _ => None,
    })
}

#[test]
fn mentions_and_replies_are_counted_at_the_next_start_before_any_page() {
    let mut state = state();
    let mut mine = message(3, 3, None);
    mine.sender = ME;
    inbox_page(&mut state, vec![mine]);
    let mut mention = message(11, 11, None);
    mention.sender = UserId(2);
    mention.notified = vec![ME];
    let mut reply = message(12, 3, Some(3));
    reply.sender = UserId(2);
    let effects = inbox_page(&mut state, vec![mention, reply]);
    assert_eq!(state.unread.count(Feed::Mentions), 1);
    assert_eq!(state.unread.count(Feed::RepliesToMe), 1);
    let Some(text) = kept(&effects) else {
        panic!("the views' threads are not kept: {effects:?}");
    };
    assert_eq!(text.mentions, [11]);
    assert_eq!(text.replies, [3]);
    assert!(
        kept(&inbox_page(&mut state, Vec::new())).is_none(),
        "kept again only when they grow"
    );

    // The next start: the cache's markers and thread activity, and the kept threads.
    let mut next = self::state();
    let activity = |thread, newest, others| ThreadActivity {
        thread_id: thread,
        group_id: None,
        newest_id: newest,
        newest_from_others: others,
    };
    next.unread.restore(UnreadSnapshot {
        me: Some(ME),
        markers: vec![("all".to_owned(), 3)],
        threads: vec![activity(11, 11, Some(11)), activity(3, 12, Some(12))],
        feed_threads: text.feed_threads().collect(),
        ..UnreadSnapshot::default()
    });
    assert_eq!(next.unread.count(Feed::Mentions), 1);
    assert_eq!(next.unread.count(Feed::RepliesToMe), 1);
    next.unread
        .read_up_to(crate::domain::ThreadId(11), MessageId(11));
    assert_eq!(
        next.unread.count(Feed::Mentions),
        0,
        "reading it counts down"
    );
}
