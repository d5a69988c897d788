//! Transitions of the health view: a new view on the user's communities (with the background
//! read it asks for), moving the selection, Enter choosing the selected community's feed, and
//! the read's answers folding in. Works on the view's own state and what it reads (the catalog,
//! the time); opening the feed or closing the view is a [`HealthOutcome`] for the core to
//! route. No I/O, and no whole-client state.

use super::HealthView;
use super::effect::{HealthEffect, HealthMsg};
use crate::domain::{Catalog, GroupId};
use crate::input::action::Action;
use crate::panes::cursor::Motion;

/// What the health view reads besides its own state.
#[derive(Clone, Copy, Debug)]
pub struct HealthCtx<'a> {
    pub catalog: &'a Catalog,
    /// Now, in unix seconds.
    pub now: i64,
    /// The terminal's height in rows.
    pub height: u16,
}

/// What an action in the health view asks of the rest of the client.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum HealthOutcome {
    /// The view stays open.
    Stay,
    /// Close the view.
    Close,
    /// Close the view and show this community's feed.
    OpenFeed(GroupId),
}

/// A view on the communities `asked`, without the `hidden` people, and the background read
/// it needs (none when there is nothing to read).
pub fn new_view(
    asked: Vec<GroupId>,
    hidden: impl IntoIterator<Item = u64>,
) -> (HealthView, Option<HealthEffect>) {
    let read = (!asked.is_empty()).then(|| HealthEffect::Read {
        communities: asked.clone(),
    });
    let view = HealthView {
        asked,
        hidden: hidden.into_iter().collect(),
        ..HealthView::default()
    };
    (view, read)
}

/// The communities in the view's order (what needs attention first).
pub fn order(view: &HealthView, catalog: &Catalog, now: i64) -> Vec<GroupId> {
    view.report(catalog, &view.asked, now)
        .iter()
        .map(|h| GroupId(h.id))
        .collect()
}

/// Handles a bound action while the view is open.
pub fn handle(view: &mut HealthView, ctx: HealthCtx<'_>, action: Action) -> HealthOutcome {
    let ids = order(view, ctx.catalog, ctx.now);
    let current = view
        .selected
        .and_then(|g| ids.iter().position(|i| *i == g))
        .or_else(|| (!ids.is_empty()).then_some(0));
    let page = usize::from(ctx.height.saturating_sub(6) / 4).max(1);
    if let Some(motion) = Motion::from_action(action, page) {
        if let Some(g) = motion.apply(current, ids.len()).and_then(|i| ids.get(i)) {
            view.selected = Some(*g);
        }
        return HealthOutcome::Stay;
    }
    match action {
        Action::Open => current
            .and_then(|i| ids.get(i))
            .map_or(HealthOutcome::Stay, |g| HealthOutcome::OpenFeed(*g)),
        Action::Back | Action::QuitOrBack | Action::Cancel | Action::CommunityHealth => {
            HealthOutcome::Close
        }
        _ => HealthOutcome::Stay,
    }
}

/// Folds one community's read into the view.
pub fn apply(view: &mut HealthView, answer: HealthMsg) {
    view.names.extend(answer.names);
    view.fetched.insert(answer.community, answer.fetched);
}

#[cfg(test)]
#[path = "update_tests.rs"]
mod tests;
