//! Terminal setup and restore: raw mode, the alternate screen, bracketed paste and (with
//! `[ui] mouse`) mouse reporting on entry;
//! everything undone on exit, on error (the guard's `Drop`), on panic (a hook that restores
//! before the panic message prints) and around a ctrl-z suspend; and noticing, without a timer,
//! that the terminal has gone away.

use std::io::{self, IsTerminal, Write};
use std::os::fd::{AsFd, OwnedFd};
use std::time::Duration;

use crossterm::event::{DisableBracketedPaste, EnableBracketedPaste};
use crossterm::terminal::{
    EnterAlternateScreen, LeaveAlternateScreen, disable_raw_mode, enable_raw_mode,
};
use crossterm::{cursor, execute};
use ratatui::Terminal;
use ratatui::backend::Backend;
use ratatui::layout::{Position, Rect};
use tokio::io::Interest;
use tokio::io::unix::AsyncFd;
use tokio::sync::mpsc::UnboundedSender;

/// Holds the terminal in TUI mode while alive.
pub struct TerminalGuard {
    active: bool,
    /// Mouse reporting is on while the terminal is held.
    mouse: bool,
}

/// Mouse reporting: button presses and the wheel (1000), in SGR encoding (1006). Not 1002 or
/// 1003: kring needs no drags or motion, and those would wake it on every move.
const MOUSE_ON: &[u8] = b"\x1b[?1000h\x1b[?1006h";
const MOUSE_OFF: &[u8] = b"\x1b[?1006l\x1b[?1000l";

impl TerminalGuard {
    /// Switches the terminal to TUI mode, with mouse reporting when `mouse`.
    pub fn enter(mouse: bool) -> io::Result<Self> {
        let mut guard = Self {
            active: false,
            mouse,
        };
        guard.resume()?;
        Ok(guard)
    }

    /// Gives the terminal back (before running `$EDITOR`), keeping the guard for [`resume`].
    ///
    /// [`resume`]: Self::resume
    pub fn suspend(&mut self) -> io::Result<()> {
        if self.active {
            self.active = false;
            restore(self.mouse)?;
        }
        Ok(())
    }

    /// Suspends kring like a shell's ctrl-z: gives the terminal back, stops the process with
    /// SIGTSTP and, once continued (`fg`), takes the terminal again. Where no shell could continue
    /// it (an orphaned process group) the system ignores the stop and kring carries on.
    pub fn stop_process(&mut self) -> io::Result<()> {
        self.suspend()?;
        let stopped = signal_hook::low_level::raise(signal_hook::consts::SIGTSTP);
        self.resume()?;
        stopped
    }

    /// Records that the terminal was restored by someone else (the panic hook), so that it is not
    /// restored twice.
    pub fn restored_elsewhere(&mut self) {
        self.active = false;
    }

    /// Takes the terminal again after [`suspend`](Self::suspend).
    pub fn resume(&mut self) -> io::Result<()> {
        if !self.active {
            enable_raw_mode()?;
            self.active = true;
            execute!(
                io::stdout(),
                EnterAlternateScreen,
                EnableBracketedPaste,
                cursor::Hide
            )?;
            if self.mouse {
                let mut stdout = io::stdout();
                stdout.write_all(MOUSE_ON)?;
                stdout.flush()?;
            }
        }
        Ok(())
    }
}

impl Drop for TerminalGuard {
    fn drop(&mut self) {
        // While unwinding, the panic hook has restored already; leaving the alternate screen a
        // second time would move the cursor back over the panic message.
        if self.active && !std::thread::panicking() {
            // Nothing useful can be done if restoring fails while unwinding or exiting.
            let _ = restore(self.mouse);
        }
    }
}

/// Leaves TUI mode: mouse reporting off (when `mouse`), paste off, main screen back, cursor
/// shown, raw mode off.
pub fn restore(mouse: bool) -> io::Result<()> {
    let mut stdout = io::stdout();
    let mouse_off = if mouse {
        stdout.write_all(MOUSE_OFF)
    } else {
        Ok(())
    };
    let screen = execute!(
        stdout,
        DisableBracketedPaste,
        LeaveAlternateScreen,
        cursor::Show
    );
    let raw = disable_raw_mode();
    stdout.flush()?;
    mouse_off.and(screen).and(raw)
}

