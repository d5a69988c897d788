//! End to end: the real `kring` binary in a pseudo-terminal against a real `kring serve` child
//! process on 127.0.0.1. A user's session at 80×24 and at 160×48: start, open "Engineering
//! Platform", open its newest thread, reply with `r … ctrl-s`, like the starter with `f`, read
//! the help with `?`, and quit with `q`. Every step is checked on screen, and the reply and the
//! like also on the server (through its HTTP API with the same token).

use std::time::Duration;

use crate::harness::cells::{pane_cells, rightmost_cell};
use crate::harness::probe::{Probe, likes_of};
use crate::harness::pty::PtySession;
use crate::harness::serve::ServeProcess;
use crate::harness::{kring_bin, serve};
use serde_json::Value;

/// Generous: a debug build on a loaded machine.
const WAIT: Duration = Duration::from_secs(30);
const COMMUNITY: &str = "Engineering Platform";

/// A server, its prober and the client's private directories.
struct Network {
    server: ServeProcess,
    probe: Probe,
    dir: tempfile::TempDir,
}

impl Network {
    fn start() -> Self {
        let dir = tempfile::tempdir().expect("a temporary directory");
        let db = dir.path().join("serve.sqlite");
        let server = ServeProcess::start(kring_bin(), &db, serve::REQUEST_LOG, WAIT);
        let probe = Probe::new(&server.base_url, &server.token);
        Self { server, probe, dir }
    }

    /// The TUI at `cols`×`rows`, connected as the demo user, with empty data, config and cache.
    fn client(&self, cols: u16, rows: u16) -> PtySession {
        let path = |name: &str| self.dir.path().join(name).to_string_lossy().into_owned();
        let (data, config, cache) = (path("data"), path("config"), path("cache"));
        let env = [
            ("KRING_DATA_DIR", data.as_str()),
            ("KRING_CONFIG_DIR", config.as_str()),
            ("KRING_CACHE_DIR", cache.as_str()),
            ("KRING_SERVER", self.server.base_url.as_str()),
            ("KRING_TOKEN", self.server.token.as_str()),
        ];
        PtySession::spawn_program(kring_bin(), &[], &env, cols, rows)
    }
}

/// The first content row of the rightmost pane (the thread pane once a thread is open).
fn rightmost_first_row(screen: &str) -> String {
    let row = screen.lines().nth(1).unwrap_or_default();
    rightmost_cell(row).to_owned()
}

/// Whether a card by `author` heads a pane's first content row as in a community's own timeline:
/// without the community's name, which cards in the mixed feeds carry.
fn heads_the_community_timeline(screen: &str, author: &str) -> bool {
    let row = screen.lines().nth(1).unwrap_or_default();
    pane_cells(row)
        .iter()
        .any(|cell| cell.starts_with(author) && !cell.contains(COMMUNITY))
}

/// How many `j` presses take the communities pane from "My feed" to `name`.
fn steps_to(screen: &str, name: &str) -> usize {
    let entries: Vec<&str> = screen
        .lines()
        .filter_map(|line| pane_cells(line).first().copied())
        .skip_while(|cell| *cell != "My feed")
        .filter(|cell| !cell.starts_with('─'))
        .collect();
    entries
        .iter()
        .position(|cell| *cell == name)
        .unwrap_or_else(|| panic!("{name:?} is not in the communities pane:\n{screen}"))
}

/// Whether the thread pane shows `text` under a tree branch with `author`'s header.
fn reply_in_tree(screen: &str, text: &str, author: &str) -> bool {
    let column: Vec<&str> = screen.lines().map(rightmost_cell).collect();
    let Some(at) = column.iter().position(|c| c.contains(text)) else {
        return false;
    };
    column[..at]
        .iter()
        .rev()
        .find(|c| c.contains(author))
        .is_some_and(|header| header.contains(&format!("─{author} · ")))
}

fn id(value: &Value, field: &str) -> u64 {
    value[field]
        .as_u64()
        .unwrap_or_else(|| panic!("no {field} in {value}"))
}

/// Presses `q` until kring exits (help, thread and timeline each take one); the exit status.
fn quit_with_q(tui: &mut PtySession) -> portable_pty::ExitStatus {
    for _ in 0..8 {
        if !tui.try_send(b"q") {
            break;
        }
        if let Some(status) = tui.wait_exit(Duration::from_secs(3)) {
            return status;
        }
    }
    tui.wait_exit(WAIT)
        .expect("kring exits after q at the top level")
}

