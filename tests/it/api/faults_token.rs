//! Token refresh against the fault server: a 401 (Yammer code 16) makes the client run
//! the account's `token_command` once and replay a GET once with the new token; a POST is never
//! replayed; a second 401, or a 401 for a token from an environment variable, leaves the client
//! rejected: every later call fails at once without a request (no request storm) until the
//! token is reloaded. Concurrent 401s run the command once. No error carries either token.

use crate::harness::fault_client;
use crate::harness::fault_server;
use crate::harness::token_script;

use fault_client::{TOKEN, bounded, client, failure};
use fault_server::{Fault, FaultServer, Recorded};
use kring::api::{ApiError, Client, NewMessage};
use kring::config::TokenOrigin;
use token_script::TokenScript;

/// The token the command hands out after the old one is rejected.
const NEW_TOKEN: &str = "RENEWED-TOKEN-456";
const TOKEN_NOT_FOUND: &str =
    r#"{"response":{"message":"Token not found.","code":16,"stat":"fail"}}"#;
const USER: &str = r#"{"type":"user","id":7,"name":"ada","full_name":"Ada"}"#;
const POSTED: &str = r#"{"messages":[],"references":[],"meta":{}}"#;

fn bearer(request: &Recorded) -> &str {
    request.header("authorization").unwrap_or_default()
}

/// Accepts only `NEW_TOKEN`; anything else gets Yammer's 401 code 16.
async fn accepting_only_the_new_token() -> FaultServer {
    FaultServer::start(|_, request| {
        if bearer(request) == format!("Bearer {NEW_TOKEN}") {
            let body = if request.method == "POST" {
                POSTED
            } else {
                USER
            };
            Fault::json(200, body)
        } else {
            Fault::json(401, TOKEN_NOT_FOUND)
        }
    })
    .await
}

fn assert_no_tokens(error: &ApiError) {
    let shown = format!("{error} {error:?}");
    assert!(
        !shown.contains(TOKEN) && !shown.contains(NEW_TOKEN),
        "{shown}"
    );
}

fn env_origin() -> TokenOrigin {
    TokenOrigin::Env {
        variable: "KRING_TOKEN".into(),
    }
}

#[tokio::test]
async fn a_rejected_command_token_is_fetched_again_once_and_the_get_replayed_once() {
    let server = accepting_only_the_new_token().await;
    let script = TokenScript::printing(NEW_TOKEN);
    let api = client(&server.base_url()).with_token_origin(script.origin());

    let user = bounded(api.current_user())
        .await
        .expect("replayed with the new token");
    assert_eq!(user.id, 7);
    let sent: Vec<String> = server
        .requests()
        .iter()
        .map(|r| bearer(r).to_owned())
        .collect();
    assert_eq!(
        sent,
        [format!("Bearer {TOKEN}"), format!("Bearer {NEW_TOKEN}")],
        "one request with the old token, one replay with the new"
    );
    assert_eq!(script.runs(), 1);

    // The new token is kept: no more runs, no more 401s.
    bounded(api.current_user()).await.expect("new token kept");
    assert_eq!(server.count(), 3);
    assert_eq!(script.runs(), 1);
    assert!(!api.token_rejected());
}

#[tokio::test]
async fn a_second_401_rejects_the_token_and_later_calls_send_nothing() {
    let server = FaultServer::always(Fault::json(401, TOKEN_NOT_FOUND)).await;
    let script = TokenScript::printing(NEW_TOKEN);
    let api = client(&server.base_url()).with_token_origin(script.origin());

    let error = failure(bounded(api.current_user()).await);
    assert_eq!(
        error,
        ApiError::Unauthorized {
            message: "Token not found.".into()
        }
    );
    assert_eq!(server.count(), 2, "the request and one replay");
    assert_eq!(script.runs(), 1, "one refresh");
    assert!(api.token_rejected());

    for _ in 0..20 {
        let error = failure(bounded(api.current_user()).await);
        assert_no_tokens(&error);
        assert_eq!(
            error,
            ApiError::TokenRejected {
                origin: "token_command `sh`".into()
            }
        );
        assert!(error.to_string().contains("update it"), "{error}");
    }
    assert_eq!(
        server.count(),
        2,
        "a rejected token sends nothing (no storm)"
    );
    assert_eq!(script.runs(), 1, "and runs the command no more");
}

