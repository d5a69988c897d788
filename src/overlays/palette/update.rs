//! The palette's keys: typed text narrows the list (printable keys are typed, as the keymap's
//! `palette` mode binds only non-printing keys), arrows move, `enter` closes the palette and
//! runs the entry as if its key had been pressed, `esc` closes it.

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use super::Palette;
use super::entries::{Target, matching};
use crate::app::core::action::Action;
use crate::app::core::effect::Effect;
use crate::app::core::global;
use crate::app::core::state::State;
use crate::app::core::update::dispatch;
use crate::overlays::Overlay;
use crate::panes::PaneId;
use crate::panes::cursor::Motion;

/// Opens an empty palette.
pub fn open(state: &mut State) -> Vec<Effect> {
    state.overlay = Some(Overlay::Palette(Palette::default()));
    Vec::new()
}

fn palette_mut(state: &mut State) -> Option<&mut Palette> {
    match &mut state.overlay {
        Some(Overlay::Palette(palette)) => Some(palette),
        _ => None,
    }
}

/// Handles an action while the palette is open.
pub fn handle(state: &mut State, action: Action) -> Vec<Effect> {
    let Some(Overlay::Palette(palette)) = &state.overlay else {
        return Vec::new();
    };
    let text = palette.line.text.clone();
    let page = usize::from(state.session.size.1 / 2).max(1);
    if let Some(motion) = Motion::from_action(action, page) {
        let count = matching(state, &state.people.index.lock(), &text).len();
        if let Some(palette) = palette_mut(state) {
            palette.selected = motion.apply(Some(palette.selected), count).unwrap_or(0);
        }
        return Vec::new();
    }
    match action {
        Action::Open => {
            let selected = palette.selected;
            let target = matching(state, &state.people.index.lock(), &text)
                .get(selected)
                .map(|e| e.target);
            state.overlay = None;
            target.map_or_else(Vec::new, |target| run(state, target))
        }
        Action::Back | Action::Cancel | Action::QuitOrBack | Action::Palette => {
            state.overlay = None;
            Vec::new()
        }
        _ => Vec::new(),
    }
}

/// Runs what an entry names, with the palette already closed.
fn run(state: &mut State, target: Target) -> Vec<Effect> {
    match target {
        Target::Action(action) => dispatch(state, action),
        Target::Feed(feed) => {
            let effects = crate::app::core::route::open_feed(state, feed);
            global::focus(state, PaneId::Timeline);
            effects
        }
        Target::Person(person) => {
            global::focus(state, PaneId::People);
            state.people.line.editing = false;
            state.people.card = None;
            state.people.selected = Some(person);
            state.people.selection_moved = true;
            dispatch(state, Action::Open)
        }
        Target::Account(index) => crate::app::accounts::switch(state, index),
    }
}

/// A key the palette mode does not bind: text for the filter line.
pub fn type_key(state: &mut State, key: KeyEvent) {
    let Some(palette) = palette_mut(state) else {
        return;
    };
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
pub fn paste(state: &mut State, text: &str) {
    if let Some(palette) = palette_mut(state) {
        palette.line.push_str(text);
        palette.selected = 0;
    }
}
