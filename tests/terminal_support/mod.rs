//! Shared by the terminal resilience tests (TRM-*): private data directories for a kring run,
//! process helpers (signals through `kill(1)`, liveness and CPU time from `/proc`),
//! [`Recorder`], a kring in a pty that keeps every byte it writes, and [`Tmux`], a private tmux
//! server whose `kill-session` closes a terminal the way a dropped SSH link does. The screen harness in
//! `support/pty.rs` keeps only the screen; byte-level checks (colour SGR, modes left on, ASCII
//! only) need the bytes, and a resize to 0×0 must not reach a `vt100` screen, which cannot be
//! that small.
#![allow(dead_code)]

use std::io::{Read, Write};
use std::path::Path;
use std::process::Command;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use portable_pty::{Child, CommandBuilder, MasterPty, PtySize, native_pty_system};

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

/// What the reader thread has collected.
struct Output {
    bytes: Vec<u8>,
    screen: vt100::Parser,
}

/// A program in a pty, with every byte it wrote kept.
pub struct Recorder {
    master: Box<dyn MasterPty + Send>,
    writer: Box<dyn Write + Send>,
    child: Box<dyn Child + Send + Sync>,
    output: Arc<Mutex<Output>>,
}

impl Recorder {
    /// Starts `kring ARGS` at `cols`×`rows` with PATH, HOME, `TERM=xterm-256color`,
    /// `LANG=C.UTF-8` and then `env` (which may override them).
    pub fn kring(args: &[&str], env: &[(&str, &str)], cols: u16, rows: u16) -> Self {
        Self::spawn(
            Path::new(env!("CARGO_BIN_EXE_kring")),
            args,
            env,
            cols,
            rows,
        )
    }

    /// Starts any program the same way.
    pub fn spawn(
        program: &Path,
        args: &[&str],
        env: &[(&str, &str)],
        cols: u16,
        rows: u16,
    ) -> Self {
        let pair = native_pty_system()
            .openpty(size(cols, rows))
            .expect("open a pty");
        let mut cmd = CommandBuilder::new(program);
        cmd.args(args);
        cmd.env_clear();
        for key in ["PATH", "HOME"] {
            if let Ok(value) = std::env::var(key) {
                cmd.env(key, value);
            }
        }
        cmd.env("TERM", "xterm-256color");
        cmd.env("LANG", "C.UTF-8");
        for (key, value) in env {
            cmd.env(key, value);
        }
        let child = pair.slave.spawn_command(cmd).expect("spawn in the pty");
        drop(pair.slave);
        let mut reader = pair.master.try_clone_reader().expect("pty reader");
        let writer = pair.master.take_writer().expect("pty writer");
        let output = Arc::new(Mutex::new(Output {
            bytes: Vec::new(),
            screen: vt100::Parser::new(screen_size(rows), screen_size(cols), 0),
        }));
        let sink = Arc::clone(&output);
        std::thread::spawn(move || {
            let mut buf = [0u8; 8192];
            while let Ok(n @ 1..) = reader.read(&mut buf) {
                let Ok(mut out) = sink.lock() else { break };
                out.bytes.extend_from_slice(&buf[..n]);
                out.screen.process(&buf[..n]);
            }
        });
        Self {
            master: pair.master,
            writer,
            child,
            output,
        }
    }

    /// Everything written so far.
    pub fn bytes(&self) -> Vec<u8> {
        self.output
            .lock()
            .map(|o| o.bytes.clone())
            .unwrap_or_default()
    }

    /// How many bytes were written so far.
    pub fn len(&self) -> usize {
        self.output.lock().map(|o| o.bytes.len()).unwrap_or(0)
    }

    /// The screen's text now.
    pub fn contents(&self) -> String {
        self.output
            .lock()
            .map(|o| o.screen.screen().contents())
            .unwrap_or_default()
    }

    /// Runs `look` on the `vt100` screen now.
    pub fn with_screen<T>(&self, look: impl FnOnce(&vt100::Screen) -> T) -> T {
        let output = self.output.lock().expect("the reader thread never panics");
        look(output.screen.screen())
    }

