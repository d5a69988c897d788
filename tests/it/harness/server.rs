//! The in-process `kring serve` the tests talk to: `kring::server::spawn` on 127.0.0.1 port 0
//! over a temporary SQLite file, either the demo network (seeded once per test binary and
//! copied) or an empty one with just the `demo` user; tokens from `kring::server::token_for`.
//! Tests reach it over raw HTTP (a thin reqwest wrapper returning status, headers and JSON) or
//! through a real `kring::api::Client`. People and communities can be added straight into the
//! database (the API has no call that creates them); messages, likes, memberships and follows
//! are always made through the API under test. Also the low-level start on a given address,
//! for tests that stop a server and bring it back on the same port.

use std::error::Error;
use std::net::SocketAddr;
use std::path::{Path, PathBuf};
use std::sync::OnceLock;
use std::time::Duration;

use kring::api::{Client, ClientOptions, NewMessage};
use kring::server::{RunningServer, ServeOptions, spawn, token_for};
use kring::store::SentMessage;
use reqwest::header::HeaderMap;
use reqwest::{Method, StatusCode};
use rusqlite::{Connection, params};
use serde_json::Value;
use tempfile::TempDir;

pub type TestResult = Result<(), Box<dyn Error + Send + Sync>>;
pub type Fallible<T> = Result<T, Box<dyn Error + Send + Sync>>;

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
    /// `None` once stopped.
    pub server: Option<RunningServer>,
    pub db: PathBuf,
    /// The `demo` user's token.
    pub token: String,
    /// A plain HTTP client for raw requests.
    pub client: reqwest::Client,
    /// `http://127.0.0.1:PORT/api/v1`.
    pub base: String,
    /// Holds the database's directory for the server's lifetime.
    _dir: TempDir,
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
    launch(dir, opts).await
}

/// Starts a server on a small, empty network (just the `demo` user).
pub async fn start_empty() -> TestServer {
    start_empty_with(|_| {}).await
}

/// Starts a server on an empty network, with adjusted options.
pub async fn start_empty_with(adjust: impl FnOnce(&mut ServeOptions)) -> TestServer {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("kring-serve.sqlite");
    let mut opts = options(db);
    opts.seed_demo = false;
    adjust(&mut opts);
    launch(dir, opts).await
}

