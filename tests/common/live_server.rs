//! A real `kring serve` for client tests: `kring::server::spawn` on 127.0.0.1 port 0 over a
//! temporary SQLite file, tokens from `kring::server::token_for`, and clients pointed at it.
//! People and communities are added straight into the database (the API has no call that creates
//! them); messages, likes, memberships and follows are always made through the API under test.
//! Test-only.

// Test support: each test binary uses a different subset, and a failed setup should panic.
#![allow(dead_code, clippy::unwrap_used)]

use std::path::PathBuf;
use std::time::Duration;

use kring::api::{Client, ClientOptions, NewMessage};
use kring::server::{RunningServer, ServeOptions, spawn, token_for};
use rusqlite::{Connection, params};

/// A running server on its own database, with the demo user's token.
pub struct Live {
    pub server: RunningServer,
    pub db: PathBuf,
    /// The `demo` user's token.
    pub token: String,
    _dir: tempfile::TempDir,
}

/// Server options for a small, empty network (just the `demo` user) without rate limits.
pub fn quiet(db: PathBuf) -> ServeOptions {
    ServeOptions {
        bind: "127.0.0.1:0".parse().unwrap(),
        seed_demo: false,
        rate_limit: false,
        ..ServeOptions::new(db)
    }
}

impl Live {
    /// Starts a server with `quiet` options adjusted by `adjust`.
    pub async fn start(adjust: impl FnOnce(&mut ServeOptions)) -> Self {
        let dir = tempfile::tempdir().unwrap();
        let db = dir.path().join("kring-serve.sqlite");
        let mut options = quiet(db.clone());
        adjust(&mut options);
        let server = spawn(options).await.unwrap();
        let path = db.clone();
        let token = tokio::task::spawn_blocking(move || token_for(&path, None))
            .await
            .unwrap()
            .unwrap();
        Self {
            server,
            db,
            token,
            _dir: dir,
        }
    }

    /// A server with no rate limit and an empty network.
    pub async fn quiet() -> Self {
        Self::start(|_| {}).await
    }

    /// A client as the `demo` user, without a client-side budget.
    pub fn client(&self) -> Client {
        self.client_with(&self.token)
    }

    /// A client with any token, without a client-side budget.
    pub fn client_with(&self, token: &str) -> Client {
        let options = ClientOptions {
            budget: None,
            ..test_options()
        };
        Client::with_options(&self.server.base_url, token, options).unwrap()
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
