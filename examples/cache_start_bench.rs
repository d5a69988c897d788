//! `cargo build --release --bin kring && cargo run --release --example cache_start_bench`
//!
//! Start from the cache, measured on the real binary in a pseudo-terminal: time from spawn to
//! the first frame with timeline content (a card's reply count, `↩`) when the server is
//! stopped, so everything on that frame came from the cache; and, for comparison,
//! the same with the server running and the cache warm, and with the server running and an
//! empty cache (network first). Prints the medians and one JSON object.
//!
//! Environment: `KRING_BENCH_RUNS` (default 5), `KRING_BENCH_BIN` (default: `kring` next to
//! this example's directory, i.e. `target/<profile>/kring`).

// A benchmark's setup that fails is the answer: it stops with the reason.
#![allow(clippy::expect_used)]

#[path = "support/bench_env.rs"]
mod bench_env;
#[allow(dead_code)]
#[path = "../tests/e2e/harness/pty.rs"]
mod pty;
#[allow(dead_code)]
#[path = "../tests/e2e/harness/serve.rs"]
mod serve;

use std::path::Path;
use std::time::Duration;

use bench_env::{client_env, env_number, kring_bin, median};
use pty::PtySession;
use serve::ServeProcess;

const TIMELINE_MARK: &str = "↩";
const LONG: Duration = Duration::from_secs(60);

/// Runs kring once: milliseconds from spawn to the first frame with content; then quits.
fn first_frame_ms(bin: &Path, env: &[(String, String)]) -> f64 {
    let env: Vec<(&str, &str)> = env.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect();
    let mut session = PtySession::spawn_watching(bin, &[], &env, (160, 48), &[TIMELINE_MARK]);
    session.wait_for(TIMELINE_MARK, LONG);
    let first = session.first_seen(TIMELINE_MARK).unwrap_or(LONG);
    // Let the start-up fetches settle so the cache is written before the next run.
    session.wait_quiet(Duration::from_millis(500), LONG);
    session.send(b"\x03");
    assert!(session.wait_exit(LONG).is_some(), "kring exits");
    first.as_secs_f64() * 1000.0
}

fn main() {
    let bin = kring_bin();
    let runs = env_number("KRING_BENCH_RUNS", 5_usize).max(1);
    let dir = tempfile::tempdir().expect("a temporary directory");
    let server = ServeProcess::start(&bin, &dir.path().join("serve.sqlite"), "info", LONG);
    let mut empty_cache = Vec::new();
    let mut warm_online = Vec::new();
    for run in 0..runs {
        let root = dir.path().join(format!("empty-{run}"));
        empty_cache.push(first_frame_ms(
            &bin,
            &client_env(&root, &server.base_url, &server.token),
        ));
    }
    let root = dir.path().join("client");
    let env = client_env(&root, &server.base_url, &server.token);
    first_frame_ms(&bin, &env);
    for _ in 0..runs {
        warm_online.push(first_frame_ms(&bin, &env));
    }
    drop(server);
    let offline: Vec<f64> = (0..runs).map(|_| first_frame_ms(&bin, &env)).collect();

    let rows = [
        ("first_frame_cached_server_stopped_ms", &offline),
        ("first_frame_cached_server_running_ms", &warm_online),
        ("first_frame_empty_cache_server_running_ms", &empty_cache),
    ];
    println!("kring cache_start_bench: {runs} runs, {}", bin.display());
    println!("| metric | median | min | max |");
    println!("|---|---|---|---|");
    let mut json = serde_json::Map::new();
    for (name, values) in rows {
        let min = values.iter().copied().fold(f64::INFINITY, f64::min);
        let max = values.iter().copied().fold(0.0, f64::max);
        let med = median(values.clone());
        println!("| {name} | {med:.1} | {min:.1} | {max:.1} |");
        json.insert(
            name.to_owned(),
            serde_json::json!({ "median": med, "min": min, "max": max, "runs": values }),
        );
    }
    println!("{}", serde_json::Value::Object(json));
}