async fn launch(dir: TempDir, opts: ServeOptions) -> TestServer {
    let db = opts.db.clone();
    let server = spawn(opts).await.unwrap();
    let path = db.clone();
    let token = tokio::task::spawn_blocking(move || token_for(&path, None))
        .await
        .unwrap()
        .unwrap();
    TestServer {
        base: server.base_url.clone(),
        server: Some(server),
        db,
        token,
        client: reqwest::Client::builder()
            .timeout(Duration::from_secs(30))
            .build()
            .unwrap(),
        _dir: dir,
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

    /// A client as the `demo` user, without a client-side budget.
    pub fn api_client(&self) -> Client {
        self.api_client_with(&self.token)
    }

    /// A client with any token, without a client-side budget.
    pub fn api_client_with(&self, token: &str) -> Client {
        let options = ClientOptions {
            budget: None,
            ..test_options()
        };
        Client::with_options(&self.base, token, options).unwrap()
    }

    /// The token of `username`, minted on first use.
    pub async fn token_of(&self, username: &str) -> String {
        let path = self.db.clone();
        let name = username.to_owned();
        tokio::task::spawn_blocking(move || token_for(&path, Some(&name)))
            .await
            .unwrap()
            .unwrap()
    }

    fn connection(&self) -> Connection {
        let conn = Connection::open(&self.db).unwrap();
        conn.busy_timeout(Duration::from_secs(10)).unwrap();
        conn
    }

    /// Adds people `person001`… with ids from `first_id`; returns their ids.
    pub fn add_people(&self, first_id: u64, count: u64) -> Vec<u64> {
        let conn = self.connection();
        (0..count)
            .map(|n| {
                let id = first_id + n;
                let username = format!("person{id}");
                conn.execute(
                    "INSERT INTO users (id, username, full_name, email, job_title, expertise, activated_at)
                     VALUES (?1, ?2, ?3, ?4, 'Analyst', 'pricing, gdpr', 1700000000)",
                    params![
                        id as i64,
                        username,
                        format!("Person {id}"),
                        format!("{username}@halden.example")
                    ],
                )
                .unwrap();
                id
            })
            .collect()
    }

    /// Adds a public community with these members.
    pub fn add_group(&self, id: u64, full_name: &str, members: &[u64]) -> u64 {
        let conn = self.connection();
        let slug: String = full_name
            .chars()
            .filter(char::is_ascii_alphanumeric)
            .collect::<String>()
            .to_ascii_lowercase();
        conn.execute(
            "INSERT INTO groups (id, slug, full_name, description, created_at)
             VALUES (?1, ?2, ?3, 'A test community', 1700000000)",
            params![id as i64, slug, full_name],
        )
        .unwrap();
        for member in members {
            conn.execute(
                "INSERT INTO group_members (group_id, user_id) VALUES (?1, ?2)",
                params![id as i64, *member as i64],
            )
            .unwrap();
        }
        id
    }
}

/// Short timeouts for a local server; the caller chooses the budget.
pub fn test_options() -> ClientOptions {
    ClientOptions {
        connect_timeout: Duration::from_secs(2),
        read_timeout: Duration::from_secs(10),
        total_timeout: Duration::from_secs(20),
        get_retries: 1,
        retry_base: Duration::from_millis(20),
        ..ClientOptions::default()
    }
}

/// Posts `body` to a community and returns the new message's id.
pub async fn post_to_group(client: &Client, group: u64, body: &str) -> u64 {
    let message = NewMessage {
        body: body.to_owned(),
        group_id: Some(group),
        ..NewMessage::default()
    };
    first_id(client.post_message(&message).await.unwrap())
}

/// Replies to `parent` and returns the reply's id.
pub async fn reply_to(client: &Client, parent: u64, body: &str) -> u64 {
    let message = NewMessage {
        body: body.to_owned(),
        replied_to_id: Some(parent),
        ..NewMessage::default()
    };
    first_id(client.post_message(&message).await.unwrap())
}

fn first_id(envelope: kring::api::dto::MessagesEnvelope) -> u64 {
    assert_eq!(
        envelope.messages.len(),
        1,
        "a POST answers with the new message"
    );
    envelope.messages[0].id
}

/// A client without a request budget (the test server has no rate limit).
pub fn client(base_url: &str, token: &str) -> Fallible<Client> {
    let options = ClientOptions {
        budget: None,
        ..ClientOptions::default()
    };
    Ok(Client::with_options(base_url, token, options)?)
}

/// Starts a server on `bind` over `db` (created empty, without the demo, when new).
pub async fn serve(db: &Path, bind: SocketAddr) -> Fallible<RunningServer> {
    let mut options = ServeOptions::new(db);
    options.bind = bind;
    options.seed_demo = false;
    options.rate_limit = false;
    Ok(spawn(options).await?)
}

/// Starts a server on a free port and returns it with the `demo` user's token.
pub async fn serve_fresh(db: &Path) -> Fallible<(RunningServer, String)> {
    let running = serve(db, SocketAddr::from(([127, 0, 0, 1], 0))).await?;
    let db = db.to_path_buf();
    let token = tokio::task::spawn_blocking(move || token_for(&db, None)).await??;
    Ok((running, token))
}

/// Everything in the user's sent feed, newest first.
pub async fn server_sent(client: &Client) -> Fallible<Vec<SentMessage>> {
    let (sent, _) = kring::delivery::fetch_sent_since(client, i64::MIN, 100_000).await?;
    Ok(sent)
}
