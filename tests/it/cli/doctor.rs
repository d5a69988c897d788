//! `kring doctor`, the real binary against real servers on 127.0.0.1: a healthy `kring serve`
//! (every step passes, exit 0, also as JSON), a closed port (connect fails, the rest is
//! skipped), a TLS server whose CA is unknown (the remedy names SSL_CERT_FILE and ca_file) and
//! the same with `ca_file` (passes), an HTTP proxy that forwards (plain HTTP and CONNECT) and
//! one that refuses, a base URL without /api/v1 (the hint names the URL that answers, in the
//! doctor and in `kring feed`'s error) and a wrong token (the api step fails and says where the
//! token came from). No output ever holds the token.

use crate::harness::doctor_run;
use crate::harness::fault_server;
use crate::harness::forward_proxy;
use crate::harness::server;
use crate::harness::tls_server;

use doctor_run::{CLEARED, doctor, write_config};
use fault_server::{Fault, FaultServer};
use forward_proxy::ForwardingProxy;
use server::start;
use tls_server::{TlsServer, tls_fixture};
use tokio::net::TcpListener;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn against_kring_serve_every_step_passes_and_mistakes_are_named() {
    let dir = tempfile::tempdir().unwrap();
    let live = start().await;
    let token = live.token.clone();
    let root = live.base.trim_end_matches("/api/v1").to_owned();

    // Healthy, with the base URL given without /api/v1: completed, every step passes.
    let env = [("KRING_SERVER", root.as_str()), ("KRING_TOKEN", &token)];
    let run = doctor(dir.path(), &env, &[]).await;
    assert_eq!(run.code, 0, "{}\n{}", run.stdout, run.stderr);
    for step in [
        "config",
        "proxy",
        "dns",
        "connect",
        "tls",
        "api",
        "token",
        "clock",
        "rate-limit",
    ] {
        assert_eq!(run.status(step), "PASS", "{step}:\n{}", run.stdout);
    }
    assert!(run.line("token").contains("you are"), "{}", run.stdout);
    assert!(
        run.line("token").contains("expiry unknown"),
        "{}",
        run.stdout
    );
    assert!(run.line("config").contains("/api/v1"), "{}", run.stdout);
    assert!(
        run.stderr.contains("using the API under /api/v1"),
        "{}",
        run.stderr
    );

    let json = doctor(dir.path(), &env, &["--json"]).await;
    assert_eq!(json.code, 0, "{}", json.stdout);
    let report: serde_json::Value = serde_json::from_str(&json.stdout).unwrap();
    assert_eq!(report["ok"], true);
    let steps = report["steps"].as_array().unwrap();
    assert_eq!(steps.len(), 9);
    assert!(
        steps
            .iter()
            .all(|s| s["status"] == "pass" && s["remedy"].is_null())
    );

    // A path without /api/v1: the hint names the URL that answers.
    let wrong_base = format!("{root}/v1");
    let env = [
        ("KRING_SERVER", wrong_base.as_str()),
        ("KRING_TOKEN", &token),
    ];
    let run = doctor(dir.path(), &env, &[]).await;
    assert_ne!(run.code, 0);
    assert_eq!(run.status("api"), "FAIL", "{}", run.stdout);
    let hint = format!("did you mean {root}/api/v1?");
    assert!(run.line("api").contains(&hint), "{}", run.stdout);
    assert_eq!(run.status("token"), "SKIP", "{}", run.stdout);

    // The same mistake in a scripting subcommand: the error gives the hint, not "not found".
    let mut feed = tokio::process::Command::new(env!("CARGO_BIN_EXE_kring"));
    for name in CLEARED {
        feed.env_remove(name);
    }
    let feed = feed
        .args(["feed", "--limit", "1"])
        .env("KRING_CONFIG_DIR", dir.path().join("config"))
        .env("KRING_DATA_DIR", dir.path().join("data"))
        .env("KRING_CACHE_DIR", dir.path().join("cache"))
        .env("KRING_SERVER", &wrong_base)
        .env("KRING_TOKEN", &token)
        .output()
        .await
        .unwrap();
    let stderr = String::from_utf8_lossy(&feed.stderr);
    assert!(!feed.status.success());
    assert!(stderr.contains("no Yammer API at"), "{stderr}");
    assert!(
        stderr.contains(&format!("did you mean {root}/api/v1?")),
        "{stderr}"
    );

    // A wrong token: the api step fails and says where the token came from.
    let env = [
        ("KRING_SERVER", live.base.as_str()),
        ("KRING_TOKEN", "not-the-token-42"),
    ];
    let run = doctor(dir.path(), &env, &[]).await;
    assert_ne!(run.code, 0);
    let api = run.line("api");
    assert!(
        api.starts_with("FAIL") && api.contains("401"),
        "{}",
        run.stdout
    );
    assert!(api.contains("does not accept the token"), "{api}");
    assert!(api.contains("environment variable KRING_TOKEN"), "{api}");
    assert!(!run.stdout.contains("not-the-token-42"), "{}", run.stdout);

    // Through an HTTP proxy: seen, used, and the request went through it.
    let proxy = ForwardingProxy::start().await;
    let env = [
        ("KRING_SERVER", live.base.as_str()),
        ("KRING_TOKEN", &token),
        ("HTTP_PROXY", &proxy.url()),
    ];
    let run = doctor(dir.path(), &env, &[]).await;
    assert_eq!(run.code, 0, "{}", run.stdout);
    let seen = run.line("proxy");
    assert!(
        seen.contains(&format!(
            "HTTP_PROXY applies to 127.0.0.1: through {}",
            proxy.url()
        )),
        "{seen}"
    );
    assert!(
        run.line("connect").contains("TCP to proxy"),
        "{}",
        run.stdout
    );
    let forwarded = proxy.seen();
    assert!(
        forwarded
            .iter()
            .any(|t| t.ends_with("/api/v1/users/current.json")),
        "{forwarded:?}"
    );
    for run_output in [&run.stdout, &run.stderr] {
        assert!(!run_output.contains(&token), "the token was printed");
    }
}

