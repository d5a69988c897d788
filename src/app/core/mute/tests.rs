use super::*;
use crate::app::core::unread::Unread;
use crate::domain::UserId;

fn message(id: u64, thread: u64, group: Option<u64>, sender: u64) -> Message {
    let mut m = crate::domain::test_support::message(id, thread, None);
    m.sender = UserId(sender);
    m.community = group.map(GroupId);
    m
}

/// An unread tracker that saw one thread in community 7 and one in community 8, both with
/// news from someone else after the baseline.
fn unread_with_news() -> Unread {
    let mut unread = Unread::default();
    let me = Some(UserId(1));
    let old = [message(1, 1, Some(7), 2), message(2, 2, Some(8), 2)];
    unread.note(None, old.iter(), me, None);
    let new = [message(10, 1, Some(7), 2), message(11, 2, Some(8), 2)];
    unread.note(Some(Feed::MyFeed), new.iter(), me, None);
    unread
}

#[test]
fn a_muted_community_counts_nowhere_and_unmuting_restores_it() {
    let mut unread = unread_with_news();
    assert_eq!(unread.count(Feed::Community(GroupId(7))), 1);
    assert_eq!(unread.count(Feed::MyFeed), 2);
    let mut mutes = Mutes::default();
    assert!(mutes.toggle_community(GroupId(7)));
    unread.set_mutes(mutes.clone());
    assert_eq!(unread.count(Feed::Community(GroupId(7))), 0);
    assert_eq!(unread.count(Feed::MyFeed), 1);
    assert!(!unread.is_unread(ThreadId(1)));
    assert!(unread.is_muted(ThreadId(1)));
    assert_eq!(unread.threads_in(Feed::MyFeed), vec![ThreadId(2)]);
    assert!(!mutes.toggle_community(GroupId(7)));
    unread.set_mutes(mutes);
    assert_eq!(unread.count(Feed::Community(GroupId(7))), 1);
    assert_eq!(unread.count(Feed::MyFeed), 2);
}

#[test]
fn a_muted_thread_counts_nowhere() {
    let mut unread = unread_with_news();
    let mut mutes = Mutes::default();
    mutes.toggle_thread(ThreadId(2));
    unread.set_mutes(mutes);
    assert_eq!(unread.count(Feed::Community(GroupId(8))), 0);
    assert_eq!(unread.threads_in(Feed::MyFeed), vec![ThreadId(1)]);
    assert!(unread.is_unread(ThreadId(1)));
}

#[test]
fn the_muted_sets_survive_their_text_form() {
    let mut mutes = Mutes::default();
    mutes.toggle_community(GroupId(7));
    mutes.toggle_thread(ThreadId(42));
    assert_eq!(Mutes::from_text(&mutes.to_text()), mutes);
    assert_eq!(Mutes::from_text("not json"), Mutes::default());
    assert!(mutes.mutes_message(&message(50, 42, None, 3)));
    assert!(mutes.mutes_message(&message(51, 9, Some(7), 3)));
    assert!(!mutes.mutes_message(&message(52, 9, Some(8), 3)));
}
