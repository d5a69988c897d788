//! The checklist's transitions: moving through its rows, `enter` on a row (fold or open the
//! list, or go where the step is done), dismissing it and bringing it back, and the guidelines'
//! answer. What `enter` asks for is worked out purely ([`outcome`]) and then carried out on the
//! state ([`enter`]). No I/O: keeping the facts and fetching are effects.

use super::effect::StartHereEffect;
use super::steps::{INTRODUCTION_DRAFT, my_expertise, new_joiners};
use super::{Context, Row, StartHere, Step};
use crate::app::core::action::Action;
use crate::app::core::effect::Effect;
use crate::app::core::notice::Notice;
use crate::app::core::state::State;
use crate::domain::{Feed, GroupId};
use crate::panes::PaneId;

/// What `enter` on a checklist row asks for.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Outcome {
    /// Open (`true`) or fold the list.
    Fold(bool),
    /// Select the first of Discover's suggestions.
    FocusDiscover,
    /// The user's own card in People.
    OpenMyCard,
    /// The editor in the new-joiners community with a draft (`None`: there is none).
    Introduce(Option<GroupId>),
    /// People, asked who knows these topics (none: the user has no expertise yet).
    FindPeople(Vec<String>),
    /// Show the network's guidelines.
    Guidelines,
}

/// What `enter` on `row` asks for, in a pane `height` rows high.
pub fn outcome(row: Row, list: &StartHere, height: usize, ctx: &Context<'_>) -> Outcome {
    match row {
        Row::Header => Outcome::Fold(!list.is_open(height)),
        Row::Step(Step::AddExpertise) => Outcome::OpenMyCard,
        Row::Step(Step::JoinCommunities) => Outcome::FocusDiscover,
        Row::Step(Step::IntroduceYourself) => Outcome::Introduce(new_joiners(ctx.catalog)),
        Row::Step(Step::FollowPeople) => Outcome::FindPeople(my_expertise(ctx.catalog)),
        Row::Step(Step::ReadGuidelines) => Outcome::Guidelines,
    }
}

/// `enter` on the selected checklist row.
pub fn enter(state: &mut State, row: Row) -> Vec<Effect> {
    let height = state.pane_rows(PaneId::Communities);
    let outcome = outcome(
        row,
        &state.communities.start_here,
        height,
        &super::context(state),
    );
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
                    state.notice = Some(Notice::info(text, now));
                }
                None => {
                    let text = "Discover has no suggestions yet";
                    state.notice = Some(Notice::info(text, now));
                }
            }
            Vec::new()
        }
        Outcome::OpenMyCard => open_my_card(state),
        Outcome::Introduce(Some(group)) => {
            let effects = crate::app::core::route::compose_in(state, Feed::Community(group));
            if let Some(compose) = state.compose_mut()
                && !compose.has_text()
            {
                compose.set_text(INTRODUCTION_DRAFT);
            }
            effects
        }
        Outcome::Introduce(None) => {
            let text = "This network has no community for new joiners";
            state.notice = Some(Notice::info(text, now));
            Vec::new()
        }
        Outcome::FindPeople(topics) => {
            crate::app::core::global::focus(state, PaneId::People);
            state.people.card = None;
            if topics.is_empty() {
                let text = "Add your expertise first; meanwhile People lists everyone";
                state.notice = Some(Notice::info(text, now));
            }
            crate::panes::people::update::set_query(state, &topics.join(" "));
            Vec::new()
        }
        Outcome::Guidelines => crate::overlays::guidelines::update::open_for(state, None),
    }
}

/// Focuses People on the user's own card.
fn open_my_card(state: &mut State) -> Vec<Effect> {
    let Some(me) = state.catalog.me else {
        let text = "Your profile is not known yet";
        state.notice = Some(Notice::info(text, state.session.now));
        return Vec::new();
    };
    crate::app::core::global::focus(state, PaneId::People);
    state.people.line.editing = false;
    state.people.card = None;
    state.people.selected = Some(me);
    state.people.selection_moved = true;
    let effects = crate::app::core::update::dispatch(state, Action::Open);
    let text = "Your expertise is visible to everyone; adding it is optional";
    state.notice = Some(Notice::info(text, state.session.now));
    effects
}

/// Hides the checklist for good (kept for the account).
pub fn dismiss(state: &mut State) -> Vec<Effect> {
    let list = &mut state.communities.start_here;
    list.kept.dismissed = true;
    list.cursor = None;
    let kept = list.kept;
    let text = "Start here hidden; \"Show Start here\" in the palette brings it back";
    state.notice = Some(Notice::info(text, state.session.now));
    vec![Effect::StartHere(StartHereEffect::Keep(kept))]
}

/// Brings a dismissed checklist back, open, with the selection on it.
pub fn show(state: &mut State) -> Vec<Effect> {
    let list = &mut state.communities.start_here;
    let was_dismissed = std::mem::replace(&mut list.kept.dismissed, false);
    list.loaded = true;
    list.open = Some(true);
    list.cursor = Some(Row::Header);
    let kept = list.kept;
    if super::context(state).done_count() == Step::ALL.len() {
        let text = "Every Start here step is done";
        state.notice = Some(Notice::info(text, state.session.now));
    } else {
        crate::app::core::global::focus(state, PaneId::Communities);
    }
    if was_dismissed {
        vec![Effect::StartHere(StartHereEffect::Keep(kept))]
    } else {
        Vec::new()
    }
}
