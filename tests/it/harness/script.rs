//! Running the real `kring` binary as a script would: a subcommand against an in-process
//! `kring serve`, with private config, data and cache directories, and its JSON read back.

use std::process::{Command, Output, Stdio};

use serde_json::Value;

use super::server::TestServer;

/// Runs `kring ARGS` as the holder of `token` against `server`, with private directories.
pub async fn kring_as(server: &TestServer, token: &str, args: &[&str]) -> Output {
    let dirs = tempfile::tempdir().unwrap();
    let mut command = Command::new(env!("CARGO_BIN_EXE_kring"));
    command
        .args(args)
        .env("KRING_SERVER", &server.base)
        .env("KRING_TOKEN", token)
        .env("KRING_CONFIG_DIR", dirs.path().join("config"))
        .env("KRING_DATA_DIR", dirs.path().join("data"))
        .env("KRING_CACHE_DIR", dirs.path().join("cache"))
        .stdin(Stdio::null());
    tokio::task::spawn_blocking(move || {
        let output = command.output().unwrap();
        drop(dirs);
        output
    })
    .await
    .unwrap()
}

/// The JSON a successful run printed (fails the test, with kring's stderr, otherwise).
pub fn json(output: &Output) -> Value {
    assert!(
        output.status.success(),
        "kring failed: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    serde_json::from_slice(&output.stdout).unwrap()
}
