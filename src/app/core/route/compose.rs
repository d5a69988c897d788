//! The compose overlay on the whole state: opening it (with the guidelines before a first
//! post), routing its keys, typing and answers to [`crate::overlays::compose::update`], and
//! carrying out what it asks: its [`ComposeEffect`]s as effects, closing, handing over to the
//! palette, the guidelines, the notice of a restored draft. Also the editor's target for a post
//! of the outbox ([`target_for`]).

use crossterm::event::KeyEvent;

use crate::app::core::effect::Effect;
use crate::app::core::state::State;
use crate::domain::{Catalog, DraftFor, UserId};
use crate::input::action::Action;
use crate::overlays::Overlay;
use crate::overlays::compose::ComposeTarget;
use crate::overlays::compose::effect::ComposeEffect;
use crate::overlays::compose::update::{self as compose, ComposeCtx, ComposeOutcome};
use crate::panes::notice::Notice;
use crate::panes::outbox::effect::OutboxEffect;
use crate::panes::outbox::{PostingMode, target_label};

impl From<ComposeEffect> for Effect {
    fn from(effect: ComposeEffect) -> Self {
        match effect {
            ComposeEffect::SaveDraft { draft_for, body } => Self::SaveDraft { draft_for, body },
            ComposeEffect::DeleteDraft(draft_for) => Self::DeleteDraft(draft_for),
            ComposeEffect::LoadDraft(draft_for) => Self::LoadDraft(draft_for),
            ComposeEffect::Post { req, post } => Self::PostMessage { req, post },
            ComposeEffect::Enqueue { draft_for, body } => {
                Self::Outbox(OutboxEffect::Enqueue { draft_for, body })
            }
            ComposeEffect::Replace {
                local_id,
                draft_for,
                body,
            } => Self::Outbox(OutboxEffect::Replace {
                local_id,
                draft_for,
                body,
            }),
            ComposeEffect::EditExternally(text) => Self::EditExternally(text),
        }
    }
}

/// The compose overlay's effects as the core's.
fn effects(asked: Vec<ComposeEffect>) -> Vec<Effect> {
    asked.into_iter().map(Effect::from).collect()
}

/// Opens the editor for `target` and asks for a kept draft to restore into it (and, before
/// the first post there, for the guidelines).
pub fn open(state: &mut State, target: ComposeTarget) -> Vec<Effect> {
    let (editor, load) = compose::open(target);
    state.overlay = Some(Overlay::Compose(Box::new(editor)));
    let mut effects = vec![Effect::from(load)];
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
        ComposeOutcome::Stay(asked) => effects(asked),
        ComposeOutcome::Close(asked) => {
            state.overlay = None;
            effects(asked)
        }
        ComposeOutcome::Palette(keep) => {
            super::palette::open(state);
            effects(keep)
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
        state
            .notice
            .show(Notice::info("Restored your unsent draft", now));
    }
}

/// Keeps the draft if it changed since it was last kept (called on ticks: a debounce).
pub fn autosave(state: &mut State) -> Vec<Effect> {
    state
        .compose_mut()
        .and_then(compose::autosave)
        .map(Effect::from)
        .into_iter()
        .collect()
}

/// The editor target for a post going to `draft_for`, labelled from what the catalog knows.
pub fn target_for(catalog: &Catalog, draft_for: DraftFor) -> ComposeTarget {
    let name_of = |user: UserId| {
        catalog
            .person(user)
            .map_or_else(|| format!("user {user}"), |p| p.full_name.to_string())
    };
    match draft_for {
        DraftFor::NewPost(community) => ComposeTarget::NewPost {
            community,
            label: target_label(catalog, draft_for),
        },
        DraftFor::Reply { thread, to } => ComposeTarget::Reply {
            to,
            thread,
            author: catalog
                .message(to)
                .map_or_else(|| format!("message {to}"), |m| name_of(m.sender)),
        },
        DraftFor::Direct(to) => ComposeTarget::Direct {
            to,
            name: name_of(to),
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::GroupId;

    #[test]
    fn queueing_and_replacing_become_outbox_effects() {
        let draft_for = DraftFor::NewPost(Some(GroupId(3)));
        let body = "hi".to_owned();
        assert_eq!(
            Effect::from(ComposeEffect::Enqueue {
                draft_for,
                body: body.clone(),
            }),
            Effect::Outbox(OutboxEffect::Enqueue {
                draft_for,
                body: body.clone(),
            })
        );
        assert_eq!(
            Effect::from(ComposeEffect::Replace {
                local_id: 4,
                draft_for,
                body: body.clone(),
            }),
            Effect::Outbox(OutboxEffect::Replace {
                local_id: 4,
                draft_for,
                body,
            })
        );
    }

    #[test]
    fn an_outbox_posts_target_is_named_from_the_catalog_or_by_id() {
        let catalog = Catalog::default();
        assert_eq!(
            target_for(&catalog, DraftFor::NewPost(None)),
            ComposeTarget::NewPost {
                community: None,
                label: "All Company".into(),
            }
        );
        assert_eq!(
            target_for(&catalog, DraftFor::Direct(UserId(9))),
            ComposeTarget::Direct {
                to: UserId(9),
                name: "user 9".into(),
            }
        );
    }
}
