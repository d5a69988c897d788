//! The bytes of a frame: ratatui's crossterm backend, except that a run of blank cells with one
//! background is erased with ECH (`CSI n X`, which fills the cells with the current background
//! and leaves the cursor where it was) instead of being written out as spaces, wherever that is
//! shorter. Over SSH every byte of a frame is felt: a highlighted row or a cleared stretch of a
//! pane is mostly blank cells.
//!
//! Only cells whose blank picture ECH reproduces are erased: a space without underline, reverse
//! video or crossed-out (which show on a blank cell and which ECH does not carry over). Where the
//! terminal does not fill erased cells with the current background ([`erases_with_background`]
//! says no), every cell is written as ratatui writes it.
//!
//! Owns the encoding of a frame only: what the cells are is decided by the views, how the
//! terminal is set up by `terminal`.

use std::io::{self, Write};

use ratatui::backend::{Backend, ClearType, CrosstermBackend, WindowSize};
use ratatui::buffer::Cell;
use ratatui::layout::{Position, Size};
use ratatui::style::Modifier;

/// Modifiers that show on a blank cell: such cells are written, never erased.
const SHOWN_ON_BLANK: Modifier = Modifier::UNDERLINED
    .union(Modifier::REVERSED)
    .union(Modifier::CROSSED_OUT);

/// ratatui's crossterm backend writing to `W`, erasing runs of blank cells when `erase_runs`.
pub struct FrameWriter<W: Write> {
    inner: CrosstermBackend<W>,
    erase_runs: bool,
}

impl<W: Write> FrameWriter<W> {
    /// A writer to `out`; `erase_runs`: the terminal fills erased cells with the current
    /// background (see [`erases_with_background`]).
    pub fn new(out: W, erase_runs: bool) -> Self {
        Self {
            inner: CrosstermBackend::new(out),
            erase_runs,
        }
    }
}

/// Whether the terminal described by `env` (read through the closure, never `std::env`
/// directly) fills cells erased by ECH with the current background colour ("bce"), as xterm,
/// tmux, VTE, kitty, Alacritty, WezTerm, iTerm2, Windows Terminal and the Linux console do. Not
/// `TERM=dumb`, and not GNU screen (`TERM=screen…` outside tmux), whose `bce` is off unless set.
pub fn erases_with_background(env: impl Fn(&str) -> Option<String>) -> bool {
    let term = env("TERM").unwrap_or_default();
    let in_tmux = env("TMUX").is_some_and(|v| !v.is_empty());
    !(term.is_empty() || term == "dumb" || (term.starts_with("screen") && !in_tmux))
}

/// A blank cell whose picture ECH reproduces.
fn erasable(cell: &Cell) -> bool {
    cell.symbol() == " " && !cell.modifier.intersects(SHOWN_ON_BLANK)
}

/// Decimal digits of `n`.
fn digits(n: u32) -> usize {
    n.checked_ilog10().map_or(1, |d| d as usize + 1)
}

/// Bytes of `CSI n X`.
fn erase_len(n: usize) -> usize {
    3 + digits(u32::try_from(n).unwrap_or(u32::MAX))
}

/// Bytes of the cursor move (`CSI row;col H`) to zero-based `(x, y)`.
fn move_len(x: u32, y: u32) -> usize {
    4 + digits(y + 1) + digits(x + 1)
}

