//! [`Recorder`]: kring in a pty with every byte it writes kept, a `vt100` screen beside them
//! (never smaller than 1×1), and readers of the bytes (SGR sequences, DEC private modes).

use std::io::{Read, Write};
use std::path::Path;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use portable_pty::{Child, CommandBuilder, MasterPty, PtySize, native_pty_system};

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
