//! End to end: the real `kring` binary in a pseudo-terminal against a real `kring serve` child
//! process with the seeded demo network. The communities pane lists Discover under the user's
//! own communities; `J` on a Discover row (Design Crit) moves it among the user's communities at
//! once, and the server agrees the user is now a member.

use std::time::Duration;

use crate::harness::probe::Probe;
use crate::harness::pty::PtySession;
use crate::harness::serve::ServeProcess;
use crate::harness::{kring_bin, serve};

/// Generous: a debug build on a loaded machine.
const WAIT: Duration = Duration::from_secs(30);

/// The communities pane's rows, trimmed, top to bottom.
fn left_column(screen: &str) -> Vec<String> {
    screen
        .lines()
        .filter_map(|line| {
            let mut cells = line.split(['│', '╭', '╮', '╰', '╯']).map(str::trim);
            cells.nth(1).map(str::to_owned)
        })
        .collect()
}

/// The pane's selectable entries from My feed down (the "Start here" checklist above it,
/// headings and the detail lines under Discover rows left out).
fn entries(column: &[String]) -> Vec<String> {
    column
        .iter()
        .skip_while(|row| !row.starts_with("My feed"))
        .filter(|row| !row.is_empty() && !row.starts_with('─'))
        .filter(|row| !row.chars().next().is_some_and(|c| c.is_ascii_digit()))
        .cloned()
        .collect()
}

/// Whether `name` is listed above the Discover heading (among the user's own communities).
fn among_mine(screen: &str, name: &str) -> bool {
    let column = left_column(screen);
    let discover = column.iter().position(|r| r.starts_with("─ Discover"));
    let at = column.iter().position(|r| r.starts_with(name));
    matches!((at, discover), (Some(at), Some(d)) if at < d)
}

#[test]
fn j_on_a_discover_row_joins_and_moves_it_to_yours() {
    let dir = tempfile::tempdir().expect("a temporary directory");
    let db = dir.path().join("serve.sqlite");
    let server = ServeProcess::start(kring_bin(), &db, serve::REQUEST_LOG, WAIT);
    let probe = Probe::new(&server.base_url, &server.token);
    let everything = probe.get("groups.json");
    let group = everything
        .as_array()
        .and_then(|all| all.iter().find(|g| g["full_name"] == "Design Crit"))
        .and_then(|g| g["id"].as_u64())
        .unwrap_or_else(|| panic!("no Design Crit in {everything}"));
    let path = |name: &str| dir.path().join(name).to_string_lossy().into_owned();
    let (data, config, cache) = (path("data"), path("config"), path("cache"));
    let env = [
        ("KRING_DATA_DIR", data.as_str()),
        ("KRING_CONFIG_DIR", config.as_str()),
        ("KRING_CACHE_DIR", cache.as_str()),
        ("KRING_SERVER", server.base_url.as_str()),
        ("KRING_TOKEN", server.token.as_str()),
    ];
    let mut tui = PtySession::spawn_program(kring_bin(), &[], &env, 120, 48);
    tui.wait_for("─ Discover", WAIT);
    // The suggestions reorder once the follow counts arrive: wait for the screen to settle.
    tui.wait_quiet(Duration::from_millis(800), WAIT);
    let screen = tui.contents();
    assert!(!among_mine(&screen, "Design Crit"), "{screen}");
    let listed = entries(&left_column(&screen));
    let at = listed
        .iter()
        .position(|row| row.starts_with("Design Crit"))
        .unwrap_or_else(|| panic!("Design Crit is not in Discover:\n{screen}"));
    tui.send(b"1");
    for _ in 0..at {
        tui.send(b"j");
    }
    tui.send(b"J");
    tui.wait_until(WAIT, |screen| among_mine(screen, "Design Crit"))
        .unwrap_or_else(|screen| panic!("Design Crit did not move to yours:\n{screen}"));
    tui.wait_for("Joined Design Crit", WAIT);
    let mine = probe.get("groups.json?mine=1");
    let ids: Vec<u64> = mine
        .as_array()
        .map(|groups| groups.iter().filter_map(|g| g["id"].as_u64()).collect())
        .unwrap_or_default();
    assert!(ids.contains(&group), "the server does not list it: {mine}");
    tui.send(b"q");
    tui.wait_exit(WAIT);
}
