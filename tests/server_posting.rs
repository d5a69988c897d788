//! Writing over HTTP: posting with form, JSON and query parameters, replies (also to replies),
//! private messages, mentions and topics, likes, deleting own and others' messages.

mod server_support;

use reqwest::{Method, StatusCode};
use serde_json::{Value, json};
use server_support::{group_id, ids, start};

fn created_message(reply: &server_support::Reply) -> Value {
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
            .post_form("messages.json", &[("body", "Hello from a form"), ("group_id", &group.to_string())])
            .await,
    );
    let by_json = created_message(
        &server
            .post_json("messages.json", &json!({"body": "Hello from JSON", "group_id": group.to_string()}))
            .await,
    );
    let by_query = created_message(
        &server
            .send(server.request(Method::POST, &format!("messages?body=Hello+from+the+query&group_id={group}")))
            .await,
    );
    for (m, text) in [(&by_form, "Hello from a form"), (&by_json, "Hello from JSON"), (&by_query, "Hello from the query")] {
        assert_eq!(m["body"]["plain"], text);
        assert_eq!(m["group_id"].as_u64(), Some(group));
        assert_eq!(m["sender_id"].as_u64(), Some(me));
        assert_eq!(m["id"], m["thread_id"]);
    }
    assert!(by_form["id"].as_u64() < by_json["id"].as_u64());
    assert!(by_json["id"].as_u64() < by_query["id"].as_u64());
    let feed = server.get_ok(&format!("messages/in_group/{group}?limit=3")).await;
    assert_eq!(ids(&feed), vec![by_query["id"].as_u64().unwrap(), by_json["id"].as_u64().unwrap(), by_form["id"].as_u64().unwrap()]);
    let all_company = created_message(&server.post_form("messages", &[("body", "To everyone")]).await);
    assert!(all_company["group_id"].is_null());
    assert_eq!(ids(&server.get_ok("messages/general?limit=1").await), vec![all_company["id"].as_u64().unwrap()]);
}

#[tokio::test]
async fn replies_build_real_trees_inside_the_thread() {
    let server = start().await;
    let group = group_id(&server, "Engineering Platform").await;
    let starter = created_message(
        &server.post_form("messages", &[("body", "Starting a thread"), ("group_id", &group.to_string())]).await,
    );
    let starter_id = starter["id"].as_u64().unwrap();
    let reply = created_message(
        &server.post_form("messages", &[("body", "First reply"), ("replied_to_id", &starter_id.to_string())]).await,
    );
    let reply_id = reply["id"].as_u64().unwrap();
    let nested = created_message(
        &server.post_json("messages", &json!({"body": "Reply to the reply", "replied_to_id": reply_id})).await,
    );
    assert_eq!(reply["thread_id"].as_u64(), Some(starter_id));
    assert_eq!(reply["replied_to_id"].as_u64(), Some(starter_id));
    assert_eq!(reply["group_id"].as_u64(), Some(group), "group is inferred from the thread");
    assert_eq!(nested["thread_id"].as_u64(), Some(starter_id));
    assert_eq!(nested["replied_to_id"].as_u64(), Some(reply_id));

    let thread = server.get_ok(&format!("messages/in_thread/{starter_id}.json")).await;
    assert_eq!(ids(&thread), vec![nested["id"].as_u64().unwrap(), reply_id, starter_id]);
    let summary = server.get_ok(&format!("threads/{starter_id}.json")).await;
    assert_eq!(summary["stats"]["updates"], 3);
    assert_eq!(summary["stats"]["first_reply_id"].as_u64(), Some(reply_id));
    assert_eq!(summary["stats"]["latest_reply_id"], nested["id"]);
    let refs = thread["references"].as_array().unwrap();
    assert!(refs.iter().any(|r| r["type"] == "message" && r["id"].as_u64() == Some(reply_id)));
    let threaded = server.get_ok(&format!("messages/in_group/{group}?threaded=extended&limit=1")).await;
    assert_eq!(ids(&threaded), vec![starter_id], "the active thread comes first");
    let extended = &threaded["threaded_extended"][starter_id.to_string()];
    let extended_ids: Vec<u64> = extended.as_array().unwrap().iter().map(|m| m["id"].as_u64().unwrap()).collect();
    assert_eq!(extended_ids, vec![reply_id, nested["id"].as_u64().unwrap()]);
}

