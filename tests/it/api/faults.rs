//! Transport faults against the real `api::Client`: stalls, resets, truncation, drip feeds,
//! garbage instead of HTTP, refused and black-holed connects, huge and endless bodies. Each test
//! asserts the exact `ApiError`, how many requests reached the fault server (GETs retried a
//! bounded number of times, a POST exactly once) and that no error carries the token. Also:
//! read, connect and total timeouts, the size cap, connect failures known not to have arrived,
//! and a client started offline that works once the server is up.

use crate::harness::fault_client;
use crate::harness::fault_server;

use std::time::Duration;

use fault_client::{GET_RETRIES, bounded, client, failure, options};
use fault_server::{Fault, FaultServer};
use kring::api::{ApiError, Client, NetworkKind, NewMessage, PageQuery};
use kring::domain::Feed;

const ALL_GET_ATTEMPTS: usize = 1 + GET_RETRIES as usize;

fn network_kind(error: &ApiError) -> NetworkKind {
    match error {
        ApiError::Network { kind, .. } => *kind,
        other => panic!("expected a network error, got {other:?}"),
    }
}

fn a_post() -> NewMessage {
    NewMessage {
        body: "Deploy window moves to Thursday.".into(),
        group_id: Some(12),
        ..NewMessage::default()
    }
}

#[tokio::test]
async fn stall_before_headers_times_out_and_get_is_retried() {
    let server = FaultServer::always(Fault::StallBeforeHeaders).await;
    let error = failure(bounded(client(&server.base_url()).current_user()).await);
    assert_eq!(network_kind(&error), NetworkKind::Timeout);
    assert!(error.outcome_unknown(), "the request was sent");
    assert_eq!(server.count(), ALL_GET_ATTEMPTS, "bounded retries");
}

#[tokio::test]
async fn stall_mid_body_times_out() {
    let server = FaultServer::always(Fault::StallMidBody).await;
    let error = failure(bounded(client(&server.base_url()).user(1)).await);
    assert_eq!(network_kind(&error), NetworkKind::Timeout);
    assert_eq!(server.count(), ALL_GET_ATTEMPTS);
}

#[tokio::test]
async fn drip_feed_is_ended_by_the_total_timeout() {
    // A byte every 300 ms never trips the 1 s read timeout; only the 3 s total timeout ends it.
    let body = br#"{"id": 1, "full_name": "Slow Loris", "job_title": "padding padding"}"#.to_vec();
    let server = FaultServer::always(Fault::Drip {
        body,
        every: Duration::from_millis(300),
    })
    .await;
    let error = failure(bounded(client(&server.base_url()).current_user()).await);
    assert_eq!(network_kind(&error), NetworkKind::Timeout);
    assert_eq!(server.count(), ALL_GET_ATTEMPTS);
}

#[tokio::test]
async fn a_slow_but_steady_body_inside_the_timeouts_succeeds() {
    let body = br#"{"id": 77, "full_name": "Patient"}"#.to_vec();
    let server = FaultServer::always(Fault::Drip {
        body,
        every: Duration::from_millis(5),
    })
    .await;
    let user = bounded(client(&server.base_url()).current_user())
        .await
        .unwrap();
    assert_eq!((user.id, user.full_name.as_str()), (77, "Patient"));
    assert_eq!(server.count(), 1);
}

#[tokio::test]
async fn reset_is_interrupted_and_get_is_retried_a_bounded_number_of_times() {
    let server = FaultServer::always(Fault::Reset).await;
    let error = failure(bounded(client(&server.base_url()).groups(&Default::default())).await);
    assert_eq!(network_kind(&error), NetworkKind::Interrupted);
    assert!(error.is_transient());
    assert_eq!(server.count(), ALL_GET_ATTEMPTS);
}

