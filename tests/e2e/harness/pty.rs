//! Drives a program (the real `kring` binary) in a pseudo-terminal: keys in, screen text out
//! (portable-pty runs it, vt100 keeps the screen, at least 1×1), every byte kept (colours, modes,
//! escapes), and for needles named at spawn the moment each first shows. Answers cursor position
//! requests as a terminal would. For the e2e tests and the benchmarks; it asserts nothing.

use std::io::{Read, Write};
use std::num::NonZeroU16;
use std::path::Path;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use portable_pty::{Child, CommandBuilder, MasterPty, PtySize, native_pty_system};

/// What the reader thread has seen so far.
struct Screen {
    parser: vt100::Parser,
    /// Every byte written so far.
    bytes: Vec<u8>,
    eof: bool,
    /// Cursor position requests answered (each costs a round trip on a remote terminal).
    cursor_queries: usize,
    /// Needles to watch for, and when each first appeared on screen.
    watched: Vec<(String, Option<Instant>)>,
}

impl Screen {
    /// Feeds output to the screen; the answer a terminal would give, if `bytes` asked for one.
    fn take(&mut self, bytes: &[u8]) -> Option<String> {
        self.parser.process(bytes);
        self.bytes.extend_from_slice(bytes);
        self.note_watched();
        // A cursor position report request (DSR 6), as a real terminal answers it.
        let asked = bytes.windows(4).any(|w| w == b"\x1b[6n");
        self.cursor_queries += usize::from(asked);
        asked.then(|| {
            let (row, col) = self.parser.screen().cursor_position();
            format!("\x1b[{};{}R", u32::from(row) + 1, u32::from(col) + 1)
        })
    }

    fn note_watched(&mut self) {
        if self.watched.iter().all(|(_, seen)| seen.is_some()) {
            return;
        }
        let now = Instant::now();
        let contents = self.parser.screen().contents();
        for (needle, seen) in &mut self.watched {
            if seen.is_none() && contents.contains(needle.as_str()) {
                *seen = Some(now);
            }
        }
    }
}

/// Which locale the program gets.
#[derive(Clone, Copy)]
pub enum Locale {
    /// The test's own LANG and LC_ALL.
    Inherited,
    /// `LANG=C.UTF-8` whatever the test's locale (before the extra environment, which may
    /// override it).
    Utf8,
}

/// A running kring in a pty.
pub struct PtySession {
    /// Held open: dropping it would close the terminal.
    master: Box<dyn MasterPty + Send>,
    writer: Arc<Mutex<Box<dyn Write + Send>>>,
    child: Box<dyn Child + Send + Sync>,
    screen: Arc<Mutex<Screen>>,
    #[allow(dead_code)] // read by the benchmarks in examples/
    spawned_at: Instant,
}

impl PtySession {
    /// Starts `kring ARGS`, the binary cargo built for the tests (else `kring` on the PATH).
    pub fn spawn(args: &[&str], env: &[(&str, &str)], cols: u16, rows: u16) -> Self {
        let program = option_env!("CARGO_BIN_EXE_kring").unwrap_or("kring");
        Self::spawn_program(Path::new(program), args, env, cols, rows)
    }

    /// Starts `program ARGS` at `cols`×`rows` with exactly the given extra environment (on top
    /// of PATH, HOME, LANG, LC_ALL and TERM=xterm-256color).
    pub fn spawn_program(
        program: &Path,
        args: &[&str],
        env: &[(&str, &str)],
        cols: u16,
        rows: u16,
    ) -> Self {
        Self::spawn_watching(program, args, env, (cols, rows), &[])
    }

    /// [`spawn`](Self::spawn) with a UTF-8 locale: byte checks must not depend on the machine.
    pub fn kring(args: &[&str], env: &[(&str, &str)], cols: u16, rows: u16) -> Self {
        let program = option_env!("CARGO_BIN_EXE_kring").unwrap_or("kring");
        Self::spawn_utf8(Path::new(program), args, env, cols, rows)
    }

    /// Starts `program ARGS` with a UTF-8 locale (see [`Locale::Utf8`]).
    pub fn spawn_utf8(
        program: &Path,
        args: &[&str],
        env: &[(&str, &str)],
        cols: u16,
        rows: u16,
    ) -> Self {
        Self::start(program, args, env, (cols, rows), &[], Locale::Utf8)
    }

    /// Like [`spawn_program`](Self::spawn_program), and records when each of `watch` first
    /// shows on screen (see [`first_seen`](Self::first_seen)).
    pub fn spawn_watching(
        program: &Path,
        args: &[&str],
        env: &[(&str, &str)],
        size: (u16, u16),
        watch: &[&str],
    ) -> Self {
        Self::start(program, args, env, size, watch, Locale::Inherited)
    }

    fn start(
        program: &Path,
        args: &[&str],
        env: &[(&str, &str)],
        (cols, rows): (u16, u16),
        watch: &[&str],
        locale: Locale,
    ) -> Self {
        let pair = native_pty_system()
            .openpty(pty_size(cols, rows))
            .expect("open a pty");
        let mut cmd = CommandBuilder::new(program);
        cmd.args(args);
        cmd.env_clear();
        let inherited: &[&str] = match locale {
            Locale::Inherited => &["PATH", "HOME", "LANG", "LC_ALL"],
            Locale::Utf8 => &["PATH", "HOME"],
        };
        for key in inherited {
            if let Ok(value) = std::env::var(key) {
                cmd.env(key, value);
            }
        }
        if let Locale::Utf8 = locale {
            cmd.env("LANG", "C.UTF-8");
        }
        cmd.env("TERM", "xterm-256color");
        for (key, value) in env {
            cmd.env(key, value);
        }
        let mut reader = pair.master.try_clone_reader().expect("pty reader");
        let writer = Arc::new(Mutex::new(pair.master.take_writer().expect("pty writer")));
        let screen = Arc::new(Mutex::new(Screen {
            parser: vt100::Parser::new(cells(rows), cells(cols), 0),
            bytes: Vec::new(),
            eof: false,
            cursor_queries: 0,
            watched: watch.iter().map(|n| ((*n).to_owned(), None)).collect(),
        }));
        let spawned_at = Instant::now();
        let child = pair
            .slave
            .spawn_command(cmd)
            .expect("spawn the program in the pty");
        drop(pair.slave);
        let sink = Arc::clone(&screen);
        let answers = Arc::clone(&writer);
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
                        let reply = sink.lock().ok().and_then(|mut s| s.take(&buf[..n]));
                        if let (Some(reply), Ok(mut w)) = (reply, answers.lock()) {
                            let _ = w.write_all(reply.as_bytes()).and_then(|()| w.flush());
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
            spawned_at,
        }
    }

