//! The "waiting for the sign-in" line of `kring login`: on a terminal one line rewritten in
//! place with the time left; otherwise (a log, a pipe) a plain line now and then.
//!
//! Owns formatting and pacing; writes to standard error only.

use std::io::Write;
use std::time::{Duration, Instant};

/// A plain (not rewritten) progress line at most this often.
const PLAIN_EVERY: Duration = Duration::from_secs(30);

pub(super) struct Progress {
    terminal: bool,
    last_plain: Option<Instant>,
    shown: bool,
}

/// `Waiting for the sign-in: 14:32 left (ctrl-c cancels)`.
pub(super) fn line(left: Duration) -> String {
    let seconds = left.as_secs();
    format!(
        "Waiting for the sign-in: {}:{:02} left (ctrl-c cancels)",
        seconds / 60,
        seconds % 60
    )
}

impl Progress {
    pub fn new(terminal: bool) -> Self {
        Self {
            terminal,
            last_plain: None,
            shown: false,
        }
    }

    /// Shows the time left.
    pub fn show(&mut self, left: Duration) {
        let mut stderr = std::io::stderr();
        if self.terminal {
            let _ = write!(stderr, "\r\x1b[2K{}", line(left));
            let _ = stderr.flush();
            self.shown = true;
        } else if self.last_plain.is_none_or(|at| at.elapsed() >= PLAIN_EVERY) {
            let _ = writeln!(stderr, "{}", line(left));
            self.last_plain = Some(Instant::now());
        }
    }

    /// Clears the rewritten line.
    pub fn finish(&mut self) {
        if self.shown {
            let _ = write!(std::io::stderr(), "\r\x1b[2K");
            self.shown = false;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_line_says_minutes_and_seconds() {
        assert_eq!(
            line(Duration::from_secs(872)),
            "Waiting for the sign-in: 14:32 left (ctrl-c cancels)"
        );
    }
}