#[tokio::test]
async fn mentions_and_topics_are_parsed() {
    let server = start().await;
    let someone = server.get_ok("users.json?page=2").await[0].clone();
    let username = someone["name"].as_str().unwrap();
    let body = format!("Thanks @{username}! More on #Kubernetes and #brandnewtopic soon.");
    let m = created_message(
        &server.post_form("messages", &[("body", &body), ("topic1", "Extra Topic"), ("topic2", "")]).await,
    );
    let parsed = m["body"]["parsed"].as_str().unwrap();
    assert!(parsed.contains(&format!("[[user:{}]]", someone["id"])), "{parsed}");
    assert!(parsed.contains("[[tag:"), "{parsed}");
    assert_eq!(m["body"]["plain"], body);
    assert_eq!(m["topics"].as_array().unwrap().len(), 3);
    let received = server
        .send(server.client.get(server.url("messages/received")).bearer_auth(server.token_for(username)))
        .await
        .json();
    assert_eq!(ids(&received)[0], m["id"].as_u64().unwrap());
    let topic = m["topics"][0].as_u64().unwrap();
    assert_eq!(ids(&server.get_ok(&format!("messages/about_topic/{topic}?limit=1")).await)[0], m["id"].as_u64().unwrap());
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
        server.post_form("messages", &[("body", "bracketed"), ("direct_to_user_ids[]", &a.to_string()), ("direct_to_user_ids[]", &b.to_string())]).await,
        server.post_form("messages", &[("body", "comma list"), ("direct_to_user_ids", &format!("{a},{b}"))]).await,
        server.post_json("messages", &json!({"body": "json array", "direct_to_user_ids": [a, b.to_string()]})).await,
    ];
    for reply in &styles {
        let m = created_message(reply);
        assert_eq!(m["direct_message"], true);
        let mut to: Vec<u64> = m["direct_to_user_ids"].as_array().unwrap().iter().map(|v| v.as_u64().unwrap()).collect();
        to.sort_unstable();
        let mut expected = vec![a, b];
        expected.sort_unstable();
        assert_eq!(to, expected);
    }
    let last = created_message(&styles[2]);
    let reader = server.token_for(users[3]["name"].as_str().unwrap());
    let theirs = server.send(server.client.get(server.url("messages/private")).bearer_auth(&reader)).await.json();
    assert_eq!(ids(&theirs)[0], last["id"].as_u64().unwrap());
    let reply = server
        .send(server.client.post(server.url("messages")).bearer_auth(&reader).form(&[("body", "got it"), ("replied_to_id", &last["id"].to_string())]))
        .await;
    let reply = created_message(&reply);
    assert_eq!(reply["direct_message"], true);
    assert_eq!(ids(&server.get_ok("messages/private?limit=1").await), vec![reply["id"].as_u64().unwrap()]);
    let outsider = server.token_for(users[6]["name"].as_str().unwrap());
    let denied = server.send(server.client.get(server.url(&format!("messages/{}", reply["id"]))).bearer_auth(&outsider)).await;
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
    let reply = server.post_form("messages", &[("body", "x"), ("replied_to_id", "999999")]).await;
    assert_eq!(reply.json()["base"][0], "Cannot reply to deleted message: 999999");
}