    /// How long after the spawn `needle` (named at spawn) first showed, if it has.
    #[allow(dead_code)] // the benchmarks in examples/ use it
    pub fn first_seen(&self, needle: &str) -> Option<Duration> {
        self.first_seen_at(needle)
            .map(|at| at.duration_since(self.spawned_at))
    }

    /// When `needle` (named at spawn) first showed, if it has.
    #[allow(dead_code)] // the benchmarks in examples/ use it
    pub fn first_seen_at(&self, needle: &str) -> Option<Instant> {
        let screen = self.screen.lock().ok()?;
        let (_, seen) = screen.watched.iter().find(|(n, _)| n == needle)?;
        *seen
    }

    /// Waits until the program's side is closed and all it wrote is read; `false` on timeout.
    pub fn wait_output_end(&self, timeout: Duration) -> bool {
        self.poll(timeout, Duration::from_millis(10), |s| s.eof)
    }

    /// Polls every `step` until `done` holds (`true`) or `timeout` passes.
    fn poll(&self, timeout: Duration, step: Duration, done: impl Fn(&Screen) -> bool) -> bool {
        let deadline = Instant::now() + timeout;
        loop {
            if self.screen.lock().map(|s| done(&s)).unwrap_or(true) {
                return true;
            }
            if Instant::now() >= deadline {
                return false;
            }
            std::thread::sleep(step);
        }
    }

    /// Sends raw bytes (keys) to the program.
    pub fn send(&mut self, bytes: &[u8]) {
        assert!(self.try_send(bytes), "write to the pty");
    }

    /// Sends raw bytes; `false` when the program's side is gone (it has exited).
    pub fn try_send(&mut self, bytes: &[u8]) -> bool {
        self.writer
            .lock()
            .is_ok_and(|mut w| w.write_all(bytes).is_ok() && w.flush().is_ok())
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

    /// Waits up to `timeout` for the program to write `needle` (raw bytes); whether it did.
    pub fn wait_raw(&self, needle: &[u8], timeout: Duration) -> bool {
        self.poll(timeout, Duration::from_millis(20), |s| {
            s.bytes.windows(needle.len()).any(|w| w == needle)
        })
    }

    /// How many bytes the program has written to the terminal so far.
    pub fn bytes_written(&self) -> usize {
        self.screen.lock().map(|s| s.bytes.len()).unwrap_or(0)
    }

    /// Every byte the program has written to the terminal so far.
    pub fn bytes(&self) -> Vec<u8> {
        self.screen
            .lock()
            .map(|s| s.bytes.clone())
            .unwrap_or_default()
    }

    /// Runs `look` on the `vt100` screen now.
    pub fn with_screen<T>(&self, look: impl FnOnce(&vt100::Screen) -> T) -> T {
        let screen = self.screen.lock().expect("the reader thread never panics");
        look(screen.parser.screen())
    }

    /// Resizes the pty (any size, 0×0 included); the screen follows as far as a screen can
    /// (at least 1×1).
    pub fn resize(&mut self, cols: u16, rows: u16) {
        if let Ok(mut screen) = self.screen.lock() {
            screen
                .parser
                .screen_mut()
                .set_size(cells(rows), cells(cols));
        }
        self.master
            .resize(pty_size(cols, rows))
            .expect("resize the pty");
    }

    /// How many times the program asked for the cursor position.
    #[allow(dead_code)] // the benchmarks in examples/ use it
    pub fn cursor_queries(&self) -> usize {
        self.screen.lock().map(|s| s.cursor_queries).unwrap_or(0)
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

    /// Waits until more than `count` bytes have been written in all; `false` on timeout.
    pub fn wait_bytes_beyond(&self, count: usize, timeout: Duration) -> bool {
        self.poll(timeout, Duration::from_millis(2), |s| s.bytes.len() > count)
    }

    /// Waits for the program to exit; `None` if it is still running after `timeout`.
    pub fn wait_exit(&mut self, timeout: Duration) -> Option<portable_pty::ExitStatus> {
        let deadline = Instant::now() + timeout;
        while Instant::now() < deadline {
            if let Ok(Some(status)) = self.child.try_wait() {
                return Some(status);
            }
            std::thread::sleep(Duration::from_millis(20));
        }
        self.child.try_wait().ok().flatten()
    }

    /// The child's process id.
    pub fn pid(&self) -> Option<u32> {
        self.child.process_id()
    }
}

impl Drop for PtySession {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// A terminal dimension for vt100 (which needs at least one cell).
fn cells(n: u16) -> NonZeroU16 {
    NonZeroU16::new(n).unwrap_or(NonZeroU16::MIN)
}

fn pty_size(cols: u16, rows: u16) -> PtySize {
    PtySize {
        rows,
        cols,
        pixel_width: 0,
        pixel_height: 0,
    }
}
