//! `kring serve` as the identity provider: the device-code flow (pending, slow_down, expiry,
//! denial, approval, single use), the authorization-code flow with PKCE, refresh-token rotation
//! and reuse detection, access-token expiry, escaping in the HTML pages, and tokens kept only as
//! hashes in the database.

use crate::harness::identity;
use crate::harness::server;

use std::time::{Duration, Instant};

use identity::{
    CLIENT, DEVICE_GRANT, REDIRECT, SCOPE, assert_oauth_error, assert_token_not_found,
    challenge_of, database_bytes, downgrade_to_first_layout, idp, param, redirect_params,
};
use reqwest::StatusCode;
use reqwest::header::LOCATION;

#[tokio::test]
async fn device_flow_pends_slows_down_then_signs_in_once() {
    let idp = idp(|opts| opts.device_code_interval = Duration::from_secs(1)).await;
    let issued = idp.device_code().await;
    let user_code = issued["user_code"].as_str().unwrap();
    assert_eq!(user_code.len(), 9);
    assert!(user_code.bytes().all(|b| b.is_ascii_alphanumeric()));
    assert_eq!(
        issued["verification_uri"],
        format!("{}/devicelogin", idp.origin)
    );
    assert_eq!(issued["interval"], 1);
    assert_eq!(issued["expires_in"], 900);
    let message = issued["message"].as_str().unwrap();
    assert!(message.contains(user_code) && message.contains("/devicelogin"));

    assert_oauth_error(&idp.poll(&issued).await, "authorization_pending", 70016);
    let fast = idp.poll(&issued).await;
    assert_oauth_error(&fast, "slow_down", 70016);
    assert!(
        fast.json()["error_description"]
            .as_str()
            .unwrap()
            .contains("6 seconds")
    );

    // A second device, polled at its interval, approved by the user.
    let second = idp.device_code().await;
    assert_oauth_error(&idp.poll(&second).await, "authorization_pending", 70016);
    let page = idp
        .device_login(
            &second["user_code"].as_str().unwrap().to_lowercase(),
            "demo",
            "approve",
        )
        .await;
    assert_eq!(page.status, StatusCode::OK, "{}", page.text);
    assert!(page.text.contains("signed in"), "{}", page.text);
    tokio::time::sleep(Duration::from_millis(1050)).await;
    let reply = idp.poll(&second).await;
    assert_eq!(reply.status, StatusCode::OK, "{}", reply.text);
    let tokens = reply.json();
    assert_eq!(tokens["token_type"], "Bearer");
    assert_eq!(tokens["scope"], "https://api.yammer.com/user_impersonation");
    assert_eq!(tokens["expires_in"], 3600);
    assert_eq!(tokens["ext_expires_in"], 3600);
    assert!(
        tokens["refresh_token"]
            .as_str()
            .is_some_and(|t| t.len() >= 32)
    );
    let me = idp
        .current_user(tokens["access_token"].as_str().unwrap())
        .await;
    assert_eq!(me.status, StatusCode::OK, "{}", me.text);
    assert_eq!(me.json()["name"], "demo");

    assert_oauth_error(&idp.poll(&second).await, "invalid_grant", 70000);
    let other_client = idp
        .post(
            &idp.oauth("token"),
            &[
                ("grant_type", DEVICE_GRANT),
                ("client_id", "someone-else"),
                ("device_code", issued["device_code"].as_str().unwrap()),
            ],
        )
        .await;
    assert_oauth_error(&other_client, "invalid_grant", 70000);
}

