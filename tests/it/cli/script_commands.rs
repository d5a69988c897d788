//! `kring feed`, `kring thread` and `kring people` as a script runs them: the real binary
//! against a real `kring serve` (in-process, empty network filled through the API), its JSON
//! parsed back and checked against what was posted; hostile text never reaches the output raw;
//! errors name what was being read and exit non-zero; a closed pipe is not an error.

// Helpers outside #[test] fns may unwrap: a failed setup should fail the test.

use crate::harness::script::{json, kring_as};
use crate::harness::server;

use std::process::{Command, Output, Stdio};

use server::{TestServer, post_to_group, reply_to, start_empty};

/// Runs `kring ARGS` against `live` as its own user.
async fn kring(live: &TestServer, args: &[&str]) -> Output {
    kring_as(live, &live.token, args).await
}

#[tokio::test]
async fn feed_json_pages_back_newest_first_with_names() {
    let live = start_empty().await;
    let demo = live.api_client();
    let me = demo.current_user().await.unwrap().id;
    let group = live.add_group(3_000, "Engineering Platform", &[me]);
    let mut posted = Vec::new();
    for n in 0..45 {
        posted.push(post_to_group(&demo, group, &format!("post number {n}")).await);
    }

    let output = kring(
        &live,
        &["feed", "--group", "3000", "--limit", "30", "--json"],
    )
    .await;
    let messages = json(&output);
    let ids: Vec<u64> = messages
        .as_array()
        .unwrap()
        .iter()
        .map(|m| m["id"].as_u64().unwrap())
        .collect();
    let newest_first: Vec<u64> = posted.iter().rev().take(30).copied().collect();
    assert_eq!(ids, newest_first, "two pages of 20, cut at the limit");
    assert_eq!(messages[0]["body"], "post number 44");
    assert_eq!(messages[0]["community"]["name"], "Engineering Platform");
    assert_eq!(messages[0]["sender"]["username"], "demo");
    assert_eq!(messages[0]["thread_id"], messages[0]["id"]);
}

#[tokio::test]
async fn thread_json_is_oldest_first_with_reply_links() {
    let live = start_empty().await;
    let demo = live.api_client();
    let me = demo.current_user().await.unwrap().id;
    let group = live.add_group(3_000, "Engineering Platform", &[me]);
    let starter = post_to_group(&demo, group, "starter").await;
    let first = reply_to(&demo, starter, "first reply").await;
    let nested = reply_to(&demo, first, "reply to the reply").await;

    let output = kring(&live, &["thread", &starter.to_string(), "--json"]).await;
    let messages = json(&output);
    let pairs: Vec<(u64, Option<u64>)> = messages
        .as_array()
        .unwrap()
        .iter()
        .map(|m| (m["id"].as_u64().unwrap(), m["replied_to_id"].as_u64()))
        .collect();
    assert_eq!(
        pairs,
        [
            (starter, None),
            (first, Some(starter)),
            (nested, Some(first))
        ]
    );
}

#[tokio::test]
async fn people_rank_who_knows_with_reasons_and_list_the_directory() {
    let live = start_empty().await;
    let ids = live.add_people(4_000, 3);
    let writer = ids[0];
    let demo = live.api_client();
    let group = live.add_group(3_000, "Engineering Platform", &ids);
    let writer_token = live.token_of(&format!("person{writer}")).await;
    let writer_client = live.api_client_with(&writer_token);
    for n in 0..3 {
        post_to_group(
            &writer_client,
            group,
            &format!("kubernetes upgrade notes, part {n}"),
        )
        .await;
    }
    drop(demo);

    let ranked = json(&kring(&live, &["people", "kubernetes", "--json"]).await);
    assert_eq!(ranked[0]["id"], writer, "the only one who wrote about it");
    let why = ranked[0]["why"].as_str().unwrap();
    assert!(why.contains("3 messages in Engineering Platform"), "{why}");
    assert!(ranked[0]["score"].as_f64().unwrap() > 0.0);

    let listed = json(&kring(&live, &["people", "--json", "--limit", "50"]).await);
    let listed: Vec<u64> = listed
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["id"].as_u64().unwrap())
        .collect();
    for id in &ids {
        assert!(listed.contains(id), "{id} missing from {listed:?}");
    }
}

// What a script prints is the sanitized text; an escape sequence from the server
// never reaches the output, in text or JSON.
#[tokio::test]
async fn hostile_bodies_are_sanitized_in_text_and_json() {
    let live = start_empty().await;
    let demo = live.api_client();
    let me = demo.current_user().await.unwrap().id;
    let group = live.add_group(3_000, "Engineering Platform", &[me]);
    post_to_group(&demo, group, "title\u{1b}]0;owned\u{7} \u{1b}[2J end").await;

    for args in [
        &["feed", "--group", "3000"][..],
        &["feed", "--group", "3000", "--json"][..],
    ] {
        let output = kring(&live, args).await;
        assert!(output.status.success());
        let text = String::from_utf8(output.stdout).unwrap();
        assert!(!text.contains('\u{1b}'), "{text:?}");
        assert!(!text.contains("\\u001b"), "{text:?}");
        assert!(text.contains("title"), "{text:?}");
        assert!(text.contains("end"), "{text:?}");
    }
}

#[tokio::test]
async fn a_missing_thread_is_named_in_the_error_and_exits_non_zero() {
    let live = start_empty().await;
    let output = kring(&live, &["thread", "424242"]).await;
    assert!(!output.status.success());
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(stderr.contains("thread 424242: not found"), "{stderr}");
    assert!(output.stdout.is_empty());
}

#[tokio::test]
async fn a_redirected_log_has_no_colour_codes() {
    let live = start_empty().await;
    let dirs = tempfile::tempdir().unwrap();
    let mut command = Command::new(env!("CARGO_BIN_EXE_kring"));
    command
        .args(["feed", "--limit", "1"])
        .env("KRING_SERVER", &live.base)
        .env("KRING_TOKEN", &live.token)
        .env("KRING_LOG", "debug")
        .env_remove("NO_COLOR")
        .env("KRING_CONFIG_DIR", dirs.path().join("config"))
        .env("KRING_DATA_DIR", dirs.path().join("data"))
        .env("KRING_CACHE_DIR", dirs.path().join("cache"))
        .stdin(Stdio::null());
    let output = tokio::task::spawn_blocking(move || command.output().unwrap())
        .await
        .unwrap();
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(stderr.contains("DEBUG"), "the log went to stderr: {stderr}");
    assert!(
        !stderr.contains('\u{1b}'),
        "colour codes in a redirected log: {stderr}"
    );
}

#[tokio::test]
async fn a_limit_of_zero_is_refused_not_taken_as_one() {
    let live = start_empty().await;
    for args in [["feed", "--limit", "0"], ["people", "--limit", "0"]] {
        let output = kring(&live, &args).await;
        assert!(!output.status.success());
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert!(stderr.contains("must be at least 1"), "{stderr}");
        assert!(output.stdout.is_empty());
    }
}
