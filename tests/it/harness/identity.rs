//! Helpers for `server_identity`: a server with the sign-in endpoints, a client that does not
//! follow redirects, the requests of each flow, and checks for Entra-shaped errors.

use std::time::Duration;

use base64::Engine;
use reqwest::StatusCode;
use reqwest::header::LOCATION;
use serde_json::{Value, json};
use sha2::{Digest, Sha256};

use super::server::{Reply, TestServer, start_with};

pub const DEVICE_GRANT: &str = "urn:ietf:params:oauth:grant-type:device_code";
pub const CLIENT: &str = "kring-test-client";
pub const SCOPE: &str = "https://api.yammer.com/user_impersonation offline_access";
pub const REDIRECT: &str = "http://localhost:8400/callback";

/// A server with the sign-in endpoints, and a client that does not follow redirects.
pub struct Idp {
    pub server: TestServer,
    pub origin: String,
    pub http: reqwest::Client,
}

pub async fn idp(adjust: impl FnOnce(&mut kring::server::ServeOptions)) -> Idp {
    let server = start_with(|opts| {
        opts.device_code_interval = Duration::ZERO;
        adjust(opts);
    })
    .await;
    let origin = format!("http://{}", server.server.as_ref().unwrap().addr);
    let http = reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .timeout(Duration::from_secs(30))
        .build()
        .unwrap();
    Idp {
        server,
        origin,
        http,
    }
}

impl Idp {
    pub fn oauth(&self, endpoint: &str) -> String {
        format!("{}/organizations/oauth2/v2.0/{endpoint}", self.origin)
    }

    pub async fn post(&self, url: &str, form: &[(&str, &str)]) -> Reply {
        self.server.send(self.http.post(url).form(form)).await
    }

    pub async fn device_code(&self) -> Value {
        let reply = self
            .post(
                &self.oauth("devicecode"),
                &[("client_id", CLIENT), ("scope", SCOPE)],
            )
            .await;
        assert_eq!(reply.status, StatusCode::OK, "{}", reply.text);
        reply.json()
    }

    pub async fn poll(&self, device_code: &Value) -> Reply {
        self.post(
            &self.oauth("token"),
            &[
                ("grant_type", DEVICE_GRANT),
                ("client_id", CLIENT),
                ("device_code", device_code["device_code"].as_str().unwrap()),
            ],
        )
        .await
    }

    pub async fn device_login(&self, user_code: &str, username: &str, decision: &str) -> Reply {
        self.post(
            &format!("{}/devicelogin", self.origin),
            &[
                ("user_code", user_code),
                ("username", username),
                ("decision", decision),
            ],
        )
        .await
    }

    /// A whole device-code sign-in as `username`: the token response.
    pub async fn sign_in(&self, username: &str) -> Value {
        let issued = self.device_code().await;
        let approved = self
            .device_login(issued["user_code"].as_str().unwrap(), username, "approve")
            .await;
        assert_eq!(approved.status, StatusCode::OK, "{}", approved.text);
        let reply = self.poll(&issued).await;
        assert_eq!(reply.status, StatusCode::OK, "{}", reply.text);
        reply.json()
    }

    pub async fn refresh(&self, client_id: &str, refresh_token: &str) -> Reply {
        self.post(
            &self.oauth("token"),
            &[
                ("grant_type", "refresh_token"),
                ("client_id", client_id),
                ("refresh_token", refresh_token),
                ("scope", SCOPE),
            ],
        )
        .await
    }

    /// `users/current.json` with `token`.
    pub async fn current_user(&self, token: &str) -> Reply {
        let url = self.server.url("users/current.json");
        self.server
            .send(self.http.get(url).bearer_auth(token))
            .await
    }

    /// Approves an authorization request as `username`: the redirect's location.
    pub async fn authorize(&self, challenge: &str, extra: &[(&str, &str)]) -> Reply {
        let mut form = vec![
            ("client_id", CLIENT),
            ("response_type", "code"),
            ("redirect_uri", REDIRECT),
            ("scope", SCOPE),
            ("state", "st-42"),
            ("code_challenge", challenge),
            ("code_challenge_method", "S256"),
        ];
        form.retain(|(k, _)| !extra.iter().any(|(e, _)| e == k));
        form.extend_from_slice(extra);
        self.post(&self.oauth("authorize"), &form).await
    }

