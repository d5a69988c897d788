//! What the benchmark examples share: the `kring` binary they measure, the numbers they read
//! from `KRING_BENCH_*` variables, a client's environment, and reading /proc and summarising.
#![allow(dead_code)] // Each example uses part of it.

use std::path::{Path, PathBuf};
use std::str::FromStr;
use std::time::Duration;

/// The binary to measure: `KRING_BENCH_BIN`, else `kring` beside this example's profile
/// directory (`target/<profile>/kring`), as an absolute path. Stops with a hint when missing.
pub fn kring_bin() -> PathBuf {
    let bin = std::env::var_os("KRING_BENCH_BIN").map_or_else(sibling_kring, PathBuf::from);
    let bin = std::path::absolute(&bin).unwrap_or(bin);
    assert!(
        bin.exists(),
        "{} is missing: build it first (cargo build --release --bin kring)",
        bin.display()
    );
    bin
}

/// `key` read as a number, or `default` when it is unset or not a number.
pub fn env_number<T: FromStr>(key: &str, default: T) -> T {
    std::env::var(key)
        .ok()
        .and_then(|value| value.parse().ok())
        .unwrap_or(default)
}

fn sibling_kring() -> PathBuf {
    let exe = std::env::current_exe().unwrap_or_default();
    let profile_dir = exe
        .parent()
        .and_then(Path::parent)
        .unwrap_or(Path::new("."));
    profile_dir.join("kring")
}

/// A client's own data, config and cache directories under `root`, as environment variables.
pub fn client_dirs(root: &Path) -> Vec<(String, String)> {
    let dir = |name: &str| root.join(name).to_string_lossy().into_owned();
    vec![
        ("KRING_DATA_DIR".into(), dir("data")),
        ("KRING_CONFIG_DIR".into(), dir("config")),
        ("KRING_CACHE_DIR".into(), dir("cache")),
    ]
}

/// [`client_dirs`] plus the server's address and token.
pub fn client_env(root: &Path, base_url: &str, token: &str) -> Vec<(String, String)> {
    let mut env = client_dirs(root);
    env.push(("KRING_SERVER".into(), base_url.to_owned()));
    env.push(("KRING_TOKEN".into(), token.to_owned()));
    env
}

/// A `kB` field of /proc/<pid>/status (`VmHWM:` is the peak resident set), or NaN.
pub fn status_kib(pid: u32, field: &str) -> f64 {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).unwrap_or_default();
    status
        .lines()
        .find_map(|l| l.strip_prefix(field))
        .and_then(|v| v.trim().trim_end_matches("kB").trim().parse().ok())
        .unwrap_or(f64::NAN)
}

/// Resident kB of the process's own code (the executable mapping of its binary, from
/// /proc/<pid>/smaps), or NaN. Shows whether `link/hot-functions.txt` still matches the build:
/// a stale list leaves most of the text resident.
pub fn own_code_resident_kib(pid: u32) -> f64 {
    let Ok(exe) = std::fs::read_link(format!("/proc/{pid}/exe")) else {
        return f64::NAN;
    };
    let exe = exe.to_string_lossy().into_owned();
    let smaps = std::fs::read_to_string(format!("/proc/{pid}/smaps")).unwrap_or_default();
    let mut in_own_code = false;
    let mut total = 0.0;
    for line in smaps.lines() {
        let fields: Vec<&str> = line.split_whitespace().collect();
        if fields
            .first()
            .is_some_and(|f| f.contains('-') && !f.ends_with(':'))
        {
            in_own_code = fields.get(1).is_some_and(|perms| perms.contains('x'))
                && fields.get(5).is_some_and(|path| *path == exe);
        } else if in_own_code && fields.first() == Some(&"Rss:") {
            total += fields
                .get(1)
                .and_then(|v| v.parse::<f64>().ok())
                .unwrap_or(0.0);
        }
    }
    total
}

/// `d` in milliseconds.
pub fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}

/// A count as a metric's value.
pub fn count(n: usize) -> f64 {
    n as f64
}

/// The median of the values that are numbers; NaN when none is.
pub fn median(mut values: Vec<f64>) -> f64 {
    values.retain(|v| !v.is_nan());
    values.sort_by(f64::total_cmp);
    match values.len() {
        0 => f64::NAN,
        n if n % 2 == 1 => values[n / 2],
        n => f64::midpoint(values[n / 2 - 1], values[n / 2]),
    }
}

/// utime + stime of `pid`, in clock ticks.
pub fn cpu_ticks(pid: u32) -> u64 {
    let stat = std::fs::read_to_string(format!("/proc/{pid}/stat")).unwrap_or_default();
    // Fields after the parenthesised command name; utime and stime are fields 14 and 15.
    let rest = stat.rsplit_once(')').map_or("", |(_, rest)| rest);
    let fields: Vec<&str> = rest.split_whitespace().collect();
    let field = |i: usize| {
        fields
            .get(i)
            .and_then(|f| f.parse::<u64>().ok())
            .unwrap_or(0)
    };
    field(11) + field(12)
}

/// Clock ticks per second (`getconf CLK_TCK`; 100 where it cannot be asked).
pub fn clock_ticks_per_second() -> f64 {
    std::process::Command::new("getconf")
        .arg("CLK_TCK")
        .output()
        .ok()
        .and_then(|o| String::from_utf8_lossy(&o.stdout).trim().parse().ok())
        .unwrap_or(100.0)
}
