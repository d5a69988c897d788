//! `link/hot-functions.txt` still describes this build: the list the release link lays out first
//! names exact symbols, so it goes stale when the toolchain or `Cargo.lock` changes (every
//! symbol's hash moves) or when kring's own functions are renamed or moved. Stale, it costs
//! resident memory and nothing else, silently; this test makes it loud. The cure is always the
//! same: `scripts/hot-functions.sh`.

use std::collections::{BTreeSet, HashSet};
use std::path::Path;
use std::process::Command;

use sha2::{Digest, Sha256};

const LIST: &str = "link/hot-functions.txt";
/// The share of kring's own listed functions that must still exist (a few are local copies
/// LLVM numbered, which any change renumbers).
const KRING_FUNCTIONS_KEPT_PERCENT: usize = 90;

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

fn header_value<'a>(list: &'a str, key: &str) -> Option<&'a str> {
    list.lines()
        .take_while(|line| line.starts_with('#'))
        .find_map(|line| {
            line.strip_prefix("# ")?
                .strip_prefix(key)?
                .strip_prefix(": ")
        })
}

fn regenerate_hint() -> &'static str {
    "regenerate it: scripts/hot-functions.sh (needs valgrind; see BENCHMARKS.md)"
}

#[test]
fn hot_functions_list_was_made_with_this_toolchain_and_lockfile() {
    let list = std::fs::read_to_string(root().join(LIST)).expect("the list is in the repository");
    let rustc = Command::new(std::env::var("RUSTC").unwrap_or_else(|_| "rustc".into()))
        .arg("-V")
        .output()
        .expect("rustc runs");
    let rustc = String::from_utf8_lossy(&rustc.stdout).trim().to_owned();
    assert_eq!(
        header_value(&list, "rustc"),
        Some(rustc.as_str()),
        "{LIST} was made with another toolchain; {}",
        regenerate_hint()
    );
    let lock = std::fs::read(root().join("Cargo.lock")).expect("Cargo.lock is committed");
    let digest: String = Sha256::digest(&lock)
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect();
    assert_eq!(
        header_value(&list, "Cargo.lock sha256"),
        Some(digest.as_str()),
        "Cargo.lock changed since {LIST} was made; {}",
        regenerate_hint()
    );
}

/// A legacy-mangled kring symbol without its hash: `_ZN5kring3app6update6update`.
fn kring_path(symbol: &str) -> Option<&str> {
    let symbol = symbol.strip_prefix("_ZN5kring")?;
    let end = symbol.rfind("17h").unwrap_or(symbol.len());
    Some(&symbol[..end])
}

#[test]
fn hot_functions_list_names_functions_kring_still_has() {
    let list = std::fs::read_to_string(root().join(LIST)).expect("the list is in the repository");
    let listed: BTreeSet<&str> = list
        .lines()
        .filter(|line| !line.starts_with('#'))
        .filter_map(kring_path)
        .collect();
    assert!(
        listed.len() > 100,
        "{LIST} lists too few of kring's functions; {}",
        regenerate_hint()
    );
    let nm = Command::new("nm")
        .args(["--defined-only", env!("CARGO_BIN_EXE_kring")])
        .output()
        .expect("nm (binutils) runs");
    let symbols = String::from_utf8_lossy(&nm.stdout);
    let defined: HashSet<&str> = symbols
        .lines()
        .filter_map(|line| line.split_whitespace().nth(2))
        .filter_map(kring_path)
        .collect();
    let missing: Vec<&&str> = listed
        .iter()
        .filter(|path| !defined.contains(**path))
        .collect();
    let kept = (listed.len() - missing.len()) * 100 / listed.len();
    assert!(
        kept >= KRING_FUNCTIONS_KEPT_PERCENT,
        "{} of {} kring functions in {LIST} no longer exist (renamed or moved), e.g. {:?}; {}",
        missing.len(),
        listed.len(),
        &missing[..missing.len().min(5)],
        regenerate_hint()
    );
}
