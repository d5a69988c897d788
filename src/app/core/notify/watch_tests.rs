//! The notifications and the unread counts through `update`, as the running client sees them:
//! background Inbox polls, the Mentions view's count, `!` and `N`.

use super::*;
use crate::app::core::msg::Msg;
use crate::app::core::test_support::{answer_feed_fetch, page_for};
use crate::app::core::update::update;
use crate::domain::test_support::message;
use crate::domain::{MessageId, Person, SafeText, ThreadId, UserId};
use crate::input::action::Action;

const ME: UserId = UserId(7);

fn state() -> State {
    let mut state = State::for_tests();
    state.session.cached = true;
    state.catalog.me = Some(ME);
    state
}

fn mention(id: u64) -> Message {
    let mut m = message(id, id, None);
    m.sender = UserId(2);
    m.notified = vec![ME];
    m
}

/// Runs a background Inbox poll that brings `messages`.
fn inbox_poll(state: &mut State, messages: Vec<Message>) -> Vec<Effect> {
    let effects = watch_inbox(state);
    let mut dana = Person::unknown(UserId(2));
    dana.full_name = SafeText::new("Dana Scully");
    let mut page = page_for(ME, messages);
    page.people = vec![dana];
    answer_feed_fetch(state, &effects, page)
}

fn notified(effects: &[Effect]) -> Vec<String> {
    effects
        .iter()
        .filter_map(|e| match e {
            Effect::Notify { body, .. } => Some(body.clone()),
            _ => None,
        })
        .collect()
}

#[test]
fn each_new_mention_counts_and_the_first_is_told_at_once() {
    let mut state = state();
    let first = inbox_poll(&mut state, vec![mention(5)]);
    assert!(
        notified(&first).is_empty(),
        "what was there before: {first:?}"
    );
    for (n, id) in [(1, 11), (2, 12), (3, 13)] {
        state.session.now += chrono::Duration::seconds(60);
        let effects = inbox_poll(&mut state, vec![mention(id)]);
        assert_eq!(
            state.unread.count(Feed::Inbox),
            n,
            "inbox after mention {n}"
        );
        assert_eq!(state.unread.count(Feed::Mentions), n, "mentions after {n}");
        assert_eq!(state.unread.count(Feed::RepliesToMe), 0);
        assert_eq!(notified(&effects).len(), 1, "{effects:?}");
    }
    let status = state.notice.current().map(|n| n.text.to_string());
    assert_eq!(
        status.as_deref(),
        Some("Dana Scully mentioned you (! to open)"),
        "named from the page that brought the mention"
    );
}

#[test]
fn bang_opens_the_newest_and_capital_n_marks_everything_read() {
    let mut state = state();
    inbox_poll(&mut state, vec![mention(5)]);
    inbox_poll(&mut state, vec![mention(11), mention(12)]);
    assert_eq!(state.unread.count(Feed::Mentions), 2);

    let opened = update(&mut state, Msg::Action(Action::JumpToNotification));
    assert!(
        opened
            .iter()
            .any(|e| matches!(e, Effect::FetchThread { thread, .. } if *thread == ThreadId(12))),
        "{opened:?}"
    );
    assert_eq!(state.unread.count(Feed::Mentions), 1);

    let marked = update(&mut state, Msg::Action(Action::MarkAllRead));
    assert_eq!(state.unread.count(Feed::Mentions), 0);
    assert_eq!(state.unread.count(Feed::Inbox), 0);
    assert!(marked.iter().any(|e| matches!(
        e,
        Effect::MarkRead { message, .. } if *message == MessageId(11)
    )));
}

#[test]
fn a_mention_in_the_open_thread_is_not_told() {
    let mut state = state();
    inbox_poll(&mut state, vec![mention(5)]);
    state.thread.thread = Some(ThreadId(11));
    let effects = inbox_poll(&mut state, vec![mention(11)]);
    assert!(notified(&effects).is_empty());
}