fn session(cols: u16, rows: u16) {
    let network = Network::start();
    let probe = &network.probe;
    let me = probe.current_user();
    let (my_id, my_name) = (id(&me, "id"), me["full_name"].as_str().unwrap_or_default());
    let group = probe.community_id(COMMUNITY);
    let newest = probe
        .community_threads(group)
        .into_iter()
        .next()
        .expect("the community has threads");
    let (thread, starter) = (id(&newest, "thread_id"), id(&newest, "id"));
    let starter_author = probe.full_name(id(&newest, "sender_id"));
    // The like must add one: start from a starter the demo user does not like.
    let (_, liked) = likes_of(&probe.message(starter), my_id);
    if liked {
        probe.set_like(starter, false);
    }
    let (likes_before, _) = likes_of(&probe.message(starter), my_id);

    let mut tui = network.client(cols, rows);
    tui.wait_for("↩", WAIT);

    // Open the community from the communities pane.
    tui.send(b"1");
    // The community's name shows on timeline cards too: wait for the communities pane itself.
    let screen = tui
        .wait_until(WAIT, |s| {
            // A row of the pane that is the community's name (a half-drawn frame may still
            // hold timeline cards naming it).
            s.contains("1 Communities")
                && s.lines()
                    .filter_map(|line| pane_cells(line).first().copied())
                    .any(|cell| cell == COMMUNITY)
        })
        .unwrap_or_else(|s| panic!("the communities pane did not show:\n{s}"));
    for _ in 0..steps_to(&screen, COMMUNITY) {
        tui.send(b"j");
    }
    tui.send(b"\r");
    // The title changes at once and the pane says "Loading…" until the first page is in; an
    // enter before that opens nothing. The starter must head the community's timeline: its
    // author anywhere else on screen may be the previous feed's card, still there in a frame
    // read half-drawn.
    tui.wait_until(WAIT, |s| {
        s.contains(&format!("Timeline {COMMUNITY}"))
            && !s.contains("Loading…")
            && heads_the_community_timeline(s, &starter_author)
    })
    .unwrap_or_else(|s| panic!("the community's timeline did not load:\n{s}"));

    // Open its newest thread.
    tui.send(b"\r");
    // The thread pane's title may be cut where the account's label shares its border.
    tui.wait_until(WAIT, |s| {
        s.contains("3 Thread ") && rightmost_first_row(s).contains(&starter_author)
    })
    .unwrap_or_else(|s| panic!("the thread did not open:\n{s}"));

    // Reply to the starter.
    let text = format!("e2e reply at {cols}x{rows}, pid {}", std::process::id());
    tui.send(b"r");
    tui.wait_for(&format!("Reply to {starter_author}"), WAIT);
    tui.type_text(&text);
    tui.wait_for(&text, WAIT);
    tui.send(b"\x13");
    tui.wait_until(WAIT, |s| {
        !s.contains("Reply to") && reply_in_tree(s, &text, my_name)
    })
    .unwrap_or_else(|s| panic!("the reply did not show in the tree under its author:\n{s}"));
    // The reply shows at once (from the outbox); the server has it once delivered.
    let deadline = std::time::Instant::now() + WAIT;
    let on_server = loop {
        let found = probe
            .thread_messages(thread)
            .into_iter()
            .find(|m| m["body"]["plain"] == text.as_str());
        match found {
            Some(message) => break message,
            None if std::time::Instant::now() < deadline => {
                std::thread::sleep(Duration::from_millis(100));
            }
            None => panic!("the reply is not in thread {thread} on the server"),
        }
    };
    assert_eq!(on_server["replied_to_id"].as_u64(), Some(starter));
    assert_eq!(on_server["sender_id"].as_u64(), Some(my_id));

    // Like the starter: its count goes up by one on screen and on the server.
    tui.send(b"gg");
    tui.wait_until(WAIT, |s| rightmost_first_row(s).contains(&starter_author))
        .unwrap_or_else(|s| panic!("g g did not go back to the starter:\n{s}"));
    tui.send(b"f");
    let shown = format!("♥ {}", likes_before + 1);
    tui.wait_until(WAIT, |s| rightmost_first_row(s).contains(&shown))
        .unwrap_or_else(|s| panic!("the like count did not become {shown}:\n{s}"));
    let deadline = std::time::Instant::now() + WAIT;
    while likes_of(&probe.message(starter), my_id) != (likes_before + 1, true) {
        assert!(
            std::time::Instant::now() < deadline,
            "the like did not reach the server: {}",
            probe.message(starter)["liked_by"]
        );
        std::thread::sleep(Duration::from_millis(100));
    }

    // Help lists keys from the live keymap.
    tui.send(b"?");
    let keys = [
        "Help — keys",
        "?                Show this help",
        "ctrl-c           Quit kring",
    ];
    tui.wait_until(WAIT, |s| keys.iter().all(|k| s.contains(k)))
        .unwrap_or_else(|s| panic!("help did not list the keys:\n{s}"));

    // ctrl-l paints the whole screen again (an idle kring writes nothing, so every byte after
    // it is the repaint).
    tui.send(b"\x1b");
    tui.wait_quiet(Duration::from_millis(300), WAIT);
    let before = tui.bytes_written();
    tui.send(b"\x0c");
    let full = usize::from(cols) * usize::from(rows) / 3;
    assert!(
        tui.wait_bytes_beyond(before + full, WAIT),
        "ctrl-l repainted only {} bytes",
        tui.bytes_written() - before
    );

    let status = quit_with_q(&mut tui);
    assert!(status.success(), "kring exited with {status:?}");
    assert!(tui.wait_output_end(WAIT), "the pty closes after exit");
    assert!(
        tui.terminal_restored(),
        "main screen and cursor are back:\n{}",
        tui.contents()
    );
}

#[test]
fn reply_like_help_and_quit_at_80x24() {
    session(80, 24);
}

#[test]
fn reply_like_help_and_quit_at_160x48() {
    session(160, 48);
}
