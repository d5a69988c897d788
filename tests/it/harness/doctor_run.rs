//! Runs the real `kring doctor` for tests: scratch config, data and cache directories, only the
//! given variables of those that change what it sees, and a parsed look at its text report.

use std::path::Path;
use std::time::Duration;

/// Variables that would change what the doctor sees, removed from every run.
pub const CLEARED: [&str; 14] = [
    "KRING_SERVER",
    "KRING_TOKEN",
    "HTTPS_PROXY",
    "https_proxy",
    "HTTP_PROXY",
    "http_proxy",
    "ALL_PROXY",
    "all_proxy",
    "NO_PROXY",
    "no_proxy",
    "SSL_CERT_FILE",
    "SSL_CERT_DIR",
    "REQUEST_METHOD",
    "KRING_LOG",
];

/// What one `kring doctor` run gave.
pub struct Run {
    pub code: i32,
    pub stdout: String,
    pub stderr: String,
}

impl Run {
    /// The status word of step `name` (`PASS`, `FAIL`, ...), from the text report.
    pub fn status(&self, name: &str) -> String {
        let line = self.line(name);
        line.split_whitespace().next().unwrap_or("").to_owned()
    }

    /// The whole line of step `name`, with the remedy lines under it.
    pub fn line(&self, name: &str) -> String {
        let mut lines = self.stdout.lines().skip_while(|line| {
            line.split_whitespace().nth(1) != Some(name) || line.starts_with(' ')
        });
        let Some(first) = lines.next() else {
            panic!("no step {name} in:\n{}", self.stdout);
        };
        let mut text = first.to_owned();
        for more in lines.take_while(|line| line.starts_with(' ')) {
            text.push('\n');
            text.push_str(more.trim());
        }
        text
    }
}

/// Runs `kring doctor ARGS` with scratch directories under `dir` and only `env` set of the
/// variables that matter.
pub async fn doctor(dir: &Path, env: &[(&str, &str)], args: &[&str]) -> Run {
    let mut command = tokio::process::Command::new(env!("CARGO_BIN_EXE_kring"));
    command.arg("doctor").args(args);
    for name in CLEARED {
        command.env_remove(name);
    }
    command
        .env("KRING_CONFIG_DIR", dir.join("config"))
        .env("KRING_DATA_DIR", dir.join("data"))
        .env("KRING_CACHE_DIR", dir.join("cache"))
        .env("NO_COLOR", "1")
        .stdin(std::process::Stdio::null());
    for (name, value) in env {
        command.env(name, value);
    }
    let output = tokio::time::timeout(Duration::from_secs(60), command.output())
        .await
        .expect("kring doctor finishes")
        .expect("kring doctor runs");
    Run {
        code: output.status.code().unwrap_or(-1),
        stdout: String::from_utf8_lossy(&output.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&output.stderr).into_owned(),
    }
}

pub fn write_config(dir: &Path, text: &str) {
    std::fs::create_dir_all(dir.join("config")).unwrap();
    std::fs::write(dir.join("config").join("config.toml"), text).unwrap();
}
