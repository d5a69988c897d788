//! `PUT users/current` in `kring serve`: the caller changes their own expertise, interests,
//! summary and directory listing (only the fields given), through the API client too; a person
//! who hides from the directory is then left out of `users.json`, autocomplete and people search,
//! but still readable by id.

use crate::harness::server::{TestServer, start};
use kring::api::ProfileUpdate;
use reqwest::{Method, StatusCode};
use serde_json::Value;

async fn put_form(server: &TestServer, form: &[(&str, &str)]) -> Value {
    let reply = server
        .send(server.request(Method::PUT, "users/current.json").form(form))
        .await;
    assert_eq!(reply.status, StatusCode::OK, "{}", reply.text);
    reply.json()
}

fn listed(users: &Value, id: u64) -> bool {
    users
        .as_array()
        .unwrap()
        .iter()
        .any(|u| u["id"].as_u64() == Some(id))
}

/// Every page of `users.json`, as one array.
async fn directory(server: &TestServer) -> Value {
    let mut all = Vec::new();
    for page in 1..=20 {
        let users = server.get_ok(&format!("users.json?page={page}")).await;
        let batch = users.as_array().unwrap().clone();
        let last = batch.len() < 50;
        all.extend(batch);
        if last {
            break;
        }
    }
    Value::Array(all)
}

#[tokio::test]
async fn put_users_current_changes_only_the_fields_given() {
    let server = start().await;
    let before = server.get_ok("users/current.json").await;
    let me = put_form(
        &server,
        &[
            ("expertise", "rust, Postgres, rust"),
            ("summary", " Hello "),
        ],
    )
    .await;
    assert_eq!(me["expertise"], "rust, Postgres");
    assert_eq!(me["summary"], "Hello");
    assert_eq!(me["interests"], before["interests"]);
    assert_eq!(me["show_in_directory"], before["show_in_directory"]);

    let cleared = put_form(&server, &[("expertise", "")]).await;
    assert_eq!(cleared["expertise"], "");
    assert_eq!(cleared["summary"], "Hello");

    let too_long = "x".repeat(3_000);
    let reply = server
        .send(
            server
                .request(Method::PUT, "users/current.json")
                .form(&[("summary", too_long.as_str())]),
        )
        .await;
    assert_eq!(reply.status, StatusCode::BAD_REQUEST, "{}", reply.text);
}

#[tokio::test]
async fn a_person_hidden_from_the_directory_is_in_no_listing_but_still_readable() {
    let server = start().await;
    let me = server.get_ok("users/current.json").await;
    let id = me["id"].as_u64().unwrap();
    let name = me["name"].as_str().unwrap().to_owned();
    assert!(listed(&directory(&server).await, id));

    server
        .api_client()
        .update_current_user(&ProfileUpdate {
            show_in_directory: Some(false),
            interests: Some(vec!["chess".to_owned()]),
            ..ProfileUpdate::default()
        })
        .await
        .unwrap();

    let me = server.get_ok("users/current.json").await;
    assert_eq!(me["interests"], "chess");
    assert!(!listed(&directory(&server).await, id));
    let prefix = &name[..name.len().min(3)];
    let completed = server
        .get_ok(&format!(
            "autocomplete/ranked.json?prefix={prefix}&models=user:20"
        ))
        .await;
    assert!(!listed(&completed["user"], id), "{completed}");
    let found = server.get_ok(&format!("search.json?search={name}")).await;
    assert!(!listed(&found["users"], id), "{found}");
    let by_id = server.get_ok(&format!("users/{id}.json")).await;
    assert_eq!(by_id["show_in_directory"], "false");

    let reply = server
        .send(
            server
                .request(Method::PUT, "users/current.json")
                .json(&serde_json::json!({ "directory_hidden": false })),
        )
        .await;
    assert_eq!(reply.status, StatusCode::OK, "{}", reply.text);
    assert!(listed(&directory(&server).await, id));
}
