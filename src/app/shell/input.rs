//! Where the run loop's outside events come from, as one trait: terminal events (keys, pastes,
//! resizes) and the ways a session is told to end (SIGTERM, a hang-up, the end of input).
//!
//! [`TerminalInput`] is the process's own terminal: crossterm's key reader, the signals and the
//! hang-up watch. Tests drive a whole session in-process with their own [`Input`] (a channel of
//! events), so the loop never knows which one it reads.

use std::future::Future;

use crossterm::event::{Event, EventStream};
use futures::StreamExt;
use tokio::signal::unix::{Signal, SignalKind, signal};

use crate::app::shell::terminal::{HangupWatch, terminal_is_gone};

/// One thing that happened outside kring.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum InputEvent {
    /// A key, a paste, a resize, a mouse or focus event.
    Terminal(Event),
    /// Asked to stop (SIGTERM).
    Terminated,
    /// The terminal went away (SIGHUP, or the input closed and is no longer a terminal).
    HungUp,
    /// No more input will come (end of file, or the key reader failed).
    Closed,
}

/// A source of [`InputEvent`]s for the run loop.
pub trait Input {
    /// The next event. Dropping the future before it resolves loses nothing: the loop waits on
    /// it beside other sources and drops it when another one is first.
    fn next(&mut self) -> impl Future<Output = InputEvent>;

    /// Stops reading keys (an editor owns the terminal until [`resume`](Self::resume)).
    fn pause(&mut self);

    /// Reads keys again after [`pause`](Self::pause).
    fn resume(&mut self);
}

/// The process's terminal: crossterm's event reader on standard input, SIGTERM and SIGHUP, and
/// the hang-up watch.
///
/// crossterm's reader must never be asked once the terminal has gone: its Unix reader retries a
/// `read` that returns end of file (or fails with `EIO`) at once and for ever, so asking it then
/// (from any thread) never returns and spins at full CPU. So the hang-up is checked first, and
/// once input has ended the reader is left alone: every later [`Input::next`] repeats the end.
pub struct TerminalInput {
    events: Option<EventStream>,
    terminate: Signal,
    hangup: Signal,
    watchdog: HangupWatch,
    /// How input ended (a hang-up or the end of input), once it has.
    ended: Option<InputEvent>,
}

impl TerminalInput {
    /// Starts listening for the signals; keys are read from the first [`Input::next`].
    pub fn new() -> std::io::Result<Self> {
        Ok(Self {
            events: Some(EventStream::new()),
            terminate: signal(SignalKind::terminate())?,
            hangup: signal(SignalKind::hangup())?,
            watchdog: HangupWatch::new(),
            ended: None,
        })
    }

    /// Input has ended (or the terminal is gone): nothing may read it any more.
    fn input_is_over(&self) -> bool {
        self.ended.is_some() || terminal_is_gone()
    }
}

impl Input for TerminalInput {
    async fn next(&mut self) -> InputEvent {
        let event = loop {
            if let Some(ended) = &self.ended {
                return ended.clone();
            }
            // Checked before every read: a terminal that went away since the last event must
            // not reach crossterm's reader (see the type's documentation).
            if terminal_is_gone() {
                break InputEvent::HungUp;
            }
            let key = async {
                match self.events.as_mut() {
                    Some(events) => events.next().await,
                    None => std::future::pending().await,
                }
            };
            tokio::select! {
                biased;
                _ = self.terminate.recv() => return InputEvent::Terminated,
                _ = self.hangup.recv() => break InputEvent::HungUp,
                // Before the keys: when both are ready the input has closed, and the reader
                // must not be asked. Without a SIGHUP (kring in a session of its own) this is
                // the only sign that the terminal closed.
                closed = self.watchdog.changed() => if closed {
                    break if terminal_is_gone() {
                        InputEvent::HungUp
                    } else {
                        InputEvent::Closed
                    };
                },
                event = key => match event {
                    Some(Ok(event)) => return InputEvent::Terminal(event),
                    // End of input (or a broken terminal) ends kring.
                    Some(Err(_)) | None => break InputEvent::Closed,
                },
            }
        };
        self.ended = Some(event.clone());
        event
    }

    fn pause(&mut self) {
        self.events = None;
    }

    fn resume(&mut self) {
        self.events = Some(EventStream::new());
    }
}

impl Drop for TerminalInput {
    fn drop(&mut self) {
        // Dropping the key reader leaves a wake-up pending in crossterm's shared reader; a later
        // reader (the next account's session) that finds it together with a key would take the
        // wake-up and leave the key unread until another arrives. Take it now, unless input is
        // over: then no session follows, and the reader would never return.
        self.events = None;
        if !self.input_is_over() {
            let _ = crossterm::event::poll(std::time::Duration::ZERO);
        }
    }
}
