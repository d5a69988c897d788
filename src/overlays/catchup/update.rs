//! Transitions of the catch-up: whether a start was away long enough to offer it, the list
//! summarized from the catalog, moving in it, choosing an item, and the line that says where in
//! the trail `n` is. Works on the overlay's own state and what it reads (the catalog, the
//! user's communities, the time); opening a thread, notices and the trail `n` follows are the
//! core's (`app::core::route::catchup`). No I/O, and no whole-client state.

use super::{AWAY, CatchUpOverlay, DEFAULT_REACH};
use crate::domain::{Catalog, Community, GroupId, Message};
use crate::input::action::Action;
use crate::panes::cursor::Motion;
use crate::social::catchup::{self, Input, Item};

/// What an action in the catch-up list asks of the rest of the client.
#[derive(Clone, Debug, PartialEq)]
pub enum CatchUpOutcome {
    /// The list stays open.
    Stay,
    /// Close the list.
    Close,
    /// Close the list and open item `at` of `items`, following the trail from there.
    Open { items: Vec<Item>, at: usize },
}

/// The notice offering a catch-up when the user last looked (`kept`, unix seconds) more than
/// [`AWAY`] before `now`.
pub fn away_notice(kept: Option<i64>, now: i64) -> Option<String> {
    let since = kept.filter(|since| now - since > AWAY)?;
    let hours = (now - since) / 3_600;
    Some(format!("Away {hours} h: press C to catch up"))
}

/// The list: what the known messages say happened since the user last looked (`last_looked`,
/// or a day back when that is not known), in the user's communities (`mine`, or every known
/// one). Says why not when the user is not known yet.
pub fn summarize(
    catalog: &Catalog,
    mine: &[GroupId],
    last_looked: Option<i64>,
    now: i64,
) -> Result<CatchUpOverlay, &'static str> {
    let since = last_looked.unwrap_or(now - DEFAULT_REACH).min(now);
    let Some(me) = catalog.me else {
        return Err("Catch up: waiting to learn who you are");
    };
    let messages: Vec<Message> = catalog.messages().cloned().collect();
    let communities: Vec<Community> = if mine.is_empty() {
        catalog.communities_by_name().into_iter().cloned().collect()
    } else {
        mine.iter()
            .filter_map(|id| catalog.community(*id).cloned())
            .collect()
    };
    let summary = catchup::summarize(&Input {
        me: me.0,
        since,
        now,
        messages: &messages,
        communities: &communities,
        experts: None,
    });
    let items: Vec<Item> = summary.items().cloned().collect();
    Ok(CatchUpOverlay {
        summary,
        items,
        selected: 0,
    })
}

/// Handles a bound action while the list is open; `height` is the terminal's.
pub fn handle(overlay: &mut CatchUpOverlay, height: u16, action: Action) -> CatchUpOutcome {
    let page = usize::from(height.saturating_sub(8)).max(1);
    if let Some(motion) = Motion::from_action(action, page) {
        overlay.selected = motion
            .apply(Some(overlay.selected), overlay.items.len())
            .unwrap_or(0);
        return CatchUpOutcome::Stay;
    }
    match action {
        Action::Open if !overlay.items.is_empty() => {
            let items = std::mem::take(&mut overlay.items);
            let at = overlay.selected.min(items.len() - 1);
            CatchUpOutcome::Open { items, at }
        }
        Action::Back | Action::QuitOrBack | Action::Cancel | Action::CatchUp => {
            CatchUpOutcome::Close
        }
        _ => CatchUpOutcome::Stay,
    }
}

/// The notice for item `at` of `len` on the trail.
pub fn trail_notice(at: usize, len: usize) -> String {
    if at + 1 == len {
        format!("Catch up {}/{len}: the last one", at + 1)
    } else {
        format!("Catch up {}/{len}: n for the next", at + 1)
    }
}

#[cfg(test)]
#[path = "update_tests.rs"]
mod tests;
