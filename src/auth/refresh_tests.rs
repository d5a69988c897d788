//! Unit tests of `refresh` against the scripted provider: renewal near expiry with rotation,
//! another process's renewal taken as is, refusal signs out, failures leave the store alone.

use super::super::fake_idp::{FakeIdp, grant, oauth_error};
use super::*;
use crate::config::secret::{read_signin, write_signin};

fn stored(access: &str, refresh: &str, expires_in: i64) -> SignInTokens {
    SignInTokens {
        access: Secret::new(access),
        refresh: Secret::new(refresh),
        expires_at: now_unix() + expires_in,
        user: Some("Ada".into()),
    }
}

async fn setup(
    answers: Vec<(u16, serde_json::Value)>,
    tokens: &SignInTokens,
) -> (FakeIdp, Renewer, tempfile::TempDir) {
    let idp = FakeIdp::start(answers).await;
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let store = dir.path().join("credentials.toml");
    write_signin(&store, "viva", tokens).unwrap_or_else(|e| panic!("{e}"));
    let origin = TokenOrigin::SignIn {
        account: "viva".into(),
        store,
        config: idp.config(),
    };
    let renewer = Renewer::for_origin(&origin).unwrap_or_else(|| panic!("a sign-in renews"));
    (idp, renewer, dir)
}

fn on_disk(renewer: &Renewer) -> Option<SignInTokens> {
    read_signin(renewer.store(), "viva").unwrap_or_else(|e| panic!("{e}"))
}

#[tokio::test]
async fn near_expiry_it_redeems_and_saves_the_rotated_refresh_token() {
    let (idp, renewer, _dir) = setup(vec![grant("A2", "R2", 3600)], &stored("A1", "R1", 60)).await;
    let renewal = renewer
        .renew("A1", false)
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(renewal.access.expose(), "A2");
    let forms = idp.forms();
    assert_eq!(forms.len(), 1);
    assert_eq!(forms[0]["grant_type"], "refresh_token");
    assert_eq!(forms[0]["refresh_token"], "R1");
    assert_eq!(forms[0]["scope"], SCOPE);
    let saved = on_disk(&renewer).unwrap_or_else(|| panic!("saved"));
    assert_eq!(saved.refresh.expose(), "R2");
    assert_eq!(saved.user.as_deref(), Some("Ada"));
    assert!(saved.expires_at > now_unix() + 3000);
}

#[tokio::test]
async fn a_valid_or_newer_stored_token_is_used_without_redeeming() {
    let (idp, renewer, _dir) = setup(vec![], &stored("A9", "R9", 3600)).await;
    // Valid and not rejected: nothing to do.
    assert_eq!(
        renewer.renew("A9", false).await.map(|r| r.access),
        Ok(Secret::new("A9"))
    );
    // Another process renewed: even a rejection of the old token takes the stored one.
    assert_eq!(
        renewer.renew("A1", true).await.map(|r| r.access),
        Ok(Secret::new("A9"))
    );
    assert!(idp.forms().is_empty());
}

#[tokio::test]
async fn invalid_grant_signs_out_and_garbage_changes_nothing() {
    let before = stored("A1", "R1", 3600);
    let (_idp, renewer, _dir) = setup(
        vec![
            oauth_error("invalid_grant"),
            (500, serde_json::json!({})),
            (200, serde_json::json!({"x": "R1"})),
        ],
        &before,
    )
    .await;
    assert_eq!(
        renewer.renew("A1", true).await.err(),
        Some(AuthError::SignedOut {
            account: "viva".into()
        })
    );
    for _ in 0..2 {
        let error = renewer.renew("A1", true).await.err().map(|e| e.to_string());
        let text = error.unwrap_or_default();
        assert!(text.contains("unchanged") && !text.contains("R1"), "{text}");
        assert_eq!(on_disk(&renewer), Some(before.clone()));
    }
}

#[tokio::test]
async fn concurrent_renewals_redeem_once() {
    let (idp, renewer, _dir) = setup(vec![grant("A2", "R2", 3600)], &stored("A1", "R1", 10)).await;
    let renewer = std::sync::Arc::new(renewer);
    let tasks: Vec<_> = (0..4)
        .map(|_| {
            let renewer = std::sync::Arc::clone(&renewer);
            tokio::spawn(async move { renewer.renew("A1", false).await })
        })
        .collect();
    for task in tasks {
        let renewal = task.await.unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(renewal.map(|r| r.access), Ok(Secret::new("A2")));
    }
    assert_eq!(idp.forms().len(), 1);
}
