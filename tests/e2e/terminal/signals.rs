//! The ways kring ends: a panic restores the terminal and exits non-zero; SIGHUP, SIGTERM and a
//! closed terminal end kring and leave no process behind; end of input ends kring even when no
//! SIGHUP arrives.
//!
//! Each test runs the real binary in a pty on its own demo network. Waits are generous deadlines
//! for "it happened at all", not timings.

use crate::harness::pty;
use crate::harness::terminal;

/// The binary under test.
const KRING: &str = env!("CARGO_BIN_EXE_kring");

use pty::PtySession;
use terminal::*;

/// How many hang-ups the hang-up test tries (each starts a kring).
fn hangup_rounds() -> usize {
    std::env::var("KRING_TEST_HANGUP_ROUNDS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(2)
}

/// Asserts that nothing started with `dirs` is still running.
fn assert_nothing_left(dirs: &KringDirs) {
    let needle = dirs.path().display().to_string();
    let left = processes_with_env(&needle);
    for pid in &left {
        kill_if_running(*pid);
    }
    assert!(left.is_empty(), "processes left behind: {left:?}");
}

/// Starts kring in the screen harness and waits for its first screen.
fn start(dirs: &KringDirs) -> (PtySession, u32) {
    let env = dirs.env();
    let session = PtySession::spawn(&[], &borrowed(&env), 100, 30);
    session.wait_for("Timeline", START_TIMEOUT);
    let pid = session.pid().expect("kring has a pid");
    (session, pid)
}

fn signal_ends_kring(signal: &str) {
    for _ in 0..hangup_rounds() {
        let dirs = KringDirs::new();
        let (mut session, pid) = start(&dirs);
        send_signal(pid, signal);
        let status = session.wait_exit(ACT_TIMEOUT);
        assert!(status.is_some(), "kring still runs after SIG{signal}");
        assert!(has_ended(pid));
        assert_nothing_left(&dirs);
    }
}

#[test]
fn sighup_ends_kring_and_leaves_no_process() {
    signal_ends_kring("HUP");
}

#[test]
fn sigterm_ends_kring_and_leaves_no_process() {
    signal_ends_kring("TERM");
}

#[test]
fn sigterm_restores_the_terminal() {
    let dirs = KringDirs::new();
    let env = dirs.env();
    let mut run = PtySession::kring(&[], &borrowed(&env), 100, 30);
    run.wait_for("Timeline", START_TIMEOUT);
    send_signal(run.pid().expect("kring has a pid"), "TERM");
    assert!(run.wait_exit(ACT_TIMEOUT).is_some(), "kring still runs");
    run.wait_quiet(std::time::Duration::from_millis(200), ACT_TIMEOUT);
    let bytes = run.bytes();
    assert_eq!(
        last_mode_switch(&bytes, 1049),
        Some(false),
        "alternate screen"
    );
    assert_eq!(
        last_mode_switch(&bytes, 2004),
        Some(false),
        "bracketed paste"
    );
    assert_eq!(last_mode_switch(&bytes, 25), Some(true), "cursor shown");
}

/// `tmux kill-session` closes kring's terminal as a dropped SSH link or a closed window does.
#[test]
fn closing_the_terminal_ends_kring() {
    for _ in 0..hangup_rounds() {
        let dirs = KringDirs::new();
        let env = dirs.env();
        let tmux = Tmux::start(&[KRING], &borrowed(&env), 100, 30);
        tmux.wait_for("Timeline", START_TIMEOUT);
        let pid = tmux.pane_pid();
        tmux.kill_session();
        assert!(
            wait_ended(pid, ACT_TIMEOUT),
            "kring outlived its terminal: {}",
            threads_of(pid)
        );
        assert_nothing_left(&dirs);
    }
}

/// kring runs in a session of its own (`setsid`), so when the terminal closes the system sends
/// it no SIGHUP: only its input ends. This is the case where crossterm's reader spins forever.
#[test]
fn end_of_input_without_a_hangup_signal_ends_kring() {
    let dirs = KringDirs::new();
    let env = dirs.env();
    let tmux = Tmux::start(&["setsid", "--wait", KRING], &borrowed(&env), 100, 30);
    tmux.wait_for("Timeline", START_TIMEOUT);
    let kring_pid = wait_child(tmux.pane_pid(), ACT_TIMEOUT).expect("setsid started kring");
    tmux.kill_session();
    let ended = wait_ended(kring_pid, ACT_TIMEOUT);
    let cpu = cpu_ticks(kring_pid);
    kill_if_running(kring_pid);
    assert!(
        ended,
        "kring still runs after its input ended (CPU ticks so far: {cpu:?})"
    );
    assert_nothing_left(&dirs);
}

/// Runs kring with `KRING_TEST_PANIC=site` under a shell that then prints kring's exit code and
/// the terminal's settings, and checks what the panic left behind.
#[cfg(debug_assertions)]
fn panic_leaves_a_usable_terminal(site: &str) {
    let dirs = KringDirs::new();
    let env = dirs.env_with(&[("KRING_TEST_PANIC", site)]);
    let script = format!("'{KRING}'; echo \"kring-exit=$?\"; stty -a; sleep 60");
    let run = PtySession::spawn_utf8(
        std::path::Path::new("/bin/sh"),
        &["-c", &script],
        &borrowed(&env),
        120,
        40,
    );
    run.wait_for("kring-exit=", START_TIMEOUT);
    let screen = run.wait_for("icanon", ACT_TIMEOUT);

    let code: String = screen
        .split("kring-exit=")
        .nth(1)
        .unwrap_or_default()
        .chars()
        .take_while(char::is_ascii_digit)
        .collect();
    assert!(
        !code.is_empty() && code != "0",
        "exit code {code:?}\n{screen}"
    );
    assert!(
        screen.contains(&format!("KRING_TEST_PANIC={site}")),
        "the panic message is visible:\n{screen}"
    );
    let settings: Vec<&str> = screen.split_whitespace().collect();
    for cooked in ["icanon", "echo", "isig"] {
        assert!(settings.contains(&cooked), "{cooked} is on:\n{screen}");
    }

    let bytes = run.bytes();
    assert_eq!(
        last_mode_switch(&bytes, 1049),
        Some(false),
        "alternate screen"
    );
    assert_eq!(
        last_mode_switch(&bytes, 2004),
        Some(false),
        "bracketed paste"
    );
    assert_eq!(last_mode_switch(&bytes, 25), Some(true), "cursor shown");
    assert!(run.with_screen(|s| !s.alternate_screen() && !s.hide_cursor()));
    assert_no_kring_left(&dirs);
}

/// Asserts that no kring started with `dirs` is still running (the shell around it may be).
#[cfg(debug_assertions)]
fn assert_no_kring_left(dirs: &KringDirs) {
    let needle = dirs.path().display().to_string();
    let kring = std::path::Path::new(KRING);
    let left: Vec<u32> = processes_with_env(&needle)
        .into_iter()
        .filter(|pid| std::fs::read_link(format!("/proc/{pid}/exe")).is_ok_and(|exe| exe == kring))
        .collect();
    for pid in &left {
        kill_if_running(*pid);
    }
    assert!(left.is_empty(), "kring still runs: {left:?}");
}

#[cfg(debug_assertions)]
#[test]
fn a_panic_on_the_ui_task_restores_the_terminal() {
    panic_leaves_a_usable_terminal("ui");
}

#[cfg(debug_assertions)]
#[test]
fn a_panic_in_a_background_task_ends_kring_and_restores_the_terminal() {
    panic_leaves_a_usable_terminal("task");
}
