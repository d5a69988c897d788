//! `[ui] mouse = true` and `[ui] hyperlinks = "on"` in the real binary: the wheel over the
//! timeline moves its selection, a posted link is written as OSC 8 around each of its cells,
//! and mouse reporting is off again once kring has quit.

use crate::harness::pty::PtySession;
use crate::harness::terminal;

use std::time::{Duration, Instant};

use terminal::*;

const URL: &str = "https://example.com/e2e-link";

/// The first screen row with an inverse cell in the timeline's columns (the selected card).
fn selected_row(run: &PtySession) -> Option<u16> {
    run.with_screen(|screen| {
        (1..29).find(|&row| {
            (30..95).any(|col| screen.cell(row, col).is_some_and(|cell| cell.inverse()))
        })
    })
}

fn wait_for_row_change(run: &PtySession, from: Option<u16>) -> Option<u16> {
    let deadline = Instant::now() + ACT_TIMEOUT;
    loop {
        let now = selected_row(run);
        if now != from || Instant::now() >= deadline {
            return now;
        }
        std::thread::sleep(Duration::from_millis(20));
    }
}

#[test]
fn the_wheel_scrolls_links_are_hyperlinks_and_mouse_reporting_ends_with_kring() {
    let dirs = KringDirs::new();
    let config = dirs.path().join("config");
    std::fs::create_dir_all(&config).unwrap();
    std::fs::write(
        config.join("config.toml"),
        "[ui]\nmouse = true\nhyperlinks = \"on\"\n",
    )
    .unwrap();
    let env = dirs.env_with(&[("NO_COLOR", "1")]);
    let mut run = PtySession::kring(&[], &borrowed(&env), 100, 30);
    run.wait_for("Timeline", START_TIMEOUT);
    run.wait_quiet(Duration::from_millis(500), ACT_TIMEOUT);
    assert_eq!(last_mode_switch(&run.bytes(), 1000), Some(true));
    assert_eq!(last_mode_switch(&run.bytes(), 1006), Some(true));

    // Wheel down, then up, over the timeline (SGR: button 65 and 64, 1-based column and row).
    let first = selected_row(&run);
    assert!(first.is_some(), "no selection:\n{}", run.contents());
    run.send(b"\x1b[<65;50;10M");
    let moved = wait_for_row_change(&run, first);
    assert!(
        moved > first,
        "the wheel did not move the selection down: {first:?} → {moved:?}"
    );
    run.send(b"\x1b[<64;50;10M");
    assert_eq!(wait_for_row_change(&run, moved), first);

    // A post with a link: its cells carry the hyperlink, the text on screen is unchanged.
    run.send(b"c");
    run.wait_for("New post", ACT_TIMEOUT);
    run.type_text(&format!("see {URL} here"));
    // All Company asks first; the second send posts.
    run.send(b"\x13");
    run.wait_for("Send again to post", ACT_TIMEOUT);
    run.send(b"\x13");
    run.wait_until(ACT_TIMEOUT, |screen| {
        screen.contains(&format!("see {URL} here")) && !screen.contains("New post")
    })
    .unwrap_or_else(|screen| panic!("the post did not show:\n{screen}"));
    let linked = format!("\x1b]8;;{URL}\x1b\\h\x1b]8;;\x1b\\");
    let deadline = Instant::now() + ACT_TIMEOUT;
    while !String::from_utf8_lossy(&run.bytes()).contains(&linked) {
        assert!(Instant::now() < deadline, "no OSC 8 hyperlink for {URL}");
        std::thread::sleep(Duration::from_millis(20));
    }

    // `q` steps back pane by pane, then quits.
    let mut exited = false;
    for _ in 0..6 {
        if !run.try_send(b"q") {
            break;
        }
        if run.wait_exit(Duration::from_secs(3)).is_some() {
            exited = true;
            break;
        }
    }
    assert!(
        exited || run.wait_exit(ACT_TIMEOUT).is_some(),
        "kring did not quit"
    );
    let bytes = run.bytes();
    assert_eq!(last_mode_switch(&bytes, 1000), Some(false));
    assert_eq!(last_mode_switch(&bytes, 1006), Some(false));
}
