//! `kring search` as a script runs it: the real binary against an in-process `kring serve`,
//! its JSON read back (filters narrow, every result says where it came from), and offline,
//! the cache answering alone with a note on standard error.

// Helpers outside #[test] fns may unwrap: a failed setup should fail the test.

use std::process::{Command, Stdio};

use kring::config::Paths;
use kring::config::account::ENV_ACCOUNT_NAME;
use kring::store::{CacheStore, CachedMessage, CachedRecord};
use serde_json::Value;

use crate::harness::script::{json, kring_as};
use crate::harness::server::{post_to_group, start_empty};

fn ids(results: &Value, kind: &str) -> Vec<u64> {
    results
        .as_array()
        .unwrap()
        .iter()
        .filter(|r| r["kind"] == kind)
        .map(|r| r["id"].as_u64().unwrap())
        .collect()
}

#[tokio::test]
async fn search_json_finds_messages_communities_and_people_and_narrows_by_filters() {
    let live = start_empty().await;
    let demo = live.api_client();
    let me = demo.current_user().await.unwrap().id;
    let platform = live.add_group(3_000, "Engineering Platform", &[me]);
    let design = live.add_group(3_001, "Design Guild", &[me]);
    let first = post_to_group(&demo, platform, "kubernetes upgrade tonight").await;
    let second = post_to_group(&demo, design, "kubernetes for designers").await;
    post_to_group(&demo, design, "lunch on the roof").await;

    let results = json(&kring_as(&live, &live.token, &["search", "kube", "--json"]).await);
    assert_eq!(ids(&results, "message"), [second, first], "newest first");
    let top = &results[0];
    assert_eq!(top["source"], "server");
    assert_eq!(top["thread_id"], second);
    assert!(
        top["detail"]
            .as_str()
            .unwrap()
            .contains("kubernetes for designers")
    );
    assert!(top["title"].as_str().unwrap().ends_with("in Design Guild"));

    let narrowed = ["search", "kube", "--in", "platform", "--json"];
    let results = json(&kring_as(&live, &live.token, &narrowed).await);
    assert_eq!(ids(&results, "message"), [first]);
    let typed = ["search", "kube in:\"design guild\"", "--json"];
    let results = json(&kring_as(&live, &live.token, &typed).await);
    assert_eq!(ids(&results, "message"), [second]);
    let results = json(&kring_as(&live, &live.token, &["search", "guild", "--json"]).await);
    assert_eq!(ids(&results, "community"), [design]);

    let nothing = kring_as(&live, &live.token, &["search", "\"", "--json"]).await;
    assert!(
        !nothing.status.success(),
        "a search with nothing to find is a usage error"
    );
}

#[tokio::test]
async fn search_answers_from_the_cache_when_the_server_cannot_be_reached() {
    let dirs = tempfile::tempdir().unwrap();
    // A port nothing listens on: bound, then closed.
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let base = format!("http://127.0.0.1:{port}/api/v1");
    let paths = Paths {
        config_dir: dirs.path().join("config"),
        data_dir: dirs.path().join("data"),
        cache_dir: dirs.path().join("cache"),
    };
    let account_dir = paths.account_dir(ENV_ACCOUNT_NAME);
    std::fs::create_dir_all(&account_dir).unwrap();
    {
        let (mut store, _) = CacheStore::open(&account_dir).unwrap();
        let key = kring::delivery::account_key(&base, ENV_ACCOUNT_NAME);
        let user = r#"{"id":5,"name":"ada","full_name":"Ada Lovelace"}"#;
        store
            .put_users(
                &key,
                &[CachedRecord {
                    id: 5,
                    json: user.into(),
                }],
            )
            .unwrap();
        let message = CachedMessage {
            id: 42,
            thread_id: 40,
            group_id: None,
            sender_id: 5,
            created_at: 1_700_000_000,
            json: r#"{"id":42,"body":{"plain":"the offline wiki lives here"}}"#.into(),
        };
        store.put_messages(&key, "all", &[message]).unwrap();
    }
    let mut command = Command::new(env!("CARGO_BIN_EXE_kring"));
    command
        .args(["search", "wiki", "from:ada", "--json"])
        .env("KRING_SERVER", &base)
        .env("KRING_TOKEN", "not-a-real-token")
        .env("KRING_CONFIG_DIR", &paths.config_dir)
        .env("KRING_DATA_DIR", &paths.data_dir)
        .env("KRING_CACHE_DIR", &paths.cache_dir)
        .stdin(Stdio::null());
    let output = tokio::task::spawn_blocking(move || command.output().unwrap())
        .await
        .unwrap();
    let results = json(&output);
    assert_eq!(ids(&results, "message"), [42]);
    assert_eq!(results[0]["source"], "cached");
    assert_eq!(results[0]["thread_id"], 40);
    assert_eq!(results[0]["title"], "Ada Lovelace");
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(stderr.contains("from the cache"), "{stderr}");
}
