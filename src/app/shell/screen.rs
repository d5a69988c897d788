//! Where the run loop's frames go, as one trait: drawing, the size, a full repaint, raw bytes
//! for the terminal itself (an OSC 52 clipboard request), and giving the terminal away and back
//! (`$EDITOR`, ctrl-z).
//!
//! [`TerminalScreen`] is the process's terminal in TUI mode (ratatui on crossterm, held by the
//! [`TerminalGuard`]). Tests draw whole sessions into ratatui's `TestBackend` through their own
//! [`Screen`], so the loop never knows which one it draws on.

use std::io::{self, BufWriter, Stdout, Write};

use ratatui::layout::Size;
use ratatui::{Frame, Terminal};

use crate::app::shell::frame_writer::{FrameWriter, erases_with_background};
use crate::app::shell::terminal::{TerminalGuard, clear_screen, terminal_is_gone};

/// A screen the run loop draws on.
pub trait Screen {
    /// Draws one frame.
    fn draw(&mut self, render: impl FnOnce(&mut Frame)) -> io::Result<()>;

    /// The size in cells.
    fn size(&mut self) -> io::Result<Size>;

    /// Clears the screen and forgets what is on it, so the next frame paints everything.
    fn repaint_all(&mut self) -> io::Result<()>;

    /// Where bytes meant for the terminal itself go (they bypass the frame).
    fn raw(&mut self) -> &mut dyn Write;

    /// Gives the terminal back to the user's shell or editor, keeping the screen for
    /// [`take_back`](Self::take_back).
    fn give_back(&mut self) -> io::Result<()>;

    /// Takes the terminal again after [`give_back`](Self::give_back).
    fn take_back(&mut self) -> io::Result<()>;

    /// Stops the process as a shell's ctrl-z would, taking the terminal again once continued.
    fn stop_process(&mut self) -> io::Result<()>;

    /// The terminal was restored by someone else (the panic hook): do not restore it twice.
    fn restored_elsewhere(&mut self);
}

/// Room for a whole frame: ratatui flushes once at the end of each draw, so a frame reaches the
/// terminal in one write (standard output alone would pass it on in pieces of 1 KiB, and a
/// terminal, or a test reading the pty, would show a half-drawn frame between them).
const FRAME_BUFFER: usize = 64 * 1024;

type Backend = FrameWriter<BufWriter<Stdout>>;

/// The process's terminal in TUI mode; restored when dropped.
pub struct TerminalScreen {
    terminal: Option<Terminal<Backend>>,
    guard: TerminalGuard,
    /// Where raw bytes go once the terminal is closed.
    closed: io::Sink,
}

impl TerminalScreen {
    /// Switches the terminal to TUI mode (with mouse reporting when `mouse`) and clears it.
    pub fn enter(mouse: bool) -> io::Result<Self> {
        let guard = TerminalGuard::enter(mouse)?;
        let out = BufWriter::with_capacity(FRAME_BUFFER, io::stdout());
        let erase_runs = erases_with_background(|name| std::env::var(name).ok());
        let mut terminal = Terminal::new(FrameWriter::new(out, erase_runs))?;
        clear_screen(&mut terminal)?;
        Ok(Self {
            terminal: Some(terminal),
            guard,
            closed: io::sink(),
        })
    }

    fn terminal(&mut self) -> io::Result<&mut Terminal<Backend>> {
        self.terminal
            .as_mut()
            .ok_or_else(|| io::Error::other("the terminal is closed"))
    }
}

impl Screen for TerminalScreen {
    fn draw(&mut self, render: impl FnOnce(&mut Frame)) -> io::Result<()> {
        self.terminal()?.draw(render).map(drop)
    }

    fn size(&mut self) -> io::Result<Size> {
        self.terminal()?.size()
    }

    fn repaint_all(&mut self) -> io::Result<()> {
        clear_screen(self.terminal()?)
    }

    fn raw(&mut self) -> &mut dyn Write {
        match self.terminal.as_mut() {
            Some(terminal) => terminal.backend_mut(),
            None => &mut self.closed,
        }
    }

    fn give_back(&mut self) -> io::Result<()> {
        self.guard.suspend()
    }

    fn take_back(&mut self) -> io::Result<()> {
        self.guard.resume()?;
        self.repaint_all()
    }

    fn stop_process(&mut self) -> io::Result<()> {
        self.guard.stop_process()?;
        self.repaint_all()
    }

    fn restored_elsewhere(&mut self) {
        self.guard.restored_elsewhere();
    }
}

impl Drop for TerminalScreen {
    fn drop(&mut self) {
        if terminal_is_gone()
            && let Some(terminal) = self.terminal.take()
        {
            // Nothing is left to restore, and ratatui's `Drop` reports the cursor it could not
            // show on stderr, which panics once the terminal has hung up.
            std::mem::forget(terminal);
        }
        // The guard restores the terminal mode after the terminal is dropped.
    }
}
