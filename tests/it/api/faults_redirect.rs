//! Redirects and proxies against the real `api::Client`. A redirect to another origin (port or
//! scheme) is refused before anything is sent there, so the token never reaches it;
//! same-origin redirects are followed, loops are cut. `HTTP_PROXY`, `HTTPS_PROXY` and `NO_PROXY`
//! are honoured: environment variables are process-global, so those checks run the
//! client in a child process of this test binary with its own environment.

use crate::harness::fault_client;
use crate::harness::fault_server;

use tokio::process::Command;

use fault_client::{TOKEN, bounded, client, failure};
use fault_server::{Fault, FaultServer};
use kring::api::{ApiError, NewMessage};

#[tokio::test]
async fn cross_origin_redirect_is_refused_and_the_other_origin_sees_nothing() {
    let elsewhere = FaultServer::always(Fault::json(200, r#"{"id": 666}"#)).await;
    for status in [301, 302, 303, 307, 308] {
        let target = format!("{}/api/v1/users/current.json", elsewhere.origin());
        let server = FaultServer::always(Fault::redirect(status, &target)).await;
        let error = failure(bounded(client(&server.base_url()).current_user()).await);
        assert_eq!(error, ApiError::RedirectRefused, "status {status}");
        assert_eq!(server.count(), 1, "refusal is not retried");
    }
    assert_eq!(
        elsewhere.count(),
        0,
        "no request, so no Authorization, went elsewhere"
    );
}

#[tokio::test]
async fn a_redirected_post_is_refused_too() {
    let elsewhere = FaultServer::always(Fault::json(201, "{}")).await;
    let target = format!("{}/api/v1/messages.json", elsewhere.origin());
    let server = FaultServer::always(Fault::redirect(307, &target)).await;
    let post = NewMessage {
        body: "hello".into(),
        ..NewMessage::default()
    };
    let error = failure(bounded(client(&server.base_url()).post_message(&post)).await);
    assert_eq!(error, ApiError::RedirectRefused);
    assert_eq!(elsewhere.count(), 0);
}

#[tokio::test]
async fn a_scheme_change_is_another_origin() {
    let server = FaultServer::start(|_, request| {
        let host = request.header("host").unwrap_or_default().to_owned();
        Fault::redirect(302, &format!("https://{host}/api/v1/users/current.json"))
    })
    .await;
    let error = failure(bounded(client(&server.base_url()).current_user()).await);
    assert_eq!(error, ApiError::RedirectRefused);
    assert_eq!(server.count(), 1, "no TLS attempt reached the same port");
}

#[tokio::test]
async fn same_origin_redirects_are_followed_with_the_token() {
    let server = FaultServer::start(|n, _| match n {
        0 => Fault::redirect(302, "/api/v1/users/1500000000101.json"),
        _ => Fault::json(200, r#"{"id": 1500000000101, "name": "marta"}"#),
    })
    .await;
    let user = bounded(client(&server.base_url()).current_user())
        .await
        .unwrap();
    assert_eq!(user.id, 1_500_000_000_101);
    let requests = server.requests();
    assert_eq!(requests.len(), 2);
    assert_eq!(requests[1].target, "/api/v1/users/1500000000101.json");
    assert_eq!(
        requests[1].header("authorization"),
        Some(format!("Bearer {TOKEN}").as_str())
    );
}

#[tokio::test]
async fn a_same_origin_redirect_loop_is_cut() {
    let server = FaultServer::always(Fault::redirect(302, "/api/v1/users/current.json")).await;
    let error = failure(bounded(client(&server.base_url()).current_user()).await);
    assert_eq!(error, ApiError::RedirectRefused);
    assert!(server.count() <= 6, "{} requests", server.count());
}

/// The environment variable that tells the child test which base URL to call.
const CHILD_TARGET: &str = "KRING_TEST_PROXY_CHILD_TARGET";

/// Runs `child_calls_the_api_with_the_inherited_environment` in a fresh process with exactly
/// the proxy variables given (awaited, so this test's servers keep serving meanwhile); returns whether the child's call succeeded, and its output.
async fn run_child(target: &str, proxy_env: &[(&str, String)]) -> (bool, String) {
    let mut command = Command::new(std::env::current_exe().expect("the test binary"));
    command
        .args([
            "--exact",
            &crate::harness::test_name(
                module_path!(),
                "child_calls_the_api_with_the_inherited_environment",
            ),
            "--ignored",
            "--nocapture",
            "--test-threads=1",
        ])
        .env(CHILD_TARGET, target);
    for name in [
        "HTTP_PROXY",
        "http_proxy",
        "HTTPS_PROXY",
        "https_proxy",
        "ALL_PROXY",
        "all_proxy",
        "NO_PROXY",
        "no_proxy",
        "REQUEST_METHOD",
    ] {
        command.env_remove(name);
    }
    for (name, value) in proxy_env {
        command.env(name, value);
    }
    let output = bounded(command.output())
        .await
        .expect("the child test runs");
    let stdout = String::from_utf8_lossy(&output.stdout).into_owned();
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        stdout.contains("1 passed") || stdout.contains("1 failed"),
        "the child test ran: {stdout}"
    );
    (output.status.success(), format!("{stdout}\n{stderr}"))
}

/// Not a test on its own: the proxy tests run it in a child process with a chosen environment.
#[tokio::test]
#[ignore = "run by the proxy tests in a child process with proxy variables set"]
async fn child_calls_the_api_with_the_inherited_environment() {
    let target = std::env::var(CHILD_TARGET).expect("started by a proxy test");
    match bounded(client(&target).current_user()).await {
        Ok(user) => assert_eq!(user.full_name, "Reached"),
        Err(error) => panic!("child call failed: {error:?}"),
    }
}

const REACHED: &str = r#"{"id": 9, "full_name": "Reached"}"#;

#[tokio::test]
async fn http_proxy_carries_the_request() {
    let proxy = FaultServer::always(Fault::json(200, REACHED)).await;
    let target = FaultServer::always(Fault::json(500, "{}")).await;
    let (ok, output) = run_child(&target.base_url(), &[("HTTP_PROXY", proxy.origin())]).await;
    assert!(ok, "the child got its answer through the proxy: {output}");
    assert_eq!(target.count(), 0, "nothing went around the proxy");
    let seen = proxy.requests();
    assert_eq!(seen.len(), 1);
    assert_eq!(
        seen[0].target,
        format!("{}/users/current.json", target.base_url()),
        "absolute-form request line, as sent to a proxy"
    );
}

#[tokio::test]
async fn no_proxy_bypasses_the_proxy() {
    let proxy = FaultServer::always(Fault::json(500, "{}")).await;
    let target = FaultServer::always(Fault::json(200, REACHED)).await;
    let env = [
        ("HTTP_PROXY", proxy.origin()),
        ("NO_PROXY", "127.0.0.1".to_owned()),
    ];
    let (ok, output) = run_child(&target.base_url(), &env).await;
    assert!(ok, "{output}");
    assert_eq!(proxy.count(), 0);
    assert_eq!(target.count(), 1);
}

#[tokio::test]
async fn https_proxy_is_asked_to_connect() {
    // The proxy refuses the tunnel, so the call fails; what matters is that it was asked.
    let proxy = FaultServer::always(Fault::json(403, "")).await;
    let https_target = "https://127.0.0.1:9/api/v1";
    let (ok, output) = run_child(https_target, &[("HTTPS_PROXY", proxy.origin())]).await;
    assert!(!ok, "a refused tunnel is an error: {output}");
    let seen = proxy.requests();
    assert!(!seen.is_empty(), "the proxy was asked");
    for request in seen {
        assert_eq!(request.method, "CONNECT");
        assert_eq!(request.target, "127.0.0.1:9");
        assert!(
            request.header("authorization").is_none(),
            "the bearer token goes inside the tunnel, never to the proxy"
        );
    }
}
