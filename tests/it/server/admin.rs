//! Running `kring serve` for a team: the real binary's `serve user ...` and `serve backup`
//! commands on the database of a server that is running meanwhile (in-process, on an empty
//! network). What it shows on the web (`--public-url`, a thread's page) is in `admin_web`.

use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

use kring::server::{RunningServer, ServeOptions, spawn, token_for};
use reqwest::StatusCode;
use serde_json::Value;

pub(super) const CLIENT: &str = "kring-test-client";

pub(super) struct Team {
    pub(super) server: RunningServer,
    pub(super) db: PathBuf,
    /// The `demo` user's token.
    pub(super) demo: String,
    pub(super) http: reqwest::Client,
    pub(super) _dir: tempfile::TempDir,
}

pub(super) async fn team(public_url: Option<&str>) -> Team {
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
pub(super) async fn kring(db: &Path, args: &[&str]) -> Output {
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

pub(super) fn stdout(output: &Output) -> String {
    assert!(
        output.status.success(),
        "failed: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    String::from_utf8_lossy(&output.stdout).trim().to_owned()
}

pub(super) fn stderr(output: &Output) -> String {
    assert!(!output.status.success(), "should have failed");
    String::from_utf8_lossy(&output.stderr).into_owned()
}

impl Team {
    pub(super) fn origin(&self) -> String {
        format!("http://{}", self.server.addr)
    }

    pub(super) async fn get(&self, path: &str, token: Option<&str>) -> reqwest::Response {
        let mut request = self.http.get(format!("{}{path}", self.origin()));
        if let Some(token) = token {
            request = request.bearer_auth(token);
        }
        request.send().await.unwrap()
    }

    pub(super) async fn post(&self, path: &str, token: &str, form: &[(&str, &str)]) -> Value {
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

    pub(super) async fn form(&self, path: &str, form: &[(&str, &str)]) -> (StatusCode, String) {
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
    pub(super) async fn device_sign_in(&self, username: &str) -> (StatusCode, String, Value) {
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