#[tokio::test]
async fn device_codes_expire_and_can_be_denied() {
    let idp = idp(|opts| opts.device_code_ttl = Duration::from_secs(1)).await;
    let denied = idp.device_code().await;
    let page = idp
        .device_login(denied["user_code"].as_str().unwrap(), "", "deny")
        .await;
    assert_eq!(page.status, StatusCode::OK, "{}", page.text);
    assert_oauth_error(&idp.poll(&denied).await, "access_denied", 65004);

    let late = idp.device_code().await;
    assert_eq!(late["expires_in"], 1);
    let deadline = Instant::now() + Duration::from_secs(10);
    loop {
        let reply = idp.poll(&late).await;
        if reply.json()["error"] == "expired_token" {
            assert_oauth_error(&reply, "expired_token", 70019);
            break;
        }
        assert_oauth_error(&reply, "authorization_pending", 70016);
        assert!(Instant::now() < deadline, "the device code never expired");
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    let page = idp
        .device_login(late["user_code"].as_str().unwrap(), "demo", "approve")
        .await;
    assert_eq!(page.status, StatusCode::BAD_REQUEST);
    assert!(page.text.contains("expired"), "{}", page.text);
}

#[tokio::test]
async fn bad_token_requests_are_entra_errors() {
    let idp = idp(|_| {}).await;
    let token = idp.oauth("token");
    let unknown = idp
        .post(
            &token,
            &[
                ("grant_type", DEVICE_GRANT),
                ("client_id", CLIENT),
                ("device_code", "no-such-code"),
            ],
        )
        .await;
    assert_oauth_error(&unknown, "invalid_grant", 70000);
    let no_client = idp.post(&token, &[("grant_type", DEVICE_GRANT)]).await;
    assert_oauth_error(&no_client, "invalid_request", 900144);
    let odd = idp
        .post(&token, &[("grant_type", "password"), ("client_id", CLIENT)])
        .await;
    assert_oauth_error(&odd, "unsupported_grant_type", 70003);
    let no_scope = idp
        .post(&idp.oauth("devicecode"), &[("client_id", CLIENT)])
        .await;
    assert_oauth_error(&no_scope, "invalid_request", 900144);
    let correlated = idp
        .server
        .send(
            idp.http
                .post(&token)
                .header("client-request-id", "0f0e0d0c-0b0a-0908-0706-050403020100")
                .form(&[("grant_type", "password"), ("client_id", CLIENT)]),
        )
        .await;
    assert_eq!(
        correlated.json()["correlation_id"],
        "0f0e0d0c-0b0a-0908-0706-050403020100"
    );
}

#[tokio::test]
async fn device_login_pages_refuse_unknown_codes_and_users_and_escape_input() {
    let idp = idp(|_| {}).await;
    let form = idp
        .server
        .send(
            idp.http
                .get(format!("{}/devicelogin", idp.origin))
                .query(&[("code", "<script>alert(1)</script>")]),
        )
        .await;
    assert_eq!(form.status, StatusCode::OK);
    assert!(form.text.contains("&lt;script&gt;alert(1)&lt;/script&gt;"));
    assert!(!form.text.contains("<script>"));

    let unknown_code = idp.device_login("NOPE12345", "demo", "approve").await;
    assert_eq!(unknown_code.status, StatusCode::BAD_REQUEST);
    assert!(unknown_code.text.contains("not valid"));

    let issued = idp.device_code().await;
    let user_code = issued["user_code"].as_str().unwrap();
    let unknown_user = idp
        .device_login(user_code, "<script>x</script>", "approve")
        .await;
    assert_eq!(unknown_user.status, StatusCode::BAD_REQUEST);
    assert!(unknown_user.text.contains("&lt;script&gt;x&lt;/script&gt;"));
    assert!(!unknown_user.text.contains("<script>"));
    assert_oauth_error(&idp.poll(&issued).await, "authorization_pending", 70016);
}

#[tokio::test]
async fn access_tokens_expire_but_print_token_tokens_do_not() {
    let idp = idp(|opts| opts.token_ttl = Duration::from_secs(2)).await;
    let tokens = idp.sign_in("demo").await;
    assert_eq!(tokens["expires_in"], 2);
    let access = tokens["access_token"].as_str().unwrap();
    assert_eq!(idp.current_user(access).await.status, StatusCode::OK);
    let deadline = Instant::now() + Duration::from_secs(10);
    loop {
        let reply = idp.current_user(access).await;
        if reply.status == StatusCode::UNAUTHORIZED {
            assert_token_not_found(&reply);
            break;
        }
        assert!(Instant::now() < deadline, "the access token never expired");
        tokio::time::sleep(Duration::from_millis(200)).await;
    }
    let printed = idp.current_user(&idp.server.token).await;
    assert_eq!(printed.status, StatusCode::OK, "{}", printed.text);
}

#[tokio::test]
async fn authorization_code_flow_with_pkce() {
    let idp = idp(|_| {}).await;
    let verifier = "a-verifier-of-more-than-forty-three-characters_0123456789";
    let challenge = challenge_of(verifier);

    let page = idp
        .server
        .send(idp.http.get(idp.oauth("authorize")).query(&[
            ("client_id", CLIENT),
            ("response_type", "code"),
            ("redirect_uri", REDIRECT),
            ("scope", SCOPE),
            ("state", "<script>s</script>"),
            ("code_challenge", challenge.as_str()),
            ("code_challenge_method", "S256"),
        ]))
        .await;
    assert_eq!(page.status, StatusCode::OK, "{}", page.text);
    assert!(page.text.contains("&lt;script&gt;s&lt;/script&gt;"));
    assert!(!page.text.contains("<script>"));

    let approved = redirect_params(&idp.authorize(&challenge, &[("username", "demo")]).await);
    assert_eq!(param(&approved, "state"), Some("st-42"));
    let code = param(&approved, "code").unwrap();

    let wrong = idp.redeem_code(code, REDIRECT, "not-the-verifier").await;
    assert_oauth_error(&wrong, "invalid_grant", 501481);
    let elsewhere = idp
        .redeem_code(code, "http://localhost:8400/other", verifier)
        .await;
    assert_oauth_error(&elsewhere, "invalid_grant", 500112);
    let reply = idp.redeem_code(code, REDIRECT, verifier).await;
    assert_eq!(reply.status, StatusCode::OK, "{}", reply.text);
    let tokens = reply.json();
    let access = tokens["access_token"].as_str().unwrap();
    assert_eq!(idp.current_user(access).await.status, StatusCode::OK);

    let replay = idp.redeem_code(code, REDIRECT, verifier).await;
    assert_oauth_error(&replay, "invalid_grant", 54005);
    assert_token_not_found(&idp.current_user(access).await);
    let refresh = tokens["refresh_token"].as_str().unwrap();
    assert_oauth_error(&idp.refresh(CLIENT, refresh).await, "invalid_grant", 70000);
}

#[tokio::test]
async fn authorize_refuses_and_denies_by_redirect_or_page() {
    let idp = idp(|opts| opts.auth_code_ttl = Duration::from_millis(300)).await;
    let verifier = "another-verifier-of-more-than-forty-three-characters_012345";
    let challenge = challenge_of(verifier);

    let denied = redirect_params(
        &idp.authorize(&challenge, &[("username", "demo"), ("decision", "deny")])
            .await,
    );
    assert_eq!(param(&denied, "error"), Some("access_denied"));
    assert_eq!(param(&denied, "state"), Some("st-42"));
    assert_eq!(param(&denied, "code"), None);

    let plain = redirect_params(
        &idp.authorize(
            &challenge,
            &[("username", "demo"), ("code_challenge_method", "plain")],
        )
        .await,
    );
    assert_eq!(param(&plain, "error"), Some("invalid_request"));
    let short = redirect_params(&idp.authorize("abc", &[("username", "demo")]).await);
    assert_eq!(param(&short, "error"), Some("invalid_request"));

    for outside in ["https://localhost:8400/cb", "http://example.com:8400/cb"] {
        let refused = idp
            .authorize(
                &challenge,
                &[("username", "demo"), ("redirect_uri", outside)],
            )
            .await;
        assert_eq!(refused.status, StatusCode::BAD_REQUEST, "{outside}");
        assert!(refused.headers.get(LOCATION).is_none());
    }

    let nobody = idp
        .authorize(&challenge, &[("username", "<b>nobody</b>")])
        .await;
    assert_eq!(nobody.status, StatusCode::BAD_REQUEST);
    assert!(nobody.text.contains("&lt;b&gt;nobody&lt;/b&gt;"));

    let approved = redirect_params(&idp.authorize(&challenge, &[("username", "demo")]).await);
    tokio::time::sleep(Duration::from_millis(400)).await;
    let late = idp
        .redeem_code(param(&approved, "code").unwrap(), REDIRECT, verifier)
        .await;
    assert_oauth_error(&late, "invalid_grant", 70008);
}

#[tokio::test]
async fn refresh_tokens_rotate_and_reuse_revokes_the_sign_in() {
    let idp = idp(|_| {}).await;
    let first = idp.sign_in("demo").await;
    let r1 = first["refresh_token"].as_str().unwrap();

    let foreign = idp.refresh("someone-else", r1).await;
    assert_oauth_error(&foreign, "invalid_grant", 70000);

    let second = idp.refresh(CLIENT, r1).await;
    assert_eq!(second.status, StatusCode::OK, "{}", second.text);
    let second = second.json();
    let r2 = second["refresh_token"].as_str().unwrap();
    assert_ne!(r1, r2);
    let third = idp.refresh(CLIENT, r2).await.json();
    let r3 = third["refresh_token"].as_str().unwrap();
    let a3 = third["access_token"].as_str().unwrap();
    assert_eq!(idp.current_user(a3).await.status, StatusCode::OK);

    // Someone replays a spent token: the whole sign-in goes.
    assert_oauth_error(&idp.refresh(CLIENT, r1).await, "invalid_grant", 50173);
    assert_oauth_error(&idp.refresh(CLIENT, r3).await, "invalid_grant", 70000);
    assert_token_not_found(&idp.current_user(a3).await);

    // Another sign-in of the same user is untouched.
    let other = idp.sign_in("demo").await;
    let renewed = idp
        .refresh(CLIENT, other["refresh_token"].as_str().unwrap())
        .await;
    assert_eq!(renewed.status, StatusCode::OK, "{}", renewed.text);
}

#[tokio::test]
async fn the_database_holds_no_token_in_plaintext() {
    let idp = idp(|_| {}).await;
    let signed_in = idp.sign_in("demo").await;
    let refreshed = idp
        .refresh(CLIENT, signed_in["refresh_token"].as_str().unwrap())
        .await
        .json();
    let mut issued = vec![idp.server.token.clone(), idp.server.token_for("demo")];
    for tokens in [&signed_in, &refreshed] {
        for key in ["access_token", "refresh_token"] {
            issued.push(tokens[key].as_str().unwrap().to_owned());
        }
    }
    let bytes = database_bytes(&idp.server);
    assert!(!bytes.is_empty());
    for token in &issued {
        assert!(
            !bytes.windows(token.len()).any(|w| w == token.as_bytes()),
            "a token is stored in plaintext"
        );
    }
}

#[tokio::test]
async fn plaintext_tokens_of_an_older_database_are_hashed_and_keep_working() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("old.sqlite");
    let mut small = server::options(db.clone());
    small.seed_demo = false;
    kring::server::token_with(&small, None).unwrap();
    let old_token = "plaintext-token-from-the-first-layout";
    downgrade_to_first_layout(&db, old_token);
    let running = kring::server::spawn(small).await.unwrap();
    let reply = reqwest::Client::new()
        .get(format!("{}/users/current.json", running.base_url))
        .bearer_auth(old_token)
        .send()
        .await
        .unwrap();
    assert_eq!(reply.status(), StatusCode::OK);
    running.shutdown().await.unwrap();
    let conn = rusqlite::Connection::open(&db).unwrap();
    let version: i64 = conn
        .pragma_query_value(None, "user_version", |r| r.get(0))
        .unwrap();
    assert_eq!(version, 7);
    conn.execute_batch("PRAGMA wal_checkpoint(TRUNCATE);")
        .unwrap();
    let bytes = std::fs::read(&db).unwrap();
    assert!(
        !bytes
            .windows(old_token.len())
            .any(|w| w == old_token.as_bytes())
    );
}
