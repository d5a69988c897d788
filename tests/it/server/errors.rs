//! Failure answers over HTTP: Yammer's 401 and 429 bodies, and Yammer's status codes for
//! common mistakes (malformed requests are in `malformed`).

use crate::harness::server;

use std::time::Duration;

use reqwest::header::{AUTHORIZATION, CONTENT_TYPE, RETRY_AFTER};
use reqwest::{Method, StatusCode};
use serde_json::json;
use server::{start, start_with};

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
