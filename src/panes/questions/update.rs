//! Transitions of "Questions for you": opening it (taking the list and asking which communities
//! you keep), the answer to that, moving the selection, Enter opening the thread, `r`
//! answering, `m` replying with the people who could answer mentioned. Returns effects; no I/O.

use super::effect::{QuestionsEffect, QuestionsMsg};
use super::{QuestionsView, mention_draft};
use crate::app::core::action::Action;
use crate::app::core::effect::Effect;
use crate::app::core::state::State;
use crate::domain::ThreadId;
use crate::overlays::Overlay;
use crate::panes::PaneId;
use crate::panes::cursor::Motion;

/// Opens the view on the questions the client holds now, asks which communities you keep, and
/// starts reading the directory (the people who could answer) when nothing has yet.
pub fn open(state: &mut State) -> Vec<Effect> {
    let view = take(state, None);
    state.overlay = Some(Overlay::Questions(Box::new(view)));
    let mut effects = vec![Effect::Questions(QuestionsEffect::FetchKept)];
    if !state.people.paging.started() {
        effects.extend(crate::panes::people::answers::next_page(state));
        state.people.stale = true;
    }
    effects
}

fn take(state: &State, kept: Option<&[crate::domain::GroupId]>) -> QuestionsView {
    QuestionsView::take(
        &state.catalog,
        &state.people.index.lock(),
        kept,
        state.catalog.me,
        state.session.now.timestamp(),
    )
}

/// The communities you keep arrived: the list is taken again with them (a failure is said in
/// the view, which then shows only the questions for you).
pub fn apply(state: &mut State, msg: QuestionsMsg) -> Vec<Effect> {
    let Some(Overlay::Questions(open)) = &mut state.overlay else {
        return Vec::new();
    };
    match msg {
        QuestionsMsg::Kept(Ok(kept)) => {
            open.kept = Some(kept);
            open.kept_error = None;
            refresh(state);
        }
        QuestionsMsg::Kept(Err(error)) => {
            open.kept_error = Some(format!(
                "Could not tell which communities you keep: {error}"
            ));
        }
    }
    Vec::new()
}

/// Takes the list again while the view is open (the directory or the messages grew), keeping
/// the selected question when it is still listed.
pub fn refresh(state: &mut State) {
    let Some(Overlay::Questions(open)) = &state.overlay else {
        return;
    };
    let selected = open.current().map(|i| i.id);
    let (kept, kept_error) = (open.kept.clone(), open.kept_error.clone());
    let mut view = take(state, kept.as_deref());
    view.kept_error = kept_error;
    view.selected = selected
        .and_then(|id| view.items.iter().position(|i| i.id == id))
        .unwrap_or(0);
    state.overlay = Some(Overlay::Questions(Box::new(view)));
}

/// Handles a bound action while the view is open.
pub fn handle(state: &mut State, action: Action) -> Vec<Effect> {
    let page = usize::from(state.session.size.1.saturating_sub(6) / 3).max(1);
    let Some(Overlay::Questions(view)) = &mut state.overlay else {
        return Vec::new();
    };
    if let Some(motion) = Motion::from_action(action, page) {
        view.selected = motion
            .apply(Some(view.selected), view.items.len())
            .unwrap_or(0);
        return Vec::new();
    }
    let current = view.current().cloned();
    match (action, current) {
        (Action::Back | Action::QuitOrBack | Action::Cancel | Action::OpenQuestions, _) => {
            state.overlay = None;
            Vec::new()
        }
        (Action::Open, Some(item)) => {
            state.overlay = None;
            let effects = crate::app::core::route::open_thread(state, ThreadId(item.id.0));
            state.focus = PaneId::Thread;
            effects
        }
        (Action::Reply, Some(item)) => {
            state.overlay = None;
            crate::app::core::route::message::reply(state, item.id)
        }
        (Action::ReplyMentioning, Some(item)) => {
            state.overlay = None;
            let effects = crate::app::core::route::message::reply(state, item.id);
            let draft = mention_draft(&item.answerers);
            if let Some(compose) = state.compose_mut()
                && !draft.is_empty()
            {
                compose.set_text(&draft);
            }
            effects
        }
        _ => Vec::new(),
    }
}

#[cfg(test)]
#[path = "update_tests.rs"]
mod tests;
