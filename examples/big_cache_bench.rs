//! `cargo build --release --bin kring --example big_cache_bench && cargo run --release --example big_cache_bench`
//!
//! A big cache, measured on the real binary: seeds the client cache of the account kring will
//! use with `KRING_BENCH_MESSAGES` messages (default 100,000) in ~200 communities, threads of
//! 1–30 messages, ~5,000 people (see `big_cache/seed.rs`), then stops the server that minted
//! the account's token, so everything on screen comes from the cache. Reports, as medians of
//! `KRING_BENCH_RUNS` runs (default 5): time from spawn to the first frame with timeline
//! content, peak RSS (VmHWM) after start and after visiting communities and opening threads;
//! in-process, what start spends on the cache (opening the store with its integrity checks,
//! the start-up snapshot and each of its queries, one prune); and the cache file's size.
//! Prints a Markdown table and one JSON object.
//!
//! Environment: `KRING_BENCH_RUNS` (5), `KRING_BENCH_MESSAGES` (100000),
//! `KRING_BENCH_COMMUNITIES` (200), `KRING_BENCH_USERS` (5000), `KRING_BENCH_VISITS` (5),
//! `KRING_BENCH_BIN` (default: `kring` next to this example's directory). Linux only (/proc).

// A benchmark's setup that fails is the answer: it stops with the reason.
#![allow(clippy::expect_used)]

#[path = "support/bench_env.rs"]
mod bench_env;
#[allow(dead_code)]
#[path = "../tests/e2e/harness/pty.rs"]
mod pty;
#[path = "big_cache/seed.rs"]
mod seed;
#[allow(dead_code)]
#[path = "../tests/e2e/harness/serve.rs"]
mod serve;

use std::collections::BTreeMap;
use std::path::Path;
use std::time::{Duration, Instant};

use bench_env::{client_env, env_number, kring_bin, median, ms, status_kib};
use kring::app::shell::cache::{CacheSetup, load_first_screen, load_startup};
use kring::config::account::ENV_ACCOUNT_NAME;
use kring::domain::Feed;
use kring::store::{CacheLimits, CacheStore, FACT_ME};
use pty::PtySession;
use serve::ServeProcess;

/// A timeline card's reply count: on screen only once timeline content is drawn.
const TIMELINE_MARK: &str = "↩";
const LONG: Duration = Duration::from_secs(120);
/// How long the output must pause for the client to count as idle.
const IDLE_QUIET: Duration = Duration::from_millis(500);

type Metrics = BTreeMap<&'static str, f64>;

fn main() {
    let bin = kring_bin();
    let runs = env_number("KRING_BENCH_RUNS", 5_usize).max(1);
    let visits = env_number("KRING_BENCH_VISITS", 5_usize);
    let plan = seed::Plan {
        messages: env_number("KRING_BENCH_MESSAGES", 100_000_usize),
        communities: env_number("KRING_BENCH_COMMUNITIES", 200_usize).max(1),
        users: env_number("KRING_BENCH_USERS", 5_000_usize).max(1),
        full_threads: CacheLimits::default().threads,
        my_feed: CacheLimits::default().messages_per_feed,
    };
    let dir = tempfile::tempdir().expect("a temporary directory");
    // The server only mints the token and the address the account key is made of; stopped, it
    // leaves the cache as the only source of what the client shows.
    let server = ServeProcess::start(&bin, &dir.path().join("serve.sqlite"), "info", LONG);
    let (base_url, token) = (server.base_url.clone(), server.token.clone());
    drop(server);
    let account = kring::delivery::account_key(&base_url, ENV_ACCOUNT_NAME);
    let root = dir.path().join("client");
    // The environment account's own directory, where the client looks for its cache.
    let data_dir = root.join("data").join("accounts").join(ENV_ACCOUNT_NAME);
    std::fs::create_dir_all(&data_dir).expect("the data directory");
    let seeded = seed::seed(&data_dir, &account, &plan).expect("seed the cache");
    eprintln!(
        "seeded {} messages in {} threads in {:?}",
        seeded.messages, seeded.threads, seeded.took
    );
    let mut fixed = Metrics::new();
    fixed.insert("seeded_messages", seeded.messages as f64);
    fixed.insert("seeded_threads", seeded.threads as f64);
    fixed.insert("seeded_read_markers", seeded.read_markers as f64);
    fixed.insert("seed_s", seeded.took.as_secs_f64());
    file_sizes(&data_dir, &mut fixed);

    let env = client_env(&root, &base_url, &token);
    let mut per_run = Vec::new();
    for run in 0..runs {
        eprintln!("run {} of {runs}", run + 1);
        let mut m = in_process(&data_dir, &account);
        m.extend(in_terminal(&bin, &env, visits));
        per_run.push(m);
    }
    let mut m = Metrics::new();
    let started = Instant::now();
    if let Ok((mut store, _)) = CacheStore::open(&data_dir) {
        let dropped = store
            .prune_cache(&account, CacheLimits::default())
            .unwrap_or(0);
        m.insert("prune_default_limits_ms", ms(started.elapsed()));
        m.insert("prune_dropped_messages", dropped as f64);
    }
    fixed.extend(m);
    report(&bin, runs, &fixed, &per_run);
}