#[tokio::test]
async fn a_get_recovers_when_the_fault_passes() {
    let server = FaultServer::sequence(vec![
        Fault::Reset,
        Fault::json(503, "{}"),
        Fault::json(200, r#"{"id": 5, "name": "ok"}"#),
    ])
    .await;
    let user = bounded(client(&server.base_url()).user(5)).await.unwrap();
    assert_eq!(user.id, 5);
    assert_eq!(server.count(), 3);
}

#[tokio::test]
async fn truncated_body_is_interrupted_not_decoded() {
    let server = FaultServer::always(Fault::Truncate).await;
    let error = failure(bounded(client(&server.base_url()).current_user()).await);
    assert_eq!(network_kind(&error), NetworkKind::Interrupted);
    assert_eq!(server.count(), ALL_GET_ATTEMPTS);
}

#[tokio::test]
async fn garbage_instead_of_http_is_a_network_error() {
    let server = FaultServer::always(Fault::Garbage).await;
    let error = failure(bounded(client(&server.base_url()).network()).await);
    assert_eq!(network_kind(&error), NetworkKind::Interrupted);
    assert_eq!(server.count(), ALL_GET_ATTEMPTS);
}

#[tokio::test]
async fn refused_connection_is_known_not_to_have_arrived() {
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let port = listener.local_addr().unwrap().port();
    drop(listener);
    let api = client(&format!("http://127.0.0.1:{port}/api/v1"));
    let error = failure(bounded(api.post_message(&a_post())).await);
    assert_eq!(network_kind(&error), NetworkKind::Connect);
    assert!(!error.outcome_unknown(), "a refused POST may be sent again");
}

#[tokio::test]
async fn a_client_started_offline_recovers_when_the_server_comes_up() {
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let port = listener.local_addr().unwrap().port();
    drop(listener);
    let api = client(&format!("http://127.0.0.1:{port}/api/v1"));
    let offline = failure(bounded(api.post_message(&a_post())).await);
    assert_eq!(network_kind(&offline), NetworkKind::Connect);
    assert!(!offline.outcome_unknown(), "safe to send again");
    let server = FaultServer::start_on(port, |_, request| match request.method.as_str() {
        "POST" => Fault::json(
            201,
            r#"{"messages": [{"id": 501, "body": {"plain": "sent"}}]}"#,
        ),
        _ => Fault::json(200, r#"{"id": 9, "name": "back"}"#),
    })
    .await;
    let sent = bounded(api.post_message(&a_post())).await.unwrap();
    assert_eq!(sent.messages[0].id, 501);
    assert_eq!(bounded(api.current_user()).await.unwrap().id, 9);
    let methods: Vec<String> = server.requests().into_iter().map(|r| r.method).collect();
    assert_eq!(
        methods,
        ["POST", "GET"],
        "the offline POST never arrived; the resend once"
    );
}

#[tokio::test]
async fn connect_timeout_against_a_full_backlog_is_a_connect_failure() {
    // A listener that never accepts, with its backlog filled: the kernel drops further SYNs, so
    // a connect hangs until the client's connect timeout, as against a black-holed host.
    let socket = tokio::net::TcpSocket::new_v4().unwrap();
    socket.bind("127.0.0.1:0".parse().unwrap()).unwrap();
    let listener = socket.listen(1).unwrap();
    let addr = listener.local_addr().unwrap();
    let mut fillers = Vec::new();
    for _ in 0..8 {
        let connect = tokio::net::TcpStream::connect(addr);
        if let Ok(Ok(stream)) = tokio::time::timeout(Duration::from_millis(300), connect).await {
            fillers.push(stream);
        }
    }
    let api = client(&format!("http://{addr}/api/v1"));
    let error = failure(bounded(api.post_message(&a_post())).await);
    assert_eq!(
        network_kind(&error),
        NetworkKind::Connect,
        "a connect timeout never sent the request: {error:?}"
    );
    assert!(!error.outcome_unknown());
    drop(listener);
}

#[tokio::test]
async fn huge_content_length_is_refused_before_reading() {
    let server = FaultServer::always(Fault::HugeContentLength).await;
    let error = failure(
        bounded(client(&server.base_url()).feed(&Feed::AllCompany, &PageQuery::default())).await,
    );
    assert!(
        matches!(&error, ApiError::TooLarge { limit, url } if *limit == options().max_response_bytes && url.ends_with("/api/v1/messages.json")),
        "{error:?}"
    );
    assert_eq!(server.count(), 1, "not retried");
}

#[tokio::test]
async fn endless_body_stops_at_the_cap() {
    let server = FaultServer::always(Fault::EndlessBody).await;
    let api = client(&server.base_url());
    let error = failure(bounded(api.feed(&Feed::MyFeed, &PageQuery::default())).await);
    assert!(matches!(error, ApiError::TooLarge { .. }), "{error:?}");
    assert_eq!(server.count(), 1);
}

#[tokio::test]
async fn gzip_body_is_never_inflated() {
    // kring asks for no compression; a server that sends gzip anyway gets its bytes decoded as
    // they are (a decode error), never inflated into a bomb.
    let mut body = vec![0x1f, 0x8b, 0x08, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x03];
    body.extend(std::iter::repeat_n(0xed, 2048));
    let server = FaultServer::always(
        Fault::raw(200, &body)
            .with_header("Content-Encoding", "gzip")
            .with_header("Content-Type", "application/json"),
    )
    .await;
    let error = failure(bounded(client(&server.base_url()).current_user()).await);
    assert!(matches!(error, ApiError::Decode { .. }), "{error:?}");
    let asked = server.requests()[0]
        .header("accept-encoding")
        .map(str::to_owned);
    assert!(
        asked.as_deref().is_none_or(|v| !v.contains("gzip")),
        "client asked for gzip: {asked:?}"
    );
}

async fn post_once(server: &FaultServer) -> ApiError {
    failure(bounded(client(&server.base_url()).post_message(&a_post())).await)
}

#[tokio::test]
async fn post_is_never_retried_after_a_reset() {
    let server = FaultServer::always(Fault::Reset).await;
    let error = post_once(&server).await;
    assert_eq!(network_kind(&error), NetworkKind::Interrupted);
    assert!(error.outcome_unknown(), "the outbox must reconcile");
    assert_eq!(server.count(), 1, "exactly one POST");
    let sent = &server.requests()[0];
    assert_eq!(sent.method, "POST");
    assert!(String::from_utf8_lossy(&sent.body).contains("Deploy+window"));
}

#[tokio::test]
async fn post_is_never_retried_after_a_5xx_or_a_timeout() {
    for fault in [
        Fault::json(503, "{}"),
        Fault::json(502, "<html>Bad gateway</html>"),
        Fault::json(504, ""),
        Fault::StallBeforeHeaders,
        Fault::Truncate,
    ] {
        let server = FaultServer::always(fault.clone()).await;
        let error = post_once(&server).await;
        assert_eq!(
            server.count(),
            1,
            "exactly one POST for {fault:?}: {error:?}"
        );
        assert!(
            matches!(error, ApiError::Server { .. } | ApiError::Network { .. }),
            "{error:?}"
        );
    }
}

#[tokio::test]
async fn likes_deletes_and_follows_are_sent_once() {
    let server = FaultServer::always(Fault::json(503, "{}")).await;
    let api: Client = client(&server.base_url());
    let results = [
        bounded(api.like(4_038_774_531_842_049)).await,
        bounded(api.unlike(4_038_774_531_842_049)).await,
        bounded(api.delete_message(9)).await,
        bounded(api.follow_user(3)).await,
        bounded(api.join_group(12)).await,
    ];
    for result in results {
        assert_eq!(failure(result), ApiError::Server { status: 503 });
    }
    let methods: Vec<String> = server.requests().into_iter().map(|r| r.method).collect();
    assert_eq!(methods, ["POST", "DELETE", "DELETE", "POST", "POST"]);
}
