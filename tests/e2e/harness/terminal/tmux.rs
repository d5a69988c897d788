//! [`Tmux`]: a private tmux server (its own socket, no user config) running one session, whose
//! `kill-session` closes a terminal the way a dropped SSH link does.

use std::process::Command;
use std::time::{Duration, Instant};

/// A tmux server of this test's own (its own socket, no user config) running one session.
pub struct Tmux {
    socket: String,
}

impl Tmux {
    /// Starts `command` in a new detached session of `cols`×`rows` with `env` set.
    pub fn start(command: &[&str], env: &[(&str, &str)], cols: u16, rows: u16) -> Self {
        let socket = format!(
            "kring-test-{}-{}",
            std::process::id(),
            std::time::SystemTime::now()
                .duration_since(std::time::UNIX_EPOCH)
                .map_or(0, |d| d.as_nanos())
        );
        let tmux = Self { socket };
        let mut args: Vec<String> = [
            "new-session",
            "-d",
            "-s",
            "t",
            "-x",
            &cols.to_string(),
            "-y",
            &rows.to_string(),
        ]
        .iter()
        .map(ToString::to_string)
        .collect();
        for (key, value) in env {
            args.push("-e".to_owned());
            args.push(format!("{key}={value}"));
        }
        args.extend(command.iter().map(ToString::to_string));
        tmux.run(&args);
        tmux
    }

    fn run<S: AsRef<std::ffi::OsStr>>(&self, args: &[S]) -> String {
        let output = Command::new("tmux")
            .args(["-f", "/dev/null", "-L", &self.socket])
            .args(args)
            .output()
            .expect("run tmux");
        String::from_utf8_lossy(&output.stdout).into_owned()
    }

    /// The pane's text now.
    pub fn capture(&self) -> String {
        self.run(&["capture-pane", "-p", "-t", "t"])
    }

    /// Waits until the pane shows `needle`; panics with the pane after `timeout`.
    pub fn wait_for(&self, needle: &str, timeout: Duration) -> String {
        let deadline = Instant::now() + timeout;
        loop {
            let pane = self.capture();
            if pane.contains(needle) {
                return pane;
            }
            assert!(
                Instant::now() < deadline,
                "waited {timeout:?} for {needle:?}; pane:\n{pane}"
            );
            std::thread::sleep(Duration::from_millis(50));
        }
    }

    /// The process tmux started in the pane.
    pub fn pane_pid(&self) -> u32 {
        let pid = self.run(&["display-message", "-p", "-t", "t", "#{pane_pid}"]);
        pid.trim().parse().expect("tmux reports the pane's pid")
    }

    /// Kills the session: tmux closes the pane's terminal.
    pub fn kill_session(&self) {
        self.run(&["kill-session", "-t", "t"]);
    }
}

impl Drop for Tmux {
    fn drop(&mut self) {
        self.run(&["kill-server"]);
    }
}
