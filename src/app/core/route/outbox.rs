//! The outbox list on the whole state: opening it (and reading the outbox again), routing its
//! keys to [`crate::overlays::outbox::update`], and carrying out what it asks (an outbox
//! effect, the editor on a post, a notice).

use crate::app::core::effect::Effect;
use crate::app::core::state::State;
use crate::input::action::Action;
use crate::overlays::Overlay;
use crate::overlays::compose::Compose;
use crate::overlays::outbox::update::{self as outbox, OutboxOutcome};
use crate::panes::notice::Notice;
use crate::panes::outbox::effect::OutboxEffect;

/// Opens the list with the oldest post selected, and reads the outbox again.
pub fn open(state: &mut State) -> Vec<Effect> {
    state.overlay = Some(Overlay::Outbox(outbox::new_list(&state.outbox)));
    vec![Effect::Outbox(OutboxEffect::Reload)]
}

/// Handles a bound action while the list is open.
pub fn handle(state: &mut State, action: Action) -> Vec<Effect> {
    let height = state.session.size.1;
    let Some(Overlay::Outbox(overlay)) = &mut state.overlay else {
        return Vec::new();
    };
    let now = state.session.now;
    match outbox::handle(overlay, &state.outbox, height, action) {
        OutboxOutcome::Stay => Vec::new(),
        OutboxOutcome::Close => {
            state.overlay = None;
            Vec::new()
        }
        OutboxOutcome::Ask { effect, say } => {
            if let Some(text) = say {
                state.notice.show(Notice::info(text, now));
            }
            vec![Effect::Outbox(effect)]
        }
        OutboxOutcome::Edit(post) => {
            let target = super::compose::target_for(&state.catalog, post.draft_for);
            let mut compose = Compose::with_text(target, &post.body);
            compose.replaces = Some(post.local_id);
            state.overlay = Some(Overlay::Compose(Box::new(compose)));
            Vec::new()
        }
        OutboxOutcome::Say(text) => {
            state.notice.show(Notice::info(text, now));
            Vec::new()
        }
    }
}
