//! Time passing: ticks move `now` on, expire notices and start background polls; and when the
//! next tick is needed at all: never at idle, unless a poll, a fading notice, a draft save or a
//! relative time label is due. Nothing animates, so a request in flight does not tick either:
//! its answer is a message that redraws.

use std::time::Duration;

use chrono::{DateTime, Utc};

use crate::app::core::effect::Effect;
use crate::app::core::state::State;
use crate::domain::time::until_label_changes;
use crate::panes::PaneId;
use crate::panes::timeline::CARD_HEIGHT;

/// How long typing may pause before the draft is kept.
const DRAFT_SAVE_DELAY: Duration = Duration::from_secs(1);

/// Handles a tick at `now`.
pub fn on_tick(state: &mut State, now: DateTime<Utc>) -> Vec<Effect> {
    state.session.now = now;
    state.notice.tick(now);
    let mut effects = crate::app::core::route::compose::autosave(state);
    effects.extend(crate::app::core::connection::on_tick(state, now));
    effects.extend(crate::app::core::route::people::on_tick(state, now));
    effects.extend(crate::app::core::route::search::on_tick(state, now));
    if state.session.poll.due(now) {
        state.session.poll.restart(now);
        effects.extend(crate::app::core::route::poll_feed(state));
        effects.push(Effect::FetchCommunities);
        effects.push(Effect::FetchUnseen);
        effects.extend(crate::app::core::notify::watch::watch_inbox(state));
    }
    effects.extend(crate::app::core::notify::watch::on_tick(state));
    effects
}

/// How long the run loop may sleep before the next tick.
pub fn next_tick_in(state: &State) -> Option<Duration> {
    let now = state.session.now;
    let mut next = Some(state.session.poll.until_due(now));
    let mut consider = |candidate: Option<Duration>| {
        if let Some(c) = candidate {
            next = Some(next.map_or(c, |n| n.min(c)));
        }
    };
    if let Some(expires) = state.notice.current().and_then(|n| n.expires_at) {
        consider(Some((expires - now).to_std().unwrap_or(Duration::ZERO)));
    }
    consider(state.notice.current().and_then(|n| n.until_change(now)));
    if state.compose().is_some_and(|c| c.unsaved) {
        consider(Some(DRAFT_SAVE_DELAY));
    }
    consider(crate::app::core::route::people::next_tick_in(state));
    consider(crate::app::core::route::search::next_tick_in(state));
    consider(crate::panes::outbox::label::next_tick_in(
        &state.outbox,
        state.session.now,
        matches!(state.overlay, Some(crate::overlays::Overlay::Outbox(_))),
    ));
    consider(crate::app::core::connection::next_tick_in(state));
    consider(state.notify.until_due(now));
    for then in visible_times(state) {
        consider(until_label_changes(now, then));
    }
    next
}

/// Whether a request the user waits on is in flight.
pub fn is_busy(state: &State) -> bool {
    let timeline_busy = state.timeline.active().is_some_and(|t| t.load.is_loading());
    let sending = state.compose().is_some_and(|c| c.sending.is_some());
    timeline_busy || state.thread.load.is_loading() || sending
}

/// The timestamps whose relative labels are on screen (approximately: the first screenful).
fn visible_times(state: &State) -> Vec<crate::domain::Timestamp> {
    let mut times = Vec::new();
    if let Some(feed) = state.timeline.active() {
        let rows = state.pane_rows(PaneId::Timeline).max(1);
        let cards = rows / usize::from(CARD_HEIGHT) + 1;
        let first = feed.selected_index().unwrap_or(0).saturating_sub(cards);
        for thread in feed.threads().iter().skip(first).take(cards * 2) {
            let latest = state.catalog.latest_activity(*thread);
            let starter = crate::domain::MessageId(thread.0);
            for id in [starter, latest] {
                if let Some(message) = state.catalog.message(id) {
                    times.push(message.created_at);
                }
            }
        }
    }
    for row in state.thread.rows() {
        if let Some(message) = state.catalog.message(row.id) {
            times.push(message.created_at);
        }
    }
    times
}
