//! `kring serve` as Yammer clients expect it: relationships, `threaded=extended`, the
//! notifications stream, and the official Python client (yampy) run against the server. Search
//! is in `conformance_search`.

use std::io::Write;
use std::process::{Command, Stdio};

use crate::harness::server::{TestServer, group_id, ids, start};
use reqwest::{Method, StatusCode};
use serde_json::{Value, json};

/// Another employee of the demo network: (id, username, email).
pub(super) async fn someone_else(server: &TestServer) -> (u64, String, String) {
    let users = server.get_ok("users.json?page=1").await;
    let user = users
        .as_array()
        .unwrap()
        .iter()
        .find(|u| u["name"] != "demo" && !u["email"].as_str().unwrap_or("").is_empty())
        .unwrap()
        .clone();
    let email = server.get_ok(&format!("users/{}.json", user["id"])).await["email"]
        .as_str()
        .unwrap()
        .to_owned();
    (
        user["id"].as_u64().unwrap(),
        user["name"].as_str().unwrap().to_owned(),
        email,
    )
}

pub(super) async fn post_as(server: &TestServer, token: &str, form: &[(&str, &str)]) -> Value {
    let reply = server
        .send(
            server
                .client
                .post(server.url("messages.json"))
                .bearer_auth(token)
                .form(form),
        )
        .await;
    assert_eq!(reply.status, StatusCode::CREATED, "{}", reply.text);
    reply.json()["messages"][0].clone()
}

#[tokio::test]
async fn relationships_are_listed_added_and_removed_from_both_sides() {
    let server = start().await;
    let mine = server.get_ok("relationships.json").await;
    assert_eq!(mine["superiors"].as_array().unwrap().len(), 1, "{mine}");
    let boss = mine["superiors"][0]["id"].as_u64().unwrap();
    let theirs = server
        .get_ok(&format!("relationships.json?user_id={boss}"))
        .await;
    let me = server.get_ok("users/current.json").await["id"]
        .as_u64()
        .unwrap();
    assert!(
        theirs["subordinates"]
            .as_array()
            .unwrap()
            .iter()
            .any(|u| u["id"].as_u64() == Some(me))
    );

    let (other, username, email) = someone_else(&server).await;
    let added = server
        .post_form("relationships.json", &[("colleague", &email)])
        .await;
    assert_eq!(added.status, StatusCode::CREATED, "{}", added.text);
    assert!(
        added.json()["colleagues"]
            .as_array()
            .unwrap()
            .iter()
            .any(|u| u["id"].as_u64() == Some(other))
    );
    let seen_by_them = server
        .get_ok(&format!("relationships.json?user_id={other}"))
        .await;
    assert!(
        seen_by_them["colleagues"]
            .as_array()
            .unwrap()
            .iter()
            .any(|u| u["id"].as_u64() == Some(me))
    );

    let refused = server
        .send(
            server
                .client
                .post(server.url("relationships.json"))
                .bearer_auth(server.token_for(&username))
                .form(&[("user_id", me.to_string().as_str()), ("superior", &email)]),
        )
        .await;
    assert_eq!(refused.status, StatusCode::FORBIDDEN, "{}", refused.text);
    let unknown = server
        .post_form(
            "relationships.json",
            &[("colleague", "nobody@nowhere.example")],
        )
        .await;
    assert_eq!(unknown.status, StatusCode::BAD_REQUEST);
    let bad_type = server
        .delete(&format!("relationships/{other}.json?type=friend"))
        .await;
    assert_eq!(bad_type.status, StatusCode::BAD_REQUEST);

    let path = format!("relationships/{other}.json?type=colleague");
    assert_eq!(server.delete(&path).await.status, StatusCode::OK);
    assert_eq!(server.delete(&path).await.status, StatusCode::NOT_FOUND);
    let after = server
        .get_ok(&format!("relationships.json?user_id={other}"))
        .await;
    assert!(
        !after["colleagues"]
            .as_array()
            .unwrap()
            .iter()
            .any(|u| u["id"].as_u64() == Some(me))
    );
    let missing = server.get("relationships.json?user_id=999999999").await;
    assert_eq!(missing.status, StatusCode::NOT_FOUND);
}

#[tokio::test]
async fn threaded_extended_lists_only_threads_that_have_replies() {
    let server = start().await;
    let alone = post_as(
        &server,
        &server.token,
        &[("body", "A thread nobody answers")],
    )
    .await;
    let answered = post_as(
        &server,
        &server.token,
        &[("body", "A thread with an answer")],
    )
    .await;
    let reply = post_as(
        &server,
        &server.token,
        &[
            ("body", "The answer"),
            ("replied_to_id", &answered["id"].to_string()),
        ],
    )
    .await;
    let page = server.get_ok("messages/sent.json?threaded=extended").await;
    let starters = ids(&page);
    assert!(starters.contains(&alone["id"].as_u64().unwrap()));
    let extended = page["threaded_extended"].as_object().unwrap();
    assert!(!extended.contains_key(&alone["id"].to_string()));
    let replies = &extended[&answered["id"].to_string()];
    assert_eq!(replies[0]["id"], reply["id"]);
    assert!(extended.values().all(|v| !v.as_array().unwrap().is_empty()));
}

