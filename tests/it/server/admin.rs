//! Running `kring serve` for a team: the real binary's `serve user ...` and `serve backup`
//! commands on the database of a server that is running meanwhile (in-process, on an empty
//! network), `--public-url` in links and the device-login address, and the HTML page behind a
//! thread's `web_url`.

use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

use kring::server::{RunningServer, ServeOptions, spawn, token_for};
use reqwest::StatusCode;
use serde_json::Value;

const CLIENT: &str = "kring-test-client";

struct Team {
    server: RunningServer,
    db: PathBuf,
    /// The `demo` user's token.
    demo: String,
    http: reqwest::Client,
    _dir: tempfile::TempDir,
}

async fn team(public_url: Option<&str>) -> Team {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("team.sqlite");
    let mut options = ServeOptions::new(&db);
    options.bind = "127.0.0.1:0".parse().unwrap();
    options.seed_demo = false;
    options.rate_limit = false;
    options.device_code_interval = std::time::Duration::ZERO;
    options.public_url = public_url.map(str::to_owned);
    let server = spawn(options).await.unwrap();
    let path = db.clone();
    let demo = tokio::task::spawn_blocking(move || token_for(&path, None))
        .await
        .unwrap()
        .unwrap();
    Team {
        server,
        db,
        demo,
        http: reqwest::Client::new(),
        _dir: dir,
    }
}

/// `kring serve ARGS --db DB`, run to the end on a blocking thread.
async fn kring(db: &Path, args: &[&str]) -> Output {
    let mut command = Command::new(env!("CARGO_BIN_EXE_kring"));
    command
        .arg("serve")
        .args(args)
        .arg("--db")
        .arg(db)
        .env("NO_COLOR", "1")
        .env("KRING_CACHE_DIR", db.with_extension("cache"))
        .stdin(Stdio::null());
    tokio::task::spawn_blocking(move || command.output().unwrap())
        .await
        .unwrap()
}

