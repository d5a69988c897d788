//! Signing in end to end: the real `kring` binary against `kring serve`'s identity endpoints
//! (in-process). The device code flow approved with a POST to `/devicelogin` (as curl would),
//! then `kring feed` keeping working across token expiries with no prompt; `kring logout`
//! then `kring feed` saying how to sign in (exit 77); the authorization code flow with PKCE
//! through the loopback listener (the test plays the browser) and with `--paste`; an expired
//! and a declined device code. No token appears in any output. Renewing is in
//! `signin_renewal`.

use crate::harness::server;

use std::process::{Output, Stdio};
use std::time::Duration;

use server::TestServer;
use tempfile::TempDir;
use tokio::io::{AsyncBufReadExt, AsyncWriteExt, BufReader};
use tokio::process::{Child, Command};

/// How long one step (a login, a feed) may take before the test fails.
pub(super) const STEP: Duration = Duration::from_secs(30);

/// A server with short-lived tokens and a config directory with one sign-in account.
pub(super) struct Signin {
    pub(super) server: TestServer,
    pub(super) dirs: TempDir,
    /// Every stdout and stderr seen, to check for tokens at the end.
    pub(super) seen: std::sync::Mutex<String>,
}

impl Signin {
    pub(super) async fn start(token_ttl: u64, device_code_ttl: u64) -> Self {
        let server = server::start_with(|options| {
            options.token_ttl = Duration::from_secs(token_ttl);
            options.device_code_ttl = Duration::from_secs(device_code_ttl);
            options.device_code_interval = Duration::from_secs(1);
        })
        .await;
        let this = Self {
            server,
            dirs: tempfile::tempdir().unwrap(),
            seen: std::sync::Mutex::new(String::new()),
        };
        let origin = this.origin();
        this.write_config(&origin);
        this
    }

    /// `http://127.0.0.1:PORT`, the server without `/api/v1`.
    pub(super) fn origin(&self) -> String {
        self.server
            .base
            .trim_end_matches('/')
            .trim_end_matches("/api/v1")
            .to_owned()
    }

    pub(super) fn write_config(&self, authority: &str) {
        let config = self.dirs.path().join("config");
        std::fs::create_dir_all(&config).unwrap();
        std::fs::write(
            config.join("config.toml"),
            format!(
                "[accounts.local]\nclient_id = \"kring-test\"\nauthority = \"{authority}\"\n\
                 base_url = \"{}\"\n",
                self.server.base
            ),
        )
        .unwrap();
    }

    pub(super) fn store(&self) -> std::path::PathBuf {
        self.dirs.path().join("config").join("credentials.toml")
    }

    /// The stored access and refresh tokens.
    pub(super) fn tokens(&self) -> Option<(String, String)> {
        let text = std::fs::read_to_string(self.store()).ok()?;
        let value: toml::Value = toml::from_str(&text).unwrap();
        let entry = value.get("accounts")?.get("local")?;
        Some((
            entry.get("access")?.as_str()?.to_owned(),
            entry.get("refresh")?.as_str()?.to_owned(),
        ))
    }

    pub(super) fn command(&self, args: &[&str]) -> Command {
        let mut command = Command::new(env!("CARGO_BIN_EXE_kring"));
        command
            .args(args)
            .env("KRING_CONFIG_DIR", self.dirs.path().join("config"))
            .env("KRING_DATA_DIR", self.dirs.path().join("data"))
            .env("KRING_CACHE_DIR", self.dirs.path().join("cache"))
            .env("NO_COLOR", "1")
            .env_remove("KRING_SERVER")
            .env_remove("KRING_TOKEN")
            .env_remove("DISPLAY")
            .env_remove("WAYLAND_DISPLAY")
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .kill_on_drop(true);
        command
    }

    pub(super) fn remember(&self, output: &Output) -> (String, String) {
        let stdout = String::from_utf8_lossy(&output.stdout).into_owned();
        let stderr = String::from_utf8_lossy(&output.stderr).into_owned();
        let mut seen = self.seen.lock().unwrap();
        seen.push_str(&stdout);
        seen.push_str(&stderr);
        (stdout, stderr)
    }

