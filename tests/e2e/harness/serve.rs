//! A `kring serve` child process on 127.0.0.1 port 0 for the end-to-end tests and the tty
//! benchmark: seeds the demo network (through `--print-token`, which also mints the demo
//! user's token), starts the server, learns its address from its log, and keeps every log
//! line so requests can be counted. Kills the server when dropped. Asserts nothing itself.

use std::io::{BufRead, BufReader};
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

/// The log filter that makes the server log every request (one line each).
pub const REQUEST_LOG: &str = "info,kring::server=debug";

/// A running `kring serve`.
pub struct ServeProcess {
    child: Child,
    /// `http://127.0.0.1:PORT/api/v1`.
    pub base_url: String,
    /// The demo user's bearer token.
    pub token: String,
    /// Every log line, and when it was read.
    log: Arc<Mutex<Vec<(Instant, String)>>>,
}

impl ServeProcess {
    /// Seeds `db` if it is new, mints the demo user's token, and starts `kring serve` on it
    /// with `log_filter` (e.g. [`REQUEST_LOG`]); waits up to `timeout` for it to listen.
    pub fn start(kring: &Path, db: &Path, log_filter: &str, timeout: Duration) -> Self {
        let token = print_token(kring, db);
        let mut child = Command::new(kring)
            .args(["serve", "--bind", "127.0.0.1:0", "--no-rate-limit", "--db"])
            .arg(db)
            .env("KRING_LOG", log_filter)
            .env("NO_COLOR", "1")
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::piped())
            .spawn()
            .expect("start kring serve");
        let stderr = child.stderr.take().expect("kring serve's stderr");
        let log = Arc::new(Mutex::new(Vec::new()));
        let sink = Arc::clone(&log);
        std::thread::spawn(move || {
            for line in BufReader::new(stderr).lines() {
                let Ok(line) = line else { break };
                if let Ok(mut lines) = sink.lock() {
                    lines.push((Instant::now(), strip_ansi(&line)));
                }
            }
        });
        let mut server = Self {
            child,
            base_url: String::new(),
            token,
            log,
        };
        server.base_url = server.wait_listening(timeout);
        server
    }

    fn wait_listening(&mut self, timeout: Duration) -> String {
        let deadline = Instant::now() + timeout;
        loop {
            let found = self.log_lines().iter().find_map(|line| {
                let at = line.find("base_url=")? + "base_url=".len();
                line[at..].split_whitespace().next().map(str::to_owned)
            });
            if let Some(url) = found {
                return url;
            }
            if let Ok(Some(status)) = self.child.try_wait() {
                panic!("kring serve exited with {status}: {:?}", self.log_lines());
            }
            assert!(
                Instant::now() < deadline,
                "kring serve did not listen within {timeout:?}: {:?}",
                self.log_lines()
            );
            std::thread::sleep(Duration::from_millis(20));
        }
    }

    /// Every line the server has logged so far.
    pub fn log_lines(&self) -> Vec<String> {
        self.log
            .lock()
            .map(|l| l.iter().map(|(_, line)| line.clone()).collect())
            .unwrap_or_default()
    }

    /// When each request was logged (needs [`REQUEST_LOG`]).
    #[allow(dead_code)] // the benchmarks in examples/ use it
    pub fn request_times(&self) -> Vec<Instant> {
        self.log
            .lock()
            .map(|l| {
                l.iter()
                    .filter(|(_, line)| line.contains(": request"))
                    .map(|(at, _)| *at)
                    .collect()
            })
            .unwrap_or_default()
    }
}

impl Drop for ServeProcess {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// `kring serve --db DB --print-token`: seeds a new database and prints the demo user's token.
pub fn print_token(kring: &Path, db: &Path) -> String {
    print_token_at_scale(kring, db, 1)
}

/// The token of `username` on the already seeded `db` (`--print-token USERNAME`).
#[allow(dead_code)] // not every test binary that includes the harness uses it
pub fn print_token_for(kring: &Path, db: &Path, username: &str) -> String {
    let output = Command::new(kring)
        .args(["serve", "--print-token", username, "--db"])
        .arg(db)
        .env("NO_COLOR", "1")
        .stdin(Stdio::null())
        .output()
        .expect("run kring serve --print-token USERNAME");
    assert!(
        output.status.success(),
        "kring serve --print-token {username} failed: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    String::from_utf8_lossy(&output.stdout).trim().to_owned()
}

/// [`print_token`], seeding the demo network `scale` times over (`--demo-scale`).
pub fn print_token_at_scale(kring: &Path, db: &Path, scale: u32) -> String {
    let output = Command::new(kring)
        .args([
            "serve",
            "--print-token",
            "--demo-scale",
            &scale.to_string(),
            "--db",
        ])
        .arg(db)
        .env("NO_COLOR", "1")
        .stdin(Stdio::null())
        .output()
        .expect("run kring serve --print-token");
    assert!(
        output.status.success(),
        "kring serve --print-token failed: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    String::from_utf8_lossy(&output.stdout).trim().to_owned()
}

/// `line` without ANSI escape sequences (CSI ... final byte).
fn strip_ansi(line: &str) -> String {
    let mut out = String::with_capacity(line.len());
    let mut chars = line.chars();
    while let Some(c) = chars.next() {
        if c == '\u{1b}' {
            if chars.next() == Some('[') {
                for c in chars.by_ref() {
                    if ('@'..='~').contains(&c) {
                        break;
                    }
                }
            }
            continue;
        }
        out.push(c);
    }
    out
}
