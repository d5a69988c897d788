use chrono::TimeZone;

use super::*;
use crate::domain::test_support::message;
use crate::domain::{Page, Person, SafeText};

const ME: UserId = UserId(7);
const DANA: UserId = UserId(2);

fn at(seconds: i64) -> DateTime<Utc> {
    Utc.timestamp_opt(1_800_000_000 + seconds, 0)
        .single()
        .unwrap()
}

fn catalog() -> Catalog {
    let mut dana = Person::unknown(DANA);
    dana.full_name = SafeText::new("Dana Scully");
    let mut mine = message(1, 1, None);
    mine.sender = ME;
    let mut catalog = Catalog::default();
    catalog.absorb(Page {
        messages: vec![mine],
        people: vec![dana],
        ..Page::default()
    });
    catalog
}

fn mention(id: u64, thread: u64) -> Message {
    let mut m = message(id, thread, None);
    m.sender = DANA;
    m.notified = vec![ME];
    m
}

fn never_muted(_: &Message) -> bool {
    false
}

fn ctx<'a>(catalog: &'a Catalog, now: DateTime<Utc>, on_screen: Option<u64>) -> Context<'a> {
    Context {
        me: ME,
        catalog,
        page: None,
        on_screen: on_screen.map(ThreadId),
        shown: &[],
        muted: &never_muted,
        now,
    }
}

fn body(effect: Option<Effect>) -> Option<String> {
    match effect {
        Some(Effect::Notify { body, .. }) => Some(body),
        _ => None,
    }
}

fn started() -> Notify {
    let mut notify = Notify::default();
    notify.start_at(Some(MessageId(10)));
    notify
}

#[test]
fn nothing_is_told_before_the_first_inbox_page_nor_what_it_held() {
    let catalog = catalog();
    let mut notify = Notify::default();
    assert_eq!(
        notify.observe([&mention(11, 11)], &ctx(&catalog, at(0), None)),
        None
    );
    notify.start_at(Some(MessageId(20)));
    assert_eq!(
        notify.observe([&mention(12, 12)], &ctx(&catalog, at(1), None)),
        None
    );
    let told = notify.observe([&mention(21, 21)], &ctx(&catalog, at(2), None));
    assert_eq!(body(told).as_deref(), Some("Dana Scully mentioned you"));
    assert_eq!(notify.newest.as_ref().map(|n| n.thread), Some(ThreadId(21)));
}

#[test]
fn own_posts_and_what_is_on_screen_are_not_told() {
    let catalog = catalog();
    let mut notify = started();
    let mut own = mention(11, 11);
    own.sender = ME;
    assert_eq!(notify.observe([&own], &ctx(&catalog, at(0), None)), None);
    assert_eq!(
        notify.observe([&mention(12, 5)], &ctx(&catalog, at(0), Some(5))),
        None
    );
    assert_eq!(notify.newest, None);
    // Seen once, never again, even when it comes back in another page.
    assert_eq!(
        notify.observe([&mention(12, 5)], &ctx(&catalog, at(30), None)),
        None
    );
}

#[test]
fn replies_and_private_messages_are_told_and_each_kind_can_be_turned_off() {
    let catalog = catalog();
    let mut notify = started();
    let mut reply = message(11, 1, Some(1));
    reply.sender = DANA;
    let told = notify.observe([&reply], &ctx(&catalog, at(0), None));
    assert_eq!(body(told).as_deref(), Some("Dana Scully replied to you"));
    let mut direct = message(12, 12, None);
    (direct.sender, direct.direct) = (DANA, true);
    let told = notify.observe([&direct], &ctx(&catalog, at(60), None));
    assert_eq!(
        body(told).as_deref(),
        Some("Dana Scully sent you a private message")
    );
    notify.settings.mentions = false;
    assert_eq!(
        notify.observe([&mention(13, 13)], &ctx(&catalog, at(120), None)),
        None
    );
}

#[test]
fn at_most_one_notification_per_ten_seconds_then_a_count() {
    let catalog = catalog();
    let mut notify = started();
    let first = notify.observe([&mention(11, 11)], &ctx(&catalog, at(0), None));
    assert!(body(first).is_some());
    assert_eq!(
        notify.observe([&mention(12, 12)], &ctx(&catalog, at(3), None)),
        None
    );
    assert_eq!(
        notify.observe([&mention(13, 13)], &ctx(&catalog, at(5), None)),
        None
    );
    assert_eq!(notify.until_due(at(5)), Some(Duration::from_secs(5)));
    assert_eq!(notify.flush(at(9)), None);
    assert_eq!(
        body(notify.flush(at(10))).as_deref(),
        Some("2 new mentions")
    );
    assert_eq!(notify.until_due(at(10)), None);
    assert_eq!(
        notify.newest.as_ref().map(|n| n.message),
        Some(MessageId(13))
    );
}

#[test]
fn with_the_terminal_off_nothing_is_sent_but_the_newest_is_kept() {
    let catalog = catalog();
    let mut notify = started();
    notify.settings.terminal = false;
    assert_eq!(
        notify.observe([&mention(11, 11)], &ctx(&catalog, at(0), None)),
        None
    );
    assert_eq!(notify.newest.as_ref().map(|n| n.thread), Some(ThreadId(11)));
}
