//! Suspending: ctrl-z hands the terminal back to the shell
//! and stops kring; `fg` brings it back fully redrawn and answering keys. Where no shell could
//! continue it, ctrl-z must not leave kring stopped for ever.

use crate::harness::pty;
use crate::harness::terminal;

use std::path::Path;
use std::time::{Duration, Instant};

use pty::PtySession;
use terminal::*;

const KRING: &str = env!("CARGO_BIN_EXE_kring");
const PROMPT: &str = "kring-test$ ";

/// Waits until the screen is in the state `want` says (alternate screen or not), or panics.
fn wait_screen_mode(session: &PtySession, in_tui: bool, what: &str) {
    let deadline = Instant::now() + ACT_TIMEOUT;
    while session.terminal_restored() == in_tui {
        assert!(
            Instant::now() < deadline,
            "{what}; screen:\n{}",
            session.contents()
        );
        std::thread::sleep(Duration::from_millis(20));
    }
}

#[test]
fn ctrl_z_suspends_to_the_shell_and_fg_brings_kring_back() {
    let dirs = KringDirs::new();
    let env = dirs.env_with(&[("PS1", PROMPT)]);
    let mut shell = PtySession::spawn_program(
        Path::new("/bin/bash"),
        &["--norc", "--noprofile", "-i"],
        &borrowed(&env),
        100,
        30,
    );
    shell.wait_for(PROMPT, START_TIMEOUT);
    shell.send(format!("'{KRING}'\r").as_bytes());
    shell.wait_for("Timeline", START_TIMEOUT);
    wait_screen_mode(&shell, true, "kring took the screen");

    shell.send(b"\x1a");
    shell.wait_for("Stopped", ACT_TIMEOUT);
    wait_screen_mode(&shell, false, "ctrl-z gave the screen back");
    let kring = children_of(shell.pid().expect("the shell has a pid"));
    assert_eq!(kring.len(), 1, "one job: {kring:?}");
    assert_eq!(process_state(kring[0]), Some('T'), "kring is stopped");

    // The shell reads lines again: the terminal is cooked.
    shell.send(b"echo shell-$((6 * 7))-here\r");
    shell.wait_for("shell-42-here", ACT_TIMEOUT);

    shell.send(b"fg\r");
    wait_screen_mode(&shell, true, "fg gave kring the screen again");
    shell.wait_for("Timeline", ACT_TIMEOUT);
    let screen = shell.wait_for("help", ACT_TIMEOUT);
    assert!(
        !screen.contains("shell-42-here"),
        "the shell's lines are gone:\n{screen}"
    );

    shell.send(b"?");
    shell.wait_for("Help", ACT_TIMEOUT);
    shell.send(b"\x03");
    wait_screen_mode(&shell, false, "ctrl-c quit");
    shell.wait_for(PROMPT, ACT_TIMEOUT);
    assert!(wait_ended(kring[0], ACT_TIMEOUT), "kring quit");
}

/// Started straight in a pty there is no shell to `fg` it: the system ignores the stop, and
/// kring comes straight back instead of hanging stopped.
#[test]
fn ctrl_z_without_a_shell_does_not_leave_kring_stopped() {
    let dirs = KringDirs::new();
    let env = dirs.env();
    let mut session = PtySession::spawn(&[], &borrowed(&env), 100, 30);
    session.wait_for("Timeline", START_TIMEOUT);
    let pid = session.pid().expect("kring has a pid");
    session.send(b"\x1a");
    wait_screen_mode(&session, true, "kring took the screen back");
    session.send(b"?");
    session.wait_for("Help", ACT_TIMEOUT);
    assert_ne!(process_state(pid), Some('T'));
}
