//! The token cell with a signed-in account's origin, against the scripted identity provider:
//! renewal before expiry, a 401 renews once, a second 401 signs out, a failed renewal does not,
//! and a signed-out cell takes a new login from the store.

use super::*;
use crate::auth::fake_idp::{FakeIdp, grant};
use crate::config::secret::{SignInTokens, write_signin};

fn tokens(access: &str, expires_in: i64) -> SignInTokens {
    SignInTokens {
        access: Secret::new(access),
        refresh: Secret::new("R1"),
        expires_at: chrono::Utc::now().timestamp() + expires_in,
        user: None,
    }
}

struct Setup {
    idp: FakeIdp,
    store: std::path::PathBuf,
    origin: TokenOrigin,
    _dir: tempfile::TempDir,
}

async fn setup(answers: Vec<(u16, serde_json::Value)>, stored: Option<SignInTokens>) -> Setup {
    let idp = FakeIdp::start(answers).await;
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let store = dir.path().join("credentials.toml");
    if let Some(stored) = stored {
        write_signin(&store, "viva", &stored).unwrap_or_else(|e| panic!("{e}"));
    }
    let origin = TokenOrigin::SignIn {
        account: "viva".into(),
        store: store.clone(),
        config: idp.config(),
    };
    Setup {
        idp,
        store,
        origin,
        _dir: dir,
    }
}

fn sent(cell: &TokenCell) -> Result<String, ApiError> {
    cell.credential()
        .map(|c| c.header.to_str().unwrap_or_default().to_owned())
}

#[tokio::test]
async fn a_token_near_expiry_is_renewed_before_the_request() {
    let setup = setup(vec![grant("A2", "R2", 3600)], Some(tokens("A1", 60))).await;
    let cell = TokenCell::new("A1", setup.origin.clone()).unwrap_or_else(|e| panic!("{e}"));
    cell.prepare().await;
    assert_eq!(sent(&cell), Ok("Bearer A2".to_owned()));
    cell.prepare().await;
    assert_eq!(setup.idp.forms().len(), 1);
}

#[tokio::test]
async fn a_401_renews_once_and_a_second_signs_out() {
    let setup = setup(vec![grant("A2", "R2", 3600)], Some(tokens("A1", 3600))).await;
    let cell = TokenCell::new("A1", setup.origin.clone()).unwrap_or_else(|e| panic!("{e}"));
    cell.prepare().await;
    assert!(setup.idp.forms().is_empty(), "a valid token is not renewed");
    assert_eq!(cell.unauthorized(0).await, AfterUnauthorized::NewToken);
    assert_eq!(sent(&cell), Ok("Bearer A2".to_owned()));
    assert_eq!(cell.unauthorized(1).await, AfterUnauthorized::Rejected);
    assert_eq!(
        sent(&cell),
        Err(ApiError::SignedOut {
            account: "viva".into()
        })
    );
}

#[tokio::test]
async fn a_failed_renewal_fails_the_request_but_not_the_sign_in() {
    let setup = setup(
        vec![(500, serde_json::json!({})), grant("A2", "R2", 3600)],
        Some(tokens("A1", 3600)),
    )
    .await;
    let cell = TokenCell::new("A1", setup.origin.clone()).unwrap_or_else(|e| panic!("{e}"));
    let after = cell.unauthorized(0).await;
    assert!(
        matches!(&after, AfterUnauthorized::NotRenewed(ApiError::NotRenewed { reason }) if reason.contains("500")),
        "{after:?}"
    );
    assert!(!cell.is_rejected());
    assert_eq!(cell.unauthorized(0).await, AfterUnauthorized::NewToken);
}

#[tokio::test]
async fn a_signed_out_cell_takes_a_new_login_from_the_store() {
    let setup = setup(vec![], None).await;
    let cell = TokenCell::new("", setup.origin.clone()).unwrap_or_else(|e| panic!("{e}"));
    cell.prepare().await;
    let signed_out = Err(ApiError::SignedOut {
        account: "viva".into(),
    });
    assert_eq!(sent(&cell), signed_out);
    cell.prepare().await;
    assert_eq!(sent(&cell), signed_out);
    write_signin(&setup.store, "viva", &tokens("A7", 3600)).unwrap_or_else(|e| panic!("{e}"));
    cell.prepare().await;
    assert_eq!(sent(&cell), Ok("Bearer A7".to_owned()));
    assert!(setup.idp.forms().is_empty());
}
