//! Shared by the terminal tests: private data directories for a kring run,
//! process helpers (signals through `kill(1)`, liveness and CPU time from `/proc`), readers
//! of the bytes kring wrote ([`sgr_sequences`], [`last_mode_switch`]) and [`Tmux`], a private
//! tmux server whose `kill-session` closes a terminal the way a dropped SSH link does. kring
//! itself runs in the one pty driver, `harness::pty::PtySession`.

mod bytes;
mod tmux;

pub use bytes::{last_mode_switch, sgr_sequences};
pub use tmux::Tmux;

use std::path::Path;
use std::process::Command;
use std::time::{Duration, Instant};

/// How long kring may take to show its first screen on a busy machine.
pub const START_TIMEOUT: Duration = Duration::from_secs(60);
/// How long to wait for kring to act on a key, a signal or a hang-up before calling it stuck.
pub const ACT_TIMEOUT: Duration = Duration::from_secs(20);

/// Private config, data and cache directories, so every run opens its own demo network.
pub struct KringDirs {
    root: tempfile::TempDir,
}

impl KringDirs {
    pub fn new() -> Self {
        Self {
            root: tempfile::tempdir().expect("a temporary directory"),
        }
    }

    pub fn path(&self) -> &Path {
        self.root.path()
    }

    /// `KRING_*_DIR` pointing into the private directory.
    pub fn env(&self) -> Vec<(String, String)> {
        ["DATA", "CONFIG", "CACHE"]
            .iter()
            .map(|kind| {
                let dir = self.root.path().join(kind.to_lowercase());
                (format!("KRING_{kind}_DIR"), dir.display().to_string())
            })
            .collect()
    }

    /// [`env`](Self::env) plus `extra`, borrowed the way the pty harnesses take it.
    pub fn env_with(&self, extra: &[(&str, &str)]) -> Vec<(String, String)> {
        let mut env = self.env();
        env.extend(
            extra
                .iter()
                .map(|(k, v)| ((*k).to_owned(), (*v).to_owned())),
        );
        env
    }
}

/// `(String, String)` pairs as the `(&str, &str)` pairs the harnesses take.
pub fn borrowed(env: &[(String, String)]) -> Vec<(&str, &str)> {
    env.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect()
}

/// Sends `signal` (a name such as `HUP`) to `pid` with `kill(1)`.
pub fn send_signal(pid: u32, signal: &str) {
    let status = Command::new("kill")
        .args([format!("-{signal}"), pid.to_string()])
        .status()
        .expect("run kill");
    assert!(status.success(), "kill -{signal} {pid}: {status}");
}

/// The process's state letter from `/proc/PID/stat` (`R`, `S`, `T`, `Z`, …), `None` once reaped.
pub fn process_state(pid: u32) -> Option<char> {
    let stat = std::fs::read_to_string(format!("/proc/{pid}/stat")).ok()?;
    // The command name is in parentheses and may contain spaces: the state follows the last ')'.
    stat.rsplit_once(')')?.1.trim_start().chars().next()
}

/// Whether the process has ended (gone, or a zombie waiting to be reaped).
pub fn has_ended(pid: u32) -> bool {
    matches!(process_state(pid), None | Some('Z' | 'X'))
}

/// What each thread of a live process is doing (name, state, kernel wait channel, CPU ticks),
/// for the message of a test that found it still running.
pub fn threads_of(pid: u32) -> String {
    let Ok(tasks) = std::fs::read_dir(format!("/proc/{pid}/task")) else {
        return "gone".into();
    };
    let read = |path: std::path::PathBuf| std::fs::read_to_string(path).unwrap_or_default();
    let mut lines: Vec<String> = tasks
        .flatten()
        .map(|task| {
            let dir = task.path();
            let stat = read(dir.join("stat"));
            let fields: Vec<&str> = stat
                .rsplit_once(')')
                .map(|(_, rest)| rest.split_whitespace().collect())
                .unwrap_or_default();
            let field = |i: usize| fields.get(i).copied().unwrap_or("?");
            format!(
                "{} {} wchan={} cpu={}+{}",
                read(dir.join("comm")).trim(),
                field(0),
                read(dir.join("wchan")),
                field(11),
                field(12)
            )
        })
        .collect();
    lines.sort();
    lines.join("; ")
}

/// Waits up to `timeout` for the process to end; whether it did.
pub fn wait_ended(pid: u32, timeout: Duration) -> bool {
    let deadline = Instant::now() + timeout;
    while Instant::now() < deadline {
        if has_ended(pid) {
            return true;
        }
        std::thread::sleep(Duration::from_millis(20));
    }
    has_ended(pid)
}

/// User plus system CPU time of the process, in clock ticks.
pub fn cpu_ticks(pid: u32) -> Option<u64> {
    let stat = std::fs::read_to_string(format!("/proc/{pid}/stat")).ok()?;
    let fields: Vec<&str> = stat.rsplit_once(')')?.1.split_whitespace().collect();
    // After the name: state is field 0, utime field 11, stime field 12.
    let utime: u64 = fields.get(11)?.parse().ok()?;
    let stime: u64 = fields.get(12)?.parse().ok()?;
    Some(utime + stime)
}

/// The process ids of `pid`'s children.
pub fn children_of(pid: u32) -> Vec<u32> {
    std::fs::read_to_string(format!("/proc/{pid}/task/{pid}/children"))
        .unwrap_or_default()
        .split_whitespace()
        .filter_map(|id| id.parse().ok())
        .collect()
}

/// Waits for a child of `pid` to appear.
pub fn wait_child(pid: u32, timeout: Duration) -> Option<u32> {
    let deadline = Instant::now() + timeout;
    while Instant::now() < deadline {
        if let Some(child) = children_of(pid).first() {
            return Some(*child);
        }
        std::thread::sleep(Duration::from_millis(20));
    }
    None
}

/// Processes whose environment contains `needle` (e.g. a test's private directory): whatever is
/// left of a run, however it was started or re-parented.
pub fn processes_with_env(needle: &str) -> Vec<u32> {
    let Ok(entries) = std::fs::read_dir("/proc") else {
        return Vec::new();
    };
    entries
        .filter_map(|entry| entry.ok()?.file_name().to_str()?.parse::<u32>().ok())
        .filter(|pid| !has_ended(*pid))
        .filter(|pid| {
            std::fs::read(format!("/proc/{pid}/environ")).is_ok_and(|environ| {
                environ
                    .windows(needle.len())
                    .any(|w| w == needle.as_bytes())
            })
        })
        .collect()
}

/// Kills a process this test started, if it is still there (cleanup after a failed assertion).
pub fn kill_if_running(pid: u32) {
    if !has_ended(pid) {
        let _ = Command::new("kill")
            .args(["-KILL", &pid.to_string()])
            .status();
    }
}