    pub(super) async fn run(&self, args: &[&str]) -> Output {
        let output = tokio::time::timeout(STEP, self.command(args).output())
            .await
            .expect("kring finished in time")
            .unwrap();
        self.remember(&output);
        output
    }

    /// Starts `kring ARGS` and reads its standard error until a line satisfies `wanted`.
    pub(super) async fn spawn_until(
        &self,
        args: &[&str],
        stdin: Stdio,
        wanted: impl Fn(&str) -> bool,
    ) -> (Child, String, tokio::task::JoinHandle<String>) {
        let mut child = self.command(args).stdin(stdin).spawn().unwrap();
        let mut lines = BufReader::new(child.stderr.take().unwrap()).lines();
        let mut before = String::new();
        let line = tokio::time::timeout(STEP, async {
            while let Some(line) = lines.next_line().await.unwrap() {
                before.push_str(&line);
                before.push('\n');
                if wanted(&line) {
                    return line;
                }
            }
            panic!("kring ended without the line wanted: {before}");
        })
        .await
        .expect("the line wanted came in time");
        let rest = tokio::spawn(async move {
            let mut rest = before;
            while let Ok(Some(line)) = lines.next_line().await {
                rest.push_str(&line);
                rest.push('\n');
            }
            rest
        });
        (child, line, rest)
    }

    /// Waits for `child`; its output with the standard error read by `rest`.
    pub(super) async fn finish(
        &self,
        child: Child,
        rest: tokio::task::JoinHandle<String>,
    ) -> Output {
        let mut output = tokio::time::timeout(STEP, child.wait_with_output())
            .await
            .expect("kring finished in time")
            .unwrap();
        output.stderr = rest.await.unwrap().into_bytes();
        self.remember(&output);
        output
    }

    /// `kring login` (device code), approved (or declined) through `/devicelogin` as curl would.
    pub(super) async fn device_login(&self, decision: Option<&str>) -> Output {
        let (child, line, rest) = self
            .spawn_until(&["login"], Stdio::null(), |l| l.contains("enter the code "))
            .await;
        let code = line.split_whitespace().last().unwrap().to_owned();
        let mut form = vec![("user_code", code.as_str()), ("username", "demo")];
        if let Some(decision) = decision {
            form.push(("decision", decision));
        }
        let reply = self
            .server
            .client
            .post(format!("{}/devicelogin", self.origin()))
            .form(&form)
            .send()
            .await
            .unwrap();
        assert!(reply.status().is_success(), "{:?}", reply.text().await);
        self.finish(child, rest).await
    }

    /// Plays the browser for the authorize URL: approves as `demo`; the redirect's address.
    pub(super) async fn approve_in_browser(&self, url: &str) -> String {
        let parsed = reqwest::Url::parse(url.trim()).unwrap();
        let mut form: Vec<(String, String)> = parsed.query_pairs().into_owned().collect();
        form.push(("username".into(), "demo".into()));
        form.push(("decision".into(), "approve".into()));
        let mut endpoint = parsed.clone();
        endpoint.set_query(None);
        let browser = reqwest::Client::builder()
            .redirect(reqwest::redirect::Policy::none())
            .build()
            .unwrap();
        let reply = browser.post(endpoint).form(&form).send().await.unwrap();
        assert_eq!(reply.status().as_u16(), 302, "{:?}", reply.text().await);
        reply.headers()["location"].to_str().unwrap().to_owned()
    }

    /// No token ever stored appears in anything kring printed.
    pub(super) fn assert_no_token_shown(&self, tokens: &[(String, String)]) {
        let seen = self.seen.lock().unwrap();
        for (access, refresh) in tokens {
            assert!(!seen.contains(access.as_str()), "an access token was shown");
            assert!(
                !seen.contains(refresh.as_str()),
                "a refresh token was shown"
            );
        }
    }
}

pub(super) fn text(output: &Output) -> String {
    format!(
        "status {:?}\nstdout: {}\nstderr: {}",
        output.status.code(),
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    )
}

