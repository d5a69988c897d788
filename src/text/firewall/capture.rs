//! Capturing what a real renderer writes: draws one frame with ratatui's crossterm backend into
//! memory, so the bytes can go through the firewall. Owns capture only; writes to no terminal.

use std::io;

use ratatui::backend::CrosstermBackend;
use ratatui::layout::Rect;
use ratatui::{Frame, Terminal, TerminalOptions, Viewport};

/// Draws one frame of `width` × `height` cells with `draw` and returns every byte the crossterm
/// backend wrote, teardown included (cursor moves, SGR, text), as a terminal would receive them.
pub fn render_to_bytes(
    width: u16,
    height: u16,
    draw: impl FnOnce(&mut Frame<'_>),
) -> io::Result<Vec<u8>> {
    let mut bytes = Vec::new();
    {
        let options = TerminalOptions {
            viewport: Viewport::Fixed(Rect::new(0, 0, width, height)),
        };
        let mut terminal = Terminal::with_options(CrosstermBackend::new(&mut bytes), options)?;
        terminal.draw(draw)?;
        // Dropping the terminal writes its teardown (cursor shown again) into `bytes` too.
    }
    Ok(bytes)
}
