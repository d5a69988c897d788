//! End to end: while the demo user reads My feed in the real binary, a colleague mentions them
//! (through the API with the colleague's own token) while My feed is scrolled down, so that the
//! mention is not on screen. A refresh brings the Inbox: the Mentions
//! count in the communities pane goes up by one, and kring writes an OSC 9 notification to the
//! terminal (configured in `config.toml`). A restart against the same server and cache still
//! counts the mention.

use std::time::Duration;

use reqwest::Method;

use crate::harness::kring_bin;
use crate::harness::probe::Probe;
use crate::harness::pty::PtySession;
use crate::harness::serve::{self, ServeProcess};

/// Generous: a debug build on a loaded machine.
const WAIT: Duration = Duration::from_secs(60);

/// The unread count on the communities pane's row named `name` (0 when the row shows none).
fn count_on_row(screen: &str, name: &str) -> Option<u64> {
    screen.lines().find_map(|line| {
        let cell = line.split('│').nth(1)?.trim();
        let rest = cell.strip_prefix(name)?.trim();
        if rest.is_empty() {
            Some(0)
        } else {
            rest.parse().ok()
        }
    })
}

#[test]
fn a_colleagues_mention_counts_up_mentions_notifies_with_osc_9_and_survives_a_restart() {
    let dir = tempfile::tempdir().expect("a temporary directory");
    let db = dir.path().join("serve.sqlite");
    let server = ServeProcess::start(kring_bin(), &db, serve::REQUEST_LOG, WAIT);
    let demo = Probe::new(&server.base_url, &server.token);
    let (colleague_name, colleague_full) = demo
        .get("users.json")
        .as_array()
        .and_then(|users| {
            users.iter().find(|u| u["name"] != "demo").map(|u| {
                (
                    u["name"].as_str().unwrap().to_owned(),
                    u["full_name"].as_str().unwrap_or_default().to_owned(),
                )
            })
        })
        .expect("someone besides the demo user");
    let token = serve::print_token_for(kring_bin(), &db, &colleague_name);
    let colleague = Probe::new(&server.base_url, &token);

    let path = |name: &str| dir.path().join(name).to_string_lossy().into_owned();
    let (data, config, cache) = (path("data"), path("config"), path("cache"));
    std::fs::create_dir_all(&config).unwrap();
    std::fs::write(
        dir.path().join("config").join("config.toml"),
        "[notify]\nmethod = \"osc9\"\n",
    )
    .unwrap();
    let env = [
        ("KRING_DATA_DIR", data.as_str()),
        ("KRING_CONFIG_DIR", config.as_str()),
        ("KRING_CACHE_DIR", cache.as_str()),
        ("KRING_SERVER", server.base_url.as_str()),
        ("KRING_TOKEN", server.token.as_str()),
    ];
    let inbox_fetches = || {
        server
            .log_lines()
            .iter()
            .filter(|l| l.contains("messages/received"))
            .count()
    };
    let mut tui = PtySession::spawn_program(kring_bin(), &[], &env, 160, 48);
    tui.wait_until(WAIT, |s| s.contains('↩') && !s.contains("updating…"))
        .unwrap_or_else(|screen| panic!("the timeline did not load:\n{screen}"));
    let deadline = std::time::Instant::now() + WAIT;
    while inbox_fetches() == 0 {
        assert!(std::time::Instant::now() < deadline, "no Inbox fetch");
        std::thread::sleep(Duration::from_millis(50));
    }
    tui.wait_quiet(Duration::from_millis(300), WAIT);
    // Scrolled down to the oldest thread: what arrives at the top of My feed is off screen.
    tui.send(b"2G");
    tui.wait_quiet(Duration::from_millis(300), WAIT);
    let before = count_on_row(&tui.contents(), "Mentions")
        .unwrap_or_else(|| panic!("no Mentions row:\n{}", tui.contents()));

    colleague.call(
        Method::POST,
        "messages.json?body=%40demo%20the%20numbers%20for%20Friday%3F",
    );
    tui.send(b"\x12"); // ctrl-r: fetch what is new now
    let expected = format!("\x1b]9;kring: {colleague_full} mentioned you\x1b\\");
    assert!(
        tui.wait_raw(expected.as_bytes(), WAIT),
        "no notification {expected:?} in the output; screen:\n{}",
        tui.contents()
    );
    tui.wait_until(WAIT, |s| count_on_row(s, "Mentions") == Some(before + 1))
        .unwrap_or_else(|screen| panic!("Mentions did not count up from {before}:\n{screen}"));
    tui.send(b"\x03");
    assert!(tui.wait_exit(WAIT).is_some(), "kring did not quit");

    let again = PtySession::spawn_program(kring_bin(), &[], &env, 160, 48);
    again
        .wait_until(WAIT, |s| count_on_row(s, "Mentions") == Some(before + 1))
        .unwrap_or_else(|screen| panic!("the count did not survive a restart:\n{screen}"));
}
