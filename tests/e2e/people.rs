//! End to end: the real `kring` binary in a pseudo-terminal against a real `kring serve` child
//! process with the seeded demo network. `4` opens the people directory, which pages in every
//! visible person; `/` and `kubernetes` rank people with reasons (checked against what the
//! server says they declare, and nobody outside the server's directory listing appears);
//! `enter` opens the first one's profile card, which says they are not followed; `F` follows
//! them (the server agrees) and `m` starts a private message to them; `enter` on its first
//! thread (evidence first) opens that thread in the thread pane.

use std::collections::HashMap;
use std::time::Duration;

use crate::harness::cells::rightmost_cell;
use crate::harness::probe::Probe;
use crate::harness::pty::PtySession;
use crate::harness::serve::ServeProcess;
use crate::harness::{kring_bin, serve};

/// Generous: a debug build on a loaded machine.
const WAIT: Duration = Duration::from_secs(30);
/// Two request-budget windows of the demo server and some slack.
const LISTING_WAIT: Duration = Duration::from_secs(75);

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

    /// Everyone the server's directory lists, by full name, with their id and declared
    /// expertise.
    fn directory(&self) -> HashMap<String, (u64, Vec<String>)> {
        let mut people = HashMap::new();
        for page in 1.. {
            let users = self.probe.get(&format!("users.json?page={page}"));
            let users = users.as_array().cloned().unwrap_or_default();
            for user in &users {
                let name = user["full_name"].as_str().unwrap_or_default().to_owned();
                let expertise = user["expertise"]
                    .as_str()
                    .unwrap_or_default()
                    .split(',')
                    .map(|t| t.trim().to_lowercase())
                    .collect();
                let id = user["id"].as_u64().unwrap_or_default();
                people.insert(name, (id, expertise));
            }
            if users.len() < 50 {
                break;
            }
        }
        people
    }
}

/// The screen once `pred` holds and the program has stopped drawing, so a frame half written
/// (or a listing about to be re-ranked by arriving evidence) is never read; `Err(last screen)`
/// when that does not happen within `WAIT`.
fn settled(tui: &PtySession, pred: impl Fn(&str) -> bool) -> Result<String, String> {
    let deadline = std::time::Instant::now() + WAIT;
    loop {
        let left = deadline.saturating_duration_since(std::time::Instant::now());
        tui.wait_until(left, &pred)?;
        tui.wait_quiet(Duration::from_millis(600), left);
        let screen = tui.contents();
        if pred(&screen) {
            return Ok(screen);
        }
        if left.is_zero() {
            return Err(screen);
        }
    }
}

/// The rightmost pane's text, line by line.
/// A row where the rightmost pane is blank is blank here, whatever the panes to its left show.
fn right_column(screen: &str) -> Vec<String> {
    screen
        .lines()
        .map(|line| rightmost_cell(line).to_owned())
        .collect()
}

/// The listed people and their reasons: (name, reasons) for every person row pair.
fn ranked(screen: &str) -> Vec<(String, String)> {
    let column = right_column(screen);
    let start = column
        .iter()
        .position(|c| c.starts_with("sort:"))
        .map_or(0, |at| at + 1);
    let rows: Vec<&String> = column[start..]
        .iter()
        .take_while(|c| !c.is_empty() && !c.starts_with('─'))
        .collect();
    rows.chunks_exact(2)
        .map(|pair| {
            let name = pair[0].split(" · ").next().unwrap_or_default().to_owned();
            (name, pair[1].clone())
        })
        .collect()
}

