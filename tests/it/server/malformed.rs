//! At least 30 malformed requests, each answered with a 4xx and a JSON error body while the
//! server keeps serving.

use crate::harness::server;

use reqwest::header::CONTENT_TYPE;
use reqwest::{Method, StatusCode};
use serde_json::Value;
use server::{TestServer, start};

/// One malformed request and why it is wrong.
struct Bad {
    what: &'static str,
    request: reqwest::RequestBuilder,
}

fn malformed(server: &TestServer, reply_id: u64, someone: u64) -> Vec<Bad> {
    let post = |path: &str| server.request(Method::POST, path);
    let get = |path: &str| server.request(Method::GET, path);
    let json_body = |raw: &'static [u8]| {
        post("messages.json")
            .header(CONTENT_TYPE, "application/json")
            .body(raw)
    };
    let form_body = |raw: &'static [u8]| {
        post("messages.json")
            .header(CONTENT_TYPE, "application/x-www-form-urlencoded")
            .body(raw)
    };
    vec![
        Bad {
            what: "truncated JSON",
            request: json_body(br#"{"body":"#),
        },
        Bad {
            what: "JSON array",
            request: json_body(b"[1,2,3]"),
        },
        Bad {
            what: "JSON string",
            request: json_body(br#""just text""#),
        },
        Bad {
            what: "JSON object as body",
            request: json_body(br#"{"body":{"nested":1}}"#),
        },
        Bad {
            what: "non-numeric group id",
            request: json_body(br#"{"body":"x","group_id":"abc"}"#),
        },
        Bad {
            what: "negative group id",
            request: json_body(br#"{"body":"x","group_id":-1}"#),
        },
        Bad {
            what: "fractional group id",
            request: json_body(br#"{"body":"x","group_id":1.5}"#),
        },
        Bad {
            what: "boolean reply id",
            request: json_body(br#"{"body":"x","replied_to_id":true}"#),
        },
        Bad {
            what: "nested array of recipients",
            request: json_body(br#"{"body":"x","direct_to_user_ids":[[1]]}"#),
        },
        Bad {
            what: "invalid UTF-8 in JSON",
            request: json_body(b"{\"body\":\"\xff\xfe\"}"),
        },
        Bad {
            what: "bad percent escape",
            request: form_body(b"body=%ZZ"),
        },
        Bad {
            what: "invalid UTF-8 in a form",
            request: form_body(b"body=\xff\xfe"),
        },
        Bad {
            what: "percent-encoded invalid UTF-8 in a form",
            request: form_body(b"body=%ff%fe"),
        },
        Bad {
            what: "invalid UTF-8 in the query",
            request: get("messages.json?older_than=%ff"),
        },
        Bad {
            what: "huge body",
            request: post("messages.json").form(&[("body", "x".repeat(100 * 1024))]),
        },
        Bad {
            what: "megabyte of JSON",
            request: json_body(Box::leak(vec![b' '; 1 << 20].into_boxed_slice())),
        },
        Bad {
            what: "text/plain body",
            request: post("messages.json")
                .header(CONTENT_TYPE, "text/plain")
                .body("body=hi"),
        },
        Bad {
            what: "multipart body",
            request: post("messages.json")
                .header(CONTENT_TYPE, "multipart/form-data; boundary=x")
                .body("--x--"),
        },
        Bad {
            what: "unknown route",
            request: get("nothing/here.json"),
        },
        Bad {
            what: "unknown nested route",
            request: get("messages/1/extra/deep"),
        },
        Bad {
            what: "doubled suffix",
            request: get("messages.json.json"),
        },
        Bad {
            what: "root path",
            request: server
                .client
                .get(server.url("").replace("/api/v1/", "/"))
                .bearer_auth(&server.token),
        },
        Bad {
            what: "id abc",
            request: get("messages/abc.json"),
        },
        Bad {
            what: "id -1",
            request: get("messages/-1.json"),
        },
        Bad {
            what: "id 0",
            request: get("messages/0"),
        },
        Bad {
            what: "id beyond u64",
            request: get("messages/99999999999999999999.json"),
        },
        Bad {
            what: "id beyond i64",
            request: get("groups/9223372036854775808"),
        },
        Bad {
            what: "user id abc",
            request: get("users/abc.json"),
        },
        Bad {
            what: "group feed id abc",
            request: get("messages/in_group/abc"),
        },
        Bad {
            what: "unknown message",
            request: get("messages/424242"),
        },
        Bad {
            what: "unknown group",
            request: get("groups/424242"),
        },
        Bad {
            what: "unknown user",
            request: get("users/424242"),
        },
        Bad {
            what: "unknown topic",
            request: get("topics/424242"),
        },
        Bad {
            what: "unknown thread",
            request: get("threads/424242"),
        },
        Bad {
            what: "thread feed of a reply",
            request: get(&format!("messages/in_thread/{reply_id}")),
        },
        Bad {
            what: "older_than abc",
            request: get("messages.json?older_than=abc"),
        },
        Bad {
            what: "negative limit",
            request: get("messages.json?limit=-5"),
        },
        Bad {
            what: "threaded banana",
            request: get("messages/my_feed.json?threaded=banana"),
        },
        Bad {
            what: "page x",
            request: get("users.json?page=x"),
        },
        Bad {
            what: "unknown sort",
            request: get("users.json?sort_by=height"),
        },
        Bad {
            what: "long letter",
            request: get("groups.json?letter=abc"),
        },
        Bad {
            what: "email missing",
            request: get("users/by_email.json"),
        },
        Bad {
            what: "unknown email",
            request: get("users/by_email.json?email=nobody@nowhere.example"),
        },
        Bad {
            what: "search missing",
            request: get("search.json"),
        },
        Bad {
            what: "autocomplete without prefix",
            request: get("autocomplete/ranked.json?models=user:5"),
        },
        Bad {
            what: "autocomplete without models",
            request: get("autocomplete/ranked.json?prefix=an"),
        },
        Bad {
            what: "like without message id",
            request: post("messages/liked_by/current.json"),
        },
        Bad {
            what: "conflicting message ids",
            request: post("messages/liked_by/current.json?message_id=5")
                .form(&[("message_id", "6")]),
        },
        Bad {
            what: "join with bad group id",
            request: post("group_memberships.json").form(&[("group_id", "abc")]),
        },
        Bad {
            what: "join unknown group",
            request: post("group_memberships.json").form(&[("group_id", "424242")]),
        },
        Bad {
            what: "follow a planet",
            request: post("subscriptions.json")
                .form(&[("target_type", "planet"), ("target_id", "1")]),
        },
        Bad {
            what: "follow without id",
            request: post("subscriptions.json").form(&[("target_type", "user")]),
        },
        Bad {
            what: "not following",
            request: get(&format!("subscriptions/to_user/{someone}.json")),
        },
        Bad {
            what: "PUT a message",
            request: server
                .request(Method::PUT, "messages/1.json")
                .form(&[("body", "x")]),
        },
        Bad {
            what: "PATCH the feed",
            request: server.request(Method::PATCH, "messages.json"),
        },
        Bad {
            what: "DELETE the current user",
            request: server.request(Method::DELETE, "users/current.json"),
        },
        Bad {
            what: "POST to a feed",
            request: post("messages/my_feed.json").form(&[("body", "x")]),
        },
    ]
}

fn is_error_body(body: &Value) -> bool {
    let has_base = body["base"].as_array().is_some_and(|b| !b.is_empty());
    let has_response =
        body["response"]["stat"] == "fail" && body["response"]["message"].is_string();
    has_base || has_response
}

#[tokio::test]
async fn malformed_requests_get_4xx_json_errors_and_the_server_keeps_serving() {
    let server = start().await;
    let thread = server
        .get_ok("messages/general.json?threaded=extended")
        .await;
    let reply_id = thread["threaded_extended"]
        .as_object()
        .unwrap()
        .values()
        .flat_map(|v| v.as_array().unwrap())
        .next()
        .unwrap()["id"]
        .as_u64()
        .unwrap();
    let me = server.get_ok("users/current").await["id"].as_u64().unwrap();
    let someone = server
        .get_ok("users.json?page=3")
        .await
        .as_array()
        .unwrap()
        .iter()
        .map(|u| u["id"].as_u64().unwrap())
        .find(|id| *id != me)
        .unwrap();
    let unfollow = server
        .send(server.request(
            Method::DELETE,
            &format!("subscriptions.json?target_type=user&target_id={someone}"),
        ))
        .await;
    assert_eq!(unfollow.status, StatusCode::OK);

    let cases = malformed(&server, reply_id, someone);
    assert!(cases.len() >= 30);
    for case in cases {
        let reply = server.send(case.request).await;
        assert!(
            reply.status.is_client_error(),
            "{}: got {} {}",
            case.what,
            reply.status,
            reply.text
        );
        let body: Value = serde_json::from_str(&reply.text)
            .unwrap_or_else(|_| panic!("{}: body is not JSON: {:?}", case.what, reply.text));
        assert!(is_error_body(&body), "{}: {body}", case.what);
        assert_eq!(
            reply.headers[CONTENT_TYPE], "application/json",
            "{}",
            case.what
        );
    }
    let still = server.get_ok("messages/my_feed.json").await;
    assert_eq!(still["messages"].as_array().unwrap().len(), 20);
}
