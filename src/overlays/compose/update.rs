//! Transitions of the compose overlay, on the editor's own state: typing, pasting, completing,
//! sending, the external editor, the palette (the draft kept), and the question before a draft
//! is thrown away. What it asks of the world (drafts, posting, the outbox, the external editor)
//! is a [`ComposeEffect`]; what it cannot do itself (closing, handing over to the palette, the
//! guidelines, the notice of a restored draft) is a [`ComposeOutcome`] or a plain answer for
//! the core's compose route. No I/O, and no whole-client state.

use crossterm::event::{KeyCode, KeyEvent};

use super::completion;
use super::effect::ComposeEffect;
use super::{Compose, ComposeTarget};
use crate::domain::{Catalog, DraftFor};
use crate::input::action::Action;
use crate::panes::request::RequestIds;

/// What an action in the editor reads besides its own state.
#[derive(Debug)]
pub struct ComposeCtx<'a> {
    pub catalog: &'a Catalog,
    /// Posts go through the outbox (rather than straight to the server).
    pub via_outbox: bool,
    /// Where a post sent now takes its request id.
    pub requests: &'a mut RequestIds,
}

/// What an action in the editor asks of the rest of the client.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ComposeOutcome {
    /// The editor stays open; these effects are carried out.
    Stay(Vec<ComposeEffect>),
    /// Close the editor; these effects are carried out (the draft forgotten, or the text
    /// handed to the outbox).
    Close(Vec<ComposeEffect>),
    /// The palette takes the editor's place; these effects keep the draft.
    Palette(Vec<ComposeEffect>),
    /// Show the guidelines in full, or back to one line.
    ToggleGuidelines,
}

/// The editor for `target`, and the effect asking for a kept draft to restore into it.
pub fn open(target: ComposeTarget) -> (Compose, ComposeEffect) {
    let compose = Compose::new(target);
    let load = ComposeEffect::LoadDraft(compose.draft_for());
    (compose, load)
}

/// Handles a bound action while the editor is open.
pub fn handle(compose: &mut Compose, ctx: ComposeCtx<'_>, action: Action) -> ComposeOutcome {
    if compose.confirm_discard {
        match action {
            Action::ConfirmYes => return ComposeOutcome::Close(discard(compose)),
            Action::ConfirmNo | Action::Back | Action::Cancel => compose.confirm_discard = false,
            _ => {}
        }
        return ComposeOutcome::Stay(Vec::new());
    }
    match action {
        Action::Send => send(compose, ctx),
        Action::ToggleGuidelines => ComposeOutcome::ToggleGuidelines,
        Action::ExternalEditor => {
            if compose.sending.is_some() {
                return ComposeOutcome::Stay(Vec::new());
            }
            let text = compose.text();
            if compose.replaces.is_some() {
                return ComposeOutcome::Stay(vec![ComposeEffect::EditExternally(text)]);
            }
            ComposeOutcome::Stay(vec![compose.save(), ComposeEffect::EditExternally(text)])
        }
        // The palette (to switch accounts, say) takes the editor's place; the draft is kept
        // and comes back when the editor opens again. An outbox edit has no draft: it stays.
        Action::Palette if compose.replaces.is_none() && compose.sending.is_none() => {
            let keep = compose.has_text().then(|| compose.save());
            ComposeOutcome::Palette(keep.into_iter().collect())
        }
        Action::Cancel | Action::Back => {
            if compose.completion.take().is_some() {
                return ComposeOutcome::Stay(Vec::new());
            }
            if compose.has_text() {
                compose.confirm_discard = true;
                ComposeOutcome::Stay(Vec::new())
            } else {
                ComposeOutcome::Close(discard(compose))
            }
        }
        _ => ComposeOutcome::Stay(Vec::new()),
    }
}

/// Forgets the editor's kept draft as it closes (an outbox edit has none: the post stays as
/// it was).
fn discard(compose: &Compose) -> Vec<ComposeEffect> {
    (compose.replaces.is_none())
        .then(|| ComposeEffect::DeleteDraft(compose.draft_for()))
        .into_iter()
        .collect()
}

fn send(compose: &mut Compose, ctx: ComposeCtx<'_>) -> ComposeOutcome {
    let req = ctx.requests.issue();
    if compose.sending.is_some() {
        return ComposeOutcome::Stay(Vec::new());
    }
    if !compose.has_text() {
        compose.error = Some("Nothing to send yet".to_owned());
        return ComposeOutcome::Stay(Vec::new());
    }
    let wide = super::audience::warning(&compose.target, ctx.catalog);
    // To many readers: the first send asks (the draft is kept meanwhile), the second posts.
    if wide.is_some() && !compose.confirm_wide && compose.replaces.is_none() {
        compose.confirm_wide = true;
        compose.error = None;
        compose.completion = None;
        return ComposeOutcome::Stay(vec![compose.save()]);
    }
    if ctx.via_outbox || compose.replaces.is_some() {
        return ComposeOutcome::Close(super::outbox_send::send(compose));
    }
    compose.sending = Some(req);
    compose.error = None;
    compose.completion = None;
    ComposeOutcome::Stay(vec![ComposeEffect::Post {
        req,
        post: compose.outgoing(),
    }])
}

/// Types a key no binding took into the editor (or accepts a completion with `tab`); people
/// and topics to complete come from `catalog`.
pub fn type_key(compose: &mut Compose, catalog: &Catalog, key: KeyEvent) {
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
pub fn editor_closed(compose: &mut Compose, result: Result<String, String>) {
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

/// Restores a kept draft into the editor it belongs to, unless the user already typed;
/// `true` when it did.
pub fn draft_loaded(compose: &mut Compose, draft_for: DraftFor, body: &str) -> bool {
    if compose.draft_for() == draft_for && !compose.has_text() && !body.trim().is_empty() {
        compose.set_text(body);
        return true;
    }
    false
}

/// Keeps the draft if it changed since it was last kept (called on ticks: a debounce).
pub fn autosave(compose: &mut Compose) -> Option<ComposeEffect> {
    (compose.unsaved && compose.sending.is_none() && compose.replaces.is_none())
        .then(|| compose.save())
}

#[cfg(test)]
#[path = "update_tests.rs"]
mod tests;