#[tokio::test]
async fn a_closed_port_fails_at_connect_and_skips_the_rest() {
    let dir = tempfile::tempdir().unwrap();
    let port = {
        let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
        listener.local_addr().unwrap().port()
    };
    let url = format!("http://127.0.0.1:{port}/api/v1");
    let env = [
        ("KRING_SERVER", url.as_str()),
        ("KRING_TOKEN", "token-for-a-closed-port"),
    ];
    let run = doctor(dir.path(), &env, &[]).await;
    assert_ne!(run.code, 0);
    assert_eq!(run.status("dns"), "PASS", "{}", run.stdout);
    let connect = run.line("connect");
    assert!(connect.starts_with("FAIL"), "{}", run.stdout);
    assert!(connect.contains(&format!("127.0.0.1:{port}")), "{connect}");
    for step in ["tls", "api", "token", "clock", "rate-limit"] {
        assert_eq!(run.status(step), "SKIP", "{step}:\n{}", run.stdout);
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_unknown_ca_fails_tls_with_the_remedy_and_ca_file_fixes_it() {
    let dir = tempfile::tempdir().unwrap();
    let server = TlsServer::start("valid").await;
    // Some other certificate as the whole system store: the test CA is unknown whatever the
    // machine trusts.
    let other = tls_fixture("self_signed.pem");
    let account = |ca_file: &str| {
        format!(
            "[accounts.work]\nbase_url = \"{}\"\ntoken_env = \"DOCTOR_TOKEN\"\n{ca_file}",
            server.base_url()
        )
    };
    write_config(dir.path(), &account(""));
    let env = [
        ("DOCTOR_TOKEN", "tls-token-123456"),
        ("SSL_CERT_FILE", other.as_str()),
    ];
    let run = doctor(dir.path(), &env, &[]).await;
    assert_ne!(run.code, 0);
    let tls = run.line("tls");
    assert!(
        tls.starts_with("FAIL") && tls.contains("unknown issuer"),
        "{}",
        run.stdout
    );
    assert!(tls.contains("your network inspects TLS"), "{tls}");
    assert!(
        tls.contains("SSL_CERT_FILE") && tls.contains("ca_file"),
        "{tls}"
    );
    assert_eq!(run.status("api"), "SKIP", "{}", run.stdout);
    assert!(
        server.requests().is_empty(),
        "nothing sent over a refused handshake"
    );

    let ca = tls_fixture("ca.pem");
    write_config(dir.path(), &account(&format!("ca_file = \"{ca}\"\n")));
    let run = doctor(dir.path(), &env, &[]).await;
    assert_eq!(run.status("tls"), "PASS", "{}", run.stdout);
    assert!(
        run.line("config").contains("ca_file of [accounts.work]"),
        "{}",
        run.stdout
    );
    assert_eq!(run.status("api"), "PASS", "{}", run.stdout);
    assert!(
        run.line("token").contains("you are Over TLS"),
        "{}",
        run.stdout
    );
    assert!(!run.stdout.contains("tls-token-123456"));

    // Through a CONNECT proxy to the same server.
    let proxy = ForwardingProxy::start().await;
    let env = [
        ("DOCTOR_TOKEN", "tls-token-123456"),
        ("SSL_CERT_FILE", other.as_str()),
        ("HTTPS_PROXY", &proxy.url()),
    ];
    let run = doctor(dir.path(), &env, &[]).await;
    let connect = run.line("connect");
    let target = format!("CONNECT 127.0.0.1:{} → 200", server.port);
    assert!(
        connect.starts_with("PASS") && connect.contains(&target),
        "{}",
        run.stdout
    );
    assert_eq!(run.status("tls"), "PASS", "{}", run.stdout);
    assert!(run.line("tls").contains("through"), "{}", run.stdout);
    assert_eq!(run.status("api"), "PASS", "{}", run.stdout);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn expired_and_wrong_name_certificates_are_named_as_such() {
    let dir = tempfile::tempdir().unwrap();
    let ca = tls_fixture("ca.pem");
    for (stem, said) in [
        ("expired", "certificate has expired"),
        ("wrong_host", "certificate is for another host name"),
    ] {
        let server = TlsServer::start(stem).await;
        let env = [
            ("KRING_SERVER", server.base_url()),
            ("KRING_TOKEN", "token-for-a-bad-cert".to_owned()),
            ("SSL_CERT_FILE", ca.clone()),
        ];
        let env: Vec<(&str, &str)> = env.iter().map(|(k, v)| (*k, v.as_str())).collect();
        let run = doctor(dir.path(), &env, &[]).await;
        let tls = run.line("tls");
        assert!(
            tls.starts_with("FAIL") && tls.contains(said),
            "{stem}:\n{}",
            run.stdout
        );
        assert!(server.requests().is_empty(), "{stem}: nothing sent");
    }
}

#[tokio::test]
async fn a_refusing_proxy_fails_at_connect() {
    let dir = tempfile::tempdir().unwrap();
    let proxy = FaultServer::always(Fault::raw(403, b"blocked by policy")).await;
    let proxy_url = proxy.origin();
    let env = [
        ("KRING_SERVER", "https://127.0.0.1:9/api/v1"),
        ("KRING_TOKEN", "token-behind-a-proxy"),
        ("HTTPS_PROXY", proxy_url.as_str()),
    ];
    let run = doctor(dir.path(), &env, &[]).await;
    assert_ne!(run.code, 0);
    assert!(
        run.line("proxy").contains("HTTPS_PROXY applies"),
        "{}",
        run.stdout
    );
    let connect = run.line("connect");
    assert!(connect.starts_with("FAIL"), "{}", run.stdout);
    assert!(
        connect.contains("refused CONNECT 127.0.0.1:9: 403"),
        "{connect}"
    );
    assert_eq!(run.status("tls"), "SKIP", "{}", run.stdout);
    let requests = proxy.requests();
    assert_eq!(requests.first().map(|r| r.method.as_str()), Some("CONNECT"));
}

#[tokio::test]
async fn a_clock_ten_minutes_off_fails_and_rate_limit_headers_are_shown() {
    let dir = tempfile::tempdir().unwrap();
    let server_time = chrono::Utc::now() - chrono::Duration::minutes(10);
    let date = server_time.format("%a, %d %b %Y %H:%M:%S GMT").to_string();
    let server = FaultServer::always(
        Fault::json(200, r#"{"id": 7, "full_name": "Skewed", "name": "skew"}"#)
            .with_header("Date", &date)
            .with_header("X-RateLimit-Remaining", "3"),
    )
    .await;
    let env = [
        ("KRING_SERVER", server.base_url()),
        ("KRING_TOKEN", "token-for-the-clock".to_owned()),
    ];
    let env: Vec<(&str, &str)> = env.iter().map(|(k, v)| (*k, v.as_str())).collect();
    let run = doctor(dir.path(), &env, &[]).await;
    assert_ne!(run.code, 0);
    assert_eq!(run.status("api"), "PASS", "{}", run.stdout);
    let clock = run.line("clock");
    assert!(
        clock.starts_with("FAIL") && clock.contains("10 min"),
        "{}",
        run.stdout
    );
    assert!(clock.contains("ahead of the server"), "{clock}");
    assert!(clock.contains("tokens are time-bound"), "{clock}");
    let rate = run.line("rate-limit");
    assert!(rate.starts_with("PASS"), "{}", run.stdout);
    assert!(rate.contains("9 of 10 calls per 30 s left"), "{rate}");
    assert!(rate.contains("x-ratelimit-remaining: 3"), "{rate}");
}

#[tokio::test]
async fn a_redirect_away_from_the_server_is_named() {
    let dir = tempfile::tempdir().unwrap();
    let server = FaultServer::always(Fault::redirect(302, "http://login.example/sso")).await;
    let env = [
        ("KRING_SERVER", server.base_url()),
        ("KRING_TOKEN", "token-not-for-elsewhere".to_owned()),
    ];
    let env: Vec<(&str, &str)> = env.iter().map(|(k, v)| (*k, v.as_str())).collect();
    let run = doctor(dir.path(), &env, &[]).await;
    let api = run.line("api");
    assert!(
        api.starts_with("FAIL") && api.contains("somewhere else"),
        "{}",
        run.stdout
    );
    assert_eq!(server.count(), 1, "the redirect is not followed");
}