    /// Waits until the screen contains `needle`; panics with the screen after `timeout`.
    pub fn wait_for(&self, needle: &str, timeout: Duration) -> String {
        let deadline = Instant::now() + timeout;
        loop {
            let screen = self.contents();
            if screen.contains(needle) {
                return screen;
            }
            assert!(
                Instant::now() < deadline,
                "waited {timeout:?} for {needle:?}; screen:\n{screen}"
            );
            std::thread::sleep(Duration::from_millis(20));
        }
    }

    /// Waits until no byte has arrived for `quiet` (kring is idle), at most `timeout`.
    pub fn wait_quiet(&self, quiet: Duration, timeout: Duration) {
        let deadline = Instant::now() + timeout;
        let mut last = self.len();
        let mut since = Instant::now();
        while Instant::now() < deadline {
            std::thread::sleep(Duration::from_millis(10));
            let now = self.len();
            if now != last {
                last = now;
                since = Instant::now();
            } else if since.elapsed() >= quiet {
                return;
            }
        }
    }

    /// Sends raw bytes (keys).
    pub fn send(&mut self, bytes: &[u8]) {
        self.writer.write_all(bytes).expect("write to the pty");
        self.writer.flush().expect("flush the pty");
    }

    /// Resizes the pty (any size, 0×0 included); the recorded screen follows as far as a screen
    /// can (at least 1×1).
    pub fn resize(&mut self, cols: u16, rows: u16) {
        if let Ok(mut out) = self.output.lock() {
            out.screen
                .screen_mut()
                .set_size(screen_size(rows), screen_size(cols));
        }
        self.master
            .resize(size(cols, rows))
            .expect("resize the pty");
    }

    pub fn pid(&self) -> u32 {
        self.child.process_id().expect("the child has a pid")
    }

    /// Waits for the program to exit; `None` if it still runs after `timeout`.
    pub fn wait_exit(&mut self, timeout: Duration) -> Option<portable_pty::ExitStatus> {
        let deadline = Instant::now() + timeout;
        loop {
            if let Ok(Some(status)) = self.child.try_wait() {
                return Some(status);
            }
            if Instant::now() >= deadline {
                return None;
            }
            std::thread::sleep(Duration::from_millis(20));
        }
    }
}

impl Drop for Recorder {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn size(cols: u16, rows: u16) -> PtySize {
    PtySize {
        rows,
        cols,
        pixel_width: 0,
        pixel_height: 0,
    }
}

/// Every SGR (`CSI … m`) in `bytes`, as its parameter list (`[]` for a bare `CSI m`).
pub fn sgr_sequences(bytes: &[u8]) -> Vec<Vec<u16>> {
    struct Collect(Vec<Vec<u16>>);
    impl vte::Perform for Collect {
        fn csi_dispatch(&mut self, params: &vte::Params, _: &[u8], _: bool, action: char) {
            if action == 'm' {
                self.0
                    .push(params.iter().flat_map(|p| p.iter().copied()).collect());
            }
        }
    }
    let mut collect = Collect(Vec::new());
    vte::Parser::new().advance(&mut collect, bytes);
    collect.0
}

/// How `bytes` leave the DEC private `mode`: `Some(true)` if its last switch is `CSI ? mode h`,
/// `Some(false)` if it is `CSI ? mode l`, `None` if the mode is never switched.
pub fn last_mode_switch(bytes: &[u8], mode: u16) -> Option<bool> {
    let last = |suffix: char| {
        let needle = format!("\x1b[?{mode}{suffix}");
        bytes
            .windows(needle.len())
            .rposition(|w| w == needle.as_bytes())
    };
    match (last('h'), last('l')) {
        (None, None) => None,
        (on, off) => Some(on > off),
    }
}

/// A screen dimension for `vt100`, which cannot be 0: a 0-sized pty shows as 1.
fn screen_size(cells: u16) -> std::num::NonZeroU16 {
    std::num::NonZeroU16::new(cells).unwrap_or(std::num::NonZeroU16::MIN)
}

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