#[test]
fn a_mention_in_a_muted_community_neither_counts_nor_notifies_nor_is_next() {
    let mut state = state();
    let in_muted = |id| {
        let mut m = mention(id);
        m.community = Some(crate::domain::GroupId(30));
        m
    };
    // The community was seen before it was muted: what came after counts once unmuted.
    inbox_poll(&mut state, vec![in_muted(5)]);
    state.focus = PaneId::Communities;
    state.communities.selected = Feed::Community(crate::domain::GroupId(30));
    let kept = update(&mut state, Msg::Action(Action::ToggleMuteCommunity));
    assert!(
        kept.iter().any(|e| matches!(e, Effect::KeepMutes(m)
            if m.community_muted(crate::domain::GroupId(30)))),
        "{kept:?}"
    );
    let status = state.notice.current().map(|n| n.text.to_string());
    assert!(
        status
            .as_deref()
            .is_some_and(|s| s.starts_with("Muted ") && s.contains("no counts or notifications")),
        "{status:?}"
    );
    state.session.now += chrono::Duration::seconds(60);
    let effects = inbox_poll(&mut state, vec![in_muted(11)]);
    assert!(notified(&effects).is_empty(), "{effects:?}");
    assert_eq!(state.unread.count(Feed::Mentions), 0);
    assert_eq!(state.unread.count(Feed::Inbox), 0);
    update(&mut state, Msg::Action(Action::NextUnread));
    let status = state.notice.current().map(|n| n.text.to_string());
    assert_eq!(status.as_deref(), Some("Nothing unread"));

    update(&mut state, Msg::Action(Action::ToggleMuteCommunity));
    assert_eq!(state.unread.count(Feed::Mentions), 1, "unmuting restores");
    state.session.now += chrono::Duration::seconds(60);
    let effects = inbox_poll(&mut state, vec![in_muted(12)]);
    assert_eq!(notified(&effects).len(), 1, "{effects:?}");
}

/// Answers the fetch in `effects` with `messages` as a page of its feed.
fn answer(state: &mut State, effects: &[Effect], messages: Vec<Message>) -> Vec<Effect> {
    answer_feed_fetch(state, effects, page_for(ME, messages))
}

fn in_thread(id: u64, thread: u64) -> Message {
    let mut m = message(id, thread, (id != thread).then_some(thread));
    m.sender = UserId(3);
    m
}

#[test]
fn a_mention_on_a_visible_timeline_row_is_not_told_one_scrolled_away_or_elsewhere_is() {
    let mut state = state();
    let opened = crate::app::core::route::open_feed(&mut state, Feed::MyFeed);
    let loaded = answer(
        &mut state,
        &opened,
        (21..=26).map(|t| in_thread(t, t)).collect(),
    );
    // The Inbox follows My feed; what it holds is old news.
    answer(&mut state, &loaded, vec![mention(5)]);
    // Newest first: 26, 25, 24 are on the three cards shown; 21 is scrolled away.
    state.shown = crate::app::core::shown::Shown {
        feed: Some(Feed::MyFeed),
        offset: 0,
        cards: 3,
    };
    let mention_in = |id, thread| {
        let mut m = in_thread(id, thread);
        m.notified = vec![ME];
        m
    };
    state.session.now += chrono::Duration::seconds(60);
    let effects = inbox_poll(&mut state, vec![mention_in(101, 26)]);
    assert!(notified(&effects).is_empty(), "on screen: {effects:?}");
    state.session.now += chrono::Duration::seconds(60);
    let effects = inbox_poll(&mut state, vec![mention_in(102, 21)]);
    assert_eq!(notified(&effects).len(), 1, "scrolled away: {effects:?}");
    state.session.now += chrono::Duration::seconds(60);
    let effects = inbox_poll(&mut state, vec![mention_in(103, 40)]);
    assert_eq!(notified(&effects).len(), 1, "in another feed: {effects:?}");
    state.shown.cards = 0;
    state.session.now += chrono::Duration::seconds(60);
    let effects = inbox_poll(&mut state, vec![mention_in(104, 25)]);
    assert_eq!(
        notified(&effects).len(),
        1,
        "timeline not drawn: {effects:?}"
    );
}

#[test]
fn a_new_mention_arriving_at_the_top_of_the_shown_mentions_is_not_told() {
    let mut state = state();
    let opened = crate::app::core::route::open_feed(&mut state, Feed::Mentions);
    answer(&mut state, &opened, vec![mention(5)]);
    state.shown = crate::app::core::shown::Shown {
        feed: Some(Feed::Mentions),
        offset: 0,
        cards: 3,
    };
    state.session.now += chrono::Duration::seconds(60);
    let polled = crate::app::core::route::poll_feed(&mut state);
    let effects = answer(&mut state, &polled, vec![mention(11)]);
    assert!(notified(&effects).is_empty(), "on screen: {effects:?}");
    assert_eq!(state.unread.count(Feed::Mentions), 1, "still unread");

    state.shown.feed = Some(Feed::Inbox);
    state.session.now += chrono::Duration::seconds(60);
    let polled = crate::app::core::route::poll_feed(&mut state);
    let effects = answer(&mut state, &polled, vec![mention(12)]);
    assert_eq!(notified(&effects).len(), 1, "the frame showed another feed");
}
