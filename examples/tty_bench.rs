//! `cargo build --release --bin kring && cargo run --release --example tty_bench`
//!
//! What a user of the real binary feels, measured in a pseudo-terminal against a separate
//! `kring serve` child process (so the client's memory and CPU are its own) seeded with the demo
//! network: time from spawn to the first frame with timeline content (cold: a server just
//! started and empty client directories; warm: the same again), requests the server saw before
//! that frame and until the client was idle, bytes written per `j` at 160×48 and 80×24, bytes to
//! open a thread and go back, CPU and bytes over an idle stretch, peak RSS (VmHWM) of a session
//! and after paging through all of All Company; and the demo mode (in-process server).
//! Prints a table of medians and one JSON object.
//!
//! Environment: `KRING_BENCH_SCALE` (default 2: the demo network twice over, so that All
//! Company holds over 2,000 messages), `KRING_BENCH_RUNS` (default 5), `KRING_BENCH_IDLE_SECS` (20),
//! `KRING_BENCH_STEPS` (50), `KRING_BENCH_BIN` (default: `kring` next to this example's
//! directory, i.e. `target/release/kring`; bytes do not depend on optimisation, so
//! `target/debug/kring` measures the byte rows as well), `KRING_BENCH_DUMP_STEPS` (a directory:
//! each scroll step's bytes are written there as `<size>-run<n>-step<m>.bin` and their counts
//! printed to stderr, to see what the biggest steps write). Linux only (reads /proc).

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

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use bench_env::{
    client_dirs, client_env, clock_ticks_per_second, count, cpu_ticks, env_number, kring_bin,
    median, ms, own_code_resident_kib, status_kib,
};
use kring::api::{Client, ClientOptions};
use kring::app::core::effect::FeedPage;
use kring::app::shell::requests::page_query;
use kring::domain::convert::page_from_envelope;
use kring::domain::{Catalog, Feed, ThreadId};
use pty::PtySession;
use serve::ServeProcess;

/// A timeline card's reply count: on screen only once timeline content is drawn.
const TIMELINE_MARK: &str = "↩";
const LONG: Duration = Duration::from_secs(60);
/// How long the output must pause for a frame to count as finished.
const FRAME_QUIET: Duration = Duration::from_millis(60);
/// How long the output must pause for the client to count as idle.
const IDLE_QUIET: Duration = Duration::from_millis(500);

type Metrics = BTreeMap<&'static str, f64>;

struct Bench {
    bin: PathBuf,
    runs: usize,
    idle: Duration,
    steps: usize,
    dump_steps: Option<PathBuf>,
    template_db: PathBuf,
    _dir: tempfile::TempDir,
}

fn main() {
    let bin = kring_bin();
    let dir = tempfile::tempdir().expect("a temporary directory");
    let template_db = dir.path().join("template.sqlite");
    let seed_start = Instant::now();
    let scale: u32 = env_number("KRING_BENCH_SCALE", 2);
    serve::print_token_at_scale(&bin, &template_db, scale);
    eprintln!(
        "seeded the demo network ×{scale} in {:?}",
        seed_start.elapsed()
    );
    let bench = Bench {
        bin,
        runs: env_number("KRING_BENCH_RUNS", 5_usize).max(1),
        idle: Duration::from_secs(env_number("KRING_BENCH_IDLE_SECS", 20)),
        steps: env_number("KRING_BENCH_STEPS", 50_usize).max(1),
        dump_steps: std::env::var_os("KRING_BENCH_DUMP_STEPS").map(PathBuf::from),
        template_db,
        _dir: dir,
    };
    let mut runs = Vec::new();
    for run in 0..bench.runs {
        eprintln!("run {} of {}", run + 1, bench.runs);
        runs.push(bench.run(run));
    }
    report(&bench, &runs);
}