/// The runs of `cells` (the frame's changed cells, in order) worth erasing: (index of the first
/// cell, number of cells). A run is consecutive cells of one row, erasable, of one background;
/// it is erased when `CSI n X`, plus the cursor move the next cell then needs if it follows the
/// run directly, is shorter than `n` spaces.
fn erasable_runs(cells: &[(u16, u16, &Cell)]) -> Vec<(usize, usize)> {
    let follows = |(x, y): (u16, u16), len: usize, (nx, ny): (u16, u16)| {
        ny == y && usize::from(nx) == usize::from(x) + len
    };
    let mut runs = Vec::new();
    let mut start = 0;
    while let Some(&(x, y, first)) = cells.get(start) {
        if !erasable(first) {
            start += 1;
            continue;
        }
        let mut len = 1;
        while let Some(&(nx, ny, next)) = cells.get(start + len) {
            if !(follows((x, y), len, (nx, ny)) && erasable(next) && next.bg == first.bg) {
                break;
            }
            len += 1;
        }
        let after = u32::from(x) + u32::try_from(len).unwrap_or(u32::MAX);
        let moves = cells
            .get(start + len)
            .filter(|&&(nx, ny, _)| follows((x, y), len, (nx, ny)))
            .map_or(0, |_| move_len(after, u32::from(y)));
        if erase_len(len) + moves < len {
            runs.push((start, len));
        }
        start += len;
    }
    runs
}

impl<W: Write> Backend for FrameWriter<W> {
    type Error = io::Error;

    fn draw<'a, I>(&mut self, content: I) -> io::Result<()>
    where
        I: Iterator<Item = (u16, u16, &'a Cell)>,
    {
        if !self.erase_runs {
            return self.inner.draw(content);
        }
        // The changes come as a vector already (ratatui's diff): collecting takes it over.
        let cells: Vec<(u16, u16, &Cell)> = content.collect();
        let runs = erasable_runs(&cells);
        // Each run becomes its first cell with ECH as its symbol: the inner backend moves the
        // cursor there and sets the cell's colours as for the space, then writes the sequence.
        // The cursor stays put, so the inner backend moves it for whatever cell comes next.
        let heads: Vec<Cell> = runs
            .iter()
            .filter_map(|&(start, len)| cells.get(start).map(|(_, _, cell)| (cell, len)))
            .map(|(cell, len)| {
                let mut head = (*cell).clone();
                head.set_symbol(&format!("\x1b[{len}X"));
                head
            })
            .collect();
        let mut runs = runs.iter().zip(&heads).peekable();
        let mut at = 0;
        let merged = std::iter::from_fn(|| {
            let &(x, y, cell) = cells.get(at)?;
            match runs.next_if(|((start, _), _)| *start == at) {
                Some(((_, len), head)) => {
                    at += len;
                    Some((x, y, head))
                }
                None => {
                    at += 1;
                    Some((x, y, cell))
                }
            }
        });
        self.inner.draw(merged)
    }

    fn append_lines(&mut self, n: u16) -> io::Result<()> {
        self.inner.append_lines(n)
    }

    fn hide_cursor(&mut self) -> io::Result<()> {
        self.inner.hide_cursor()
    }

    fn show_cursor(&mut self) -> io::Result<()> {
        self.inner.show_cursor()
    }

    fn get_cursor_position(&mut self) -> io::Result<Position> {
        self.inner.get_cursor_position()
    }

    fn set_cursor_position<P: Into<Position>>(&mut self, position: P) -> io::Result<()> {
        self.inner.set_cursor_position(position)
    }

    fn clear(&mut self) -> io::Result<()> {
        self.inner.clear()
    }

    fn clear_region(&mut self, clear_type: ClearType) -> io::Result<()> {
        self.inner.clear_region(clear_type)
    }

    fn size(&self) -> io::Result<Size> {
        self.inner.size()
    }

    fn window_size(&mut self) -> io::Result<WindowSize> {
        self.inner.window_size()
    }

    fn flush(&mut self) -> io::Result<()> {
        Backend::flush(&mut self.inner)
    }
}

/// Raw bytes for the terminal itself (an OSC 52 request) go straight through.
impl<W: Write> Write for FrameWriter<W> {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        self.inner.write(buf)
    }

    fn flush(&mut self) -> io::Result<()> {
        Write::flush(&mut self.inner)
    }
}

#[cfg(test)]
#[path = "frame_writer_tests.rs"]
mod tests;
