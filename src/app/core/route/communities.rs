//! The communities pane on the whole state: routing its keys to
//! [`crate::panes::communities::update`] and carrying out what it asks (a feed opened, compose,
//! join or leave, a community's card), the card's keys ([`card`]), and the "Start here"
//! checklist's rows: going where a
//! step is done ([`crate::panes::communities::start_here::update::outcome`]), dismissing it and
//! bringing it back.

use crate::app::core::action::Action;
use crate::app::core::effect::Effect;
use crate::app::core::notice::Notice;
use crate::app::core::state::State;
use crate::domain::Feed;
use crate::overlays::Overlay;
use crate::panes::PaneId;
use crate::panes::communities::discover;
use crate::panes::communities::discover::card::CardOutcome;
use crate::panes::communities::start_here::steps::INTRODUCTION_DRAFT;
use crate::panes::communities::start_here::update::{self as checklist, Outcome};
use crate::panes::communities::start_here::{self, Kept, Row, Step};
use crate::panes::communities::update::{self as communities, CommunitiesCtx, CommunitiesOutcome};

/// Handles `action` when the communities pane has focus; `None` leaves it to the global handler.
pub fn handle(state: &mut State, action: Action) -> Option<Vec<Effect>> {
    let ctx = CommunitiesCtx {
        height: state.pane_rows(PaneId::Communities),
        checklist: start_here::visible(state),
    };
    let outcome = communities::handle(&mut state.communities, ctx, action)?;
    Some(match outcome {
        CommunitiesOutcome::Done => Vec::new(),
        CommunitiesOutcome::Checklist(row) => enter(state, row),
        CommunitiesOutcome::Open => {
            if let Some(effects) = discover::update::open_unreadable(state) {
                return Some(effects);
            }
            let feed = state.communities.selected;
            let effects = super::open_feed(state, feed);
            state.focus = PaneId::Timeline;
            effects
        }
        CommunitiesOutcome::Compose => {
            let feed = state.communities.selected;
            super::compose_in(state, feed)
        }
        CommunitiesOutcome::ToggleMembership => discover::update::toggle(state),
        CommunitiesOutcome::Info => discover::update::info(state),
    })
}

/// Handles `action` while a community's card is open.
pub fn card(state: &mut State, action: Action) -> Vec<Effect> {
    let (catalog, mine) = (&state.catalog, &state.communities.mine);
    let Some(Overlay::CommunityCard(open)) = &mut state.overlay else {
        return Vec::new();
    };
    let readable = discover::readable(catalog, mine, open.group);
    match discover::card::handle(open, readable, action) {
        CardOutcome::Stay => Vec::new(),
        CardOutcome::Close => {
            state.overlay = None;
            Vec::new()
        }
        CardOutcome::ToggleMembership(group) => {
            state.overlay = None;
            discover::update::toggle_group(state, group)
        }
        CardOutcome::Guidelines(group) => {
            crate::overlays::guidelines::update::open_for(state, Some(group))
        }
        CardOutcome::OpenFeed(group) => {
            state.overlay = None;
            let effects = super::open_feed(state, Feed::Community(group));
            state.focus = PaneId::Timeline;
            effects
        }
    }
}

/// `enter` on the selected checklist row.
fn enter(state: &mut State, row: Row) -> Vec<Effect> {
    let height = state.pane_rows(PaneId::Communities);
    let outcome = checklist::outcome(
        row,
        &state.communities.start_here,
        height,
        &start_here::context(state),
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
            super::people::set_query(state, &topics.join(" "));
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
    let keep = checklist::dismiss(&mut state.communities.start_here);
    let text = "Start here hidden; \"Show Start here\" in the palette brings it back";
    state.notice = Some(Notice::info(text, state.session.now));
    keep_facts(keep)
}

/// Brings a dismissed checklist back, open, with the selection on it.
pub fn show(state: &mut State) -> Vec<Effect> {
    let keep = checklist::show(&mut state.communities.start_here);
    if start_here::context(state).done_count() == Step::ALL.len() {
        let text = "Every Start here step is done";
        state.notice = Some(Notice::info(text, state.session.now));
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