impl Bench {
    fn run(&self, index: usize) -> Metrics {
        let dir = tempfile::tempdir().expect("a run directory");
        let db = dir.path().join("serve.sqlite");
        std::fs::copy(&self.template_db, &db).expect("copy the seeded database");
        let server = ServeProcess::start(&self.bin, &db, serve::REQUEST_LOG, LONG);
        let client = ClientDirs::new(dir.path(), &server);
        let mut m = Metrics::new();

        // Cold: a server just started, empty client directories.
        let mut tui = client.spawn(&self.bin, (160, 48));
        let first = tui.wait_first_frame();
        m.insert("first_frame_cold_ms", ms(first));
        let frame_at = tui
            .session
            .first_seen_at(TIMELINE_MARK)
            .unwrap_or_else(Instant::now);
        let before_frame = server
            .request_times()
            .iter()
            .filter(|t| **t <= frame_at)
            .count();
        m.insert("requests_before_first_frame", count(before_frame));
        tui.session.wait_quiet(IDLE_QUIET, LONG);
        m.insert("requests_until_idle", count(server.request_times().len()));
        m.insert(
            "cursor_queries_on_start",
            count(tui.session.cursor_queries()),
        );
        self.scroll(&mut tui, "160x48", index, &mut m);
        open_and_back(&mut tui, "160x48", &mut m);
        let pid = tui.session.pid().unwrap_or(0);
        let (cpu, bytes) = idle_cost(&tui.session, pid, self.idle);
        m.insert("idle_cpu_ms", cpu);
        m.insert("idle_bytes", count(bytes));
        m.insert("peak_rss_session_kib", status_kib(pid, "VmHWM:"));
        tui.quit();

        // Warm: the same directories and server again.
        let tui = client.spawn(&self.bin, (160, 48));
        m.insert("first_frame_warm_ms", ms(tui.wait_first_frame()));
        tui.session.wait_quiet(IDLE_QUIET, LONG);
        tui.quit();

        let mut tui = client.spawn(&self.bin, (80, 24));
        tui.wait_first_frame();
        tui.session.wait_quiet(IDLE_QUIET, LONG);
        self.scroll(&mut tui, "80x24", index, &mut m);
        open_and_back(&mut tui, "80x24", &mut m);
        tui.quit();

        if index == 0 {
            m.insert(
                "all_company_messages",
                count(all_company_messages(&server.base_url, &server.token)),
            );
        }
        let mut tui = client.spawn(&self.bin, (160, 48));
        tui.wait_first_frame();
        tui.session.wait_quiet(IDLE_QUIET, LONG);
        load_all_company(&mut tui, &server);
        let pid = tui.session.pid().unwrap_or(0);
        m.insert("peak_rss_all_company_kib", status_kib(pid, "VmHWM:"));
        m.insert("code_resident_all_company_kib", own_code_resident_kib(pid));
        m.insert("rss_anon_all_company_kib", status_kib(pid, "RssAnon:"));
        tui.quit();
        drop(server);

        // The demo mode: the server in-process; its first run seeds the database.
        let demo = ClientDirs::demo(&dir.path().join("demo"));
        for key in ["demo_first_frame_first_run_ms", "demo_first_frame_ms"] {
            let tui = demo.spawn(&self.bin, (160, 48));
            m.insert(key, ms(tui.wait_first_frame()));
            tui.session.wait_quiet(IDLE_QUIET, LONG);
            tui.quit();
        }
        m
    }

