//! `cargo run --example directory_bench` (or `--profile bench` for optimised code)
//!
//! How long until "who knows X" has the whole directory, on a first start (empty cache: the
//! people listing pages in as background calls under the request budget and the server's rate
//! limits) and on a second start (the same cache: the directory and the cached messages are
//! read into the index on the cache task). Drives the app in-process as the run loop does —
//! `update`, the real worker and client, the real cache task, a tick every few milliseconds —
//! against `kring serve` (in-process, Yammer's rate limits on) over a demo database at
//! `KRING_BENCH_SCALE` (134 ≈ 20,000 people), which is built once into `KRING_BENCH_DB` and
//! reused. Prints a Markdown table and one JSON object.
//!
//! Environment: `KRING_BENCH_DB` (default `target/directory-bench/serve-<scale>.sqlite`),
//! `KRING_BENCH_SCALE` (134), `KRING_BENCH_QUERY` ("kubernetes"), `KRING_BENCH_LIMIT_MIN`
//! (90: give up after this many minutes per start), `KRING_BENCH_CACHE_DIR` (keep the client's
//! cache there instead of a temporary directory; with `KRING_BENCH_SECOND_ONLY=1` the first
//! start is skipped and the cache found there is measured).

// A benchmark's setup that fails is the answer: it stops with the reason.
#![allow(clippy::expect_used)]

#[path = "support/bench_env.rs"]
mod bench_env;
#[allow(dead_code, clippy::unwrap_used, clippy::expect_used)]
#[path = "../tests/it/harness/directory_driver.rs"]
mod directory_driver;

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use bench_env::{env_number, status_kib};
use directory_driver::{Kring, listed_ids};
use kring::api::{Client, ClientOptions};
use kring::expertise::IndexStats;
use kring::server::{ServeOptions, spawn, token_for};

fn main() {
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .expect("a tokio runtime");
    runtime.block_on(run());
}

async fn run() {
    let scale = env_number("KRING_BENCH_SCALE", 134_u32);
    let limit = Duration::from_secs(60 * env_number("KRING_BENCH_LIMIT_MIN", 90_u64));
    let query = std::env::var("KRING_BENCH_QUERY").unwrap_or_else(|_| "kubernetes".into());
    let db = std::env::var_os("KRING_BENCH_DB").map_or_else(
        || PathBuf::from(format!("target/directory-bench/serve-{scale}.sqlite")),
        PathBuf::from,
    );
    if let Some(parent) = db.parent() {
        std::fs::create_dir_all(parent).expect("the database's directory");
    }
    let fresh = !db.exists();
    let seeding = Instant::now();
    let options = ServeOptions {
        bind: "127.0.0.1:0".parse().expect("an address"),
        demo_scale: scale,
        ..ServeOptions::new(db.clone())
    };
    let server = spawn(options).await.expect("kring serve starts");
    if fresh {
        eprintln!(
            "demo database built in {:.0} s",
            seeding.elapsed().as_secs_f64()
        );
    }
    let path = db.clone();
    let token = tokio::task::spawn_blocking(move || token_for(&path, None))
        .await
        .expect("token task")
        .expect("a token");
    let client = || {
        Client::with_options(&server.base_url, &token, ClientOptions::default()).expect("client")
    };
    let temporary = tempfile::tempdir().expect("a cache directory");
    let cache = std::env::var_os("KRING_BENCH_CACHE_DIR")
        .map_or_else(|| temporary.path().to_path_buf(), PathBuf::from);
    std::fs::create_dir_all(&cache).expect("the cache directory");
    let (first, people) = if std::env::var("KRING_BENCH_SECOND_ONLY").as_deref() == Ok("1") {
        (Duration::ZERO, 0)
    } else {
        first_start(client(), &cache, limit).await
    };

    // Second start: the same cache, the server still there (its refresh pass is not waited for).
    let rss_before = status_kib(std::process::id(), "VmRSS:");
    let started = Instant::now();
    let mut kring = Kring::start(client(), &cache);
    kring
        .settle(limit, |state| state.people.cached.is_some())
        .await;
    let second = started.elapsed();
    let rss_growth = status_kib(std::process::id(), "VmRSS:") - rss_before;
    let stats = kring.state.people.index.lock().stats();
    kring.open_people();
    let asked = Instant::now();
    kring.query(&query);
    let answered = asked.elapsed();
    let found = listed_ids(&kring.state).len();
    kring.close();
    let _ = server.shutdown().await;
    report(
        &query,
        (first, people),
        (second, rss_growth),
        (answered, found),
        stats,
    );
}

/// The first start on an empty cache: how long until the listing is complete, and how many
/// people it listed.
async fn first_start(client: Client, cache: &Path, limit: Duration) -> (Duration, usize) {
    let started = Instant::now();
    let mut kring = Kring::start(client, cache);
    kring.open_people();
    let mut reported = Instant::now();
    kring
        .settle(limit, |state| {
            if reported.elapsed() >= Duration::from_secs(60) {
                reported = Instant::now();
                let stats = state.people.index.lock().stats();
                eprintln!(
                    "{:>5.0} s: {} people listed",
                    started.elapsed().as_secs_f64(),
                    stats.people_known
                );
            }
            state.people.paging.complete
        })
        .await;
    let first = started.elapsed();
    let people = kring.state.people.index.lock().stats().people_known;
    kring.close();
    (first, people)
}

fn report(
    query: &str,
    (first, people): (Duration, usize),
    (second, rss_growth): (Duration, f64),
    (answered, found): (Duration, usize),
    stats: IndexStats,
) {
    let ms = |d: Duration| d.as_secs_f64() * 1000.0;
    println!("| measure | value |");
    println!("|---|---|");
    println!("| people in the directory | {people} |");
    println!(
        "| first start: complete directory | {:.1} s ({:.1} min) |",
        first.as_secs_f64(),
        first.as_secs_f64() / 60.0
    );
    println!(
        "| second start: complete directory from the cache | {:.0} ms ({} people, {} messages indexed) |",
        ms(second),
        stats.people_known,
        stats.messages_indexed
    );
    println!("| second start: resident memory grown by the load | {rss_growth:.0} KiB |");
    println!(
        "| second start: \"{query}\" answered | {:.1} ms, {found} people |",
        ms(answered)
    );
    println!(
        "{{\"people\":{people},\"first_start_s\":{:.1},\"second_start_ms\":{:.0},\"query_ms\":{:.1},\"found\":{found},\"messages_indexed\":{},\"rss_growth_kib\":{rss_growth:.0}}}",
        first.as_secs_f64(),
        ms(second),
        ms(answered),
        stats.messages_indexed
    );
}
