//! A terminal that closes under kring ends it, every time: the pty's master side is closed (as
//! a terminal window or an SSH link that goes away), with kring in the terminal's session (it
//! gets SIGHUP) and in a session of its own (it gets no signal: only its input ends). kring must
//! be gone within a deadline, not spin on the dead terminal.
//!
//! The master is read on the test's own thread and closed as soon as the first screen shows, so
//! nothing else holds it open. Rounds: `KRING_TEST_CLOSED_PTY_ROUNDS` (default 3).

use std::io::Read;
use std::time::{Duration, Instant};

use portable_pty::{CommandBuilder, PtySize, native_pty_system};

use crate::harness::terminal::*;

/// The binary under test.
const KRING: &str = env!("CARGO_BIN_EXE_kring");

fn rounds() -> usize {
    std::env::var("KRING_TEST_CLOSED_PTY_ROUNDS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(3)
}

/// Runs `argv` (ending in kring) in a fresh pty, reads its output until the first screen shows,
/// closes the pty and checks that kring ends. `own_session`: kring is started through
/// `setsid`, so the closing sends it no SIGHUP.
fn close_the_pty_under_kring(own_session: bool) {
    for round in 0..rounds() {
        let dirs = KringDirs::new();
        let pair = native_pty_system()
            .openpty(PtySize {
                rows: 30,
                cols: 100,
                pixel_width: 0,
                pixel_height: 0,
            })
            .expect("open a pty");
        let mut cmd = if own_session {
            let mut cmd = CommandBuilder::new("setsid");
            cmd.args(["--wait", KRING]);
            cmd
        } else {
            CommandBuilder::new(KRING)
        };
        cmd.env_clear();
        for key in ["PATH", "HOME"] {
            if let Ok(value) = std::env::var(key) {
                cmd.env(key, value);
            }
        }
        cmd.env("LANG", "C.UTF-8");
        cmd.env("TERM", "xterm-256color");
        for (key, value) in dirs.env() {
            cmd.env(key, value);
        }
        let mut child = pair
            .slave
            .spawn_command(cmd)
            .expect("start kring in the pty");
        drop(pair.slave);
        let started = child.process_id().expect("a pid");
        let kring = if own_session {
            wait_child(started, ACT_TIMEOUT).expect("setsid started kring")
        } else {
            started
        };

        let mut reader = pair.master.try_clone_reader().expect("pty reader");
        let mut seen = Vec::new();
        let mut buf = [0u8; 8192];
        let deadline = Instant::now() + START_TIMEOUT;
        while !seen.windows(8).any(|w| w == b"Timeline") {
            assert!(
                Instant::now() < deadline,
                "no first screen in round {round}"
            );
            match reader.read(&mut buf) {
                Ok(0) | Err(_) => panic!("kring ended before its first screen in round {round}"),
                Ok(n) => seen.extend_from_slice(&buf[..n]),
            }
        }
        // Every handle on the master side goes: the terminal is closed.
        drop(reader);
        drop(pair.master);

        let ended = wait_ended(kring, ACT_TIMEOUT);
        let threads = threads_of(kring);
        kill_if_running(kring);
        let _ = child.kill();
        let _ = child.wait();
        assert!(
            ended,
            "kring outlived its closed terminal in round {round}: {threads}"
        );
        assert_gone(&dirs, Duration::from_secs(5));
    }
}

/// Asserts that nothing started with `dirs` is still running once `grace` has passed.
fn assert_gone(dirs: &KringDirs, grace: Duration) {
    let needle = dirs.path().display().to_string();
    let deadline = Instant::now() + grace;
    let mut left = processes_with_env(&needle);
    while !left.is_empty() && Instant::now() < deadline {
        std::thread::sleep(Duration::from_millis(20));
        left = processes_with_env(&needle);
    }
    for pid in &left {
        kill_if_running(*pid);
    }
    assert!(left.is_empty(), "processes left behind: {left:?}");
}

#[test]
fn closing_the_pty_ends_kring_every_time() {
    close_the_pty_under_kring(false);
}

#[test]
fn closing_the_pty_ends_kring_in_a_session_of_its_own_every_time() {
    close_the_pty_under_kring(true);
}
