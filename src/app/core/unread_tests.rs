//! Unit tests of [`Unread`](super::Unread): baselines, thread markers, counts and restores.

use super::*;
use crate::domain::test_support::message;

fn in_group(id: u64, thread: u64, group: u64) -> Message {
    let mut m = message(id, thread, (id != thread).then_some(thread));
    m.community = Some(GroupId(group));
    m
}

#[test]
fn the_first_page_is_read_and_later_activity_counts_per_feed() {
    let mut unread = Unread::default();
    unread.note(Some(Feed::MyFeed), &[message(10, 10, None)], None, None);
    assert_eq!(unread.count(Feed::MyFeed), 0);
    unread.note(
        Some(Feed::MyFeed),
        &[in_group(5, 5, 3), message(12, 12, None)],
        None,
        None,
    );
    unread.note(Some(Feed::MyFeed), &[in_group(11, 5, 3)], None, None);
    assert_eq!(unread.count(Feed::MyFeed), 2);
    assert_eq!(unread.count(Feed::Community(GroupId(3))), 1);
    unread.open_thread(ThreadId(5));
    assert_eq!(unread.count(Feed::MyFeed), 1);
    assert_eq!(unread.count(Feed::Community(GroupId(3))), 0);
    assert!(unread.is_unread(ThreadId(12)));
}

#[test]
fn own_messages_and_the_open_thread_stay_read() {
    let mut unread = Unread::default();
    unread.note(None, &[message(1, 1, None)], None, None);
    unread.note(
        Some(Feed::MyFeed),
        &[message(2, 1, Some(1))],
        Some(UserId(1)),
        None,
    );
    let mut other = message(3, 3, None);
    other.sender = UserId(9);
    unread.note(
        Some(Feed::MyFeed),
        &[other],
        Some(UserId(1)),
        Some(ThreadId(3)),
    );
    assert_eq!(unread.count(Feed::MyFeed), 0);
}

#[test]
fn markers_that_move_are_queued_for_the_store_once() {
    let mut unread = Unread::default();
    unread.note(Some(Feed::MyFeed), &[in_group(10, 10, 3)], None, None);
    assert_eq!(
        unread.take_writes(),
        vec![(ReadKey::Baseline(Some(GroupId(3))), MessageId(10))]
    );
    unread.note(Some(Feed::MyFeed), &[in_group(14, 10, 3)], None, None);
    unread.open_thread(ThreadId(10));
    unread.open_thread(ThreadId(10));
    assert_eq!(
        unread.take_writes(),
        vec![(ReadKey::Thread(ThreadId(10)), MessageId(14))]
    );
    assert!(unread.take_writes().is_empty());
}

#[test]
fn a_restored_snapshot_counts_what_arrived_after_the_markers() {
    let mut unread = Unread::default();
    unread.restore(UnreadSnapshot {
        me: Some(UserId(5)),
        markers: vec![
            ("in_group:3".into(), 100),
            ("all".into(), 100),
            ("in_thread:110".into(), 115),
            ("something_else".into(), 1),
        ],
        threads: vec![
            activity(90, Some(3), 95, Some(95)),
            activity(110, Some(3), 120, Some(120)),
            activity(130, None, 131, Some(130)),
            activity(140, Some(3), 141, None),
        ],
        feed_threads: vec![(Feed::MyFeed, ThreadId(110)), (Feed::MyFeed, ThreadId(130))],
        ..UnreadSnapshot::default()
    });
    assert!(!unread.is_unread(ThreadId(90)), "older than the baseline");
    assert!(
        unread.is_unread(ThreadId(110)),
        "a reply after the thread marker"
    );
    assert!(unread.is_unread(ThreadId(130)));
    assert!(
        !unread.is_unread(ThreadId(140)),
        "only the user wrote there"
    );
    assert_eq!(unread.count(Feed::MyFeed), 2);
    assert_eq!(unread.count(Feed::Community(GroupId(3))), 1);
    assert_eq!(
        unread.threads_in(Feed::MyFeed),
        [ThreadId(130), ThreadId(110)]
    );
    assert!(unread.take_writes().is_empty(), "nothing moved yet");
}

#[test]
fn a_community_without_a_stored_baseline_starts_read() {
    let mut unread = Unread::default();
    unread.restore(UnreadSnapshot {
        threads: vec![activity(90, Some(4), 95, Some(95))],
        ..UnreadSnapshot::default()
    });
    assert!(!unread.is_unread(ThreadId(90)));
    assert_eq!(
        unread.take_writes(),
        vec![(ReadKey::Baseline(Some(GroupId(4))), MessageId(95))]
    );
}

#[test]
fn read_keys_round_trip_through_their_store_names() {
    for key in [
        ReadKey::Thread(ThreadId(4)),
        ReadKey::Baseline(Some(GroupId(5))),
        ReadKey::Baseline(None),
    ] {
        assert_eq!(ReadKey::parse(&key.store_key()), Some(key));
    }
    assert_eq!(ReadKey::parse("my_feed"), None);
    assert_eq!(ReadKey::parse("in_thread:x"), None);
}

fn activity(thread: u64, group: Option<u64>, newest: u64, others: Option<u64>) -> ThreadActivity {
    ThreadActivity {
        thread_id: thread,
        group_id: group,
        newest_id: newest,
        newest_from_others: others,
    }
}

#[test]
fn server_counts_stand_in_until_the_client_knows_the_feed() {
    let mut unread = Unread::default();
    unread.set_unseen(UnseenCounts {
        messages: 14,
        inbox_threads: 2,
        private_threads: 3,
        notifications: 5,
    });
    assert_eq!(unread.count(Feed::MyFeed), 14);
    assert_eq!(
        unread.count(Feed::Inbox),
        3,
        "private threads arrive in the inbox"
    );
    assert_eq!(unread.count(Feed::Following), 0);
    assert_eq!(unread.notifications(), 5);
    // Once the client holds a page of My feed, its own count is the one shown.
    unread.note(Some(Feed::MyFeed), &[message(10, 10, None)], None, None);
    assert_eq!(unread.count(Feed::MyFeed), 0);
    assert_eq!(unread.count(Feed::Inbox), 3);
    // A later answer from the server changes nothing for a feed the client knows.
    unread.set_unseen(UnseenCounts {
        messages: 99,
        ..UnseenCounts::default()
    });
    assert_eq!(unread.count(Feed::MyFeed), 0);
    assert_eq!(unread.count(Feed::Inbox), 0);
}
