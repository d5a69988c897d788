//! What the compose and outbox overlays' views are given, looked up in the whole state: the
//! editor's guidelines, keys and target facts, and the outbox list's catalog, time, keys and
//! connection. Reads only; the views themselves never see the state.

use crate::app::core::state::State;
use crate::overlays::compose::Compose;
use crate::overlays::compose::view::{ComposeContext, ShownGuidelines};
use crate::overlays::guidelines::CODE_OF_CONDUCT;
use crate::overlays::outbox::view::OutboxViewCtx;

/// Looks up what the editor shows besides the draft.
pub fn compose_context(state: &State, compose: &Compose) -> ComposeContext {
    let catalog = &state.catalog;
    let guidelines = compose
        .guidelines
        .and_then(|note| state.guidelines.for_scope(note.scope, catalog))
        .map(|shown| ShownGuidelines {
            network: shown.whose == CODE_OF_CONDUCT,
            whose: shown.whose,
            text: shown.text,
        });
    let keys = state
        .keys
        .keymap
        .keys_for(&["compose"], "toggle_guidelines");
    ComposeContext {
        guidelines,
        guidelines_key: keys.first().cloned().unwrap_or_else(|| "ctrl-g".to_owned()),
        ..ComposeContext::of_target(compose, catalog)
    }
}

/// Looks up what the outbox list shows besides its own selection.
pub fn outbox_context(state: &State) -> OutboxViewCtx<'_> {
    OutboxViewCtx {
        outbox: &state.outbox,
        catalog: &state.catalog,
        now: state.session.now,
        app_offline: crate::app::core::connection::label(state).is_some(),
        keys: &state.keys,
    }
}
