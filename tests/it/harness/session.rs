//! Whole TUI sessions in process: the real run loop (`run_session`) against an in-process
//! server, reading keys from a channel and drawing into ratatui's `TestBackend`. Keys go in as
//! keymap sequences ("j", "g g", "ctrl-r"); each frame comes out as text, and a test waits for
//! the screen it expects with a deadline.
//!
//! Use this for behaviour that needs the loop, the worker and the network together; what only a
//! real terminal shows (modes, signals, raw bytes on a pty) stays in the e2e tests.

use std::io::{self, Write};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use crossterm::event::{Event, KeyEvent, KeyEventKind, KeyEventState};
use kring::api::Client;
use kring::app::core::accounts::{AccountEntry, Accounts};
use kring::app::shell::cache::CacheSetup;
use kring::app::shell::ending::Ending;
use kring::app::shell::input::{Input, InputEvent};
use kring::app::shell::outbox_link::OutboxStart;
use kring::app::shell::run::{AppError, RunOptions, SessionIo, run_session};
use kring::app::shell::screen::Screen;
use kring::config::keymap::parse_sequence;
use kring::config::notify::{NotifyConfig, NotifyMethod};
use kring::config::theme::Theme;
use kring::store::CacheStore;
use ratatui::backend::TestBackend;
use ratatui::layout::Size;
use ratatui::{Frame, Terminal};
use tokio::sync::{mpsc, watch};
use tokio::task::JoinHandle;

use super::tui::keymap;

/// How long a test waits for a screen before it fails.
const SCREEN_DEADLINE: Duration = Duration::from_secs(20);

/// The screen as a test sees it: the last frame drawn, as text, and the raw bytes written.
struct MemoryScreen {
    terminal: Terminal<TestBackend>,
    frames: watch::Sender<String>,
    raw: RawBytes,
}

/// Raw bytes the session wrote for the terminal itself (OSC 52 and the like).
struct RawBytes(Arc<Mutex<Vec<u8>>>);

impl Write for RawBytes {
    fn write(&mut self, bytes: &[u8]) -> io::Result<usize> {
        self.0.lock().unwrap().extend_from_slice(bytes);
        Ok(bytes.len())
    }

    fn flush(&mut self) -> io::Result<()> {
        Ok(())
    }
}

impl Screen for MemoryScreen {
    fn draw(&mut self, render: impl FnOnce(&mut Frame)) -> io::Result<()> {
        let Ok(frame) = self.terminal.draw(render);
        let text = frame
            .buffer
            .content
            .chunks(frame.area.width as usize)
            .map(|row| row.iter().map(|cell| cell.symbol()).collect::<String>())
            .collect::<Vec<_>>()
            .join("\n");
        self.frames.send_replace(text);
        Ok(())
    }

    fn size(&mut self) -> io::Result<Size> {
        let Ok(size) = self.terminal.size();
        Ok(size)
    }

    fn repaint_all(&mut self) -> io::Result<()> {
        let Ok(()) = self.terminal.clear();
        Ok(())
    }

    fn raw(&mut self) -> &mut dyn Write {
        &mut self.raw
    }

    fn give_back(&mut self) -> io::Result<()> {
        Ok(())
    }

    fn take_back(&mut self) -> io::Result<()> {
        self.repaint_all()
    }

    fn stop_process(&mut self) -> io::Result<()> {
        Ok(())
    }

    fn restored_elsewhere(&mut self) {}
}

/// Keys from the test.
struct ChannelInput(mpsc::UnboundedReceiver<InputEvent>);

impl Input for ChannelInput {
    async fn next(&mut self) -> InputEvent {
        self.0.recv().await.unwrap_or(InputEvent::Closed)
    }

    fn pause(&mut self) {}

    fn resume(&mut self) {}
}

/// A running session.
pub struct Session {
    input: mpsc::UnboundedSender<InputEvent>,
    frames: watch::Receiver<String>,
    raw: Arc<Mutex<Vec<u8>>>,
    task: JoinHandle<Result<Ending, AppError>>,
}

impl Session {
    /// Starts a session of `width`×`height` as the owner of `token` on the server at `base`,
    /// with no cache and no outbox engine (posts go out directly).
    pub fn start(base: &str, token: &str, width: u16, height: u16) -> Self {
        Self::start_with(base, token, (width, height), None)
    }

    /// As [`Session::start`], with the local cache kept in `dir` (as account "test"), so a
    /// second session on the same `dir` starts from what the first one kept.
    pub fn start_cached(
        base: &str,
        token: &str,
        (width, height): (u16, u16),
        dir: &std::path::Path,
    ) -> Self {
        let (store, _) = kring::store::CacheStore::open(dir).unwrap();
        Self::start_with_cache(base, token, width, height, Some(store))
    }

