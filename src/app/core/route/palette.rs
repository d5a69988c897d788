//! The palette on the whole state: opening it, listing what its text matches (the keymap, the
//! feeds, the accounts, built here from the state, and the directory), routing its keys to
//! [`crate::overlays::palette::update`], and running the chosen entry as if its key had been
//! pressed.

use crossterm::event::KeyEvent;

use crate::app::core::effect::Effect;
use crate::app::core::global;
use crate::app::core::state::State;
use crate::app::core::update::dispatch;
use crate::expertise::ExpertiseIndex;
use crate::input::action::Action;
use crate::overlays::Overlay;
use crate::overlays::palette::Palette;
use crate::overlays::palette::entries::{self, Entry, PaletteAccount, PaletteInput, Target};
use crate::overlays::palette::update::{self as palette, PaletteOutcome};
use crate::panes::PaneId;

/// Every entry for `text`, best match first: what the palette lists from, built from the state;
/// people come from `index`, which the caller holds (the frame's, while drawing).
pub fn matching(state: &State, index: &ExpertiseIndex, text: &str) -> Vec<Entry> {
    let feeds: Vec<_> = state
        .communities
        .entries()
        .into_iter()
        .map(|feed| {
            (
                feed,
                crate::panes::communities::view::feed_label(&state.catalog, feed),
            )
        })
        .collect();
    let accounts: Vec<_> = state
        .accounts
        .entries
        .iter()
        .enumerate()
        .map(|(at, account)| PaletteAccount {
            name: account.name.to_string(),
            server: account.server().to_owned(),
            current: state.accounts.current == Some(at),
        })
        .collect();
    let input = PaletteInput {
        keymap: &state.keys.keymap,
        mode: state.focus.mode(),
        start_here_shown: crate::app::core::route::start_here::visible(state),
        feeds: &feeds,
        accounts: &accounts,
    };
    entries::matching(&input, index, text)
}

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
    let Some(Overlay::Palette(open)) = &state.overlay else {
        return Vec::new();
    };
    let listed = matching(state, &state.people.index.lock(), &open.line.text);
    let height = state.session.size.1;
    let Some(open) = palette_mut(state) else {
        return Vec::new();
    };
    match palette::handle(open, &listed, height, action) {
        PaletteOutcome::Stay => Vec::new(),
        PaletteOutcome::Close => {
            state.overlay = None;
            Vec::new()
        }
        PaletteOutcome::Run(target) => {
            state.overlay = None;
            run(state, target)
        }
    }
}

/// Runs what an entry names, with the palette already closed.
fn run(state: &mut State, target: Target) -> Vec<Effect> {
    match target {
        Target::Action(action) => dispatch(state, action),
        Target::Feed(feed) => {
            let effects = super::open_feed(state, feed);
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
        Target::Account(index) => crate::app::core::accounts::switch(state, index),
    }
}

/// A key the palette mode does not bind: text for the filter line.
pub fn type_key(state: &mut State, key: KeyEvent) {
    if let Some(open) = palette_mut(state) {
        palette::type_key(open, key);
    }
}

/// Pasted text goes into the filter line (already through the paste gate).
pub fn paste(state: &mut State, text: &str) {
    if let Some(open) = palette_mut(state) {
        palette::paste(open, text);
    }
}
