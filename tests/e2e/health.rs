//! End to end: the real `kring` binary in a pseudo-terminal against a `kring serve` child
//! process with the seeded demo network. `5` opens the community health view at once (the rest
//! is read in the background); every community the server says the demo user is in has a block
//! with its member count and its coverage; `enter` opens the first one's feed in the timeline.

use std::time::Duration;

use crate::harness::kring_bin;
use crate::harness::probe::Probe;
use crate::harness::pty::PtySession;
use crate::harness::serve::{self, ServeProcess};

/// Generous: a debug build on a loaded machine.
const WAIT: Duration = Duration::from_secs(60);

#[test]
fn five_shows_each_communitys_health_and_enter_opens_it() {
    let dir = tempfile::tempdir().expect("a temporary directory");
    let db = dir.path().join("serve.sqlite");
    let server = ServeProcess::start(kring_bin(), &db, serve::REQUEST_LOG, WAIT);
    let probe = Probe::new(&server.base_url, &server.token);
    let me = probe.current_user()["id"].as_u64().unwrap();
    let mine = probe.get(&format!("groups/for_user/{me}.json"));
    let mine: Vec<(String, u64)> = mine
        .as_array()
        .unwrap()
        .iter()
        .map(|g| {
            (
                g["full_name"].as_str().unwrap().to_owned(),
                g["stats"]["members"].as_u64().unwrap_or(0),
            )
        })
        .collect();
    assert!(!mine.is_empty());

    let path = |name: &str| dir.path().join(name).to_string_lossy().into_owned();
    let (data, config, cache) = (path("data"), path("config"), path("cache"));
    let env = [
        ("KRING_DATA_DIR", data.as_str()),
        ("KRING_CONFIG_DIR", config.as_str()),
        ("KRING_CACHE_DIR", cache.as_str()),
        ("KRING_SERVER", server.base_url.as_str()),
        ("KRING_TOKEN", server.token.as_str()),
    ];
    // Tall enough for every block of the demo user's communities.
    let rows = u16::try_from(mine.len() * 5 + 10).unwrap().max(48);
    let mut tui = PtySession::spawn_program(kring_bin(), &[], &env, 160, rows);
    tui.wait_for("↩", WAIT);
    tui.send(b"5");
    tui.wait_for("Community health", WAIT);
    // Shown at once from what kring holds, the rest read in the background within the rate
    // budget (which takes minutes on the demo network's pacing): each block is there from
    // the start, with the community's member count. A look at the pty can fall in the middle
    // of a frame (the top of the view drawn, the rest not yet), so this waits for the whole
    // view rather than judging the first look that shows its top.
    let figures: Vec<(String, String)> = mine
        .iter()
        .map(|(name, members)| (name.clone(), format!("{members} members · ")))
        .collect();
    let complete = |s: &str| {
        s.contains("What needs attention first")
            && s.contains("messages since")
            && figures
                .iter()
                .all(|(name, figure)| s.contains(name.as_str()) && s.contains(figure.as_str()))
    };
    let screen = tui.wait_until(WAIT, complete).unwrap_or_else(|s| {
        let missing: Vec<String> = figures
            .iter()
            .filter(|(name, figure)| !s.contains(name.as_str()) || !s.contains(figure.as_str()))
            .map(|(name, figure)| format!("{name} ({figure})"))
            .collect();
        panic!("missing {missing:?}:\n{s}")
    });
    let first = screen
        .lines()
        .find_map(|l| l.split_once("▸ ").map(|(_, rest)| rest.to_owned()))
        .expect("a selected community");
    let first_name = mine
        .iter()
        .map(|(n, _)| n.as_str())
        .find(|n| first.starts_with(n))
        .unwrap_or_else(|| panic!("the selected block names no community: {first}"));
    tui.send(b"\r");
    tui.wait_for(&format!("Timeline {first_name}"), WAIT);
    tui.send(b"\x03");
    tui.wait_exit(WAIT);
}
