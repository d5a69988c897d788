//! Writing over HTTP: posting with form, JSON and query parameters, replies (also to replies),
//! private messages, mentions and topics, validation.

use crate::harness::server;

use reqwest::{Method, StatusCode};
use serde_json::{Value, json};
use server::{group_id, ids, start};

fn created_message(reply: &server::Reply) -> Value {
    assert_eq!(reply.status, StatusCode::CREATED, "{}", reply.text);
    let envelope = reply.json();
    assert_eq!(envelope["messages"].as_array().unwrap().len(), 1);
    envelope["messages"][0].clone()
}

#[tokio::test]
async fn posting_works_with_form_json_and_query_parameters() {
    let server = start().await;
    let group = group_id(&server, "Social Business").await;
    let me = server.get_ok("users/current").await["id"].as_u64().unwrap();

    let by_form = created_message(
        &server
            .post_form(
                "messages.json",
                &[
                    ("body", "Hello from a form"),
                    ("group_id", &group.to_string()),
                ],
            )
            .await,
    );
    let by_json = created_message(
        &server
            .post_json(
                "messages.json",
                &json!({"body": "Hello from JSON", "group_id": group.to_string()}),
            )
            .await,
    );
    let by_query = created_message(
        &server
            .send(server.request(
                Method::POST,
                &format!("messages?body=Hello+from+the+query&group_id={group}"),
            ))
            .await,
    );
    for (m, text) in [
        (&by_form, "Hello from a form"),
        (&by_json, "Hello from JSON"),
        (&by_query, "Hello from the query"),
    ] {
        assert_eq!(m["body"]["plain"], text);
        assert_eq!(m["group_id"].as_u64(), Some(group));
        assert_eq!(m["sender_id"].as_u64(), Some(me));
        assert_eq!(m["id"], m["thread_id"]);
    }
    assert!(by_form["id"].as_u64() < by_json["id"].as_u64());
    assert!(by_json["id"].as_u64() < by_query["id"].as_u64());
    let feed = server
        .get_ok(&format!("messages/in_group/{group}?limit=3"))
        .await;
    assert_eq!(
        ids(&feed),
        vec![
            by_query["id"].as_u64().unwrap(),
            by_json["id"].as_u64().unwrap(),
            by_form["id"].as_u64().unwrap()
        ]
    );
    let all_company = created_message(
        &server
            .post_form("messages", &[("body", "To everyone")])
            .await,
    );
    assert!(all_company["group_id"].is_null());
    assert_eq!(
        ids(&server.get_ok("messages/general?limit=1").await),
        vec![all_company["id"].as_u64().unwrap()]
    );
}

#[tokio::test]
async fn replies_build_real_trees_inside_the_thread() {
    let server = start().await;
    let group = group_id(&server, "Engineering Platform").await;
    let starter = created_message(
        &server
            .post_form(
                "messages",
                &[
                    ("body", "Starting a thread"),
                    ("group_id", &group.to_string()),
                ],
            )
            .await,
    );
    let starter_id = starter["id"].as_u64().unwrap();
    let reply = created_message(
        &server
            .post_form(
                "messages",
                &[
                    ("body", "First reply"),
                    ("replied_to_id", &starter_id.to_string()),
                ],
            )
            .await,
    );
    let reply_id = reply["id"].as_u64().unwrap();
    let nested = created_message(
        &server
            .post_json(
                "messages",
                &json!({"body": "Reply to the reply", "replied_to_id": reply_id}),
            )
            .await,
    );
    assert_eq!(reply["thread_id"].as_u64(), Some(starter_id));
    assert_eq!(reply["replied_to_id"].as_u64(), Some(starter_id));
    assert_eq!(
        reply["group_id"].as_u64(),
        Some(group),
        "group is inferred from the thread"
    );
    assert_eq!(nested["thread_id"].as_u64(), Some(starter_id));
    assert_eq!(nested["replied_to_id"].as_u64(), Some(reply_id));

    let thread = server
        .get_ok(&format!("messages/in_thread/{starter_id}.json"))
        .await;
    assert_eq!(
        ids(&thread),
        vec![nested["id"].as_u64().unwrap(), reply_id, starter_id]
    );
    let summary = server.get_ok(&format!("threads/{starter_id}.json")).await;
    assert_eq!(summary["stats"]["updates"], 3);
    assert_eq!(summary["stats"]["first_reply_id"].as_u64(), Some(reply_id));
    assert_eq!(summary["stats"]["latest_reply_id"], nested["id"]);
    let refs = thread["references"].as_array().unwrap();
    assert!(
        refs.iter()
            .any(|r| r["type"] == "message" && r["id"].as_u64() == Some(reply_id))
    );
    let threaded = server
        .get_ok(&format!(
            "messages/in_group/{group}?threaded=extended&limit=1"
        ))
        .await;
    assert_eq!(
        ids(&threaded),
        vec![starter_id],
        "the active thread comes first"
    );
    let extended = &threaded["threaded_extended"][starter_id.to_string()];
    let extended_ids: Vec<u64> = extended
        .as_array()
        .unwrap()
        .iter()
        .map(|m| m["id"].as_u64().unwrap())
        .collect();
    assert_eq!(extended_ids, vec![reply_id, nested["id"].as_u64().unwrap()]);
}

