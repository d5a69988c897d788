//! TLS verification is always on: the real `api::Client` refuses a self-signed, an
//! expired and a wrong-host certificate, each with its own reason, and sends no request (so no
//! token) over a refused connection, while a certificate from a CA the system trusts works. The
//! trusted CA is a test CA given to a child process of this binary through `SSL_CERT_FILE`
//! (read by the platform verifier); environment variables are process-global, hence the child.

use crate::harness::fault_client;
use crate::harness::tls_server;

use fault_client::{TOKEN, bounded, client, failure};
use kring::api::{ApiError, NetworkKind};
use tls_server::{TlsServer, tls_fixture};
use tokio::process::Command;

/// The reason a refusal gives: its `Display` after the URL.
fn refusal(error: &ApiError) -> String {
    assert!(
        matches!(
            error,
            ApiError::Network {
                kind: NetworkKind::Connect,
                ..
            }
        ),
        "a refused certificate is a connect failure (nothing was sent): {error:?}"
    );
    let text = error.to_string();
    match text.split_once(".json: ") {
        Some((_, reason)) => reason.to_owned(),
        None => panic!("no reason after the URL: {text}"),
    }
}

#[tokio::test]
async fn a_self_signed_certificate_is_refused_and_nothing_is_sent() {
    let server = TlsServer::start("self_signed").await;
    let error = failure(bounded(client(&server.base_url()).current_user()).await);
    let reason = refusal(&error);
    assert!(reason.contains("certificate"), "{reason}");
    assert!(server.connections() >= 1, "the handshake was attempted");
    assert!(server.requests().is_empty(), "no request, no token");
}

const CHILD_TARGET: &str = "KRING_TEST_TLS_CHILD_TARGET";

/// Runs the child test against `server` with the test CA trusted; returns (passed, output).
async fn with_test_ca(server: &TlsServer) -> (bool, String) {
    let mut command = Command::new(std::env::current_exe().expect("the test binary"));
    command
        .args([
            "--exact",
            &crate::harness::test_name(
                module_path!(),
                "child_calls_over_tls_with_the_inherited_trust",
            ),
            "--ignored",
            "--nocapture",
        ])
        .env(CHILD_TARGET, server.base_url())
        .env("SSL_CERT_FILE", tls_fixture("ca.pem"))
        .env_remove("SSL_CERT_DIR");
    for proxy in ["HTTPS_PROXY", "https_proxy", "ALL_PROXY", "all_proxy"] {
        command.env_remove(proxy);
    }
    let output = bounded(command.output())
        .await
        .expect("the child test runs");
    let text = format!(
        "{}\n{}",
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    );
    (output.status.success(), text)
}

/// The reason line the child prints for a refused call.
fn reason_in(output: &str) -> String {
    output
        .lines()
        .find_map(|line| line.strip_prefix("REFUSED: "))
        .unwrap_or_else(|| panic!("no refusal in: {output}"))
        .to_owned()
}

/// Not a test on its own: the TLS trust tests run it in a child process that trusts the test CA.
#[tokio::test]
#[ignore = "run by the TLS trust tests in a child process with SSL_CERT_FILE set"]
async fn child_calls_over_tls_with_the_inherited_trust() {
    let target = std::env::var(CHILD_TARGET).expect("started by a TLS trust test");
    match bounded(client(&target).current_user()).await {
        Ok(user) => println!("ACCEPTED: {}", user.full_name),
        Err(error) => println!("REFUSED: {}", refusal(&error)),
    }
}

#[tokio::test]
async fn a_certificate_from_a_trusted_ca_is_accepted() {
    let server = TlsServer::start("valid").await;
    let (passed, output) = with_test_ca(&server).await;
    assert!(passed, "{output}");
    assert!(output.contains("ACCEPTED: Over TLS"), "{output}");
    let requests = server.requests();
    assert_eq!(requests.len(), 1);
    assert_eq!(
        requests[0].header("authorization"),
        Some(format!("Bearer {TOKEN}").as_str())
    );
}

#[tokio::test]
async fn expired_wrong_host_and_self_signed_are_refused_with_distinct_reasons() {
    let mut reasons = Vec::new();
    for stem in ["expired", "wrong_host", "self_signed"] {
        let server = TlsServer::start(stem).await;
        let (passed, output) = with_test_ca(&server).await;
        assert!(passed, "{stem}: {output}");
        assert!(
            server.connections() >= 1,
            "{stem}: a handshake was attempted"
        );
        assert!(server.requests().is_empty(), "{stem}: nothing sent");
        let reason = reason_in(&output);
        eprintln!("{stem}: {reason}");
        assert!(!reason.contains(TOKEN));
        reasons.push(reason);
    }
    for (i, a) in reasons.iter().enumerate() {
        for b in &reasons[i + 1..] {
            assert_ne!(a, b, "each refusal says why");
        }
    }
}
