//! `kring serve`'s rules for kinds, titles, unseen counts and external communities, and the
//! client posting into an external community directly and through the outbox.

use std::time::Duration;

use kring::api::dto::Network;
use kring::api::{Client, NewMessage, PageQuery};
use kring::delivery::{Delivery, DeliveryOptions, DrainOutcome, new_claimant};
use kring::domain::{Feed as ApiFeed, GroupId};
use kring::store::{DraftTarget, OutboxState, OutboxStore};
use reqwest::StatusCode;

use crate::harness::server::{TestServer, post_to_group, start_empty};

// ── kring serve ─────────────────────────────────────────────────────────────────────────────

const DEMO_ID: u64 = 1_500_001;
const PARTNER: u64 = 2_000;
const PARTNERS: u64 = 70;
const INSIDE: u64 = 71;

/// A server with the demo user, one partner, an external community with both in it and an
/// internal one.
async fn network_with_partners() -> TestServer {
    let live = start_empty().await;
    live.add_people(PARTNER, 1);
    live.add_group(PARTNERS, "Partners", &[DEMO_ID, PARTNER]);
    live.add_group(INSIDE, "Inside", &[DEMO_ID, PARTNER]);
    let conn = rusqlite::Connection::open(&live.db).unwrap();
    conn.execute(
        "UPDATE groups SET external = 1 WHERE id = ?1",
        [PARTNERS as i64],
    )
    .unwrap();
    live
}

