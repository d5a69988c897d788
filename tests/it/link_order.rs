//! `link/hot-functions.txt` still describes kring's code: the list names the functions a client
//! session runs as section patterns (symbols without the crates' hashes, which move with the
//! toolchain, `Cargo.lock` and features), and build.rs has the linker of a release build gather
//! them into `.text.hot` ahead of the rest of the code. A stale list costs resident memory and
//! nothing else, silently; these tests make it loud. The cure is always the same:
//! `scripts/hot-functions.sh`.

use std::collections::HashSet;
use std::path::Path;
use std::process::Command;

const LIST: &str = "link/hot-functions.txt";
/// The share of kring's own listed functions this build must still have: the list comes from a
/// release build, and a few of its functions exist only there (closures and trait methods the
/// optimiser shaped differently; 96% of them were found in a debug build of the list's code).
const KRING_FOUND_PERCENT: usize = 90;
/// The same for every listed function, the dependencies', the standard library's and SQLite's
/// (a debug build of SQLite has none of the partial copies an optimised one has; 92% found).
const ALL_FOUND_PERCENT: usize = 80;

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

fn regenerate_hint() -> &'static str {
    "regenerate it: scripts/hot-functions.sh (needs valgrind; see BENCHMARKS.md)"
}

fn listed_patterns() -> Vec<String> {
    std::fs::read_to_string(root().join(LIST))
        .expect("the list is in the repository")
        .lines()
        .filter(|line| !line.is_empty() && !line.starts_with('#'))
        .map(str::to_owned)
        .collect()
}

/// `text` from `at` on, up to and including the first `_` after a run of ASCII letters and
/// digits at most `max` long, as a length; `None` when it does not have that shape.
fn base62_number(text: &str, at: usize, max: usize) -> Option<usize> {
    let digits = text[at..]
        .bytes()
        .take_while(u8::is_ascii_alphanumeric)
        .count();
    (digits <= max && text[at + digits..].starts_with('_')).then_some(digits + 1)
}

/// A symbol as the list names it: the rule `scripts/hot-functions.sh` applies (crate hashes
/// `Cs<hash>_` and back-references `B<n>_` of v0 names become `*`, and so does the number of a
/// local copy, `.llvm.<n>` or `.part.<n>`).
fn as_pattern(symbol: &str) -> String {
    let mut pattern = String::with_capacity(symbol.len());
    let mut at = 0;
    let v0 = symbol.starts_with("_R");
    while at < symbol.len() {
        let rest = &symbol[at..];
        let number = if !v0 {
            None
        } else if rest.starts_with("Cs") {
            base62_number(symbol, at + 2, usize::MAX)
                .filter(|len| *len > 1)
                .map(|len| ("Cs*_", 2 + len))
        } else if rest.starts_with('B') {
            base62_number(symbol, at + 1, 3).map(|len| ("B*_", 1 + len))
        } else {
            None
        };
        match number {
            Some((replacement, len)) => {
                pattern.push_str(replacement);
                at += len;
            }
            None => {
                let c = rest.chars().next().unwrap_or_default();
                pattern.push(c);
                at += c.len_utf8();
            }
        }
    }
    let digits = pattern.bytes().rev().take_while(u8::is_ascii_digit).count();
    let stem = &pattern[..pattern.len() - digits];
    if digits > 0 && stem.ends_with('.') {
        let stem = stem
            .strip_suffix(".llvm.")
            .unwrap_or(&stem[..stem.len() - 1]);
        return format!("{stem}*");
    }
    pattern
}

/// Every function symbol of the kring binary this test run built, as the list would name it.
fn functions_as_patterns() -> HashSet<String> {
    let nm = Command::new("nm")
        .args(["--defined-only", env!("CARGO_BIN_EXE_kring")])
        .output()
        .expect("nm (binutils) runs");
    String::from_utf8_lossy(&nm.stdout)
        .lines()
        .filter_map(|line| {
            let mut fields = line.split_whitespace().skip(1);
            let kind = fields.next()?;
            let name = fields.next()?;
            matches!(kind, "t" | "T" | "w" | "W").then(|| as_pattern(name))
        })
        .collect()
}

/// Whether a pattern names a function kring defines (its path starts in the crate `kring`),
/// not a dependency's generic function kring instantiates.
fn is_kring_pattern(pattern: &str) -> bool {
    pattern
        .split_once("Cs*_")
        .is_some_and(|(_, path)| path.starts_with("5kring"))
}

/// The share (percent) of `patterns` this build has, and a few it lacks.
fn found(patterns: &[&String], functions: &HashSet<String>) -> (usize, Vec<String>) {
    let missing: Vec<&&String> = patterns
        .iter()
        .filter(|pattern| !functions.contains(pattern.as_str()))
        .collect();
    let percent = (patterns.len() - missing.len()) * 100 / patterns.len().max(1);
    let some = missing.iter().take(5).map(|p| p.to_string()).collect();
    (percent, some)
}

#[test]
fn the_listed_functions_still_exist_under_the_names_the_list_gives() {
    let functions = functions_as_patterns();
    let patterns = listed_patterns();
    let kring: Vec<&String> = patterns.iter().filter(|p| is_kring_pattern(p)).collect();
    assert!(
        kring.len() > 100,
        "{LIST} names too few of kring's functions; {}",
        regenerate_hint()
    );
    let (percent, missing) = found(&kring, &functions);
    assert!(
        percent >= KRING_FOUND_PERCENT,
        "only {percent}% of kring's functions in {LIST} still exist (renamed or moved), \
         e.g. {missing:?}; {}",
        regenerate_hint()
    );
    let all: Vec<&String> = patterns.iter().collect();
    let (percent, missing) = found(&all, &functions);
    assert!(
        percent >= ALL_FOUND_PERCENT,
        "only {percent}% of the functions in {LIST} still exist, e.g. {missing:?}; {}",
        regenerate_hint()
    );
}

#[test]
fn the_list_holds_only_patterns_a_linker_script_can_carry() {
    for pattern in listed_patterns() {
        assert!(
            pattern
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || matches!(c, '_' | '$' | '.' | '*')),
            "{LIST}: {pattern:?} has characters a linker script would read as syntax"
        );
    }
}

#[test]
fn symbols_lose_their_hashes_and_copy_numbers() {
    assert_eq!(
        as_pattern("_RNvNtCsabc123XY_5kring4main"),
        "_RNvNtCs*_5kring4main"
    );
    assert_eq!(
        as_pattern("_RINvNtCsgEmfK2I1SDS_4core3ptr13drop_in_placeNtB2e_5ErrorEB4_"),
        "_RINvNtCs*_4core3ptr13drop_in_placeNtB*_5ErrorEB*_"
    );
    assert_eq!(
        as_pattern("_RNvCsq_5kring4main.llvm.123"),
        "_RNvCs*_5kring4main*"
    );
    assert_eq!(as_pattern("allocSpace.part.0"), "allocSpace.part*");
    assert_eq!(as_pattern("sqlite3VdbeExec"), "sqlite3VdbeExec");
    assert_eq!(
        as_pattern("sqlite3_B12_x"),
        "sqlite3_B12_x",
        "C names keep every letter"
    );
}