#[tokio::test]
async fn mentions_and_topics_are_parsed() {
    let server = start().await;
    let someone = server.get_ok("users.json?page=2").await[0].clone();
    let username = someone["name"].as_str().unwrap();
    let body = format!("Thanks @{username}! More on #Kubernetes and #brandnewtopic soon.");
    let m = created_message(
        &server
            .post_form(
                "messages",
                &[("body", &body), ("topic1", "Extra Topic"), ("topic2", "")],
            )
            .await,
    );
    let parsed = m["body"]["parsed"].as_str().unwrap();
    assert!(
        parsed.contains(&format!("[[user:{}]]", someone["id"])),
        "{parsed}"
    );
    assert!(parsed.contains("[[tag:"), "{parsed}");
    assert_eq!(m["body"]["plain"], body);
    assert_eq!(m["topics"].as_array().unwrap().len(), 3);
    let received = server
        .send(
            server
                .client
                .get(server.url("messages/received"))
                .bearer_auth(server.token_for(username)),
        )
        .await
        .json();
    assert_eq!(ids(&received)[0], m["id"].as_u64().unwrap());
    let topic = m["topics"][0].as_u64().unwrap();
    assert_eq!(
        ids(&server
            .get_ok(&format!("messages/about_topic/{topic}?limit=1"))
            .await)[0],
        m["id"].as_u64().unwrap()
    );
    let topic_json = server.get_ok(&format!("topics/{topic}")).await;
    assert_eq!(topic_json["type"], "topic");
}

#[tokio::test]
async fn private_messages_accept_all_id_list_styles() {
    let server = start().await;
    let users = server.get_ok("users.json").await;
    let a = users[3]["id"].as_u64().unwrap();
    let b = users[4]["id"].as_u64().unwrap();
    let styles = [
        server
            .post_form(
                "messages",
                &[
                    ("body", "bracketed"),
                    ("direct_to_user_ids[]", &a.to_string()),
                    ("direct_to_user_ids[]", &b.to_string()),
                ],
            )
            .await,
        server
            .post_form(
                "messages",
                &[
                    ("body", "comma list"),
                    ("direct_to_user_ids", &format!("{a},{b}")),
                ],
            )
            .await,
        server
            .post_json(
                "messages",
                &json!({"body": "json array", "direct_to_user_ids": [a, b.to_string()]}),
            )
            .await,
    ];
    for reply in &styles {
        let m = created_message(reply);
        assert_eq!(m["direct_message"], true);
        let mut to: Vec<u64> = m["direct_to_user_ids"]
            .as_array()
            .unwrap()
            .iter()
            .map(|v| v.as_u64().unwrap())
            .collect();
        to.sort_unstable();
        let mut expected = vec![a, b];
        expected.sort_unstable();
        assert_eq!(to, expected);
    }
    let last = created_message(&styles[2]);
    let reader = server.token_for(users[3]["name"].as_str().unwrap());
    let theirs = server
        .send(
            server
                .client
                .get(server.url("messages/private"))
                .bearer_auth(&reader),
        )
        .await
        .json();
    assert_eq!(ids(&theirs)[0], last["id"].as_u64().unwrap());
    let reply = server
        .send(
            server
                .client
                .post(server.url("messages"))
                .bearer_auth(&reader)
                .form(&[
                    ("body", "got it"),
                    ("replied_to_id", &last["id"].to_string()),
                ]),
        )
        .await;
    let reply = created_message(&reply);
    assert_eq!(reply["direct_message"], true);
    assert_eq!(
        ids(&server.get_ok("messages/private?limit=1").await),
        vec![reply["id"].as_u64().unwrap()]
    );
    let outsider = server.token_for(users[6]["name"].as_str().unwrap());
    let denied = server
        .send(
            server
                .client
                .get(server.url(&format!("messages/{}", reply["id"])))
                .bearer_auth(&outsider),
        )
        .await;
    assert_eq!(denied.status, StatusCode::NOT_FOUND);
}

#[tokio::test]
async fn validation_failures_are_400_with_base() {
    let server = start().await;
    for form in [
        vec![("body", "")],
        vec![("body", "   ")],
        vec![("group_id", "1")],
        vec![("body", "x"), ("replied_to_id", "999999")],
        vec![("body", "x"), ("group_id", "424242")],
        vec![("body", "x"), ("direct_to_user_ids", "424242")],
    ] {
        let reply = server.post_form("messages", &form).await;
        assert_eq!(reply.status, StatusCode::BAD_REQUEST, "{form:?}");
        assert!(!reply.json()["base"].as_array().unwrap().is_empty());
    }
    let long = "a".repeat(10_001);
    let reply = server.post_json("messages", &json!({"body": long})).await;
    assert_eq!(reply.status, StatusCode::BAD_REQUEST);
    let reply = server
        .post_form("messages", &[("body", "x"), ("replied_to_id", "999999")])
        .await;
    assert_eq!(
        reply.json()["base"][0],
        "Cannot reply to deleted message: 999999"
    );
}

#[tokio::test]
async fn topics_are_validated_and_capped() {
    let server = start().await;
    for (topic, expected) in [
        ("#".to_owned(), "not a topic name"),
        ("  # ".to_owned(), "not a topic name"),
        ("t".repeat(10_000), "too long"),
    ] {
        let reply = server
            .post_form("messages", &[("body", "Topic check"), ("topic1", &topic)])
            .await;
        assert_eq!(reply.status, StatusCode::BAD_REQUEST, "{}", reply.text);
        assert!(reply.text.contains(expected), "{}", reply.text);
    }
    let tags: Vec<String> = (0..1_200).map(|n| format!("#t{n}")).collect();
    let long_tag = format!("#{}", "x".repeat(100));
    let body = format!("{} {long_tag}", tags.join(" "));
    let m = created_message(&server.post_form("messages", &[("body", &body)]).await);
    assert_eq!(m["topics"].as_array().unwrap().len(), 20);
    assert_eq!(m["body"]["plain"], body, "the text itself is kept whole");
    let parsed = m["body"]["parsed"].as_str().unwrap();
    assert!(parsed.contains("#t20 "), "tags past the cap stay text");
    assert!(parsed.contains(&long_tag), "an overlong tag stays text");
}
