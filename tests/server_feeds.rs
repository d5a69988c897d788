//! Feeds over HTTP: paging with `older_than`/`newer_than`, threaded ordering and paging,
//! references and meta.

mod server_support;

use std::collections::BTreeSet;

use server_support::{group_id, ids, start};

#[tokio::test]
async fn my_feed_returns_an_envelope() {
    let server = start().await;
    let feed = server.get_ok("messages/my_feed.json").await;
    assert_eq!(ids(&feed).len(), 20);
    assert_eq!(feed["meta"]["requested_poll_interval"], 60);
    println!("{}", serde_json::to_string_pretty(&feed["messages"][0]).unwrap());
}
