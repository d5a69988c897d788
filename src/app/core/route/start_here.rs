//! The "Start here" checklist on the whole state: the facts its steps are derived from and
//! whether it shows (built from `State` for the pane, the frame and the palette), `enter` on a
//! row going where the step is done
//! ([`crate::panes::communities::start_here::update::outcome`]), dismissing it and bringing it
//! back.

use crate::app::core::effect::Effect;
use crate::app::core::state::State;
use crate::domain::Feed;
use crate::input::action::Action;
use crate::panes::PaneId;
use crate::panes::communities::start_here::steps::INTRODUCTION_DRAFT;
use crate::panes::communities::start_here::update::{self as checklist, Outcome};
use crate::panes::communities::start_here::view::StartHereView;
use crate::panes::communities::start_here::{self, Context, Kept, Row, Step};
use crate::panes::notice::Notice;

/// What the steps are derived from, out of `state`.
pub fn context(state: &State) -> Context<'_> {
    Context {
        catalog: &state.catalog,
        mine: &state.communities.mine,
        following: &state.people.following,
        guidelines_read: state.communities.start_here.kept.guidelines_read,
    }
}

/// What the checklist's lines draw from, out of `state`.
pub fn view(state: &State) -> StartHereView<'_> {
    StartHereView {
        list: &state.communities.start_here,
        facts: context(state),
        keymap: &state.keys.keymap,
    }
}

/// Whether the checklist shows: its facts are known, it is not dismissed, a step is left.
pub fn visible(state: &State) -> bool {
    start_here::visible(&state.communities.start_here, &context(state))
}

/// The selectable rows in a pane `height` rows high, top first (none when hidden).
pub fn rows(state: &State, height: usize) -> Vec<Row> {
    start_here::rows_in(&state.communities.start_here, visible(state), height)
}

/// The selected checklist row, when the selection is on a row that shows.
pub fn cursor(state: &State, height: usize) -> Option<Row> {
    start_here::cursor_in(&state.communities.start_here, visible(state), height)
}

/// Whether the selection is on the checklist in the communities pane as it is now.
pub fn has_cursor(state: &State) -> bool {
    let height = state.pane_rows(PaneId::Communities);
    cursor(state, height).is_some()
}

/// `enter` on the selected checklist row.
pub fn enter(state: &mut State, row: Row) -> Vec<Effect> {
    let height = state.pane_rows(PaneId::Communities);
    let outcome = checklist::outcome(row, &state.communities.start_here, height, &context(state));
    let now = state.session.now;
    match outcome {
        Outcome::Fold(open) => {
            state.communities.start_here.open = Some(open);
            state.communities.start_here.cursor = Some(Row::Header);
            Vec::new()
        }
        Outcome::FocusDiscover => {
            let first = state
                .communities
                .discover
                .rows(&state.communities.mine)
                .first()
                .copied();
            match first {
                Some(group) => {
                    state.communities.start_here.cursor = None;
                    state.communities.selected = Feed::Community(group);
                    state.focus = PaneId::Communities;
                    let text = "Discover: the best suggestions come first";
                    state.notice.show(Notice::info(text, now));
                }
                None => {
                    let text = "Discover has no suggestions yet";
                    state.notice.show(Notice::info(text, now));
                }
            }
            Vec::new()
        }
        Outcome::OpenMyCard => open_my_card(state),
        Outcome::Introduce(Some(group)) => {
            let effects = super::compose_in(state, Feed::Community(group));
            if let Some(compose) = state.compose_mut()
                && !compose.has_text()
            {
                compose.set_text(INTRODUCTION_DRAFT);
            }
            effects
        }
        Outcome::Introduce(None) => {
            let text = "This network has no community for new joiners";
            state.notice.show(Notice::info(text, now));
            Vec::new()
        }
        Outcome::FindPeople(topics) => {
            crate::app::core::global::focus(state, PaneId::People);
            state.people.card = None;
            if topics.is_empty() {
                let text = "Add your expertise first; meanwhile People lists everyone";
                state.notice.show(Notice::info(text, now));
            }
            super::people::set_query(state, &topics.join(" "));
            Vec::new()
        }
        Outcome::Guidelines => crate::app::core::route::guidelines::open_for(state, None),
    }
}

/// Focuses People on the user's own card.
fn open_my_card(state: &mut State) -> Vec<Effect> {
    let Some(me) = state.catalog.me else {
        let text = "Your profile is not known yet";
        state.notice.show(Notice::info(text, state.session.now));
        return Vec::new();
    };
    crate::app::core::global::focus(state, PaneId::People);
    state.people.line.editing = false;
    state.people.card = None;
    state.people.selected = Some(me);
    state.people.selection_moved = true;
    let effects = crate::app::core::update::dispatch(state, Action::Open);
    let text = "Your expertise is visible to everyone; adding it is optional";
    state.notice.show(Notice::info(text, state.session.now));
    effects
}

/// Hides the checklist for good (kept for the account).
pub fn dismiss(state: &mut State) -> Vec<Effect> {
    let keep = checklist::dismiss(&mut state.communities.start_here);
    let text = "Start here hidden; \"Show Start here\" in the palette brings it back";
    state.notice.show(Notice::info(text, state.session.now));
    keep_facts(keep)
}

/// Brings a dismissed checklist back, open, with the selection on it.
pub fn show(state: &mut State) -> Vec<Effect> {
    let keep = checklist::show(&mut state.communities.start_here);
    if context(state).done_count() == Step::ALL.len() {
        let text = "Every Start here step is done";
        state.notice.show(Notice::info(text, state.session.now));
    } else {
        crate::app::core::global::focus(state, PaneId::Communities);
    }
    keep.map(keep_facts).unwrap_or_default()
}

/// The checklist's facts, kept for the account.
fn keep_facts(kept: Kept) -> Vec<Effect> {
    start_here::effect::facts(kept)
        .into_iter()
        .map(|(fact, value)| Effect::KeepFact { fact, value })
        .collect()
}

#[cfg(test)]
#[path = "start_here_tests.rs"]
mod tests;
