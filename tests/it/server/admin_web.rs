//! What a team's `kring serve` shows on the web: `--public-url` in links and the device-login
//! address, and the HTML page behind a thread's `web_url` (escaped, for bearers only).

use super::admin::{CLIENT, kring, stdout, team};
use reqwest::StatusCode;
use serde_json::Value;

#[tokio::test]
async fn links_and_the_device_login_point_at_the_public_url() {
    let team = team(Some("https://kring.example.com")).await;
    let posted = team
        .post(
            "/api/v1/messages.json",
            &team.demo,
            &[("body", "Where am I?")],
        )
        .await;
    let message = &posted["messages"][0];
    let id = message["id"].as_u64().unwrap();
    assert_eq!(
        message["web_url"],
        format!("https://kring.example.com/messages/{id}")
    );
    assert_eq!(
        message["url"],
        format!("https://kring.example.com/api/v1/messages/{id}")
    );
    let (_, issued) = team
        .form(
            "/common/oauth2/v2.0/devicecode",
            &[("client_id", CLIENT), ("scope", "openid")],
        )
        .await;
    let issued: Value = serde_json::from_str(&issued).unwrap();
    assert_eq!(
        issued["verification_uri"],
        "https://kring.example.com/devicelogin"
    );

    let dir = tempfile::tempdir().unwrap();
    for bad in [
        "kring.example.com",
        "https://kring.example.com/kring",
        "ftp://x.example",
    ] {
        let refused = kring(&dir.path().join("x.sqlite"), &["--public-url", bad]).await;
        assert_eq!(refused.status.code(), Some(2), "{bad}");
        assert!(
            String::from_utf8_lossy(&refused.stderr).contains("public URL"),
            "{bad}"
        );
    }
}

#[tokio::test]
async fn a_threads_web_page_is_escaped_html_for_bearers_only() {
    let team = team(None).await;
    let body = "<script>alert(1)</script> & \"quotes\"\nsecond line";
    let posted = team
        .post("/api/v1/messages.json", &team.demo, &[("body", body)])
        .await;
    let id = posted["messages"][0]["id"].as_u64().unwrap();
    let thread = posted["messages"][0]["thread_id"].as_u64().unwrap();
    team.post(
        "/api/v1/messages.json",
        &team.demo,
        &[("body", "A reply"), ("replied_to_id", &id.to_string())],
    )
    .await;
    let web_url = format!("/threads/{thread}");

    let page = team.get(&web_url, Some(&team.demo)).await;
    assert_eq!(page.status(), StatusCode::OK);
    let csp = page.headers()["content-security-policy"]
        .to_str()
        .unwrap()
        .to_owned();
    assert!(csp.contains("default-src 'none'"), "{csp}");
    assert!(
        page.headers()["content-type"]
            .to_str()
            .unwrap()
            .starts_with("text/html")
    );
    let html = page.text().await.unwrap();
    assert!(!html.contains("<script"), "{html}");
    assert!(
        html.contains("&lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;quotes&quot;<br>"),
        "{html}"
    );
    assert!(
        html.contains("A reply") && html.contains("Dana Demo"),
        "{html}"
    );
    let by_message = team
        .get(&format!("/messages/{id}"), Some(&team.demo))
        .await
        .text()
        .await
        .unwrap();
    assert_eq!(by_message, html, "a message's page is its thread's");

    // No bearer token, a token in the query, an unknown thread: one and the same page.
    let stranger = team.get(&web_url, None).await;
    assert_eq!(stranger.status(), StatusCode::UNAUTHORIZED);
    let sign_in = stranger.text().await.unwrap();
    assert!(sign_in.contains("Sign in with kring") && !sign_in.contains("alert"));
    let query = team
        .get(&format!("{web_url}?access_token={}", team.demo), None)
        .await;
    assert_eq!(query.status(), StatusCode::UNAUTHORIZED);
    assert_eq!(query.text().await.unwrap(), sign_in);
    let missing = team
        .get("/threads/999999", None)
        .await
        .text()
        .await
        .unwrap();
    assert_eq!(missing, sign_in);
    let junk = team
        .get(&web_url, Some("not-a-token"))
        .await
        .text()
        .await
        .unwrap();
    assert_eq!(junk, sign_in);

    // Signed in, but not theirs to read: not told apart from a thread that does not exist.
    let added = kring(&team.db, &["user", "add", "bob", "--name", "Bob"]).await;
    stdout(&added);
    let bob = stdout(&kring(&team.db, &["user", "token", "bob"]).await);
    let demo_id = team
        .get("/api/v1/users/current.json", Some(&team.demo))
        .await
        .json::<Value>()
        .await
        .unwrap()["id"]
        .as_u64()
        .unwrap();
    let secret = team
        .post(
            "/api/v1/messages.json",
            &team.demo,
            &[("body", "Just me"), ("direct_to_id", &demo_id.to_string())],
        )
        .await;
    let secret_thread = secret["messages"][0]["thread_id"].as_u64().unwrap();
    let hidden = team
        .get(&format!("/threads/{secret_thread}"), Some(&bob))
        .await;
    assert_eq!(hidden.status(), StatusCode::NOT_FOUND);
    let hidden = hidden.text().await.unwrap();
    let absent = team
        .get("/threads/999999", Some(&bob))
        .await
        .text()
        .await
        .unwrap();
    assert_eq!(hidden, absent);
}