    /// [`Session::start`] reading from and writing to `cache` (its store, for the account
    /// "test").
    pub fn start_with_cache(
        base: &str,
        token: &str,
        width: u16,
        height: u16,
        cache: Option<CacheStore>,
    ) -> Self {
        let cache = cache.map(|store| CacheSetup {
            store,
            account: "test".into(),
            rebuilt: None,
        });
        Self::start_with(base, token, (width, height), cache)
    }

    fn start_with(
        base: &str,
        token: &str,
        (width, height): (u16, u16),
        cache: Option<CacheSetup>,
    ) -> Self {
        let client = Client::new(base, token).unwrap();
        let options = RunOptions {
            theme: Theme::default(),
            keymap: keymap(),
            banner: None,
            secret_variables: Vec::new(),
            outbox: OutboxStart::Unavailable("in-process test".into()),
            accounts: Accounts {
                entries: vec![AccountEntry::demo()],
                current: Some(0),
            },
            notice: None,
            // A fixed encoding, whatever terminal the tests run in.
            notify: NotifyConfig {
                method: NotifyMethod::Osc777,
                ..NotifyConfig::default()
            },
            hyperlinks: false,
            mouse: false,
            guidelines: Default::default(),
        };
        let (input, keys) = mpsc::unbounded_channel();
        let (frames_tx, frames) = watch::channel(String::new());
        let raw = Arc::new(Mutex::new(Vec::new()));
        let mut screen = MemoryScreen {
            terminal: Terminal::new(TestBackend::new(width, height)).unwrap(),
            frames: frames_tx,
            raw: RawBytes(raw.clone()),
        };
        let task = tokio::spawn(async move {
            let mut input = ChannelInput(keys);
            // Panics in this test process are the test's, not the session's.
            let (_panic_tx, panics) = mpsc::unbounded_channel();
            let io = SessionIo {
                screen: &mut screen,
                input: &mut input,
                panics,
            };
            run_session(client, options, None, cache, io).await
        });
        Self {
            input,
            frames,
            raw,
            task,
        }
    }

    /// Presses the keys of a keymap sequence, one event each ("g g", "ctrl-r", "enter").
    pub fn keys(&self, sequence: &str) {
        for chord in parse_sequence(sequence).unwrap() {
            let (code, modifiers) = chord.to_crossterm();
            let key = KeyEvent {
                code,
                modifiers,
                kind: KeyEventKind::Press,
                state: KeyEventState::NONE,
            };
            self.send(InputEvent::Terminal(Event::Key(key)));
        }
    }

    /// Types `text` as single keys.
    pub fn type_text(&self, text: &str) {
        for c in text.chars() {
            let name = if c == ' ' {
                "space".to_string()
            } else {
                c.to_string()
            };
            self.keys(&name);
        }
    }

    /// Sends any input event (a resize, a paste, a signal).
    pub fn send(&self, event: InputEvent) {
        let _ = self.input.send(event);
    }

    /// The last frame drawn, as text (one line per row).
    pub fn screen(&self) -> String {
        self.frames.borrow().clone()
    }

    /// Waits until a frame satisfies `ready`, and returns it; fails the test with the last
    /// frame after the deadline.
    pub async fn wait_for(&mut self, what: &str, ready: impl Fn(&str) -> bool) -> String {
        let deadline = tokio::time::Instant::now() + SCREEN_DEADLINE;
        loop {
            {
                let frame = self.frames.borrow_and_update();
                if ready(&frame) {
                    return frame.clone();
                }
            }
            if tokio::time::timeout_at(deadline, self.frames.changed())
                .await
                .is_err()
            {
                panic!(
                    "no frame showed {what} in time; the last one:\n{}",
                    self.screen()
                );
            }
        }
    }

    /// Waits until the screen contains `text`.
    pub async fn wait_for_text(&mut self, text: &str) -> String {
        self.wait_for(&format!("{text:?}"), |frame| frame.contains(text))
            .await
    }

    /// The raw bytes written for the terminal so far.
    pub fn raw_bytes(&self) -> Vec<u8> {
        self.raw.lock().unwrap().clone()
    }

    /// Waits for the session to end by itself (without closing its input) and returns how.
    pub async fn wait_until_ended(self) -> Ending {
        tokio::time::timeout(SCREEN_DEADLINE, self.task)
            .await
            .expect("the session ended in time")
            .expect("the session did not panic")
            .expect("the session ended without an error")
    }

    /// Ends the session as a closed input does and returns how it ended.
    pub async fn finish(self) -> Ending {
        self.send(InputEvent::Closed);
        tokio::time::timeout(SCREEN_DEADLINE, self.task)
            .await
            .expect("the session ended in time")
            .expect("the session did not panic")
            .expect("the session ended without an error")
    }
}
