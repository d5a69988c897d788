//! End to end: the real `kring` binary in a pseudo-terminal against a real `kring serve` child
//! process with the seeded demo network. `/` opens the search, a query finds messages, and
//! `enter` lands on the thread with the found message marked.

use std::time::Duration;

use crate::harness::pty::PtySession;
use crate::harness::serve::ServeProcess;
use crate::harness::{kring_bin, serve};

/// Generous: a debug build on a loaded machine.
const WAIT: Duration = Duration::from_secs(30);

#[test]
fn slash_a_query_and_enter_land_on_the_thread_with_the_message_marked() {
    let dir = tempfile::tempdir().expect("a temporary directory");
    let server = ServeProcess::start(
        kring_bin(),
        &dir.path().join("serve.sqlite"),
        serve::REQUEST_LOG,
        WAIT,
    );
    let path = |name: &str| dir.path().join(name).to_string_lossy().into_owned();
    let (data, config, cache) = (path("data"), path("config"), path("cache"));
    let env = [
        ("KRING_DATA_DIR", data.as_str()),
        ("KRING_CONFIG_DIR", config.as_str()),
        ("KRING_CACHE_DIR", cache.as_str()),
        ("KRING_SERVER", server.base_url.as_str()),
        ("KRING_TOKEN", server.token.as_str()),
    ];
    let mut tui = PtySession::spawn_program(kring_bin(), &[], &env, 100, 30);
    tui.wait_for("↩", WAIT);
    tui.send(b"/");
    tui.wait_for("type to search", WAIT);
    tui.type_text("CrashLoopBackOff");
    let screen = tui.wait_for("Messages (", WAIT);
    assert!(
        screen.contains("server"),
        "rows say where they came from:\n{screen}"
    );
    tui.send(b"\r");
    let screen = tui.wait_for("◆ found", WAIT);
    assert!(
        screen.contains("Thread"),
        "the thread pane shows:\n{screen}"
    );
    assert!(
        !screen.contains("/ CrashLoopBackOff"),
        "the search closed:\n{screen}"
    );
}