    /// `steps` presses of `j` after the screen is idle, each waited out; bytes per step.
    fn scroll(&self, tui: &mut Tui, size: &str, run: usize, m: &mut Metrics) {
        let mut per_step = Vec::with_capacity(self.steps);
        for step in 0..self.steps {
            let before = tui.session.bytes_written();
            tui.session.send(b"j");
            tui.session
                .wait_bytes_beyond(before, Duration::from_secs(2));
            tui.session.wait_quiet(FRAME_QUIET, LONG);
            per_step.push(tui.session.bytes_written() - before);
            if let Some(dir) = &self.dump_steps {
                let bytes = tui.session.bytes();
                let name = format!("{size}-run{run}-step{step:02}.bin");
                std::fs::create_dir_all(dir).expect("the dump directory");
                std::fs::write(dir.join(&name), bytes.get(before..).unwrap_or_default())
                    .expect("write a step's bytes");
                eprintln!("{name}: {} bytes", bytes.len() - before);
            }
        }
        let mean = per_step.iter().sum::<usize>() as f64 / per_step.len() as f64;
        m.insert(leak(format!("scroll_bytes_mean_{size}")), mean);
        m.insert(
            leak(format!("scroll_bytes_median_{size}")),
            median(per_step.iter().map(|b| *b as f64).collect()),
        );
        tui.session.wait_quiet(IDLE_QUIET, LONG);
    }
}

fn leak(name: String) -> &'static str {
    Box::leak(name.into_boxed_str())
}

/// Enter on the selected thread until it has loaded, then esc: the bytes of each.
fn open_and_back(tui: &mut Tui, size: &str, m: &mut Metrics) {
    let before = tui.session.bytes_written();
    tui.session.send(b"\r");
    let _ = tui
        .session
        .wait_until(LONG, |s| s.contains("Thread ") && !s.contains("Loading…"));
    tui.session.wait_quiet(IDLE_QUIET, LONG);
    let opened = tui.session.bytes_written();
    tui.session.send(b"\x1b");
    tui.session
        .wait_bytes_beyond(opened, Duration::from_secs(2));
    tui.session.wait_quiet(IDLE_QUIET, LONG);
    m.insert(
        leak(format!("open_thread_bytes_{size}")),
        count(opened - before),
    );
    m.insert(
        leak(format!("back_bytes_{size}")),
        count(tui.session.bytes_written() - opened),
    );
}

/// Opens All Company and presses `G` until no more pages are fetched.
fn load_all_company(tui: &mut Tui, server: &ServeProcess) {
    tui.session.send(b"1");
    tui.session.wait_quiet(FRAME_QUIET, LONG);
    tui.session.send(b"j\r");
    let _ = tui.session.wait_for("Timeline All Company", LONG);
    tui.session.wait_quiet(IDLE_QUIET, LONG);
    let mut still = 0;
    for _ in 0..2000 {
        let requests = server.request_times().len();
        tui.session.send(b"G");
        tui.session.wait_quiet(Duration::from_millis(300), LONG);
        still = if server.request_times().len() == requests {
            still + 1
        } else {
            0
        };
        if still >= 3 {
            break;
        }
    }
}

/// How many messages the client holds after paging all of All Company, counted by paging the
/// feed exactly as the client does into a catalog of its own.
fn all_company_messages(base_url: &str, token: &str) -> usize {
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .expect("a runtime");
    runtime.block_on(async {
        let options = ClientOptions {
            budget: None,
            ..ClientOptions::default()
        };
        let Ok(client) = Client::with_options(base_url, token, options) else {
            return 0;
        };
        let mut catalog = Catalog::default();
        let mut cursor = None;
        loop {
            let page = cursor.map_or(FeedPage::Latest, FeedPage::Older);
            let Ok(envelope) = client.feed(&Feed::AllCompany, &page_query(page)).await else {
                break;
            };
            let page = page_from_envelope(&envelope);
            let threads: Vec<ThreadId> = page.messages.iter().map(|m| m.thread).collect();
            catalog.absorb(page);
            let next = threads.iter().map(|t| catalog.latest_activity(*t)).min();
            if next.is_none() || (cursor.is_some() && next >= cursor) {
                break;
            }
            cursor = next;
        }
        catalog.message_count()
    })
}

/// Client directories and environment for one server (or the demo mode).
struct ClientDirs {
    env: Vec<(String, String)>,
}

