//! The palette's keys, on the palette's own state: typed text narrows the list (printable keys
//! are typed, as the keymap's `palette` mode binds only non-printing keys), arrows move,
//! `enter` chooses the selected entry, `esc` closes. Closing and running an entry (as if its
//! key had been pressed) are a [`PaletteOutcome`] for `app::core::route::palette`. No I/O, and
//! no whole-client state.

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use super::Palette;
use super::entries::{Entry, Target};
use crate::input::action::Action;
use crate::panes::cursor::Motion;

/// What an action in the palette asks of the rest of the client.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PaletteOutcome {
    /// The palette stays open.
    Stay,
    /// Close the palette.
    Close,
    /// Close the palette and run what this entry names.
    Run(Target),
}

/// Handles an action while the palette is open; `listed` is what its text matches now and
/// `height` the terminal's, in rows.
pub fn handle(
    palette: &mut Palette,
    listed: &[Entry],
    height: u16,
    action: Action,
) -> PaletteOutcome {
    let page = usize::from(height / 2).max(1);
    if let Some(motion) = Motion::from_action(action, page) {
        palette.selected = motion
            .apply(Some(palette.selected), listed.len())
            .unwrap_or(0);
        return PaletteOutcome::Stay;
    }
    match action {
        Action::Open => listed
            .get(palette.selected)
            .map_or(PaletteOutcome::Close, |e| PaletteOutcome::Run(e.target)),
        Action::Back | Action::Cancel | Action::QuitOrBack | Action::Palette => {
            PaletteOutcome::Close
        }
        _ => PaletteOutcome::Stay,
    }
}

/// A key the palette mode does not bind: text for the filter line.
pub fn type_key(palette: &mut Palette, key: KeyEvent) {
    let ctrl = key.modifiers.contains(KeyModifiers::CONTROL);
    match key.code {
        KeyCode::Backspace if ctrl || key.modifiers.contains(KeyModifiers::ALT) => {
            palette.line.delete_word();
        }
        KeyCode::Backspace => palette.line.backspace(),
        KeyCode::Char('w') if ctrl => palette.line.delete_word(),
        KeyCode::Char('u') if ctrl => palette.line.text.clear(),
        KeyCode::Char(c) if !ctrl && !key.modifiers.contains(KeyModifiers::ALT) => {
            palette.line.push_str(c.encode_utf8(&mut [0; 4]));
        }
        _ => return,
    }
    palette.selected = 0;
}

/// Pasted text goes into the filter line (already through the paste gate).
pub fn paste(palette: &mut Palette, text: &str) {
    palette.line.push_str(text);
    palette.selected = 0;
}
