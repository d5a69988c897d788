//! Shared helpers for the `server_*` integration tests: a `kring serve` on 127.0.0.1:0 over a
//! temporary database (the demo network is seeded once per test binary and copied), and a thin
//! reqwest wrapper that returns status, headers and JSON.

#![allow(dead_code, clippy::unwrap_used)] // shared by several test binaries; test code

use std::path::{Path, PathBuf};
use std::sync::OnceLock;
use std::time::Duration;

use kring::server::{RunningServer, ServeOptions, spawn, token_for};
use reqwest::header::HeaderMap;
use reqwest::{Method, StatusCode};
use serde_json::Value;
use tempfile::TempDir;

/// A seeded demo database made once per test binary; each test copies it.
fn template_db() -> &'static Path {
    static TEMPLATE: OnceLock<(TempDir, PathBuf)> = OnceLock::new();
    let (_, path) = TEMPLATE.get_or_init(|| {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("template.sqlite");
        token_for(&path, None).unwrap();
        (dir, path)
    });
    path
}

/// A running server and a client for it.
pub struct TestServer {
    pub server: Option<RunningServer>,
    pub dir: TempDir,
    pub db: PathBuf,
    pub token: String,
    pub client: reqwest::Client,
    pub base: String,
}

/// What one request returned.
#[derive(Debug)]
pub struct Reply {
    pub status: StatusCode,
    pub headers: HeaderMap,
    pub text: String,
}

impl Reply {
    pub fn json(&self) -> Value {
        serde_json::from_str(&self.text)
            .unwrap_or_else(|e| panic!("not JSON ({e}): {:?}", self.text))
    }
}

/// Options for a test server: the demo network, rate limits off unless asked.
pub fn options(db: PathBuf) -> ServeOptions {
    let mut opts = ServeOptions::new(db);
    opts.bind = "127.0.0.1:0".parse().unwrap();
    opts.rate_limit = false;
    opts
}

/// Starts a server on a copy of the seeded demo database.
pub async fn start() -> TestServer {
    start_with(|_| {}).await
}

/// Starts a server on a copy of the seeded demo database, with adjusted options.
pub async fn start_with(adjust: impl FnOnce(&mut ServeOptions)) -> TestServer {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("kring.sqlite");
    std::fs::copy(template_db(), &db).unwrap();
    let mut opts = options(db.clone());
    adjust(&mut opts);
    let token = token_for(&db, None).unwrap();
    let server = spawn(opts).await.unwrap();
    TestServer {
        base: server.base_url.clone(),
        server: Some(server),
        dir,
        db,
        token,
        client: reqwest::Client::builder()
            .timeout(Duration::from_secs(30))
            .build()
            .unwrap(),
    }
}

impl TestServer {
    /// The full URL of an API path such as `messages/my_feed.json?x=1`.
    pub fn url(&self, path: &str) -> String {
        format!("{}/{}", self.base, path.trim_start_matches('/'))
    }

    /// A token for another user.
    pub fn token_for(&self, username: &str) -> String {
        token_for(&self.db, Some(username)).unwrap()
    }

    pub async fn send(&self, request: reqwest::RequestBuilder) -> Reply {
        let response = request.send().await.unwrap();
        Reply {
            status: response.status(),
            headers: response.headers().clone(),
            text: response.text().await.unwrap(),
        }
    }

    /// A request with the demo user's token.
    pub fn request(&self, method: Method, path: &str) -> reqwest::RequestBuilder {
        self.client
            .request(method, self.url(path))
            .bearer_auth(&self.token)
    }

    pub async fn get(&self, path: &str) -> Reply {
        self.send(self.request(Method::GET, path)).await
    }

    /// GET that must succeed, returning the JSON.
    pub async fn get_ok(&self, path: &str) -> Value {
        let reply = self.get(path).await;
        assert_eq!(reply.status, StatusCode::OK, "GET {path}: {}", reply.text);
        reply.json()
    }

    pub async fn post_form(&self, path: &str, form: &[(&str, &str)]) -> Reply {
        self.send(self.request(Method::POST, path).form(form)).await
    }

    pub async fn post_json(&self, path: &str, body: &Value) -> Reply {
        self.send(self.request(Method::POST, path).json(body)).await
    }

    pub async fn delete(&self, path: &str) -> Reply {
        self.send(self.request(Method::DELETE, path)).await
    }

    /// Stops the server (the database stays).
    pub async fn stop(&mut self) {
        if let Some(server) = self.server.take() {
            server.shutdown().await.unwrap();
        }
    }
}

/// Message ids of an envelope, in order.
pub fn ids(envelope: &Value) -> Vec<u64> {
    envelope["messages"]
        .as_array()
        .unwrap()
        .iter()
        .map(|m| m["id"].as_u64().unwrap())
        .collect()
}

/// The id of the community with this full name.
pub async fn group_id(server: &TestServer, full_name: &str) -> u64 {
    for page in 1..20 {
        let groups = server.get_ok(&format!("groups.json?page={page}")).await;
        let groups = groups.as_array().unwrap();
        if let Some(g) = groups.iter().find(|g| g["full_name"] == full_name) {
            return g["id"].as_u64().unwrap();
        }
        if groups.len() < 50 {
            break;
        }
    }
    panic!("no group named {full_name}");
}

impl TestServer {
    /// Whether the base URL points at the loopback interface.
    pub fn base_url_is_loopback(&self) -> bool {
        self.base.starts_with("http://127.0.0.1:") && self.base.ends_with("/api/v1")
    }
}
