//! Runs `token_command` (e.g. `["pass", "show", "yammer"]`) to get a token: argv only, no shell,
//! stdin closed, `KRING_TOKEN` removed from its environment, bounded output and a timeout. The
//! token is the first line of standard output, trimmed. The command runs in a process group of
//! its own, so a timeout ends everything it started (a `sh -c` wrapper's children too).
//!
//! Must not put the command's standard output into an error, and scrubs the token from any
//! standard-error text it reports.

use std::io::{BufRead, BufReader, Read};
use std::process::{Child, Command, Stdio};
use std::sync::mpsc;
use std::thread;
use std::time::{Duration, Instant};

use super::{Secret, SecretError};

/// How long a token command may run before it is killed.
pub const DEFAULT_TOKEN_COMMAND_TIMEOUT: Duration = Duration::from_secs(10);

/// Output beyond this is not a token; reading stops here.
const MAX_OUTPUT_BYTES: u64 = 64 * 1024;

/// How much of the command's standard error an error message quotes.
const MAX_STDERR_CHARS: usize = 200;

/// How often the child is polled for exit.
const POLL_INTERVAL: Duration = Duration::from_millis(10);

/// Runs `argv` and returns the first line of its standard output as the token.
pub fn run_token_command(argv: &[String], timeout: Duration) -> Result<Secret, SecretError> {
    let (program, arguments) = argv.split_first().ok_or(SecretError::CommandEmpty)?;
    let spawn_error = |reason: String| SecretError::CommandSpawn {
        program: program.clone(),
        reason,
    };
    let mut command = Command::new(program);
    #[cfg(unix)]
    std::os::unix::process::CommandExt::process_group(&mut command, 0);
    let mut child = command
        .args(arguments)
        .env_remove("KRING_TOKEN")
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .map_err(|error| spawn_error(error.to_string()))?;
    let stdout = first_line_of(child.stdout.take());
    let stderr = first_line_of(child.stderr.take());

    let deadline = Instant::now() + timeout;
    let status = match wait_until(&mut child, deadline) {
        Some(status) => status,
        None => {
            // Best effort: the child may have exited between the last poll and the kill.
            kill_process_group(&child);
            let _ = child.kill();
            let _ = child.wait();
            return Err(SecretError::CommandTimeout {
                program: program.clone(),
                limit: describe_duration(timeout),
            });
        }
    };
    let remaining = deadline
        .saturating_duration_since(Instant::now())
        .max(POLL_INTERVAL);
    let first_line = stdout
        .recv_timeout(remaining)
        .unwrap_or_default()
        .trim()
        .to_string();

    if !status.success() {
        let stderr_text = stderr.recv_timeout(remaining).unwrap_or_default();
        return Err(SecretError::CommandFailed {
            program: program.clone(),
            status: status.to_string(),
            stderr: scrubbed_stderr(&stderr_text, &first_line),
        });
    }
    if first_line.is_empty() {
        return Err(SecretError::EmptyToken {
            source_name: format!("token_command `{program}`"),
        });
    }
    Ok(Secret::new(first_line))
}

/// Reads a pipe on a thread and hands over its first line as soon as it is complete (or the
/// pipe ends), then drains the rest so the child never blocks or dies of a broken pipe. A
/// background process that inherits the pipe therefore cannot delay the token.
fn first_line_of(pipe: Option<impl Read + Send + 'static>) -> mpsc::Receiver<String> {
    let (sender, receiver) = mpsc::channel();
    if let Some(pipe) = pipe {
        thread::spawn(move || {
            let mut reader = BufReader::new(pipe.take(MAX_OUTPUT_BYTES));
            let mut line = Vec::new();
            let _ = reader.read_until(b'\n', &mut line);
            let _ = sender.send(String::from_utf8_lossy(&line).into_owned());
            let _ = std::io::copy(&mut reader, &mut std::io::sink());
        });
    }
    receiver
}

fn wait_until(child: &mut Child, deadline: Instant) -> Option<std::process::ExitStatus> {
    loop {
        match child.try_wait() {
            Ok(Some(status)) => return Some(status),
            Ok(None) if Instant::now() < deadline => thread::sleep(POLL_INTERVAL),
            Ok(None) | Err(_) => return None,
        }
    }
}

/// Ends the child's whole process group (it leads one: `process_group(0)` at spawn), so what a
/// wrapper script started does not outlive the timeout.
fn kill_process_group(child: &Child) {
    #[cfg(unix)]
    if let Some(pid) = rustix::process::Pid::from_raw(child.id().cast_signed()) {
        let _ = rustix::process::kill_process_group(pid, rustix::process::Signal::KILL);
    }
    #[cfg(not(unix))]
    let _ = child;
}

fn describe_duration(duration: Duration) -> String {
    if duration.subsec_millis() == 0 {
        format!("{} s", duration.as_secs())
    } else {
        format!("{} ms", duration.as_millis())
    }
}

/// The first line of standard error, shortened, with the would-be token removed.
fn scrubbed_stderr(stderr: &str, token: &str) -> String {
    let line = stderr.trim();
    let line = if token.is_empty() {
        line.to_string()
    } else {
        line.replace(token, "***")
    };
    let short: String = line.chars().take(MAX_STDERR_CHARS).collect();
    if short.is_empty() {
        String::new()
    } else {
        format!(": {short}")
    }
}
