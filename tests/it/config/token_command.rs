//! Token commands: the first line of output, trimmed; failures and missing programs reported
//! without the token; a command that hangs is killed at the timeout with what it started.

use std::time::Duration;

use kring::config::secret::{SecretError, run_token_command};

/// A sentinel token: any test output containing it is a leak.
const SENTINEL: &str = "TEST-SECRET-7f3a";

fn argv(parts: &[&str]) -> Vec<String> {
    parts.iter().map(|part| (*part).to_string()).collect()
}

fn sh(script: &str) -> Vec<String> {
    argv(&["sh", "-c", script])
}

#[test]
fn token_command_returns_first_line_trimmed() {
    let token = run_token_command(
        &sh("printf '  tok-1  \\nsecond line\\n'"),
        Duration::from_secs(10),
    )
    .expect("success");
    assert_eq!(token.expose(), "tok-1");
    // Standard input is closed: a command that reads it gets end-of-file, not a hang.
    let token = run_token_command(
        &sh("read line; echo \"got:$line\""),
        Duration::from_secs(10),
    )
    .expect("stdin is null");
    assert_eq!(token.expose(), "got:");
}

#[test]
fn token_command_background_child_does_not_hold_up_the_token() {
    let token = run_token_command(&sh("sleep 3 & echo bg-token"), Duration::from_secs(10))
        .expect("first line arrives before the pipe closes");
    assert_eq!(token.expose(), "bg-token");
}

#[test]
fn token_command_failure_reports_status_without_the_token() {
    let script = format!("echo {SENTINEL}; echo \"denied for {SENTINEL}\" >&2; exit 3");
    let error = run_token_command(&sh(&script), Duration::from_secs(10)).expect_err("fails");
    let message = error.to_string();
    assert!(message.contains("token_command `sh` failed"), "{message}");
    assert!(message.contains('3'), "{message}");
    assert!(message.contains("denied for ***"), "{message}");
    assert!(!message.contains(SENTINEL), "{message}");
}

#[test]
fn token_command_without_output_empty_argv_or_missing_program_fail() {
    let error = run_token_command(&sh("true"), Duration::from_secs(10)).expect_err("no output");
    assert!(matches!(error, SecretError::EmptyToken { .. }), "{error:?}");
    assert_eq!(
        run_token_command(&[], Duration::from_secs(1)),
        Err(SecretError::CommandEmpty)
    );
    let error = run_token_command(&argv(&["/nonexistent/kring-pass"]), Duration::from_secs(1))
        .expect_err("no such program")
        .to_string();
    assert!(
        error.contains("/nonexistent/kring-pass") && error.contains("could not start"),
        "{error}"
    );
}

#[test]
fn token_command_that_hangs_is_killed_at_the_timeout() {
    let error = run_token_command(
        &sh("echo partial; exec sleep 30"),
        Duration::from_millis(200),
    )
    .expect_err("times out");
    assert_eq!(
        error,
        SecretError::CommandTimeout {
            program: "sh".into(),
            limit: "200 ms".into()
        }
    );
}

#[test]
fn a_token_command_timeout_ends_what_the_command_started() {
    // `sh` runs `sleep` as its child (no `exec`): killing only `sh` would leave `sleep` behind.
    let marker = "86.4217";
    let error = run_token_command(
        &sh(&format!("sleep {marker}; true")),
        Duration::from_millis(300),
    )
    .expect_err("times out");
    assert!(
        matches!(error, SecretError::CommandTimeout { .. }),
        "{error:?}"
    );
    let deadline = std::time::Instant::now() + Duration::from_secs(5);
    while sleeping_with(marker) && std::time::Instant::now() < deadline {
        std::thread::sleep(Duration::from_millis(20));
    }
    assert!(
        !sleeping_with(marker),
        "the command's child outlived its timeout"
    );
}

/// Whether a live process runs `sleep ARG` (a killed one has an empty command line).
fn sleeping_with(arg: &str) -> bool {
    let wanted = format!("sleep\0{arg}\0");
    std::fs::read_dir("/proc")
        .into_iter()
        .flatten()
        .flatten()
        .filter_map(|entry| std::fs::read(entry.path().join("cmdline")).ok())
        .any(|cmdline| cmdline == wanted.as_bytes())
}
