//! Drives the real `kring` binary in a pseudo-terminal: keys in, screen text out (portable-pty
//! runs it, vt100 keeps the screen). Used by the end-to-end tests and the tty benchmark.

#![allow(dead_code)]

use std::io::{Read, Write};
use std::path::Path;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use portable_pty::{Child, CommandBuilder, MasterPty, PtySize, native_pty_system};

/// What the reader thread has seen so far.
struct Screen {
    parser: vt100::Parser,
    bytes_total: usize,
    eof: bool,
}

/// A running kring in a pty.
pub struct PtySession {
    master: Box<dyn MasterPty + Send>,
    writer: Box<dyn Write + Send>,
    child: Box<dyn Child + Send + Sync>,
    screen: Arc<Mutex<Screen>>,
}

impl PtySession {
    /// Starts `kring ARGS` at `cols`×`rows` with exactly the given extra environment
    /// (on top of PATH, HOME and TERM=xterm-256color).
    pub fn spawn(args: &[&str], env: &[(&str, &str)], cols: u16, rows: u16) -> Self {
        Self::spawn_program(
            Path::new(env!("CARGO_BIN_EXE_kring")),
            args,
            env,
            cols,
            rows,
        )
    }

    /// Starts any program in a pty (the same harness for a helper binary).
    pub fn spawn_program(
        program: &Path,
        args: &[&str],
        env: &[(&str, &str)],
        cols: u16,
        rows: u16,
    ) -> Self {
        let pair = native_pty_system()
            .openpty(PtySize {
                rows,
                cols,
                pixel_width: 0,
                pixel_height: 0,
            })
            .expect("open a pty");
        let mut cmd = CommandBuilder::new(program);
        cmd.args(args);
        cmd.env_clear();
        for key in ["PATH", "HOME", "LANG", "LC_ALL"] {
            if let Ok(value) = std::env::var(key) {
                cmd.env(key, value);
            }
        }
        cmd.env("TERM", "xterm-256color");
        for (key, value) in env {
            cmd.env(key, value);
        }
        let child = pair
            .slave
            .spawn_command(cmd)
            .expect("spawn kring in the pty");
        drop(pair.slave);
        let mut reader = pair.master.try_clone_reader().expect("pty reader");
        let writer = pair.master.take_writer().expect("pty writer");
        let screen = Arc::new(Mutex::new(Screen {
            parser: vt100::Parser::new(screen_size(rows), screen_size(cols), 0),
            bytes_total: 0,
            eof: false,
        }));
        let sink = Arc::clone(&screen);
        std::thread::spawn(move || {
            let mut buf = [0u8; 8192];
            loop {
                match reader.read(&mut buf) {
                    Ok(0) | Err(_) => {
                        if let Ok(mut s) = sink.lock() {
                            s.eof = true;
                        }
                        break;
                    }
                    Ok(n) => {
                        if let Ok(mut s) = sink.lock() {
                            s.parser.process(&buf[..n]);
                            s.bytes_total += n;
                        }
                    }
                }
            }
        });
        Self {
            master: pair.master,
            writer,
            child,
            screen,
        }
    }

    /// Sends raw bytes (keys) to the program.
    pub fn send(&mut self, bytes: &[u8]) {
        self.writer.write_all(bytes).expect("write to the pty");
        self.writer.flush().expect("flush the pty");
    }

    /// Sends text key by key, with a short pause so each is its own read.
    pub fn type_text(&mut self, text: &str) {
        for ch in text.chars() {
            let mut buf = [0u8; 4];
            self.send(ch.encode_utf8(&mut buf).as_bytes());
            std::thread::sleep(Duration::from_millis(15));
        }
    }

    /// The screen's text now.
    pub fn contents(&self) -> String {
        self.screen
            .lock()
            .map(|s| s.parser.screen().contents())
            .unwrap_or_default()
    }

    /// Bytes the program has written to the terminal so far.
    pub fn bytes_written(&self) -> usize {
        self.screen.lock().map(|s| s.bytes_total).unwrap_or(0)
    }

    /// Whether the terminal is back in the normal screen with the cursor shown.
    pub fn terminal_restored(&self) -> bool {
        self.screen
            .lock()
            .map(|s| !s.parser.screen().alternate_screen() && !s.parser.screen().hide_cursor())
            .unwrap_or(false)
    }

    /// Waits until the screen contains `needle`; panics with the screen after `timeout`.
    pub fn wait_for(&self, needle: &str, timeout: Duration) -> String {
        self.wait_until(timeout, |screen| screen.contains(needle))
            .unwrap_or_else(|screen| panic!("waited {timeout:?} for {needle:?}; screen:\n{screen}"))
    }

    /// Waits until `pred` holds for the screen text; `Err(last screen)` on timeout.
    pub fn wait_until(
        &self,
        timeout: Duration,
        pred: impl Fn(&str) -> bool,
    ) -> Result<String, String> {
        let deadline = Instant::now() + timeout;
        loop {
            let screen = self.contents();
            if pred(&screen) {
                return Ok(screen);
            }
            if Instant::now() >= deadline {
                return Err(screen);
            }
            std::thread::sleep(Duration::from_millis(20));
        }
    }

    /// Waits until the byte count stops changing for `quiet` (the program is idle).
    pub fn wait_quiet(&self, quiet: Duration, timeout: Duration) {
        let deadline = Instant::now() + timeout;
        let mut last = self.bytes_written();
        let mut since = Instant::now();
        while Instant::now() < deadline {
            std::thread::sleep(Duration::from_millis(10));
            let now = self.bytes_written();
            if now != last {
                last = now;
                since = Instant::now();
            } else if since.elapsed() >= quiet {
                return;
            }
        }
    }

    /// Waits for the program to exit; `None` if it is still running after `timeout`.
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

    /// The child's process id.
    pub fn pid(&self) -> Option<u32> {
        self.child.process_id()
    }

    /// Resizes the terminal.
    pub fn resize(&mut self, cols: u16, rows: u16) {
        if let Ok(mut s) = self.screen.lock() {
            s.parser
                .screen_mut()
                .set_size(screen_size(rows), screen_size(cols));
        }
        let _ = self.master.resize(PtySize {
            rows,
            cols,
            pixel_width: 0,
            pixel_height: 0,
        });
    }
}

impl Drop for PtySession {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// A screen dimension for `vt100`, which cannot be 0: a 0-sized pty shows as 1.
fn screen_size(cells: u16) -> std::num::NonZeroU16 {
    std::num::NonZeroU16::new(cells).unwrap_or(std::num::NonZeroU16::MIN)
}
