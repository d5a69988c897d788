//! What the benchmark examples share about their environment: the `kring` binary they measure
//! and the numbers they read from `KRING_BENCH_*` variables.

use std::path::{Path, PathBuf};
use std::str::FromStr;

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