/// Installs a panic hook that restores the terminal, runs the previous hook (which prints the
/// message on the now-normal screen), then tells the event loop through `panicked`, so that a
/// panic on another thread ends kring instead of leaving it running on a restored terminal.
/// `mouse`: mouse reporting was turned on and must be turned off.
pub fn install_panic_hook(panicked: UnboundedSender<()>, mouse: bool) {
    let previous = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        let _ = restore(mouse);
        previous(info);
        // The loop may be gone already (a panic while unwinding out of it): nothing to tell.
        let _ = panicked.send(());
    }));
}

/// Clears the whole screen and forgets what ratatui thinks is on it, so the next draw paints
/// everything. Unlike `Terminal::clear` it never asks the terminal where the cursor is: a
/// terminal that does not answer that query (or answers slowly over a long link) would
/// otherwise stop kring from starting.
pub fn clear_screen<B: Backend>(terminal: &mut Terminal<B>) -> Result<(), B::Error> {
    let size = terminal.size()?;
    terminal.resize(Rect::from((Position::ORIGIN, size)))
}

/// Whether the terminal has gone away (the window closed, the SSH link dropped) even if no
/// SIGHUP arrived, e.g. because kring runs in another session than the terminal's. Once a
/// terminal is hung up every `ioctl` on it fails, so standard input stops being a terminal.
pub fn terminal_is_gone() -> bool {
    !io::stdin().is_terminal()
}

/// Whether a failed read or write of the terminal means it has gone away: `EIO` (a hung-up
/// terminal), a broken pipe, or nothing more to read or write.
pub fn is_hangup_error(error: &io::Error) -> bool {
    matches!(
        error.kind(),
        io::ErrorKind::BrokenPipe | io::ErrorKind::UnexpectedEof | io::ErrorKind::WriteZero
    ) || error.raw_os_error() == Some(rustix::io::Errno::IO.raw_os_error())
}

/// How often [`HangupWatch`] checks once the system no longer says when input changes.
const FALLBACK_CHECK_INTERVAL: Duration = Duration::from_millis(500);

/// Wakes the loop when terminal input changes state, so it can check [`terminal_is_gone`]
/// without a timer: an idle kring must not wake at all. It watches a duplicate of standard
/// input for readiness (never reading it: the key reader does) and for the hang-up the system
/// reports when the other end closes, which is the only sign left when no SIGHUP comes.
pub struct HangupWatch {
    input: Option<AsyncFd<OwnedFd>>,
    /// Input reported closed: every later wait is a fixed pause, so a closed input that is still
    /// a terminal cannot make the loop spin.
    closed: bool,
}

impl HangupWatch {
    /// Watches standard input; where it cannot be watched, falls back to checking periodically.
    // tokio deprecates its safe registration for types whose descriptor might be closed while
    // registered; here the `OwnedFd` lives inside the `AsyncFd` and is never closed or replaced
    // before it, and the `unsafe` replacement is forbidden in this crate.
    #[allow(deprecated)]
    pub fn new() -> Self {
        let input = io::stdin()
            .as_fd()
            .try_clone_to_owned()
            .ok()
            .and_then(|fd| AsyncFd::with_interest(fd, Interest::READABLE).ok());
        let closed = input.is_none();
        Self { input, closed }
    }

    /// Resolves when it is worth checking [`terminal_is_gone`]: input arrived (`false`) or the
    /// system reports it closed (`true`: nothing more will come, whether or not it is still a
    /// terminal).
    pub async fn changed(&mut self) -> bool {
        let input = match &self.input {
            Some(input) if !self.closed => input,
            _ => {
                tokio::time::sleep(FALLBACK_CHECK_INTERVAL).await;
                return false;
            }
        };
        match input.ready(Interest::READABLE).await {
            Ok(mut ready) if !ready.ready().is_read_closed() => {
                ready.clear_ready();
                false
            }
            Ok(_) => {
                self.closed = true;
                true
            }
            // Cannot be watched any more: checked periodically from now on.
            Err(_) => {
                self.closed = true;
                false
            }
        }
    }
}

impl Default for HangupWatch {
    fn default() -> Self {
        Self::new()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_hung_up_terminal_or_a_closed_pipe_is_a_hang_up_and_other_errors_are_not() {
        let eio = io::Error::from_raw_os_error(rustix::io::Errno::IO.raw_os_error());
        assert!(is_hangup_error(&eio));
        assert!(is_hangup_error(&io::Error::from(io::ErrorKind::BrokenPipe)));
        assert!(is_hangup_error(&io::Error::from(io::ErrorKind::WriteZero)));
        assert!(!is_hangup_error(&io::Error::from(
            io::ErrorKind::PermissionDenied
        )));
        assert!(!is_hangup_error(&io::Error::other("no such terminal")));
    }
}
