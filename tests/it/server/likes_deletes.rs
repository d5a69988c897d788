//! Likes and deletes over HTTP: liking twice counts once, unliking (also by `_method=DELETE`)
//! restores the count, and only the sender may delete a message.

use crate::harness::server;

use reqwest::{Method, StatusCode};
use serde_json::{Value, json};
use server::{ids, start};

fn created_message(reply: &server::Reply) -> Value {
    assert_eq!(reply.status, StatusCode::CREATED, "{}", reply.text);
    let envelope = reply.json();
    assert_eq!(envelope["messages"].as_array().unwrap().len(), 1);
    envelope["messages"][0].clone()
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
        .find(|m| {
            !page["meta"]["liked_message_ids"]
                .as_array()
                .unwrap()
                .contains(&m["id"])
        })
        .unwrap()
        .clone();
    let id = target["id"].as_u64().unwrap();
    let before = target["liked_by"]["count"].as_u64().unwrap();

    let liked = server
        .send(server.request(
            Method::POST,
            &format!("messages/liked_by/current.json?message_id={id}"),
        ))
        .await;
    assert_eq!(liked.status, StatusCode::CREATED);
    let liked = liked.json();
    assert_eq!(
        liked["messages"][0]["liked_by"]["count"].as_u64(),
        Some(before + 1)
    );
    assert_eq!(
        liked["messages"][0]["liked_by"]["names"][0]["user_id"].as_u64(),
        Some(me)
    );
    assert_eq!(liked["meta"]["liked_message_ids"], json!([id]));
    let again = server
        .post_json("messages/liked_by/current", &json!({"message_id": id}))
        .await;
    assert_eq!(again.status, StatusCode::CREATED);
    assert_eq!(
        again.json()["messages"][0]["liked_by"]["count"].as_u64(),
        Some(before + 1),
        "liking twice counts once"
    );
    let fetched = server.get_ok(&format!("messages/{id}")).await;
    assert_eq!(fetched["liked_by"]["count"].as_u64(), Some(before + 1));
    assert!(
        ids(&server
            .get_ok(&format!("messages/liked_by/{me}?limit=1"))
            .await)
        .contains(&id)
    );

    let unliked = server
        .send(server.request(
            Method::DELETE,
            &format!("messages/liked_by/current?message_id={id}"),
        ))
        .await;
    assert_eq!(unliked.status, StatusCode::OK);
    assert_eq!(
        unliked.json()["messages"][0]["liked_by"]["count"].as_u64(),
        Some(before)
    );
    assert_eq!(unliked.json()["meta"]["liked_message_ids"], json!([]));
    let relike = server
        .post_form(&format!("messages/liked_by/current?message_id={id}"), &[])
        .await;
    assert_eq!(relike.status, StatusCode::CREATED);
    let override_unlike = server
        .post_form(
            "messages/liked_by/current",
            &[("_method", "DELETE"), ("message_id", &id.to_string())],
        )
        .await;
    assert_eq!(override_unlike.status, StatusCode::OK);
    assert_eq!(
        server.get_ok(&format!("messages/{id}")).await["liked_by"]["count"].as_u64(),
        Some(before)
    );
    assert_eq!(
        server
            .post_form("messages/liked_by/current", &[])
            .await
            .status,
        StatusCode::BAD_REQUEST
    );
    assert_eq!(
        server
            .post_form("messages/liked_by/current?message_id=424242", &[])
            .await
            .status,
        StatusCode::NOT_FOUND
    );
}

#[tokio::test]
async fn only_the_sender_can_delete() {
    let server = start().await;
    let mine = created_message(
        &server
            .post_form("messages", &[("body", "to be deleted")])
            .await,
    );
    let id = mine["id"].as_u64().unwrap();
    let reply = created_message(
        &server
            .post_form(
                "messages",
                &[("body", "child"), ("replied_to_id", &id.to_string())],
            )
            .await,
    );
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
    assert_eq!(
        server.get(&format!("messages/{others}")).await.status,
        StatusCode::OK
    );

    let deleted = server
        .post_form(&format!("messages/{id}"), &[("_method", "DELETE")])
        .await;
    assert_eq!(deleted.status, StatusCode::OK);
    assert!(deleted.text.is_empty());
    assert_eq!(
        server.get(&format!("messages/{id}")).await.status,
        StatusCode::NOT_FOUND
    );
    assert_eq!(
        server
            .get(&format!("messages/{}", reply["id"]))
            .await
            .status,
        StatusCode::NOT_FOUND,
        "deleting a starter deletes its thread"
    );
    assert_eq!(
        server.delete(&format!("messages/{id}")).await.status,
        StatusCode::NOT_FOUND
    );

    let keep = created_message(&server.post_form("messages", &[("body", "keep me")]).await);
    let drop = created_message(
        &server
            .post_form(
                "messages",
                &[
                    ("body", "drop me"),
                    ("replied_to_id", &keep["id"].to_string()),
                ],
            )
            .await,
    );
    assert_eq!(
        server
            .delete(&format!("messages/{}", drop["id"]))
            .await
            .status,
        StatusCode::OK
    );
    let thread = server.get_ok(&format!("threads/{}", keep["id"])).await;
    assert_eq!(thread["stats"]["updates"], 1);
    assert_eq!(thread["stats"]["latest_reply_id"], keep["id"]);
}
