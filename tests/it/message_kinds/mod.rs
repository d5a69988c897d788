//! Message kinds, titles, mentions and delegates; the server's unseen counts; external
//! communities. Decoding from our own fixtures (odd and hostile values included), the cache's
//! round trip, `kring serve`'s rules (kinds on POST, unseen counts, the capabilities header an
//! external community needs), the client sending that header directly and through the outbox,
//! and how the labels, the external mark and the counts look at 80 and 160 columns.
//!
//! One test binary in three files: decoding and the cache here, the server and the client in
//! `server.rs`, the views in `render.rs`.

mod render;
mod server;

use std::collections::HashSet;

use kring::api::dto::{self, MessagesEnvelope, Network};
use kring::app::shell::cache_convert::{envelope_rows, page_from_rows};
use kring::domain::convert::{message as to_domain, page_from_envelope};
use kring::domain::{MessageKind, UserId};
use kring::store::CacheStore;

fn fixture(name: &str) -> String {
    let path = format!("{}/tests/fixtures/{name}", env!("CARGO_MANIFEST_DIR"));
    std::fs::read_to_string(&path).unwrap()
}

// ── decoding ────────────────────────────────────────────────────────────────────────────────

#[test]
fn message_fields_decode_from_every_shape_and_odd_values_fall_back() {
    let messages: Vec<dto::Message> = serde_json::from_str(&fixture("message_kinds.json")).unwrap();
    let domain: Vec<_> = messages
        .iter()
        .map(|m| to_domain(m, None, &HashSet::new()))
        .collect();

    let [announcement, question, unknown, hostile, old] = domain.as_slice() else {
        panic!("five messages");
    };
    assert_eq!(announcement.kind, MessageKind::Announcement);
    assert_eq!(announcement.title.as_str(), "Release 4.2 is rolling out");
    assert_eq!(
        announcement.notified,
        vec![UserId(1_500_000_000_109), UserId(1_500_000_000_110)]
    );
    assert_eq!(announcement.delegate, Some(UserId(1_500_000_000_111)));

    assert_eq!(question.kind, MessageKind::Question, "any case");
    assert_eq!(question.title.as_str(), "");
    assert_eq!(
        question.notified,
        vec![UserId(1_500_000_000_108), UserId(1_500_000_000_111)],
        "a comma-separated string"
    );
    assert_eq!(question.delegate, None);

    assert_eq!(
        unknown.kind,
        MessageKind::Other,
        "an unknown kind is kept as other"
    );
    assert_eq!(unknown.title.as_str(), "42");
    assert_eq!(
        unknown.notified,
        vec![UserId(1_500_000_000_112)],
        "entries that are not ids are dropped"
    );
    assert_eq!(unknown.delegate, None, "a negative id is no id");

    assert_eq!(hostile.kind, MessageKind::Other);
    assert!(
        !hostile
            .title
            .as_str()
            .contains(['\u{1b}', '\u{7}', '\n', '\t']),
        "{:?}",
        hostile.title
    );
    assert!(hostile.title.as_str().contains("click"));
    assert!(hostile.notified.is_empty());
    assert_eq!(hostile.delegate, None);

    assert_eq!(old.kind, MessageKind::Update);
    assert_eq!(old.title.as_str(), "");
    assert!(old.notified.is_empty());
    assert_eq!(old.delegate, None);
}

#[test]
fn unseen_counts_decode_from_numbers_and_strings_and_odd_ones_are_zero() {
    let networks: Vec<Network> = serde_json::from_str(&fixture("network_unseen.json")).unwrap();
    let first = &networks[0];
    assert_eq!(
        (
            first.unseen_message_count,
            first.private_unseen_thread_count,
            first.inbox_unseen_thread_count,
            first.unseen_notification_count
        ),
        (14, 3, 2, 5)
    );
    let odd = &networks[1];
    assert_eq!(odd.unseen_message_count, 0, "negative");
    assert_eq!(odd.private_unseen_thread_count, 0, "fractional");
    assert_eq!(odd.inbox_unseen_thread_count, 0, "null");
    assert_eq!(odd.unseen_notification_count, u64::from(u32::MAX), "capped");
    let old: Vec<Network> = serde_json::from_str(&fixture("network_current.json")).unwrap();
    assert_eq!(old[0].unseen_message_count, 14);
    assert_eq!(old[0].inbox_unseen_thread_count, 0, "absent");
}

// ── the cache ───────────────────────────────────────────────────────────────────────────────

#[test]
fn the_cache_keeps_kind_title_mentions_and_delegate_and_old_rows_read_as_plain() {
    let dir = tempfile::tempdir().unwrap();
    let (mut store, _) = CacheStore::open(dir.path()).unwrap();
    let messages: Vec<dto::Message> = serde_json::from_str(&fixture("message_kinds.json")).unwrap();
    let envelope = MessagesEnvelope {
        messages: messages.clone(),
        ..MessagesEnvelope::default()
    };
    let rows = envelope_rows(&envelope);
    store
        .put_messages("acct", "my_feed", &rows.messages)
        .unwrap();
    // A row as kring wrote it before it kept these fields: the JSON simply lacks them.
    let mut old = rows.messages[0].clone();
    old.id = 3_000_000_000_000_200;
    old.thread_id = old.id;
    old.json = format!(
        r#"{{"id":{0},"thread_id":{0},"sender_id":1500000000108,"message_type":"update","body":{{"plain":"old row"}},"created_at":"2023/11/06 08:00:00 +0000"}}"#,
        old.id
    );
    store
        .put_messages("acct", "my_feed", std::slice::from_ref(&old))
        .unwrap();
    drop(store);

    let (store, _) = CacheStore::open(dir.path()).unwrap();
    let cached = store.feed_messages("acct", "my_feed", 50).unwrap();
    let page = page_from_rows(&cached, &[], &[], &[], None);
    let fresh = page_from_envelope(&envelope);
    for want in &fresh.messages {
        let got = page.messages.iter().find(|m| m.id == want.id).unwrap();
        assert_eq!(
            (&got.kind, &got.title, &got.notified, &got.delegate),
            (&want.kind, &want.title, &want.notified, &want.delegate),
            "message {}",
            want.id.0
        );
    }
    let announcement = page.messages.iter().find(|m| m.id.0 == messages[0].id);
    assert!(announcement.is_some_and(|m| m.kind == MessageKind::Announcement));
    let old = page.messages.iter().find(|m| m.id.0 == old.id).unwrap();
    assert_eq!(old.kind, MessageKind::Update);
    assert!(old.title.as_str().is_empty() && old.notified.is_empty() && old.delegate.is_none());
}