fn stdout(output: &Output) -> String {
    assert!(
        output.status.success(),
        "failed: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    String::from_utf8_lossy(&output.stdout).trim().to_owned()
}

fn stderr(output: &Output) -> String {
    assert!(!output.status.success(), "should have failed");
    String::from_utf8_lossy(&output.stderr).into_owned()
}

impl Team {
    fn origin(&self) -> String {
        format!("http://{}", self.server.addr)
    }

    async fn get(&self, path: &str, token: Option<&str>) -> reqwest::Response {
        let mut request = self.http.get(format!("{}{path}", self.origin()));
        if let Some(token) = token {
            request = request.bearer_auth(token);
        }
        request.send().await.unwrap()
    }

    async fn post(&self, path: &str, token: &str, form: &[(&str, &str)]) -> Value {
        let response = self
            .http
            .post(format!("{}{path}", self.origin()))
            .bearer_auth(token)
            .form(form)
            .send()
            .await
            .unwrap();
        assert!(response.status().is_success(), "{}", response.status());
        response.json().await.unwrap()
    }

    async fn form(&self, path: &str, form: &[(&str, &str)]) -> (StatusCode, String) {
        let response = self
            .http
            .post(format!("{}{path}", self.origin()))
            .form(form)
            .send()
            .await
            .unwrap();
        (response.status(), response.text().await.unwrap())
    }

    /// A device-code sign-in approved on `/devicelogin` as `username`: the page's status and
    /// text, and the token endpoint's answer.
    async fn device_sign_in(&self, username: &str) -> (StatusCode, String, Value) {
        let (_, issued) = self
            .form(
                "/organizations/oauth2/v2.0/devicecode",
                &[("client_id", CLIENT), ("scope", "openid")],
            )
            .await;
        let issued: Value = serde_json::from_str(&issued).unwrap();
        let code = issued["user_code"].as_str().unwrap();
        let (status, page) = self
            .form(
                "/devicelogin",
                &[
                    ("user_code", code),
                    ("username", username),
                    ("decision", "approve"),
                ],
            )
            .await;
        let (_, reply) = self
            .form(
                "/organizations/oauth2/v2.0/token",
                &[
                    ("grant_type", "urn:ietf:params:oauth:grant-type:device_code"),
                    ("client_id", CLIENT),
                    ("device_code", issued["device_code"].as_str().unwrap()),
                ],
            )
            .await;
        (status, page, serde_json::from_str(&reply).unwrap())
    }
}

#[tokio::test]
async fn people_added_on_the_command_line_sign_in_and_disabling_stops_them_at_once() {
    let team = team(None).await;
    let db = &team.db;
    let added = kring(
        db,
        &[
            "user",
            "add",
            "Ada",
            "--name",
            "Ada Lovelace",
            "--email",
            "ada@example.test",
            "--department",
            "Engines",
        ],
    )
    .await;
    assert!(stdout(&added).contains("added ada"));
    assert!(
        stderr(&kring(db, &["user", "add", "ada", "--name", "Again"]).await).contains("already")
    );
    assert!(stderr(&kring(db, &["user", "add", "a b", "--name", "X"]).await).contains("username"));

    let token = stdout(&kring(db, &["user", "token", "ada"]).await);
    let me: Value = team
        .get("/api/v1/users/current.json", Some(&token))
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(
        (me["name"].as_str(), me["department"].as_str()),
        (Some("ada"), Some("Engines"))
    );
    let posted = team
        .post("/api/v1/messages.json", &token, &[("body", "Ada was here")])
        .await;
    let message_id = posted["messages"][0]["id"].as_u64().unwrap();
    let (status, page, signed_in) = team.device_sign_in("ada@example.test").await;
    assert_eq!(status, StatusCode::OK, "{page}");
    let session = signed_in["access_token"].as_str().unwrap().to_owned();
    assert_eq!(
        team.get("/api/v1/users/current.json", Some(&session))
            .await
            .status(),
        StatusCode::OK
    );

    // A new token with --revoke-all: the earlier ones stop working.
    let fresh = stdout(&kring(db, &["user", "token", "ada", "--revoke-all"]).await);
    assert_eq!(
        team.get("/api/v1/users/current.json", Some(&token))
            .await
            .status(),
        StatusCode::UNAUTHORIZED
    );
    assert_eq!(
        team.get("/api/v1/users/current.json", Some(&session))
            .await
            .status(),
        StatusCode::UNAUTHORIZED
    );
    assert_eq!(
        team.get("/api/v1/users/current.json", Some(&fresh))
            .await
            .status(),
        StatusCode::OK
    );

    let disabled = kring(db, &["user", "disable", "ada"]).await;
    assert!(stdout(&disabled).contains("disabled ada: 1 token"));
    assert_eq!(
        team.get("/api/v1/users/current.json", Some(&fresh))
            .await
            .status(),
        StatusCode::UNAUTHORIZED
    );
    let (status, page, refused) = team.device_sign_in("ada").await;
    assert_eq!(status, StatusCode::BAD_REQUEST, "{page}");
    assert_eq!(refused["error"], "authorization_pending", "never approved");
    assert!(stderr(&kring(db, &["user", "token", "ada"]).await).contains("disabled"));
    assert!(stderr(&kring(db, &["--print-token", "ada"]).await).contains("disabled"));
    let kept = team
        .get(
            &format!("/api/v1/messages/{message_id}.json"),
            Some(&team.demo),
        )
        .await;
    assert_eq!(kept.status(), StatusCode::OK, "her messages stay");

    let listed: Value =
        serde_json::from_str(&stdout(&kring(db, &["user", "list", "--json"]).await)).unwrap();
    let ada = &listed.as_array().unwrap()[0];
    assert_eq!(
        (
            ada["username"].as_str(),
            ada["disabled"].as_bool(),
            ada["tokens"].as_u64()
        ),
        (Some("ada"), Some(true), Some(0))
    );
    let table = stdout(&kring(db, &["user", "list"]).await);
    assert!(
        table.lines().nth(1).unwrap().contains("disabled"),
        "{table}"
    );
}

#[tokio::test]
async fn a_backup_of_a_running_server_is_complete_private_and_never_overwritten_by_accident() {
    let team = team(None).await;
    team.post(
        "/api/v1/messages.json",
        &team.demo,
        &[("body", "Back me up")],
    )
    .await;
    let copy = team.db.with_file_name("copy.sqlite");
    let copy_arg = copy.to_str().unwrap();
    assert!(stdout(&kring(&team.db, &["backup", copy_arg]).await).contains("backed up"));
    let count = |path: &Path| -> i64 {
        rusqlite::Connection::open(path)
            .unwrap()
            .query_row(
                "SELECT count(*) FROM messages WHERE body_plain = 'Back me up'",
                [],
                |r| r.get(0),
            )
            .unwrap()
    };
    assert_eq!(count(&copy), 1);
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        assert_eq!(
            std::fs::metadata(&copy).unwrap().permissions().mode() & 0o777,
            0o600
        );
    }
    team.post(
        "/api/v1/messages.json",
        &team.demo,
        &[("body", "Back me up")],
    )
    .await;
    assert!(stderr(&kring(&team.db, &["backup", copy_arg]).await).contains("--force"));
    assert_eq!(count(&copy), 1, "left alone");
    stdout(&kring(&team.db, &["backup", copy_arg, "--force"]).await);
    assert_eq!(count(&copy), 2);
    // The copy is a working database for kring serve.
    let restored = stdout(&kring(&copy, &["user", "list", "--json"]).await);
    assert!(restored.contains("\"demo\""));
}

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

#[tokio::test]
async fn serve_user_directory_hides_a_person_from_the_directory_and_lists_them_again() {
    let team = team(None).await;
    let db = &team.db;
    kring(db, &["user", "add", "ada", "--name", "Ada Lovelace"]).await;
    let listed = |users: &Value| {
        users
            .as_array()
            .unwrap()
            .iter()
            .any(|u| u["name"].as_str() == Some("ada"))
    };
    let directory = || async {
        team.get("/api/v1/users.json", Some(&team.demo))
            .await
            .json::<Value>()
            .await
            .unwrap()
    };
    assert!(listed(&directory().await));

    let hidden = kring(db, &["user", "directory", "ada", "--hidden"]).await;
    assert!(stdout(&hidden).contains("ada is left out of the directory"));
    assert!(!listed(&directory().await));
    assert!(stderr(&kring(db, &["user", "directory", "ada"]).await).contains("--hidden"));

    let again = kring(db, &["user", "directory", "ada", "--listed"]).await;
    assert!(stdout(&again).contains("ada is listed in the directory"));
    assert!(listed(&directory().await));
}
