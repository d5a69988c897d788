//! Terminal sizes with the real binary in a pty: a tiny terminal says it is too small until it
//! grows, and a storm of resizes (0×0 included) never panics and kring keeps answering keys.

use std::time::Duration;

use rand::rngs::StdRng;
use rand::{Rng, SeedableRng};

use crate::harness::pty::PtySession;
use crate::harness::terminal::*;

/// How many resizes the storm sends.
fn storm_size() -> usize {
    std::env::var("KRING_TEST_RESIZE_STORM")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(300)
}

#[test]
fn a_tiny_pty_says_too_small_until_it_grows() {
    let dirs = KringDirs::new();
    let env = dirs.env();
    let mut run = PtySession::kring(&[], &borrowed(&env), 20, 5);
    run.wait_for("too small", START_TIMEOUT);
    run.resize(100, 30);
    run.wait_for("Timeline", ACT_TIMEOUT);
    assert!(!run.contents().contains("too small"));
}

#[test]
fn a_storm_of_resizes_never_panics_and_kring_keeps_answering() {
    let dirs = KringDirs::new();
    let env = dirs.env();
    let mut run = PtySession::kring(&[], &borrowed(&env), 100, 30);
    run.wait_for("Timeline", START_TIMEOUT);
    let mut rng = StdRng::seed_from_u64(0x7e57);
    let awkward = [(0, 0), (1, 1), (10, 3), (0, 30), (100, 0), (29, 7), (30, 8)];
    for round in 0..storm_size() {
        let (cols, rows) = if round % 5 == 0 {
            awkward[round / 5 % awkward.len()]
        } else {
            (rng.random_range(0..=200), rng.random_range(0..=60))
        };
        run.resize(cols, rows);
    }
    let (cols, rows) = (90, 26);
    run.resize(cols, rows);
    assert!(
        run.wait_exit(Duration::ZERO).is_none(),
        "kring ended during the storm:\n{}",
        run.contents()
    );

    // A key typed in the very instant of a resize can wait for the next input: crossterm handles
    // the SIGWINCH first and its edge-triggered poll does not report the terminal readable
    // again. So the key goes in once kring has settled.
    run.wait_quiet(Duration::from_millis(500), ACT_TIMEOUT);
    run.send(b"?");
    run.wait_for("Help", ACT_TIMEOUT);
    run.wait_quiet(Duration::from_millis(300), ACT_TIMEOUT);
    let last_row = run.with_screen(|screen| {
        screen
            .rows(0, cols)
            .nth(usize::from(rows) - 1)
            .unwrap_or_default()
    });
    assert!(
        last_row.contains("close"),
        "the status line is on the last row of the final size: {last_row:?}\n{}",
        run.contents()
    );
    let output = String::from_utf8_lossy(&run.bytes()).into_owned();
    assert!(!output.contains("panicked"), "{output}");
}
