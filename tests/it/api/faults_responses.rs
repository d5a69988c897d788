//! Well-formed HTTP with hostile or unhappy content, against the real `api::Client`: every error
//! status Yammer uses (401 code 16 and 33, 400 `{"base":[...]}`, OAuth errors, 403, 404, 5xx),
//! 429 with every kind of `Retry-After`, and 200s that are HTML, garbage, truncated or wrong-typed
//! JSON. Asserts the exact `ApiError`, the request count (4xx and 429 never retried, 5xx GETs a
//! bounded number of times) and that no error text ever carries the token, even when the server
//! echoes it back.

use crate::harness::fault_client;
use crate::harness::fault_server;

use std::time::Duration;

use fault_client::{GET_RETRIES, TOKEN, bounded, client, failure};
use fault_server::{Fault, FaultServer};
use kring::api::retry::{DEFAULT_RETRY_AFTER, MAX_RETRY_AFTER};
use kring::api::{ApiError, PageQuery};
use kring::domain::{Feed, GroupId};

/// Calls `users/current` once against a server that always answers `fault`.
async fn current_user_error(fault: Fault) -> (ApiError, usize) {
    let server = FaultServer::always(fault).await;
    let error = failure(bounded(client(&server.base_url()).current_user()).await);
    (error, server.count())
}

fn retry_after(error: &ApiError) -> Duration {
    match error {
        ApiError::RateLimited {
            retry_after: Some(d),
        } => *d,
        other => panic!("expected RateLimited with a delay, got {other:?}"),
    }
}

#[tokio::test]
async fn yammer_401_code_16_is_unauthorized_and_not_retried() {
    let body = r#"{"response":{"message":"Token not found.","code":16,"stat":"fail"}}"#;
    let (error, count) = current_user_error(Fault::json(401, body)).await;
    assert_eq!(
        error,
        ApiError::Unauthorized {
            message: "Token not found.".into()
        }
    );
    assert_eq!(count, 1);
}

#[tokio::test]
async fn oauth_error_body_is_unauthorized_with_its_message() {
    let body = r#"{"error":{"type":"OAuthException","message":"Session has expired."}}"#;
    let (error, _) = current_user_error(Fault::json(401, body)).await;
    assert_eq!(
        error,
        ApiError::Unauthorized {
            message: "Session has expired.".into()
        }
    );
}

#[tokio::test]
async fn a_401_with_code_33_is_a_rate_limit() {
    let body = r#"{"response":{"message":"Rate limited due to excessive requests.","code":33,"stat":"fail"}}"#;
    let (error, count) = current_user_error(Fault::json(401, body)).await;
    assert_eq!(retry_after(&error), DEFAULT_RETRY_AFTER);
    assert_eq!(count, 1, "a rate limit is never retried at once");
}

#[tokio::test]
async fn a_429_honours_retry_after_in_seconds() {
    let fault = Fault::json(429, "{}").with_header("Retry-After", "7");
    let (error, count) = current_user_error(fault).await;
    assert_eq!(retry_after(&error), Duration::from_secs(7));
    assert_eq!(count, 1);
    assert!(error.to_string().contains("7 s"), "{error}");
}

#[tokio::test]
async fn a_429_honours_retry_after_as_an_http_date() {
    let when = chrono::Utc::now() + chrono::Duration::seconds(90);
    let date = when.format("%a, %d %b %Y %H:%M:%S GMT").to_string();
    let fault = Fault::json(429, "{}").with_header("Retry-After", &date);
    let (error, _) = current_user_error(fault).await;
    let wait = retry_after(&error);
    // The date has whole seconds and the call takes a moment: a window, not a timing.
    assert!(
        (Duration::from_secs(60)..=Duration::from_secs(90)).contains(&wait),
        "{date} → {wait:?}"
    );
}

#[tokio::test]
async fn a_429_without_or_with_garbage_retry_after_backs_off_30_s() {
    for header in [None, Some("soon"), Some("-5"), Some("Thu, 99 Foo 2024")] {
        let mut fault = Fault::json(429, "{}");
        if let Some(value) = header {
            fault = fault.with_header("Retry-After", value);
        }
        let (error, _) = current_user_error(fault).await;
        assert_eq!(retry_after(&error), DEFAULT_RETRY_AFTER, "{header:?}");
    }
}

