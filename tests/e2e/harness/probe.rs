//! Looks at a running `kring serve` from outside the client under test: plain HTTP calls with
//! the demo user's token (reqwest on a private current-thread runtime), answers as JSON values.
//! Used by the end-to-end tests to check what the TUI did on the server. Asserts only that
//! each call succeeds.

use reqwest::Method;
use serde_json::Value;

/// An HTTP client for one server and token.
pub struct Probe {
    runtime: tokio::runtime::Runtime,
    http: reqwest::Client,
    base_url: String,
    token: String,
}

impl Probe {
    /// A probe of the API at `base_url` (`http://ADDR/api/v1`) as the holder of `token`.
    pub fn new(base_url: &str, token: &str) -> Self {
        let runtime = tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
            .expect("a runtime for the probe");
        Self {
            runtime,
            // A fresh connection per request: the server closes idle ones after a few
            // seconds, and a pooled one it just closed fails the next request.
            http: reqwest::Client::builder()
                .pool_max_idle_per_host(0)
                .build()
                .expect("an HTTP client"),
            base_url: base_url.trim_end_matches('/').to_owned(),
            token: token.to_owned(),
        }
    }

    /// `METHOD /api/v1/PATH`, whose answer must be a success; its JSON (`null` when empty).
    pub fn call(&self, method: Method, path: &str) -> Value {
        let url = format!("{}/{}", self.base_url, path.trim_start_matches('/'));
        let request = self
            .http
            .request(method.clone(), &url)
            .bearer_auth(&self.token)
            .send();
        self.runtime.block_on(async {
            let response = request
                .await
                .unwrap_or_else(|e| panic!("{method} {url}: {e}"));
            let status = response.status();
            let body = response.text().await.expect("read the answer");
            assert!(status.is_success(), "{method} {url}: {status} {body}");
            if body.trim().is_empty() {
                Value::Null
            } else {
                serde_json::from_str(&body).unwrap_or_else(|e| panic!("{url}: {e}: {body}"))
            }
        })
    }

    /// `GET PATH`.
    pub fn get(&self, path: &str) -> Value {
        self.call(Method::GET, path)
    }

    /// The signed-in user.
    pub fn current_user(&self) -> Value {
        self.get("users/current.json")
    }

    /// The id of the user's community called `full_name`.
    pub fn community_id(&self, full_name: &str) -> u64 {
        let groups = self.get("groups.json?mine=1");
        groups
            .as_array()
            .into_iter()
            .flatten()
            .find(|g| g["full_name"] == full_name)
            .and_then(|g| g["id"].as_u64())
            .unwrap_or_else(|| panic!("no community {full_name:?} in {groups}"))
    }

    /// The threads of a community, newest activity first: each thread's starter.
    pub fn community_threads(&self, group: u64) -> Vec<Value> {
        let envelope = self.get(&format!("messages/in_group/{group}.json?threaded=true"));
        envelope["messages"].as_array().cloned().unwrap_or_default()
    }

    /// The newest page of a thread's messages (newest first).
    pub fn thread_messages(&self, thread: u64) -> Vec<Value> {
        let envelope = self.get(&format!("messages/in_thread/{thread}.json"));
        envelope["messages"].as_array().cloned().unwrap_or_default()
    }

    /// One message.
    pub fn message(&self, id: u64) -> Value {
        self.get(&format!("messages/{id}.json"))
    }

    /// The full name of user `id`.
    pub fn full_name(&self, id: u64) -> String {
        let user = self.get(&format!("users/{id}.json"));
        user["full_name"].as_str().unwrap_or_default().to_owned()
    }

    /// Likes (`true`) or unlikes a message as the token's user.
    pub fn set_like(&self, id: u64, like: bool) {
        let method = if like { Method::POST } else { Method::DELETE };
        self.call(
            method,
            &format!("messages/liked_by/current.json?message_id={id}"),
        );
    }
}

/// How many people like `message`, and whether `user` is one of them.
pub fn likes_of(message: &Value, user: u64) -> (u64, bool) {
    let liked_by = &message["liked_by"];
    let count = liked_by["count"].as_u64().unwrap_or(0);
    let mine = liked_by["names"]
        .as_array()
        .into_iter()
        .flatten()
        .any(|n| n["user_id"].as_u64() == Some(user));
    (count, mine)
}