fn who_knows_kubernetes(cols: u16, rows: u16) {
    let network = Network::start();
    let directory = network.directory();
    let visible = directory.len();
    assert!(visible > 100, "the demo network lists {visible} people");

    let mut tui = network.client(cols, rows);
    tui.wait_for("↩", WAIT);

    // The directory pages in every visible person, one page at a time, within the request
    // budget it shares with the start's other reads (feeds, communities, the Inbox), which
    // can hold its last page back for one budget window.
    tui.send(b"4");
    let everyone = format!("{visible} people ·");
    tui.wait_for(&everyone, LISTING_WAIT);

    // Ask who knows kubernetes; the search for evidence follows once typing pauses.
    tui.send(b"/");
    tui.type_text("kubernetes");
    let screen = settled(&tui, |s| {
        s.contains("/ kubernetes") && s.contains("declared: kubernetes · ")
    })
    .unwrap_or_else(|s| panic!("no ranked list with reasons and evidence:\n{s}"));
    let list = ranked(&screen);
    assert!(list.len() >= 3, "a ranked list:\n{screen}");
    for (name, reasons) in &list {
        let (_, declared) = directory
            .get(name)
            .unwrap_or_else(|| panic!("{name:?} is not in the server's directory:\n{screen}"));
        assert_eq!(
            reasons.starts_with("declared: kubernetes"),
            declared.iter().any(|t| t == "kubernetes"),
            "{name}: {reasons} vs {declared:?}"
        );
    }
    let (first, first_reasons) = &list[0];
    assert!(
        first_reasons.starts_with("declared: kubernetes") && first_reasons.contains("message"),
        "declared and written comes first: {first}: {first_reasons}\n{screen}"
    );
    let declared_only = list.iter().position(|(_, r)| r == "declared: kubernetes");
    let evidence_only = list.iter().position(|(_, r)| !r.starts_with("declared"));
    if let (Some(declared), Some(evidence)) = (declared_only, evidence_only) {
        assert!(
            declared < evidence,
            "declared before evidence only:\n{screen}"
        );
    }

    // Into the results (the best match stays selected), then open the first one's card.
    tui.send(b"\r");
    tui.send(b"\r");
    tui.wait_until(WAIT, |s| {
        s.contains(&format!("People {first}"))
            && s.contains("Expertise")
            && s.contains("─ Threads · ")
    })
    .unwrap_or_else(|s| panic!("no profile card with evidence for {first}:\n{s}"));

    // Follow them from the card (unfollowing first when the demo network already does); the
    // server agrees (`to_user` answers 404 when not following).
    let card = tui
        .wait_until(WAIT, |s| s.contains("follow them"))
        .unwrap_or_else(|s| panic!("the card does not say whether {first} is followed:\n{s}"));
    if !card.contains("do not follow them") {
        tui.send(b"F");
        tui.wait_until(WAIT, |s| {
            s.contains(&format!("No longer following {first}")) && s.contains("do not follow them")
        })
        .unwrap_or_else(|s| panic!("unfollowing {first} was not confirmed:\n{s}"));
    }
    tui.send(b"F");
    tui.wait_until(WAIT, |s| {
        s.contains(&format!("Following {first}")) && !s.contains("do not follow them")
    })
    .unwrap_or_else(|s| panic!("following {first} was not confirmed:\n{s}"));
    let id = directory.get(first).map(|(id, _)| *id).unwrap_or_default();
    let followed = network
        .probe
        .get(&format!("subscriptions/to_user/{id}.json"));
    assert_eq!(followed["id"].as_u64(), Some(id));

    // A private message to them starts in the editor; esc leaves it unsent.
    tui.send(b"m");
    tui.wait_for(&format!("Private message to {first}"), WAIT);
    tui.send(b"\x1b");
    tui.wait_until(WAIT, |s| !s.contains("Private message to"))
        .unwrap_or_else(|s| panic!("the editor did not close:\n{s}"));

    // The card as it stands once their latest messages have arrived.
    let card = settled(&tui, |s| s.contains("─ Threads · "))
        .unwrap_or_else(|s| panic!("the card went away:\n{s}"));
    let column = right_column(&card);
    let entry = column
        .iter()
        .position(|c| c.starts_with('●'))
        .unwrap_or_else(|| panic!("no evidence thread on the card:\n{card}"));
    let preview: String = column[entry + 1]
        .trim_end_matches('…')
        .chars()
        .take(24)
        .collect();

    // Open that thread from the card.
    tui.send(b"\r");
    tui.wait_until(WAIT, |s| {
        s.contains("3 Thread") && right_column(s).iter().any(|c| c.contains(preview.trim()))
    })
    .unwrap_or_else(|s| panic!("the thread with {preview:?} did not open:\n{s}"));
}

#[test]
fn who_knows_kubernetes_at_160x48() {
    who_knows_kubernetes(160, 48);
}

#[test]
fn who_knows_kubernetes_at_80x24() {
    who_knows_kubernetes(80, 24);
}