    pub async fn redeem_code(&self, code: &str, redirect_uri: &str, verifier: &str) -> Reply {
        self.post(
            &self.oauth("token"),
            &[
                ("grant_type", "authorization_code"),
                ("client_id", CLIENT),
                ("code", code),
                ("redirect_uri", redirect_uri),
                ("code_verifier", verifier),
            ],
        )
        .await
    }
}

/// Asserts an Entra-shaped OAuth error.
pub fn assert_oauth_error(reply: &Reply, error: &str, code: u64) {
    assert_eq!(reply.status, StatusCode::BAD_REQUEST, "{}", reply.text);
    let body = reply.json();
    assert_eq!(body["error"], error, "{body}");
    assert_eq!(body["error_codes"], json!([code]), "{body}");
    let description = body["error_description"].as_str().unwrap();
    assert!(
        description.starts_with(&format!("AADSTS{code}: ")),
        "{description}"
    );
    for key in ["timestamp", "trace_id", "correlation_id"] {
        assert!(body[key].as_str().is_some_and(|v| !v.is_empty()), "{key}");
    }
}

pub fn assert_token_not_found(reply: &Reply) {
    assert_eq!(reply.status, StatusCode::UNAUTHORIZED, "{}", reply.text);
    assert_eq!(
        reply.json(),
        json!({"response": {"message": "Token not found.", "code": 16, "stat": "fail"}})
    );
}

pub fn challenge_of(verifier: &str) -> String {
    base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(Sha256::digest(verifier.as_bytes()))
}

/// The query parameters of a redirect's `Location`.
pub fn redirect_params(reply: &Reply) -> Vec<(String, String)> {
    assert_eq!(reply.status, StatusCode::FOUND, "{}", reply.text);
    let location = reply.headers[LOCATION].to_str().unwrap();
    assert!(location.starts_with(&format!("{REDIRECT}?")), "{location}");
    url::Url::parse(location)
        .unwrap()
        .query_pairs()
        .map(|(k, v)| (k.into_owned(), v.into_owned()))
        .collect()
}

pub fn param<'a>(params: &'a [(String, String)], key: &str) -> Option<&'a str> {
    params
        .iter()
        .find(|(k, _)| k == key)
        .map(|(_, v)| v.as_str())
}

/// Every file of the database (the main file and its write-ahead log).
pub fn database_bytes(server: &TestServer) -> Vec<u8> {
    let mut bytes = Vec::new();
    for suffix in ["", "-wal", "-journal"] {
        let mut path = server.db.clone().into_os_string();
        path.push(suffix);
        if let Ok(content) = std::fs::read(&path) {
            bytes.extend(content);
        }
    }
    bytes
}

/// Turns a database back into the first layout, where tokens were stored in plaintext, with
/// `token` for the demo user.
pub fn downgrade_to_first_layout(db: &std::path::Path, token: &str) {
    let conn = rusqlite::Connection::open(db).unwrap();
    for index in ["messages_fts", "users_fts", "groups_fts", "topics_fts"] {
        conn.execute_batch(&format!(
            "DROP TRIGGER {index}_insert; DROP TRIGGER {index}_delete;
             DROP TRIGGER {index}_update; DROP TABLE {index};"
        ))
        .unwrap();
    }
    conn.execute_batch(&format!(
        "DROP TABLE relationships; DROP TABLE tokens; DROP TABLE sign_ins; DROP TABLE refresh_tokens;
         CREATE TABLE tokens (token TEXT PRIMARY KEY, user_id INTEGER NOT NULL) WITHOUT ROWID;
         CREATE INDEX tokens_user ON tokens (user_id);
         INSERT INTO tokens SELECT '{token}', id FROM users WHERE username = 'demo';
         ALTER TABLE messages DROP COLUMN message_type;
         ALTER TABLE messages DROP COLUMN title;
         ALTER TABLE messages DROP COLUMN delegate_id;
         DROP TABLE seen_marks;
         ALTER TABLE users DROP COLUMN disabled;
         DROP TABLE group_admins; DROP TABLE group_requests; DROP INDEX groups_private;
         ALTER TABLE groups DROP COLUMN guidelines;
         ALTER TABLE network DROP COLUMN guidelines;
         PRAGMA user_version = 1;"
    ))
    .unwrap();
    conn.execute_batch("PRAGMA wal_checkpoint(TRUNCATE);")
        .unwrap();
}
