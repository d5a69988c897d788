//! Transitions of the compose overlay: typing, pasting, completing, sending, the external
//! editor, the palette (the draft kept), and the question before a draft is thrown away.

use crossterm::event::{KeyCode, KeyEvent};

use super::completion;
use super::{Compose, ComposeTarget};
use crate::app::core::action::Action;
use crate::app::core::effect::{DraftFor, Effect};
use crate::app::core::notice::Notice;
use crate::app::core::state::State;
use crate::app::outbox::PostingMode;
use crate::domain::Catalog;
use crate::overlays::Overlay;

/// Opens the editor for `target` and asks for a kept draft to restore into it (and, before
/// the first post there, for the guidelines).
pub fn open(state: &mut State, target: ComposeTarget) -> Vec<Effect> {
    let compose = Compose::new(target);
    let draft_for = compose.draft_for();
    state.overlay = Some(Overlay::Compose(Box::new(compose)));
    let mut effects = vec![Effect::LoadDraft(draft_for)];
    effects.extend(crate::overlays::guidelines::update::compose_opened(state));
    effects
}

/// Handles a bound action while the editor is open.
pub fn handle(state: &mut State, action: Action) -> Vec<Effect> {
    let Some(compose) = state.compose_mut() else {
        return Vec::new();
    };
    if compose.confirm_discard {
        match action {
            Action::ConfirmYes => return discard(state),
            Action::ConfirmNo | Action::Back | Action::Cancel => compose.confirm_discard = false,
            _ => {}
        }
        return Vec::new();
    }
    match action {
        Action::Send => send(state),
        Action::ToggleGuidelines => crate::overlays::guidelines::update::toggle_in_compose(state),
        Action::ExternalEditor => {
            if compose.sending.is_some() {
                return Vec::new();
            }
            let text = compose.text();
            if compose.replaces.is_some() {
                return vec![Effect::EditExternally(text)];
            }
            vec![compose.save(), Effect::EditExternally(text)]
        }
        // The palette (to switch accounts, say) takes the editor's place; the draft is kept
        // and comes back when the editor opens again. An outbox edit has no draft: it stays.
        Action::Palette if compose.replaces.is_none() && compose.sending.is_none() => {
            let keep = compose.has_text().then(|| compose.save());
            crate::app::core::route::palette::open(state);
            keep.into_iter().collect()
        }
        Action::Cancel | Action::Back => {
            if compose.completion.take().is_some() {
                return Vec::new();
            }
            if compose.has_text() {
                compose.confirm_discard = true;
                Vec::new()
            } else {
                discard(state)
            }
        }
        _ => Vec::new(),
    }
}

/// Closes the editor and forgets its kept draft (an outbox edit has none: the post stays as
/// it was).
fn discard(state: &mut State) -> Vec<Effect> {
    let draft_for = state
        .compose()
        .filter(|c| c.replaces.is_none())
        .map(super::Compose::draft_for);
    state.overlay = None;
    draft_for.map(Effect::DeleteDraft).into_iter().collect()
}

fn send(state: &mut State) -> Vec<Effect> {
    let req = state.next_request();
    let via_outbox = state.outbox.mode == PostingMode::Outbox;
    let wide = state
        .compose()
        .and_then(|c| super::audience::warning(&c.target, &state.catalog));
    let Some(compose) = state.compose_mut() else {
        return Vec::new();
    };
    if compose.sending.is_some() {
        return Vec::new();
    }
    if !compose.has_text() {
        compose.error = Some("Nothing to send yet".to_owned());
        return Vec::new();
    }
    // To many readers: the first send asks (the draft is kept meanwhile), the second posts.
    if wide.is_some() && !compose.confirm_wide && compose.replaces.is_none() {
        compose.confirm_wide = true;
        compose.error = None;
        compose.completion = None;
        return vec![compose.save()];
    }
    if via_outbox || compose.replaces.is_some() {
        return super::outbox_send::send(state);
    }
    compose.sending = Some(req);
    compose.error = None;
    compose.completion = None;
    vec![Effect::PostMessage {
        req,
        post: compose.outgoing(),
    }]
}

/// Types a key no binding took into the editor (or accepts a completion with `tab`).
pub fn type_key(state: &mut State, key: KeyEvent) {
    let State {
        overlay, catalog, ..
    } = state;
    let Some(crate::overlays::Overlay::Compose(compose)) = overlay else {
        return;
    };
    if compose.sending.is_some() || compose.confirm_discard {
        return;
    }
    if key.code == KeyCode::Tab && accept_completion(compose) {
        return;
    }
    if compose.editor.input(key) {
        compose.unsaved = true;
        compose.confirm_wide = false;
    }
    compose.error = None;
    refresh_completion(compose, catalog);
}

/// Inserts pasted text (already sanitized by the run loop) at the cursor.
pub fn paste(compose: &mut Compose, text: &str) {
    if compose.sending.is_none() && !compose.confirm_discard && compose.editor.insert_str(text) {
        compose.unsaved = true;
        compose.confirm_wide = false;
    }
}

/// Takes the external editor's result back into the draft.
pub fn editor_closed(state: &mut State, result: Result<String, String>) {
    let Some(compose) = state.compose_mut() else {
        return;
    };
    match result {
        Ok(text) => {
            compose.set_text(&text);
            compose.unsaved = true;
            compose.confirm_wide = false;
        }
        Err(reason) => compose.error = Some(format!("The editor failed: {reason}")),
    }
}

fn accept_completion(compose: &mut Compose) -> bool {
    let Some(completion) = compose.completion.take() else {
        return false;
    };
    let Some(chosen) = completion.chosen() else {
        return false;
    };
    for _ in 0..completion.typed_chars {
        compose.editor.delete_char();
    }
    compose.editor.insert_str(format!("{chosen} "));
    compose.confirm_wide = false;
    true
}

fn refresh_completion(compose: &mut Compose, catalog: &Catalog) {
    let ratatui_textarea::DataCursor(row, col) = compose.editor.cursor();
    let line = compose.editor.lines().get(row).map_or("", String::as_str);
    compose.completion = completion::suggest(line, col, catalog);
}

/// Restores a kept draft into the editor it belongs to, unless the user already typed.
pub fn draft_loaded(state: &mut State, draft_for: DraftFor, body: &str) {
    let now = state.session.now;
    let Some(compose) = state.compose_mut() else {
        return;
    };
    if compose.draft_for() == draft_for && !compose.has_text() && !body.trim().is_empty() {
        compose.set_text(body);
        state.notice = Some(Notice::info("Restored your unsent draft", now));
    }
}

/// Keeps the draft if it changed since it was last kept (called on ticks: a debounce).
pub fn autosave(state: &mut State) -> Vec<Effect> {
    match state.compose_mut() {
        Some(compose)
            if compose.unsaved && compose.sending.is_none() && compose.replaces.is_none() =>
        {
            vec![compose.save()]
        }
        _ => Vec::new(),
    }
}