fn file_sizes(data_dir: &Path, m: &mut Metrics) {
    let size = |name: &str| {
        std::fs::metadata(data_dir.join(name)).map_or(0.0, |meta| meta.len() as f64 / 1024.0)
    };
    m.insert("cache_file_kib", size("cache.sqlite"));
    m.insert("cache_wal_kib", size("cache.sqlite-wal"));
    m.insert("outbox_file_kib", size("outbox.sqlite"));
}

/// What start spends on the cache, timed in this process: opening the store as the binary
/// does (the cache's damage check deferred) and with the check, `quick_check` of the cache
/// alone (which the binary runs after its first frame), the first screen's snapshot, the
/// whole snapshot, and each query they make.
fn in_process(data_dir: &Path, account: &str) -> Metrics {
    let mut m = Metrics::new();
    let started = Instant::now();
    if CacheStore::open(data_dir).is_ok() {
        m.insert("store_open_checked_ms", ms(started.elapsed()));
    }
    let started = Instant::now();
    let Ok((store, _)) = CacheStore::open_deferring_cache_check(data_dir) else {
        return m;
    };
    m.insert("store_open_ms", ms(started.elapsed()));
    if let Ok(conn) = rusqlite::Connection::open(data_dir.join("cache.sqlite")) {
        let started = Instant::now();
        let _ = conn.query_row("PRAGMA quick_check", [], |row| row.get::<_, String>(0));
        m.insert("cache_quick_check_ms", ms(started.elapsed()));
    }
    let me = store
        .fact(account, FACT_ME)
        .ok()
        .flatten()
        .and_then(|id| id.parse().ok());
    let mut time = |name: &'static str, query: &dyn Fn(&CacheStore) -> usize| {
        let started = Instant::now();
        let rows = query(&store);
        m.insert(name, ms(started.elapsed()));
        rows
    };
    time("query_feed_messages_ms", &|s| {
        s.feed_messages(account, "my_feed", 200)
            .map_or(0, |r| r.len())
    });
    time("query_thread_activity_ms", &|s| {
        s.thread_activity(account, me).map_or(0, |r| r.len())
    });
    time("query_feed_threads_ms", &|s| {
        s.feed_threads(account).map_or(0, |r| r.len())
    });
    time("query_read_markers_ms", &|s| {
        s.read_markers(account).map_or(0, |r| r.len())
    });
    let mut setup = CacheSetup {
        store,
        account: account.to_owned(),
        rebuilt: None,
    };
    let started = Instant::now();
    load_first_screen(&mut setup, Feed::MyFeed);
    m.insert("first_screen_snapshot_ms", ms(started.elapsed()));
    let started = Instant::now();
    let snapshot = load_startup(&mut setup, Feed::MyFeed);
    m.insert("startup_snapshot_ms", ms(started.elapsed()));
    m.insert(
        "startup_snapshot_threads",
        snapshot.unread.threads.len() as f64,
    );
    m
}

