//! `networks/current`'s `unseen_notification_count` means what Yammer's bell does: mentions,
//! replies and likes by others since the notifications feed was last read, and the feed's
//! `unseen` flags agree with it.

use crate::harness::server::{TestServer, start_empty};

use reqwest::StatusCode;
use serde_json::Value;

const ME: u64 = 1_500_001;
const COLLEAGUE: u64 = 3_000;
const TEAM: u64 = 80;

async fn as_colleague(live: &TestServer, path: &str, form: &[(&str, &str)]) -> Value {
    let token = live.token_of(&format!("person{COLLEAGUE}")).await;
    let reply = live
        .send(
            live.client
                .post(live.url(path))
                .bearer_auth(token)
                .form(form),
        )
        .await;
    assert!(reply.status.is_success(), "{}", reply.text);
    reply.json()
}

async fn unseen(live: &TestServer) -> u64 {
    live.get_ok("networks/current.json").await[0]["unseen_notification_count"]
        .as_u64()
        .unwrap()
}

#[tokio::test]
async fn each_mention_reply_and_like_counts_until_the_notifications_are_read() {
    let live = start_empty().await;
    live.add_people(COLLEAGUE, 1);
    live.add_group(TEAM, "Team", &[ME, COLLEAGUE]);
    let group = TEAM.to_string();
    assert_eq!(unseen(&live).await, 0);
    for n in 1..=3 {
        let body = format!("@demo question {n}");
        as_colleague(
            &live,
            "messages.json",
            &[("group_id", &group), ("body", &body)],
        )
        .await;
        assert_eq!(unseen(&live).await, n, "mention {n}");
    }
    let mine = live
        .post_form(
            "messages.json",
            &[("group_id", &group), ("body", "My post")],
        )
        .await;
    assert_eq!(mine.status, StatusCode::CREATED);
    let mine = mine.json()["messages"][0]["id"]
        .as_u64()
        .unwrap()
        .to_string();
    assert_eq!(unseen(&live).await, 3, "my own post is no notification");
    as_colleague(
        &live,
        "messages.json",
        &[("replied_to_id", &mine), ("body", "Agreed")],
    )
    .await;
    as_colleague(
        &live,
        "messages/liked_by/current.json",
        &[("message_id", &mine)],
    )
    .await;
    assert_eq!(unseen(&live).await, 5, "a reply and a like");

    // Reading the inbox is not reading the notifications.
    live.get_ok("messages/received.json").await;
    assert_eq!(unseen(&live).await, 5);

    let feed = live.get_ok("streams/notifications.json").await;
    let flagged = feed["items"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|i| i["unseen"] == true)
        .count();
    assert_eq!(flagged, 5, "the feed flags what the count counted");
    assert_eq!(unseen(&live).await, 0, "read");
    let again = live.get_ok("streams/notifications.json").await;
    assert!(
        again["items"]
            .as_array()
            .unwrap()
            .iter()
            .all(|i| i["unseen"] == false)
    );

    as_colleague(
        &live,
        "messages.json",
        &[("group_id", &group), ("body", "@demo one more")],
    )
    .await;
    assert_eq!(unseen(&live).await, 1, "what came after the read");
}
