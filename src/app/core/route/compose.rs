//! The compose overlay on the whole state: opening it (with the guidelines before a first
//! post), routing its keys, typing and answers to [`crate::overlays::compose::update`], and
//! carrying out what it asks: closing, handing over to the palette, the guidelines, the notice
//! of a restored draft.

use crossterm::event::KeyEvent;

use crate::app::core::action::Action;
use crate::app::core::effect::{DraftFor, Effect};
use crate::app::core::notice::Notice;
use crate::app::core::state::State;
use crate::app::outbox::PostingMode;
use crate::overlays::Overlay;
use crate::overlays::compose::ComposeTarget;
use crate::overlays::compose::update::{self as compose, ComposeCtx, ComposeOutcome};

/// Opens the editor for `target` and asks for a kept draft to restore into it (and, before
/// the first post there, for the guidelines).
pub fn open(state: &mut State, target: ComposeTarget) -> Vec<Effect> {
    let (editor, load) = compose::open(target);
    state.overlay = Some(Overlay::Compose(Box::new(editor)));
    let mut effects = vec![load];
    effects.extend(super::guidelines::compose_opened(state));
    effects
}

/// Handles a bound action while the editor is open.
pub fn handle(state: &mut State, action: Action) -> Vec<Effect> {
    let via_outbox = state.outbox.mode == PostingMode::Outbox;
    let State {
        overlay,
        catalog,
        session,
        ..
    } = state;
    let Some(Overlay::Compose(editor)) = overlay else {
        return Vec::new();
    };
    let ctx = ComposeCtx {
        catalog,
        via_outbox,
        requests: &mut session.requests,
    };
    match compose::handle(editor, ctx, action) {
        ComposeOutcome::Stay(effects) => effects,
        ComposeOutcome::Close(effects) => {
            state.overlay = None;
            effects
        }
        ComposeOutcome::Palette(keep) => {
            super::palette::open(state);
            keep
        }
        ComposeOutcome::ToggleGuidelines => super::guidelines::toggle_in_compose(state),
    }
}

/// Types a key no binding took into the editor (or accepts a completion with `tab`).
pub fn type_key(state: &mut State, key: KeyEvent) {
    let State {
        overlay, catalog, ..
    } = state;
    if let Some(Overlay::Compose(editor)) = overlay {
        compose::type_key(editor, catalog, key);
    }
}

/// Takes the external editor's result back into the draft.
pub fn editor_closed(state: &mut State, result: Result<String, String>) {
    if let Some(editor) = state.compose_mut() {
        compose::editor_closed(editor, result);
    }
}

/// Restores a kept draft into the editor it belongs to, unless the user already typed.
pub fn draft_loaded(state: &mut State, draft_for: DraftFor, body: &str) {
    let now = state.session.now;
    if let Some(editor) = state.compose_mut()
        && compose::draft_loaded(editor, draft_for, body)
    {
        state.notice = Some(Notice::info("Restored your unsent draft", now));
    }
}

/// Keeps the draft if it changed since it was last kept (called on ticks: a debounce).
pub fn autosave(state: &mut State) -> Vec<Effect> {
    state
        .compose_mut()
        .and_then(compose::autosave)
        .into_iter()
        .collect()
}