/// One session of the real binary: first frame, peak RSS after start, then after visiting
/// `visits` communities and opening two threads in each.
fn in_terminal(bin: &Path, env: &[(String, String)], visits: usize) -> Metrics {
    let mut m = Metrics::new();
    let log = env
        .iter()
        .find(|(k, _)| k == "KRING_CACHE_DIR")
        .map(|(_, dir)| Path::new(dir).join("kring.log"));
    if let Some(log) = &log {
        let _ = std::fs::remove_file(log);
    }
    let env: Vec<(&str, &str)> = env.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect();
    let mut session = PtySession::spawn_watching(bin, &[], &env, (160, 48), &[TIMELINE_MARK]);
    session.wait_for(TIMELINE_MARK, LONG);
    let first = session.first_seen(TIMELINE_MARK).unwrap_or(LONG);
    m.insert("first_frame_ms", ms(first));
    session.wait_quiet(IDLE_QUIET, LONG);
    let pid = session.pid().unwrap_or(0);
    m.insert("peak_rss_start_kib", status_kib(pid, "VmHWM:"));
    let started = Instant::now();
    for visit in 0..visits {
        // Down the communities list (the built-in feeds come first), open one, then open its
        // newest thread and one further down.
        session.send(b"1");
        for _ in 0..(4 + visit * 7) {
            session.send(b"j");
        }
        session.send(b"\r");
        session.wait_quiet(IDLE_QUIET, LONG);
        session.send(b"\r");
        session.wait_quiet(IDLE_QUIET, LONG);
        session.send(b"2jjj\r");
        session.wait_quiet(IDLE_QUIET, LONG);
    }
    m.insert(
        "visits_ms_each_less_quiet",
        ms(started.elapsed()) / visits.max(1) as f64 - 3.0 * ms(IDLE_QUIET),
    );
    m.insert("peak_rss_after_visits_kib", status_kib(pid, "VmHWM:"));
    m.insert("rss_after_visits_kib", status_kib(pid, "VmRSS:"));
    m.insert("rss_anon_after_visits_kib", status_kib(pid, "RssAnon:"));
    session.send(b"\x03");
    assert!(session.wait_exit(LONG).is_some(), "kring exits");
    if let Some(log) = log {
        m.extend(log_timings(
            &std::fs::read_to_string(log).unwrap_or_default(),
        ));
    }
    m
}

/// From the binary's own log: the gap between the two "store opened" lines (one open of the
/// store, integrity checks included) and how long reading the start-up snapshot took.
fn log_timings(log: &str) -> Metrics {
    let mut m = Metrics::new();
    let at = |line: &str| {
        let stamp = line.split_whitespace().next()?;
        chrono::DateTime::parse_from_rfc3339(stamp).ok()
    };
    let opened: Vec<_> = log
        .lines()
        .filter(|l| l.contains("store opened"))
        .filter_map(at)
        .collect();
    if let [first, second, ..] = opened.as_slice() {
        let gap = (*second - *first).num_microseconds().unwrap_or(0);
        m.insert("binary_second_store_open_ms", gap as f64 / 1000.0);
    }
    let snapshot = log
        .lines()
        .find(|l| l.contains("cache snapshot read"))
        .and_then(|l| l.split("elapsed_ms=").nth(1))
        .and_then(|rest| rest.split_whitespace().next())
        .and_then(|n| n.parse::<f64>().ok());
    if let Some(ms) = snapshot {
        m.insert("binary_startup_snapshot_ms", ms);
    }
    m
}

fn budget(key: &str) -> &'static str {
    match key {
        "first_frame_ms" => "≤ 60",
        "peak_rss_start_kib" | "peak_rss_after_visits_kib" => "≤ 61,440",
        _ => "",
    }
}

fn report(bin: &Path, runs: usize, fixed: &Metrics, per_run: &[Metrics]) {
    println!("kring big_cache_bench: {runs} runs, {}", bin.display());
    println!("| metric | median | min | max | budget |");
    println!("|---|---:|---:|---:|---|");
    let mut json = serde_json::Map::new();
    for (key, value) in fixed {
        println!("| {key} | {value:.1} | | | {} |", budget(key));
        json.insert((*key).to_owned(), serde_json::json!(value));
    }
    let keys: std::collections::BTreeSet<&str> =
        per_run.iter().flat_map(|r| r.keys().copied()).collect();
    for key in keys {
        let values: Vec<f64> = per_run.iter().filter_map(|r| r.get(key).copied()).collect();
        let med = median(values.clone());
        let min = values.iter().copied().fold(f64::INFINITY, f64::min);
        let max = values.iter().copied().fold(f64::NEG_INFINITY, f64::max);
        println!(
            "| {key} | {med:.1} | {min:.1} | {max:.1} | {} |",
            budget(key)
        );
        json.insert(
            key.to_owned(),
            serde_json::json!({ "median": med, "min": min, "max": max, "runs": values }),
        );
    }
    println!("{}", serde_json::Value::Object(json));
}
