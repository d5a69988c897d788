//! Failure answers over HTTP: Yammer's 401 and 429 bodies, and at least 30 malformed requests,
//! each answered with a 4xx and a JSON error body while the server keeps serving.

use crate::harness::server;

use std::time::Duration;

use reqwest::header::{AUTHORIZATION, CONTENT_TYPE, RETRY_AFTER};
use reqwest::{Method, StatusCode};
use serde_json::{Value, json};
use server::{TestServer, start, start_with};

#[tokio::test]
async fn bad_tokens_get_yammers_401_body() {
    let server = start().await;
    let expected = json!({"response": {"message": "Token not found.", "code": 16, "stat": "fail"}});
    let url = server.url("messages/my_feed.json");
    let attempts = [
        server.client.get(&url),
        server.client.get(&url).bearer_auth("not-a-token"),
        server
            .client
            .get(&url)
            .header(AUTHORIZATION, format!("Basic {}", server.token)),
        server.client.get(&url).header(AUTHORIZATION, "Bearer"),
        server.client.get(format!("{url}?access_token=nope")),
        server
            .client
            .post(server.url("messages"))
            .form(&[("body", "hi")]),
    ];
    for attempt in attempts {
        let reply = server.send(attempt).await;
        assert_eq!(reply.status, StatusCode::UNAUTHORIZED);
        assert_eq!(reply.json(), expected);
    }
    let by_query = server
        .send(
            server
                .client
                .get(format!("{url}?access_token={}", server.token)),
        )
        .await;
    assert_eq!(by_query.status, StatusCode::OK);
    let lower_case = server
        .send(
            server
                .client
                .get(&url)
                .header(AUTHORIZATION, format!("bearer {}", server.token)),
        )
        .await;
    assert_eq!(lower_case.status, StatusCode::OK);
}

#[tokio::test]
async fn exceeding_the_rate_limit_is_a_429_with_code_33() {
    let server = start_with(|opts| {
        opts.rate_limit = true;
        opts.rate_window = Duration::from_millis(1500);
        opts.rate_max_calls = 3;
    })
    .await;
    for _ in 0..3 {
        assert_eq!(
            server.get("messages/my_feed.json").await.status,
            StatusCode::OK
        );
    }
    let limited = server.get("messages/in_thread/1.json").await;
    assert_eq!(limited.status, StatusCode::TOO_MANY_REQUESTS);
    assert_eq!(
        limited.json(),
        json!({"response": {"message": "Rate limited due to excessive requests.", "code": 33, "stat": "fail"}})
    );
    let retry: u64 = limited.headers[RETRY_AFTER]
        .to_str()
        .unwrap()
        .parse()
        .unwrap();
    assert!((1..=2).contains(&retry));
    assert_eq!(
        server.get("users/current.json").await.status,
        StatusCode::OK,
        "other calls have their own bucket"
    );
    let second = server.token_for("demo");
    assert_ne!(
        second, server.token,
        "every --print-token mints a fresh token"
    );
    let second_reply = server
        .send(
            server
                .client
                .get(server.url("users/current.json"))
                .bearer_auth(&second),
        )
        .await;
    assert_eq!(second_reply.status, StatusCode::OK, "and it counts apart");
    tokio::time::sleep(Duration::from_millis(1600)).await;
    assert_eq!(
        server.get("messages/my_feed.json").await.status,
        StatusCode::OK
    );
}

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

#[tokio::test]
async fn status_codes_match_yammer_for_common_mistakes() {
    let server = start().await;
    assert_eq!(
        server.get("messages/abc").await.status,
        StatusCode::NOT_FOUND
    );
    assert_eq!(
        server.get("messages.json?older_than=abc").await.status,
        StatusCode::BAD_REQUEST
    );
    assert_eq!(
        server
            .send(server.request(Method::PUT, "messages.json"))
            .await
            .status,
        StatusCode::METHOD_NOT_ALLOWED
    );
    let huge = server
        .post_form("messages.json", &[("body", &"x".repeat(70 * 1024))])
        .await;
    assert_eq!(huge.status, StatusCode::PAYLOAD_TOO_LARGE);
    let text = server
        .send(
            server
                .request(Method::POST, "messages.json")
                .header(CONTENT_TYPE, "text/plain")
                .body("hi"),
        )
        .await;
    assert_eq!(text.status, StatusCode::UNSUPPORTED_MEDIA_TYPE);
}