/// A port free a moment ago.
pub(super) fn free_port() -> u16 {
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    listener.local_addr().unwrap().port()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn device_login_then_feeds_across_expiries_then_logout_says_how_to_sign_in() {
    let env = Signin::start(2, 60).await;
    let login = env.device_login(None).await;
    assert!(login.status.success(), "{}", text(&login));
    let stdout = String::from_utf8_lossy(&login.stdout);
    assert!(stdout.contains("Signed in to `local` as"), "{stdout}");
    assert!(stdout.contains("credentials.toml"), "{stdout}");
    let mut seen_tokens = vec![env.tokens().expect("tokens stored")];

    for _ in 0..3 {
        // Past the access token's expiry each time.
        tokio::time::sleep(Duration::from_millis(2_100)).await;
        let feed = env.run(&["feed", "--json", "--limit", "3"]).await;
        assert!(feed.status.success(), "{}", text(&feed));
        let messages: serde_json::Value = serde_json::from_slice(&feed.stdout).unwrap();
        assert!(messages.as_array().is_some_and(|m| !m.is_empty()));
        let now = env.tokens().unwrap();
        assert_ne!(Some(&now), seen_tokens.last(), "renewed and rotated");
        seen_tokens.push(now);
    }

    let accounts = env.run(&["accounts", "--json"]).await;
    let listed: serde_json::Value = serde_json::from_slice(&accounts.stdout).unwrap();
    assert_eq!(listed[0]["auth"], "sign-in");
    assert_eq!(listed[0]["signed_in"], true);

    let logout = env.run(&["logout", "--account", "local"]).await;
    assert!(logout.status.success(), "{}", text(&logout));
    assert_eq!(env.tokens(), None);
    let feed = env.run(&["feed", "--json"]).await;
    assert_eq!(feed.status.code(), Some(77), "{}", text(&feed));
    let stderr = String::from_utf8_lossy(&feed.stderr);
    assert!(stderr.contains("kring login --account local"), "{stderr}");
    env.assert_no_token_shown(&seen_tokens);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn browser_login_with_the_loopback_listener_and_with_paste() {
    let env = Signin::start(3600, 60).await;
    let port = free_port().to_string();
    let is_url = |l: &str| l.contains("/oauth2/v2.0/authorize?");
    let (child, url, rest) = env
        .spawn_until(
            &["login", "--browser", "--port", &port],
            Stdio::null(),
            is_url,
        )
        .await;
    let redirect = env.approve_in_browser(&url).await;
    assert!(
        redirect.starts_with(&format!("http://localhost:{port}/?")),
        "{redirect}"
    );
    let page = reqwest::get(redirect.replace("localhost", "127.0.0.1"))
        .await
        .unwrap();
    assert_eq!(page.status().as_u16(), 200);
    let login = env.finish(child, rest).await;
    assert!(login.status.success(), "{}", text(&login));
    let first = env.tokens().expect("tokens stored");

    let (mut child, url, rest) = env
        .spawn_until(&["login", "--paste"], Stdio::piped(), is_url)
        .await;
    let redirect = env.approve_in_browser(&url).await;
    let mut stdin = child.stdin.take().unwrap();
    stdin
        .write_all(format!("{redirect}\n").as_bytes())
        .await
        .unwrap();
    drop(stdin);
    let login = env.finish(child, rest).await;
    assert!(login.status.success(), "{}", text(&login));
    let second = env.tokens().expect("tokens stored");
    assert_ne!(first, second);

    let feed = env.run(&["feed", "--json", "--limit", "1"]).await;
    assert!(feed.status.success(), "{}", text(&feed));
    env.assert_no_token_shown(&[first, second]);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_expired_or_declined_device_code_saves_nothing() {
    let env = Signin::start(3600, 2).await;
    let (child, _, rest) = env
        .spawn_until(&["login"], Stdio::null(), |l| l.contains("enter the code "))
        .await;
    let expired = env.finish(child, rest).await;
    assert_eq!(expired.status.code(), Some(1), "{}", text(&expired));
    assert!(String::from_utf8_lossy(&expired.stderr).contains("expired"));

    let env = Signin::start(3600, 60).await;
    let declined = env.device_login(Some("deny")).await;
    assert_eq!(declined.status.code(), Some(1), "{}", text(&declined));
    assert!(String::from_utf8_lossy(&declined.stderr).contains("declined"));
    assert_eq!(env.tokens(), None);
}