#[tokio::test]
async fn like_and_unlike_change_liked_by() {
    let server = start().await;
    let me = server.get_ok("users/current").await["id"].as_u64().unwrap();
    let page = server.get_ok("messages/general").await;
    let target = page["messages"]
        .as_array()
        .unwrap()
        .iter()
        .find(|m| !page["meta"]["liked_message_ids"].as_array().unwrap().contains(&m["id"]))
        .unwrap()
        .clone();
    let id = target["id"].as_u64().unwrap();
    let before = target["liked_by"]["count"].as_u64().unwrap();

    let liked = server.send(server.request(Method::POST, &format!("messages/liked_by/current.json?message_id={id}"))).await;
    assert_eq!(liked.status, StatusCode::CREATED);
    let liked = liked.json();
    assert_eq!(liked["messages"][0]["liked_by"]["count"].as_u64(), Some(before + 1));
    assert_eq!(liked["messages"][0]["liked_by"]["names"][0]["user_id"].as_u64(), Some(me));
    assert_eq!(liked["meta"]["liked_message_ids"], json!([id]));
    let again = server.post_json("messages/liked_by/current", &json!({"message_id": id})).await;
    assert_eq!(again.status, StatusCode::CREATED);
    assert_eq!(again.json()["messages"][0]["liked_by"]["count"].as_u64(), Some(before + 1), "liking twice counts once");
    let fetched = server.get_ok(&format!("messages/{id}")).await;
    assert_eq!(fetched["liked_by"]["count"].as_u64(), Some(before + 1));
    assert!(ids(&server.get_ok(&format!("messages/liked_by/{me}?limit=1")).await).contains(&id));

    let unliked = server.send(server.request(Method::DELETE, &format!("messages/liked_by/current?message_id={id}"))).await;
    assert_eq!(unliked.status, StatusCode::OK);
    assert_eq!(unliked.json()["messages"][0]["liked_by"]["count"].as_u64(), Some(before));
    assert_eq!(unliked.json()["meta"]["liked_message_ids"], json!([]));
    let relike = server.post_form(&format!("messages/liked_by/current?message_id={id}"), &[]).await;
    assert_eq!(relike.status, StatusCode::CREATED);
    let override_unlike = server.post_form("messages/liked_by/current", &[("_method", "DELETE"), ("message_id", &id.to_string())]).await;
    assert_eq!(override_unlike.status, StatusCode::OK);
    assert_eq!(server.get_ok(&format!("messages/{id}")).await["liked_by"]["count"].as_u64(), Some(before));
    assert_eq!(server.post_form("messages/liked_by/current", &[]).await.status, StatusCode::BAD_REQUEST);
    assert_eq!(server.post_form("messages/liked_by/current?message_id=424242", &[]).await.status, StatusCode::NOT_FOUND);
}

#[tokio::test]
async fn only_the_sender_can_delete() {
    let server = start().await;
    let mine = created_message(&server.post_form("messages", &[("body", "to be deleted")]).await);
    let id = mine["id"].as_u64().unwrap();
    let reply = created_message(&server.post_form("messages", &[("body", "child"), ("replied_to_id", &id.to_string())]).await);
    let others = server.get_ok("messages/general").await["messages"]
        .as_array()
        .unwrap()
        .iter()
        .find(|m| m["sender_id"] != mine["sender_id"])
        .unwrap()["id"]
        .as_u64()
        .unwrap();
    let forbidden = server.delete(&format!("messages/{others}.json")).await;
    assert_eq!(forbidden.status, StatusCode::FORBIDDEN);
    assert_eq!(forbidden.json()["response"]["stat"], "fail");
    assert_eq!(server.get(&format!("messages/{others}")).await.status, StatusCode::OK);

    let deleted = server.post_form(&format!("messages/{id}"), &[("_method", "DELETE")]).await;
    assert_eq!(deleted.status, StatusCode::OK);
    assert!(deleted.text.is_empty());
    assert_eq!(server.get(&format!("messages/{id}")).await.status, StatusCode::NOT_FOUND);
    assert_eq!(server.get(&format!("messages/{}", reply["id"])).await.status, StatusCode::NOT_FOUND, "deleting a starter deletes its thread");
    assert_eq!(server.delete(&format!("messages/{id}")).await.status, StatusCode::NOT_FOUND);

    let keep = created_message(&server.post_form("messages", &[("body", "keep me")]).await);
    let drop = created_message(&server.post_form("messages", &[("body", "drop me"), ("replied_to_id", &keep["id"].to_string())]).await);
    assert_eq!(server.delete(&format!("messages/{}", drop["id"])).await.status, StatusCode::OK);
    let thread = server.get_ok(&format!("threads/{}", keep["id"])).await;
    assert_eq!(thread["stats"]["updates"], 1);
    assert_eq!(thread["stats"]["latest_reply_id"], keep["id"]);
}
