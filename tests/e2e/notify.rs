//! End to end: while the demo user reads My feed in the real binary, scrolled down so that its
//! top is off screen, a colleague mentions them (through the API with the colleague's own
//! token); a refresh brings the Inbox, and kring writes an OSC 777 notification to the terminal
//! (configured in `config.toml`) naming the colleague, and says so on the status bar.

use std::time::Duration;

use reqwest::Method;

use crate::harness::kring_bin;
use crate::harness::probe::Probe;
use crate::harness::pty::PtySession;
use crate::harness::serve::{self, ServeProcess};

/// Generous: a debug build on a loaded machine.
const WAIT: Duration = Duration::from_secs(60);

#[test]
fn a_colleagues_mention_reaches_the_terminal_as_an_osc_777_notification() {
    let dir = tempfile::tempdir().expect("a temporary directory");
    let db = dir.path().join("serve.sqlite");
    let server = ServeProcess::start(kring_bin(), &db, serve::REQUEST_LOG, WAIT);
    let demo = Probe::new(&server.base_url, &server.token);
    let colleague_name = demo
        .get("users.json")
        .as_array()
        .and_then(|users| {
            users.iter().find(|u| u["name"] != "demo").map(|u| {
                (
                    u["name"].as_str().unwrap().to_owned(),
                    u["full_name"].clone(),
                )
            })
        })
        .expect("someone besides the demo user");
    let token = serve::print_token_for(kring_bin(), &db, &colleague_name.0);
    let colleague = Probe::new(&server.base_url, &token);

    let path = |name: &str| dir.path().join(name).to_string_lossy().into_owned();
    let (data, config, cache) = (path("data"), path("config"), path("cache"));
    std::fs::create_dir_all(&config).unwrap();
    std::fs::write(
        dir.path().join("config").join("config.toml"),
        "[notify]\nmethod = \"osc777\"\n",
    )
    .unwrap();
    let env = [
        ("KRING_DATA_DIR", data.as_str()),
        ("KRING_CONFIG_DIR", config.as_str()),
        ("KRING_CACHE_DIR", cache.as_str()),
        ("KRING_SERVER", server.base_url.as_str()),
        ("KRING_TOKEN", server.token.as_str()),
    ];
    let mut tui = PtySession::spawn_program(kring_bin(), &[], &env, 100, 30);
    tui.wait_until(WAIT, |s| s.contains('↩') && !s.contains("updating…"))
        .unwrap_or_else(|screen| panic!("the timeline did not load:\n{screen}"));
    // The Inbox is fetched in the background once My feed is in: what it holds is old news.
    let deadline = std::time::Instant::now() + WAIT;
    while !server
        .log_lines()
        .iter()
        .any(|l| l.contains("messages/received"))
    {
        assert!(std::time::Instant::now() < deadline, "no Inbox fetch");
        std::thread::sleep(Duration::from_millis(50));
    }
    tui.wait_quiet(Duration::from_millis(300), WAIT);
    // Scrolled down to the oldest thread: what arrives at the top of My feed is off screen
    // (a mention on a visible row would not be told).
    tui.send(b"2G");
    tui.wait_quiet(Duration::from_millis(300), WAIT);
    assert!(
        !tui.wait_raw(b"\x1b]777;notify;", Duration::ZERO),
        "nothing new yet"
    );

    colleague.call(
        Method::POST,
        "messages.json?body=%40demo%20could%20you%20look%20at%20this%3F",
    );
    tui.send(b"\x12"); // ctrl-r: fetch what is new now
    let full_name = colleague_name.1.as_str().unwrap_or_default().to_owned();
    let expected = format!("\x1b]777;notify;kring;{full_name} mentioned you\x1b\\");
    assert!(
        tui.wait_raw(expected.as_bytes(), WAIT),
        "no notification {expected:?} in the output; screen:\n{}",
        tui.contents()
    );
    tui.wait_until(WAIT, |s| s.contains("mentioned you (! to open)"))
        .unwrap_or_else(|screen| panic!("not on the status bar:\n{screen}"));
    tui.send(b"q");
}
