//! "Questions for you" on the whole state: opening it (with the directory read it needs),
//! routing its keys and answers to [`crate::panes::questions::update`], taking the list again
//! as the client learns more, and carrying out what it asks (opening a thread, replying).

use crate::app::core::effect::Effect;
use crate::app::core::state::State;
use crate::domain::ThreadId;
use crate::input::action::Action;
use crate::overlays::Overlay;
use crate::panes::PaneId;
use crate::panes::questions::QuestionsView;
use crate::panes::questions::effect::{QuestionsEffect, QuestionsMsg};
use crate::panes::questions::update::{self as questions, QuestionsCtx, QuestionsOutcome};

/// What the view reads, from the whole state.
fn with_ctx<T>(state: &State, f: impl FnOnce(QuestionsCtx<'_>) -> T) -> T {
    let index = state.people.index.lock();
    f(QuestionsCtx {
        catalog: &state.catalog,
        index: &index,
        me: state.catalog.me,
        now: state.session.now.timestamp(),
    })
}

/// Opens the view on the questions the client holds now, asks which communities you keep, and
/// starts reading the directory (the people who could answer) when nothing has yet.
pub fn open(state: &mut State) -> Vec<Effect> {
    let view = with_ctx(state, |ctx| questions::take(ctx, None));
    state.overlay = Some(Overlay::Questions(Box::new(view)));
    let mut effects = vec![Effect::Questions(QuestionsEffect::FetchKept)];
    if !state.people.paging.started() {
        effects.extend(super::people::next_page(state));
        state.people.stale = true;
    }
    effects
}

/// The communities you keep arrived: the list is taken again with them.
pub fn apply(state: &mut State, msg: QuestionsMsg) -> Vec<Effect> {
    let Some(Overlay::Questions(view)) = &mut state.overlay else {
        return Vec::new();
    };
    if questions::apply(view, msg) {
        refresh(state);
    }
    Vec::new()
}

/// Takes the list again while the view is open (the directory or the messages grew), keeping
/// the selected question when it is still listed.
pub fn refresh(state: &mut State) {
    let Some(Overlay::Questions(view)) = &state.overlay else {
        return;
    };
    let fresh: QuestionsView = with_ctx(state, |ctx| questions::refresh(view, ctx));
    state.overlay = Some(Overlay::Questions(Box::new(fresh)));
}

/// Handles a bound action while the view is open.
pub fn handle(state: &mut State, action: Action) -> Vec<Effect> {
    let height = state.session.size.1;
    let Some(Overlay::Questions(view)) = &mut state.overlay else {
        return Vec::new();
    };
    match questions::handle(view, height, action) {
        QuestionsOutcome::Stay => Vec::new(),
        QuestionsOutcome::Close => {
            state.overlay = None;
            Vec::new()
        }
        QuestionsOutcome::Open(id) => {
            state.overlay = None;
            let effects = super::open_thread(state, ThreadId(id.0));
            state.focus = PaneId::Thread;
            effects
        }
        QuestionsOutcome::Reply { to, draft } => {
            state.overlay = None;
            let effects = super::message::reply(state, to);
            if let Some(compose) = state.compose_mut()
                && !draft.is_empty()
            {
                compose.set_text(&draft);
            }
            effects
        }
    }
}