fn api(live: &TestServer, path: &str) -> String {
    format!("{}/{path}", live.base)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_server_refuses_an_external_post_without_the_header_and_takes_it_with() {
    let live = network_with_partners().await;
    let http = reqwest::Client::new();
    let post = |group: u64, headers: &[(&str, &str)]| {
        let mut request = http
            .post(api(&live, "messages.json"))
            .bearer_auth(&live.token)
            .form(&[("body", "Hello partners"), ("group_id", &group.to_string())]);
        for (name, value) in headers {
            request = request.header(*name, *value);
        }
        request.send()
    };

    let refused = post(PARTNERS, &[]).await.unwrap();
    assert_eq!(refused.status(), StatusCode::FORBIDDEN);
    let body: serde_json::Value = refused.json().await.unwrap();
    let text = body.to_string();
    assert!(
        text.contains("external community") && text.contains("yammer-capabilities"),
        "{text}"
    );
    let partial = post(PARTNERS, &[("yammer-capabilities", "external-messaging")])
        .await
        .unwrap();
    assert_eq!(partial.status(), StatusCode::FORBIDDEN, "both capabilities");
    let inside = post(INSIDE, &[]).await.unwrap();
    assert_eq!(
        inside.status(),
        StatusCode::CREATED,
        "an internal one needs none"
    );

    let taken = post(
        PARTNERS,
        &[("Yammer-Capabilities", "external-groups, External-Messaging")],
    )
    .await
    .unwrap();
    assert_eq!(taken.status(), StatusCode::CREATED);
    let envelope: serde_json::Value = taken.json().await.unwrap();
    let starter = envelope["messages"][0]["id"].as_u64().unwrap();

    // A reply in an external community's thread needs it too.
    let reply = http
        .post(api(&live, "messages.json"))
        .bearer_auth(&live.token)
        .form(&[
            ("body", "and a reply"),
            ("replied_to_id", &starter.to_string()),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(reply.status(), StatusCode::FORBIDDEN);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_server_takes_kinds_and_titles_and_returns_all_four_fields() {
    let live = network_with_partners().await;
    let http = reqwest::Client::new();
    let post = |form: Vec<(&'static str, String)>| {
        http.post(api(&live, "messages.json"))
            .bearer_auth(&live.token)
            .form(&form)
            .send()
    };
    let group = ("group_id", INSIDE.to_string());
    let made = post(vec![
        ("body", "Release on Friday, @person2000 please check".into()),
        ("message_type", "Announcement".into()),
        ("title", "Release on Friday".into()),
        group.clone(),
    ])
    .await
    .unwrap();
    assert_eq!(made.status(), StatusCode::CREATED);
    let envelope: serde_json::Value = made.json().await.unwrap();
    let m = &envelope["messages"][0];
    assert_eq!(m["message_type"], "announcement");
    assert_eq!(m["title"], "Release on Friday");
    assert_eq!(m["notified_user_ids"], serde_json::json!([PARTNER]));
    assert!(m.get("delegate_id").is_none_or(serde_json::Value::is_null));

    let id = m["id"].as_u64().unwrap();
    let one: serde_json::Value = http
        .get(api(&live, &format!("messages/{id}.json")))
        .bearer_auth(&live.token)
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(one["message_type"], "announcement");
    assert_eq!(one["title"], "Release on Friday");

    for (form, why) in [
        (
            vec![("body", "x".into()), ("message_type", "memo".into())],
            "unknown kind",
        ),
        (
            vec![
                ("body", "x".into()),
                ("message_type", "question".into()),
                ("title", "A title".into()),
            ],
            "a title on a question",
        ),
        (
            vec![
                ("body", "x".into()),
                ("message_type", "poll".into()),
                ("replied_to_id", id.to_string()),
            ],
            "a typed reply",
        ),
        (
            vec![
                ("body", "x".into()),
                ("message_type", "announcement".into()),
                ("title", "t".repeat(251)),
            ],
            "a title too long",
        ),
    ] {
        let refused = post(form).await.unwrap();
        assert_eq!(refused.status(), StatusCode::BAD_REQUEST, "{why}");
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn unseen_counts_follow_what_the_caller_has_seen() {
    let live = network_with_partners().await;
    let demo = live.api_client();
    let partner = live.api_client_with(&live.token_of(&format!("person{PARTNER}")).await);
    post_to_group(&partner, INSIDE, "Morning all, @demo have a look").await;
    let private = NewMessage {
        body: "Just between us".into(),
        direct_to_user_ids: vec![DEMO_ID],
        ..NewMessage::default()
    };
    partner.post_message(&private).await.unwrap();

    let counts = |n: Network| {
        (
            n.unseen_message_count,
            n.inbox_unseen_thread_count,
            n.private_unseen_thread_count,
            n.unseen_notification_count,
        )
    };
    let network = demo.network().await.unwrap().unwrap();
    assert_eq!(counts(network), (1, 2, 1, 1), "nothing seen yet");

    demo.feed(&ApiFeed::Inbox, &PageQuery::default())
        .await
        .unwrap();
    let network = demo.network().await.unwrap().unwrap();
    assert_eq!(
        counts(network),
        (1, 0, 1, 1),
        "the inbox was read, the notifications not"
    );
    reqwest::Client::new()
        .get(api(&live, "streams/notifications.json"))
        .bearer_auth(&live.token)
        .send()
        .await
        .unwrap()
        .error_for_status()
        .unwrap();

    demo.feed(&ApiFeed::MyFeed, &PageQuery::default())
        .await
        .unwrap();
    demo.feed(&ApiFeed::Private, &PageQuery::default())
        .await
        .unwrap();
    assert_eq!(counts(demo.network().await.unwrap().unwrap()), (0, 0, 0, 0));

    post_to_group(&partner, INSIDE, "One more thing").await;
    assert_eq!(
        counts(demo.network().await.unwrap().unwrap()),
        (1, 0, 0, 0),
        "what came after the mark"
    );
    // What the demo user writes is never unseen by them.
    post_to_group(&demo, INSIDE, "Thanks!").await;
    assert_eq!(
        demo.network().await.unwrap().unwrap().unseen_message_count,
        1
    );
}

// ── the client sends the capabilities ───────────────────────────────────────────────────────

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_client_posts_into_an_external_community_directly_and_through_the_outbox() {
    let live = network_with_partners().await;
    let client: Client = live.api_client();
    let direct = post_to_group(&client, PARTNERS, "Welcome, partners").await;
    let reply = NewMessage {
        body: "A reply there".into(),
        replied_to_id: Some(direct),
        ..NewMessage::default()
    };
    client.post_message(&reply).await.unwrap();

    let dir = tempfile::tempdir().unwrap();
    let (store, _) = OutboxStore::open(dir.path()).unwrap();
    let options = DeliveryOptions {
        settle: Duration::ZERO,
        ..DeliveryOptions::default()
    };
    let delivery = Delivery::new(store, "test-account", live.api_client(), new_claimant())
        .with_options(options);
    let outbox = delivery.handle();
    let post = outbox
        .enqueue(
            DraftTarget::NewPost {
                group_id: Some(PARTNERS),
            },
            "Queued for the partners",
            &[],
        )
        .await
        .unwrap();
    let queued_reply = outbox
        .enqueue(
            DraftTarget::Reply {
                thread_id: direct,
                replied_to_id: direct,
            },
            "A queued reply there",
            &[],
        )
        .await
        .unwrap();
    let outcome = delivery
        .deliver_pending(Duration::from_secs(30))
        .await
        .unwrap();
    assert_eq!(outcome, DrainOutcome::Settled);
    for local_id in [post, queued_reply] {
        let item = outbox.item(local_id).await.unwrap().unwrap();
        assert!(
            matches!(item.state, OutboxState::Sent),
            "{local_id}: {:?}",
            item.state
        );
    }
    let feed = client
        .feed(
            &ApiFeed::Community(GroupId(PARTNERS)),
            &PageQuery::default(),
        )
        .await
        .unwrap();
    let bodies: Vec<&str> = feed
        .messages
        .iter()
        .map(|m| m.body.plain.as_str())
        .collect();
    for body in [
        "Welcome, partners",
        "A reply there",
        "Queued for the partners",
        "A queued reply there",
    ] {
        assert!(bodies.contains(&body), "{body} in {bodies:?}");
    }
}