impl ClientDirs {
    fn new(root: &Path, server: &ServeProcess) -> Self {
        Self {
            env: client_env(&root.join("client"), &server.base_url, &server.token),
        }
    }

    fn demo(root: &Path) -> Self {
        Self {
            env: client_dirs(root),
        }
    }

    fn spawn(&self, bin: &Path, size: (u16, u16)) -> Tui {
        let env: Vec<(&str, &str)> = self
            .env
            .iter()
            .map(|(k, v)| (k.as_str(), v.as_str()))
            .collect();
        Tui {
            session: PtySession::spawn_watching(bin, &[], &env, size, &[TIMELINE_MARK]),
        }
    }
}

struct Tui {
    session: PtySession,
}

impl Tui {
    fn wait_first_frame(&self) -> Duration {
        self.session.wait_for(TIMELINE_MARK, LONG);
        self.session.first_seen(TIMELINE_MARK).unwrap_or(LONG)
    }

    fn quit(mut self) {
        self.session.send(b"\x03");
        assert!(
            self.session.wait_exit(LONG).is_some_and(|s| s.success()),
            "kring exits cleanly"
        );
    }
}

/// CPU (ms) and bytes written while nothing happens for `idle`.
fn idle_cost(session: &PtySession, pid: u32, idle: Duration) -> (f64, usize) {
    session.wait_quiet(IDLE_QUIET, LONG);
    let (cpu, bytes) = (cpu_ticks(pid), session.bytes_written());
    std::thread::sleep(idle);
    let ticks = cpu_ticks(pid).saturating_sub(cpu);
    (
        ticks as f64 * 1000.0 / clock_ticks_per_second(),
        session.bytes_written() - bytes,
    )
}

/// What each metric means, its unit and its budget (where it has one).
fn describe(key: &str) -> (&'static str, Option<&'static str>) {
    match key {
        "first_frame_cold_ms" => ("ms", Some("≤ 150")),
        "first_frame_warm_ms" => ("ms", Some("≤ 60")),
        "requests_before_first_frame" => ("requests", Some("≤ 3")),
        "scroll_bytes_mean_160x48" | "scroll_bytes_median_160x48" => ("bytes", Some("≤ 1,100")),
        "idle_cpu_ms" | "idle_bytes" => ("ms / bytes", Some("0")),
        "peak_rss_all_company_kib" => ("KiB", Some("≤ 12,288 (2000 messages)")),
        k if k.ends_with("_ms") => ("ms", None),
        k if k.ends_with("_kib") => ("KiB", None),
        k if k.contains("bytes") => ("bytes", None),
        _ => ("", None),
    }
}

fn report(bench: &Bench, runs: &[Metrics]) {
    let keys: Vec<&str> = runs
        .iter()
        .flat_map(|r| r.keys().copied())
        .collect::<std::collections::BTreeSet<_>>()
        .into_iter()
        .collect();
    println!(
        "kring tty_bench: {} runs, {} s idle, {} scroll steps, {}",
        bench.runs,
        bench.idle.as_secs(),
        bench.steps,
        bench.bin.display()
    );
    println!("| metric | median | min | max | unit | budget |");
    println!("|---|---:|---:|---:|---|---|");
    let mut json = serde_json::Map::new();
    for key in keys {
        let values: Vec<f64> = runs.iter().filter_map(|r| r.get(key).copied()).collect();
        let med = median(values.clone());
        let min = values.iter().copied().fold(f64::INFINITY, f64::min);
        let max = values.iter().copied().fold(f64::NEG_INFINITY, f64::max);
        let (unit, budget) = describe(key);
        println!(
            "| {key} | {med:.1} | {min:.1} | {max:.1} | {unit} | {} |",
            budget.unwrap_or("")
        );
        json.insert(
            key.to_owned(),
            serde_json::json!({ "median": med, "min": min, "max": max, "runs": values }),
        );
    }
    println!("{}", serde_json::Value::Object(json));
}
