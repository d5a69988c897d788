//! The guidelines on the whole state: the compose window's part (shown before a first post,
//! `ctrl-g`), the answers of the fetches, the Guidelines view (opening it on the selected
//! community, its keys), each routed to [`crate::overlays::guidelines::update`]; here what
//! they ask becomes effects (fetches, account facts to keep) and changes to the rest of the
//! state (the compose window's note, the "Start here" step).

use crate::app::core::effect::Effect;
use crate::app::core::state::State;
use crate::domain::{Catalog, GroupId, MessageId, SafeText};
use crate::input::action::Action;
use crate::overlays::Overlay;
use crate::overlays::compose::{Compose, ComposeTarget};
use crate::overlays::guidelines::effect::{GuidelinesMsg, KeptFact};
use crate::overlays::guidelines::update::{
    self as guidelines, AnswerCtx, GuidelinesOutcome, ViewCtx, ViewOutcome,
};
use crate::overlays::guidelines::view::{GuidelinesViewCtx, last_scroll};
use crate::overlays::guidelines::{GuidelinesView, Scope};
use crate::panes::PaneId;

impl From<KeptFact> for Effect {
    fn from(kept: KeptFact) -> Self {
        Self::KeepFact {
            fact: kept.fact,
            value: kept.value,
        }
    }
}

/// The outcome's fetches and facts as effects; the code of conduct read completes the "Start
/// here" step (its own keeping then writes it as read too).
fn carry_out(state: &mut State, outcome: GuidelinesOutcome) -> Vec<Effect> {
    if outcome.read {
        state.communities.start_here.kept.guidelines_read = true;
    }
    let fetch = outcome.fetch.into_iter().map(Effect::Guidelines);
    fetch
        .chain(outcome.keep.into_iter().map(Effect::from))
        .collect()
}

/// Where a draft for `target` goes, for the guidelines (`None`: a private message, which has
/// none).
pub fn scope_of(target: &ComposeTarget, catalog: &Catalog) -> Option<Scope> {
    match target {
        ComposeTarget::NewPost { community, .. } => Some(*community),
        ComposeTarget::Reply { to, thread, .. } => {
            let message = catalog
                .message(*to)
                .or_else(|| catalog.message(MessageId(thread.0)));
            match message {
                Some(m) if m.direct => None,
                Some(m) => Some(m.community),
                None => catalog.thread(*thread).map(|t| t.community),
            }
        }
        ComposeTarget::Direct { .. } => None,
    }
}

/// Where the open compose window's draft goes, for the guidelines; an edit of a queued post
/// has none.
fn draft_scope(compose: &Compose, catalog: &Catalog) -> Option<Scope> {
    if compose.replaces.is_some() {
        return None;
    }
    scope_of(&compose.target, catalog)
}

/// A compose window just opened: before the user's first post where it goes, it shows the
/// guidelines.
pub fn compose_opened(state: &mut State) -> Vec<Effect> {
    let State {
        overlay,
        guidelines,
        catalog,
        ..
    } = state;
    let Some(Overlay::Compose(compose)) = overlay else {
        return Vec::new();
    };
    let scope = draft_scope(compose, catalog);
    let (note, outcome) = guidelines::compose_opened(guidelines, catalog, scope);
    if note.is_some() {
        compose.guidelines = note;
    }
    carry_out(state, outcome)
}

/// `ctrl-g` in the editor: shows the guidelines in full, or back to one line.
pub fn toggle_in_compose(state: &mut State) -> Vec<Effect> {
    let State {
        overlay,
        guidelines,
        catalog,
        ..
    } = state;
    let Some(Overlay::Compose(compose)) = overlay else {
        return Vec::new();
    };
    let scope = scope_of(&compose.target, catalog);
    match guidelines::toggle_in_compose(guidelines, compose.guidelines, scope) {
        Some((note, fetch)) => {
            compose.guidelines = Some(note);
            fetch.into_iter().map(Effect::Guidelines).collect()
        }
        None => Vec::new(),
    }
}

/// Takes a fetched text.
pub fn apply(state: &mut State, answer: GuidelinesMsg) -> Vec<Effect> {
    let ctx = AnswerCtx {
        catalog: &state.catalog,
        note: state.compose().and_then(|c| c.guidelines),
        view_open: matches!(state.overlay, Some(Overlay::Guidelines(_))),
    };
    let outcome = guidelines::apply(&mut state.guidelines, ctx, answer);
    carry_out(state, outcome)
}

/// A community's guidelines learnt elsewhere (its info card fetched them).
pub fn learn(state: &mut State, group: GroupId, text: &SafeText) {
    guidelines::learn(&mut state.guidelines, group, text);
}

/// The community the Guidelines view shows: the one selected in the communities pane, or the
/// shown feed's.
fn selected_community(state: &State) -> Option<GroupId> {
    let pane = state.communities.selected.community();
    if state.focus == PaneId::Communities {
        return pane;
    }
    state
        .current_feed()
        .and_then(|feed| feed.community())
        .or(pane)
}

/// Opens the Guidelines view for the selected community.
pub fn open(state: &mut State) -> Vec<Effect> {
    let community = selected_community(state);
    open_for(state, community)
}

/// Opens the Guidelines view: the code of conduct, then `community`'s guidelines.
pub fn open_for(state: &mut State, community: Option<GroupId>) -> Vec<Effect> {
    let (view, outcome) = guidelines::open(&mut state.guidelines, community);
    state.overlay = Some(Overlay::Guidelines(Box::new(view)));
    carry_out(state, outcome)
}

/// How far the open view can scroll at the current terminal size.
pub fn last(state: &State, view: &GuidelinesView) -> u16 {
    let ctx = GuidelinesViewCtx {
        guidelines: &state.guidelines,
        catalog: &state.catalog,
    };
    let taken = 1 + u16::from(state.banner.is_some());
    last_scroll(ctx, view, state.session.size, taken)
}

/// Handles `action` while the Guidelines view is open.
pub fn handle(state: &mut State, action: Action) -> Vec<Effect> {
    let Some(Overlay::Guidelines(view)) = &state.overlay else {
        return Vec::new();
    };
    let last = last(state, view);
    let url = state.guidelines.url.clone();
    let ctx = ViewCtx {
        page: state.session.size.1.saturating_sub(6) / 2,
        last,
        url: url.as_ref(),
    };
    let Some(Overlay::Guidelines(view)) = &mut state.overlay else {
        return Vec::new();
    };
    match guidelines::handle(view, ctx, action) {
        ViewOutcome::Stay => Vec::new(),
        ViewOutcome::Close => {
            state.overlay = None;
            Vec::new()
        }
        ViewOutcome::OpenUrl(url) => vec![Effect::OpenUrl(url)],
    }
}

#[cfg(test)]
#[path = "guidelines_tests.rs"]
mod tests;