#[tokio::test]
async fn notifications_list_mentions_replies_and_likes_of_my_messages() {
    let server = start().await;
    let (other, username, _) = someone_else(&server).await;
    let theirs = server.token_for(&username);
    let mine = post_as(
        &server,
        &server.token,
        &[("body", "Who wants to review this?")],
    )
    .await;
    let mine_id = mine["id"].to_string();
    let reply = post_as(
        &server,
        &theirs,
        &[("body", "Me, @demo"), ("replied_to_id", &mine_id)],
    )
    .await;
    let liked = server
        .send(
            server
                .client
                .request(Method::POST, server.url("messages/liked_by/current.json"))
                .bearer_auth(&theirs)
                .form(&[("message_id", mine_id.as_str())]),
        )
        .await;
    assert_eq!(liked.status, StatusCode::CREATED);
    let before = &server.get_ok("networks/current.json").await[0];
    assert!(before["unseen_notification_count"].as_u64().unwrap() >= 3);

    let feed = server.get_ok("streams/notifications.json").await;
    let items = feed["items"].as_array().unwrap();
    let kinds: Vec<&str> = items
        .iter()
        .take(3)
        .map(|i| i["type"].as_str().unwrap())
        .collect();
    assert_eq!(kinds.len(), 3, "{feed}");
    for kind in ["mention", "reply", "like"] {
        assert!(kinds.contains(&kind), "{kind} in {kinds:?}");
    }
    for item in items.iter().take(3) {
        assert_eq!(item["actor_id"].as_u64(), Some(other));
        assert!(item["message"].as_str().unwrap().contains(" you"));
        if item["type"] != "like" {
            assert_eq!(item["unseen"], true, "after my last message: {item}");
        }
    }
    assert!(items.iter().any(|i| i["message_id"] == reply["id"]));
    assert!(
        feed["references"]
            .as_array()
            .unwrap()
            .iter()
            .any(|u| u["id"].as_u64() == Some(other))
    );
    let network = &server.get_ok("networks/current.json").await[0];
    for count in [
        "unseen_message_count",
        "inbox_unseen_thread_count",
        "private_unseen_thread_count",
        "unseen_notification_count",
    ] {
        assert!(network[count].is_u64(), "{count}");
    }
    assert_eq!(
        network["unseen_notification_count"].as_u64(),
        Some(0),
        "reading the notifications marks them seen"
    );
    let own = server
        .get_ok("streams/notifications.json?limit=1&page=2")
        .await;
    assert!(own["items"].as_array().unwrap().len() <= 1);
}

/// Runs `scripts/yampy-conformance.py`; it answers 77 when yampy cannot be loaded.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_official_python_client_works_against_the_server() {
    let server = start().await;
    if Command::new("python3").arg("--version").output().is_err() {
        println!("skipped: python3 is not installed");
        return;
    }
    let (other, username, email) = someone_else(&server).await;
    let config = json!({
        "base_url": server.base,
        "token": server.token,
        "other_token": server.token_for(&username),
        "other_id": other,
        "other_email": email,
        "group_id": group_id(&server, "Engineering Platform").await,
    });
    let script = concat!(env!("CARGO_MANIFEST_DIR"), "/scripts/yampy-conformance.py");
    let output = tokio::task::spawn_blocking(move || {
        let mut child = Command::new("python3")
            .arg(script)
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        let mut stdin = child.stdin.take().unwrap();
        stdin.write_all(config.to_string().as_bytes()).unwrap();
        drop(stdin);
        child.wait_with_output().unwrap()
    })
    .await
    .unwrap();
    let stdout = String::from_utf8_lossy(&output.stdout);
    let stderr = String::from_utf8_lossy(&output.stderr);
    if output.status.code() == Some(77) {
        println!("skipped: {}", stderr.trim());
        return;
    }
    assert!(
        output.status.success(),
        "yampy run failed\n{stdout}\n{stderr}"
    );
    for check in [
        "users.find_current",
        "users.find_by_email",
        "messages.all",
        "messages.find",
        "messages.create",
        "messages.create reply",
        "messages.like",
        "messages.delete",
        "messages.create private",
        "groups",
        "relationships add",
        "relationships delete",
        "all yampy checks passed",
    ] {
        assert!(
            stdout
                .lines()
                .any(|l| l == format!("ok {check}") || l == check),
            "{check} missing:\n{stdout}"
        );
    }
}
