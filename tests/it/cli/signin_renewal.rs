//! Renewing a sign-in end to end: several processes renewing at once redeem the refresh token
//! once, a token endpoint answering 500 or garbage leaves the stored tokens as they were, and
//! `kring doctor` renews an expired sign-in and names its expiry.

use super::signin::{Signin, text};
use std::time::Duration;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn processes_renewing_at_once_redeem_the_refresh_token_once() {
    let env = Signin::start(2, 60).await;
    assert!(env.device_login(None).await.status.success());
    let count: usize = std::env::var("KRING_SIGNIN_PROCESSES")
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or(4);
    tokio::time::sleep(Duration::from_millis(2_100)).await;
    let feeds = (0..count).map(|_| env.run(&["feed", "--json", "--limit", "1"]));
    for feed in futures::future::join_all(feeds).await {
        assert!(feed.status.success(), "{}", text(&feed));
    }
    // Had two redeemed the same refresh token, the family would be revoked by now.
    tokio::time::sleep(Duration::from_millis(2_100)).await;
    let after = env.run(&["feed", "--json", "--limit", "1"]).await;
    assert!(after.status.success(), "{}", text(&after));
}

/// A token endpoint answering `status` with `body`, for any tenant.
async fn broken_provider(status: u16, body: &'static str) -> (String, tokio::task::JoinHandle<()>) {
    let app = axum::Router::new().route(
        "/{tenant}/oauth2/v2.0/token",
        axum::routing::post(move || async move {
            (axum::http::StatusCode::from_u16(status).unwrap(), body)
        }),
    );
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let url = format!("http://{}", listener.local_addr().unwrap());
    let task = tokio::spawn(async move {
        axum::serve(listener, app).await.ok();
    });
    (url, task)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_failing_token_endpoint_leaves_the_stored_tokens_intact() {
    let env = Signin::start(1, 60).await;
    assert!(env.device_login(None).await.status.success());
    let tokens = env.tokens().unwrap();
    tokio::time::sleep(Duration::from_millis(1_100)).await;
    for (status, body) in [(500, "{}"), (200, "<html>sign in</html>")] {
        let (authority, task) = broken_provider(status, body).await;
        env.write_config(&authority);
        let before = std::fs::read(env.store()).unwrap();
        let feed = env.run(&["feed", "--json"]).await;
        assert_eq!(feed.status.code(), Some(1), "{}", text(&feed));
        let stderr = String::from_utf8_lossy(&feed.stderr);
        assert!(stderr.contains("cannot renew the sign-in"), "{stderr}");
        assert!(stderr.contains("unchanged"), "{stderr}");
        assert_eq!(std::fs::read(env.store()).unwrap(), before);
        task.abort();
    }
    env.assert_no_token_shown(&[tokens]);
}

#[tokio::test]
async fn doctor_renews_an_expired_sign_in_and_names_its_expiry() {
    let env = Signin::start(2, 60).await;
    let login = env.device_login(None).await;
    assert!(login.status.success(), "{}", text(&login));
    let mut seen_tokens = vec![env.tokens().expect("tokens stored")];
    tokio::time::sleep(Duration::from_millis(2_100)).await;
    let doctor = env.run(&["doctor"]).await;
    assert!(doctor.status.success(), "{}", text(&doctor));
    let report = String::from_utf8_lossy(&doctor.stdout);
    assert!(report.contains("(the sign-in service)"), "{report}");
    assert!(report.contains("expires"), "{report}");
    assert!(!report.contains("expiry unknown"), "{report}");
    seen_tokens.push(env.tokens().expect("renewed tokens stored"));
    env.assert_no_token_shown(&seen_tokens);
}