#[tokio::test]
async fn an_environment_token_is_not_refreshed_but_rejected_at_once() {
    let server = FaultServer::always(Fault::json(401, TOKEN_NOT_FOUND)).await;
    let api = client(&server.base_url()).with_token_origin(env_origin());

    let error = failure(bounded(api.current_user()).await);
    assert!(matches!(error, ApiError::Unauthorized { .. }), "{error:?}");
    assert_eq!(server.count(), 1, "nothing to refresh, nothing replayed");

    let error = failure(bounded(api.current_user()).await);
    assert_eq!(
        error.to_string(),
        "the server rejected the token (environment variable KRING_TOKEN): update it there and \
         restart kring; nothing is sent until then"
    );
    assert_eq!(server.count(), 1);
    // An environment variable cannot change while kring runs: a reload says so.
    let reload = bounded(api.reload_token())
        .await
        .expect_err("env cannot reload");
    assert_no_tokens(&reload);
    assert!(api.token_rejected());
}

#[tokio::test]
async fn a_post_is_never_replayed_but_the_next_one_uses_the_new_token() {
    let server = accepting_only_the_new_token().await;
    let script = TokenScript::printing(NEW_TOKEN);
    let api = client(&server.base_url()).with_token_origin(script.origin());
    let message = NewMessage {
        body: "hello".into(),
        ..NewMessage::default()
    };

    let error = failure(bounded(api.post_message(&message)).await);
    assert_eq!(error, ApiError::TokenRefreshed);
    assert_eq!(
        server.count(),
        1,
        "the refused POST is not sent again by the client"
    );
    assert_eq!(script.runs(), 1);

    bounded(api.post_message(&message))
        .await
        .expect("sent again by its caller");
    let posts: Vec<String> = server
        .requests()
        .iter()
        .filter(|r| r.method == "POST")
        .map(|r| bearer(r).to_owned())
        .collect();
    assert_eq!(
        posts,
        [format!("Bearer {TOKEN}"), format!("Bearer {NEW_TOKEN}")]
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn concurrent_401s_run_the_command_once() {
    let server = accepting_only_the_new_token().await;
    let script = TokenScript::printing(NEW_TOKEN);
    let api = client(&server.base_url()).with_token_origin(script.origin());
    let calls: Vec<_> = (0..8)
        .map(|_| {
            let api: Client = api.clone();
            tokio::spawn(async move { api.current_user().await })
        })
        .collect();
    for call in calls {
        bounded(call)
            .await
            .expect("joined")
            .expect("every call ends signed in");
    }
    assert_eq!(script.runs(), 1, "one refresh for all of them");
    let with_new = server
        .requests()
        .iter()
        .filter(|r| bearer(r) == format!("Bearer {NEW_TOKEN}"))
        .count();
    assert_eq!(with_new, 8, "each call replayed once with the new token");
}

#[tokio::test]
async fn a_reload_after_the_user_updated_the_token_lets_requests_out_again() {
    let server = accepting_only_the_new_token().await;
    // The command first still prints the rejected token.
    let script = TokenScript::printing(TOKEN);
    let api = client(&server.base_url()).with_token_origin(script.origin());
    let error = failure(bounded(api.current_user()).await);
    assert!(matches!(error, ApiError::Unauthorized { .. }), "{error:?}");
    assert_eq!(server.count(), 1, "the same token again is not replayed");
    assert!(api.token_rejected());

    std::fs::write(&script.token, format!("{NEW_TOKEN}\n")).expect("user updates the token");
    bounded(api.reload_token()).await.expect("reloaded");
    assert!(!api.token_rejected());
    bounded(api.current_user()).await.expect("signed in again");
    assert_eq!(server.count(), 2);
}