#[tokio::test]
async fn after_a_429_nothing_is_sent_until_retry_after_has_passed() {
    let server = FaultServer::sequence(vec![
        Fault::json(429, "{}").with_header("Retry-After", "1"),
        Fault::json(200, r#"{"id": 3, "name": "again"}"#),
    ])
    .await;
    let api = client(&server.base_url());
    let first = failure(bounded(api.current_user()).await);
    assert_eq!(retry_after(&first), Duration::from_secs(1));
    // Every endpoint, every family, and clones of the client wait out the pause.
    let feed = failure(bounded(api.feed(&Feed::AllCompany, &PageQuery::default())).await);
    assert!(retry_after(&feed) <= Duration::from_secs(1));
    let clone = api.clone();
    let post = kring::api::NewMessage {
        body: "queued".into(),
        ..Default::default()
    };
    assert!(matches!(
        failure(bounded(clone.post_message(&post)).await),
        ApiError::RateLimited { .. }
    ));
    assert_eq!(server.count(), 1, "nothing sent during the pause");
    tokio::time::sleep(Duration::from_millis(1_200)).await;
    let user = bounded(api.current_user()).await.unwrap();
    assert_eq!(user.id, 3);
    assert_eq!(server.count(), 2);
}

#[tokio::test]
async fn huge_retry_after_is_clamped() {
    let fault = Fault::json(429, "{}").with_header("Retry-After", "999999");
    let (error, _) = current_user_error(fault).await;
    assert_eq!(retry_after(&error), MAX_RETRY_AFTER);
}

#[tokio::test]
async fn validation_errors_carry_the_servers_messages() {
    let (error, count) =
        current_user_error(Fault::json(400, r#"{"base":["Body is required."]}"#)).await;
    assert_eq!(
        error,
        ApiError::Validation {
            messages: vec!["Body is required.".into()]
        }
    );
    assert_eq!(count, 1);
    let (error, _) = current_user_error(Fault::raw(422, b"")).await;
    assert_eq!(
        error,
        ApiError::Validation {
            messages: vec!["status 422".into()]
        }
    );
}

#[tokio::test]
async fn forbidden_and_not_found_are_not_retried() {
    let (error, count) = current_user_error(Fault::json(403, "{}")).await;
    assert!(matches!(error, ApiError::Forbidden { .. }), "{error:?}");
    assert_eq!(count, 1);
    // users/current, which every account has, not found: the base URL is named as wrong.
    let (error, count) = current_user_error(Fault::raw(404, b"Not Found")).await;
    assert!(matches!(error, ApiError::NoApi { .. }), "{error:?}");
    assert_eq!(count, 1);
}

#[tokio::test]
async fn server_errors_are_retried_a_bounded_number_of_times() {
    for status in [500, 502, 503, 504] {
        let (error, count) = current_user_error(Fault::json(status, "{}")).await;
        assert_eq!(error, ApiError::Server { status });
        assert!(error.is_transient());
        assert_eq!(count, 1 + GET_RETRIES as usize, "status {status}");
    }
    let (error, count) = current_user_error(Fault::json(501, "{}")).await;
    assert_eq!(error, ApiError::Server { status: 501 });
    assert_eq!(count, 1, "501 is not transient");
}

fn decode_parts(error: &ApiError) -> (&str, &str, &str) {
    match error {
        ApiError::Decode {
            url,
            detail,
            snippet,
        } => (url, detail, snippet),
        other => panic!("expected a decode error, got {other:?}"),
    }
}

#[tokio::test]
async fn html_instead_of_json_is_reported_as_html() {
    let page = "<!DOCTYPE html><html><head><title>Sign in to continue</title></head></html>";
    let (error, count) = current_user_error(Fault::raw(200, page.as_bytes())).await;
    let (url, detail, snippet) = decode_parts(&error);
    assert!(url.ends_with("/api/v1/users/current.json"), "{url}");
    assert!(detail.contains("HTML"), "{detail}");
    assert!(snippet.starts_with("<!DOCTYPE html>"), "{snippet}");
    assert_eq!(count, 1, "decode errors are not retried");
}

#[tokio::test]
async fn malformed_bodies_are_decode_errors_with_url_and_snippet() {
    let bodies: [&[u8]; 6] = [
        br#"{"id": 42, "full_name": "Trunc"#,
        b"\xff\xfe\x00garbage\x1b[31m",
        b"not json at all",
        br#"{"id": "forty-two"}"#,
        br#"{"id": -42}"#,
        br#""a JSON string""#,
    ];
    for body in bodies {
        let (error, _) = current_user_error(Fault::raw(200, body)).await;
        let (url, detail, snippet) = decode_parts(&error);
        assert!(url.starts_with("http://127.0.0.1:"), "{url}");
        assert!(!detail.is_empty());
        let expected = String::from_utf8_lossy(&body[..body.len().min(8)]).into_owned();
        assert!(snippet.starts_with(&expected), "{snippet:?} for {body:?}");
        assert!(error.outcome_unknown());
    }
}

#[tokio::test]
async fn wrong_typed_feed_is_a_decode_error_without_the_query() {
    let server = FaultServer::always(Fault::json(200, r#"{"messages": "none"}"#)).await;
    let page = PageQuery {
        older_than: Some(4_038_774_531_842_049),
        ..PageQuery::default()
    };
    let error = failure(
        bounded(client(&server.base_url()).feed(&Feed::Community(GroupId(7)), &page)).await,
    );
    let (url, _, _) = decode_parts(&error);
    assert!(url.ends_with("/api/v1/messages/in_group/7.json"), "{url}");
    assert!(!url.contains('?'), "query strings may carry tokens: {url}");
    assert!(
        server.requests()[0]
            .target
            .contains("older_than=4038774531842049")
    );
}

/// A server that echoes the caller's Authorization header inside `template` (at `{}`).
async fn echoing(status: u16, template: &'static str) -> FaultServer {
    FaultServer::start(move |_, request| {
        let auth = request.header("authorization").unwrap_or_default();
        Fault::raw(status, template.replace("{}", auth).as_bytes())
    })
    .await
}

#[tokio::test]
async fn token_is_sent_as_a_bearer_header_and_never_shown() {
    let server = FaultServer::always(Fault::json(200, r#"{"id": 1}"#)).await;
    let api = client(&server.base_url());
    bounded(api.current_user()).await.unwrap();
    let sent = &server.requests()[0];
    assert_eq!(
        sent.header("authorization"),
        Some(format!("Bearer {TOKEN}").as_str())
    );
    assert!(!sent.target.contains(TOKEN), "never in the URL");
    assert!(
        !format!("{api:?}").contains(TOKEN),
        "not in the client's Debug"
    );
}

#[tokio::test]
async fn a_server_echoing_the_token_does_not_put_it_in_errors() {
    let cases = [
        (200, "<html><pre>Authorization: {}</pre></html>"),
        (200, r#"{"id": "{}"}"#),
        // The token straddles the end of the quoted snippet.
        (
            200,
            r#"{"padding": "012345678901234567890123456789012345678901", "id": "{}"}"#,
        ),
        (401, r#"{"response":{"message":"{} not found.","code":16}}"#),
        (
            403,
            r#"{"error":{"type":"OAuthException","message":"{} lacks a scope"}}"#,
        ),
        (400, r#"{"base":["Refused {}"]}"#),
    ];
    for (status, template) in cases {
        let server = echoing(status, template).await;
        // `failure` asserts the token is in neither Display nor Debug.
        let error = failure(bounded(client(&server.base_url()).current_user()).await);
        assert_eq!(server.count(), 1, "{template}");
        assert!(
            !matches!(error, ApiError::Network { .. }),
            "{template}: {error:?}"
        );
    }
}

#[tokio::test]
async fn one_broken_character_costs_that_character_not_the_feed() {
    let fixture = std::fs::read_to_string(format!(
        "{}/tests/fixtures/feed_envelope.json",
        env!("CARGO_MANIFEST_DIR")
    ))
    .unwrap();
    let cut = "Cache hit rate went from 41% to 87% on the staging runners.";
    // A server that cut a string on UTF-16 units: a lone high surrogate escape.
    let surrogate = fixture.replace(cut, r"Cache hit rate \ud83d went up");
    // And one invalid UTF-8 byte in another message.
    let mut stray = fixture
        .replace(cut, "Cache hit rate STRAY went up")
        .into_bytes();
    let at = stray.windows(5).position(|w| w == b"STRAY").unwrap();
    stray.splice(at..at + 5, [0xffu8]);
    for body in [surrogate.into_bytes(), stray] {
        let server = FaultServer::always(Fault::raw(200, &body)).await;
        let page =
            bounded(client(&server.base_url()).feed(&Feed::AllCompany, &PageQuery::default()))
                .await
                .expect("the feed decodes despite the broken character");
        assert!(page.messages.len() > 1, "every message is kept");
        assert!(
            page.messages
                .iter()
                .any(|m| m.body.plain == "Cache hit rate \u{FFFD} went up"),
            "the broken character shows as U+FFFD"
        );
    }
}
