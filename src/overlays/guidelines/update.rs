//! Transitions of the guidelines: asking for texts not known yet, taking the answers, deciding
//! whether a compose window just opened shows them (before the user's first post there), and
//! the Guidelines view's keys. Showing marks them seen (kept as an account fact); the view
//! showing the code of conduct keeps `guidelines_read`. Effects only, no I/O.

use super::effect::{GuidelinesEffect, GuidelinesMsg};
use super::{GuidelinesView, Known, Scope, has_posted, seen_key};
use crate::app::core::action::Action;
use crate::app::core::effect::Effect;
use crate::app::core::state::State;
use crate::domain::{Catalog, GroupId, SafeText};
use crate::overlays::Overlay;
use crate::overlays::compose::ComposeTarget;
use crate::panes::PaneId;

/// What a compose window shows of the guidelines: for which scope, and whether in full.
pub use crate::overlays::compose::GuidelinesNote as Note;

/// Where a draft for `target` goes, for the guidelines (`None`: a private message, which has
/// none).
pub fn scope_of(target: &ComposeTarget, catalog: &Catalog) -> Option<Scope> {
    match target {
        ComposeTarget::NewPost { community, .. } => Some(*community),
        ComposeTarget::Reply { to, thread, .. } => {
            let message = catalog
                .message(*to)
                .or_else(|| catalog.message(crate::domain::MessageId(thread.0)));
            match message {
                Some(m) if m.direct => None,
                Some(m) => Some(m.community),
                None => catalog.thread(*thread).map(|t| t.community),
            }
        }
        ComposeTarget::Direct { .. } => None,
    }
}

/// Asks for the texts `scope`'s guidelines need that are not known (nor asked for) yet.
pub fn wanted(state: &mut State, scope: Scope) -> Vec<Effect> {
    let guidelines = &mut state.guidelines;
    let mut effects = Vec::new();
    if matches!(guidelines.network, Known::Unasked | Known::Failed(_)) {
        guidelines.network = Known::Loading;
        effects.push(Effect::Guidelines(GuidelinesEffect::FetchNetwork));
    }
    if let Some(group) = scope {
        let known = guidelines.communities.entry(group).or_default();
        if matches!(known, Known::Unasked | Known::Failed(_)) {
            *known = Known::Loading;
            effects.push(Effect::Guidelines(GuidelinesEffect::FetchCommunity(group)));
        }
    }
    effects
}

/// A compose window just opened: before the user's first post where it goes (none of their
/// messages there is known, and the guidelines were not shown there before), it shows the
/// guidelines. An edit of a queued post never does.
pub fn compose_opened(state: &mut State) -> Vec<Effect> {
    let Some(compose) = state.compose() else {
        return Vec::new();
    };
    if compose.replaces.is_some() {
        return Vec::new();
    }
    let Some(scope) = scope_of(&compose.target, &state.catalog) else {
        return Vec::new();
    };
    if state.guidelines.is_seen(scope) || has_posted(&state.catalog, scope) {
        return Vec::new();
    }
    if let Some(compose) = state.compose_mut() {
        compose.guidelines = Some(Note {
            scope,
            expanded: false,
        });
    }
    let mut effects = wanted(state, scope);
    effects.extend(mark_shown(state));
    effects
}

/// `ctrl-g` in the editor: shows the guidelines in full, or back to one line. Where they were
/// not shown (posted there before), it shows them.
pub fn toggle_in_compose(state: &mut State) -> Vec<Effect> {
    let Some(compose) = state.compose() else {
        return Vec::new();
    };
    let note = compose.guidelines;
    let scope = match note {
        Some(note) => note.scope,
        None => match scope_of(&compose.target, &state.catalog) {
            Some(scope) => scope,
            None => return Vec::new(),
        },
    };
    let expanded = note.is_none_or(|n| !n.expanded);
    if let Some(compose) = state.compose_mut() {
        compose.guidelines = Some(Note { scope, expanded });
    }
    wanted(state, scope)
}

/// Once an open compose window has guidelines to show, they count as seen there.
fn mark_shown(state: &mut State) -> Vec<Effect> {
    let Some(note) = state.compose().and_then(|c| c.guidelines) else {
        return Vec::new();
    };
    let guidelines = &mut state.guidelines;
    if guidelines.for_scope(note.scope, &state.catalog).is_none()
        || !guidelines.seen.insert(seen_key(note.scope))
    {
        return Vec::new();
    }
    vec![Effect::KeepFact {
        fact: crate::store::FACT_GUIDELINES_SEEN,
        value: guidelines.seen_text(),
    }]
}

/// Once the Guidelines view shows the code of conduct, that is kept (once a session).
fn mark_read(state: &mut State) -> Vec<Effect> {
    let open = matches!(state.overlay, Some(Overlay::Guidelines(_)));
    let guidelines = &mut state.guidelines;
    if !open || guidelines.read_kept || guidelines.network_text().is_none() {
        return Vec::new();
    }
    guidelines.read_kept = true;
    // The "Start here" step is done by this; its own keeping then writes it as read too.
    state.communities.start_here.kept.guidelines_read = true;
    vec![Effect::KeepFact {
        fact: crate::store::FACT_GUIDELINES_READ,
        value: state.session.now.timestamp().to_string(),
    }]
}

/// Takes a fetched text.
pub fn apply(state: &mut State, answer: GuidelinesMsg) -> Vec<Effect> {
    let known = |result: Result<String, crate::api::ApiError>| match result {
        Ok(text) => Known::Loaded(SafeText::new(text.trim())),
        Err(error) => Known::Failed(error.to_string()),
    };
    match answer {
        GuidelinesMsg::Network(result) => state.guidelines.network = known(result),
        GuidelinesMsg::Community(group, result) => {
            state.guidelines.communities.insert(group, known(result));
        }
    }
    let mut effects = mark_shown(state);
    effects.extend(mark_read(state));
    effects
}

/// A community's guidelines learnt elsewhere (its info card fetched them).
pub fn learn(state: &mut State, group: GroupId, text: &SafeText) {
    let text = SafeText::new(text.as_str().trim());
    state
        .guidelines
        .communities
        .insert(group, Known::Loaded(text));
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
    state.overlay = Some(Overlay::Guidelines(Box::new(GuidelinesView {
        community,
        scroll: 0,
    })));
    let mut effects = wanted(state, community);
    effects.extend(mark_read(state));
    effects
}

/// Handles `action` while the Guidelines view is open.
pub fn handle(state: &mut State, action: Action) -> Vec<Effect> {
    let page = state.session.size.1.saturating_sub(6) / 2;
    let last = super::view::last_scroll(state);
    let url = state.guidelines.url.clone();
    let Some(Overlay::Guidelines(view)) = &mut state.overlay else {
        return Vec::new();
    };
    match action {
        Action::MoveDown => view.scroll = view.scroll.saturating_add(1).min(last),
        Action::MoveUp => view.scroll = view.scroll.saturating_sub(1),
        Action::HalfPageDown => view.scroll = view.scroll.saturating_add(page.max(1)).min(last),
        Action::HalfPageUp => view.scroll = view.scroll.saturating_sub(page.max(1)),
        Action::First => view.scroll = 0,
        Action::Last => view.scroll = last,
        Action::OpenLink => {
            if let Some(url) = url {
                return vec![Effect::OpenUrl(url.to_string())];
            }
        }
        Action::Back | Action::QuitOrBack | Action::Cancel | Action::Guidelines => {
            state.overlay = None;
        }
        _ => {}
    }
    Vec::new()
}

#[cfg(test)]
#[path = "update_tests.rs"]
mod tests;
