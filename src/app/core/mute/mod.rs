//! Muting a community or a thread: muted ones count nowhere as unread, `n` passes them by, and
//! nothing in them notifies; the lists dim them and mark them
//! [`MUTED_MARK`](crate::widgets::marks::MUTED_MARK).
//!
//! Owns the muted sets ([`Mutes`]), their text form for the cache (an account fact) and the
//! `M` actions. Pure: keeping the sets leaves `update` as an `Effect::KeepMutes`; this module
//! must not touch the cache or the terminal. Unread counting asks [`Mutes::is_muted`] through
//! [`crate::app::core::unread::Unread`], which holds the sets.

use std::collections::BTreeSet;

use serde::{Deserialize, Serialize};

use crate::app::core::effect::Effect;
use crate::app::core::state::State;
use crate::domain::{Feed, GroupId, Message, ThreadId};
use crate::panes::PaneId;
use crate::panes::notice::Notice;

/// The muted communities and threads of an account.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Mutes {
    #[serde(default)]
    pub communities: BTreeSet<u64>,
    #[serde(default)]
    pub threads: BTreeSet<u64>,
}

impl Mutes {
    /// The sets from their stored text; unreadable text mutes nothing.
    pub fn from_text(text: &str) -> Self {
        serde_json::from_str(text).unwrap_or_default()
    }

    /// The text the cache keeps.
    pub fn to_text(&self) -> String {
        serde_json::to_string(self).unwrap_or_default()
    }

    pub fn community_muted(&self, group: GroupId) -> bool {
        self.communities.contains(&group.0)
    }

    pub fn thread_muted(&self, thread: ThreadId) -> bool {
        self.threads.contains(&thread.0)
    }

    /// Whether a thread in `group` is muted, by itself or by its community.
    pub fn is_muted(&self, thread: ThreadId, group: Option<GroupId>) -> bool {
        self.thread_muted(thread) || group.is_some_and(|g| self.community_muted(g))
    }

    /// Whether a message is in a muted thread or community.
    pub fn mutes_message(&self, message: &Message) -> bool {
        self.is_muted(message.thread, message.community)
    }

    /// Mutes a community, or unmutes it; returns whether it is muted now.
    pub fn toggle_community(&mut self, group: GroupId) -> bool {
        toggle(&mut self.communities, group.0)
    }

    /// Mutes a thread, or unmutes it; returns whether it is muted now.
    pub fn toggle_thread(&mut self, thread: ThreadId) -> bool {
        toggle(&mut self.threads, thread.0)
    }
}

fn toggle(set: &mut BTreeSet<u64>, id: u64) -> bool {
    if set.remove(&id) {
        false
    } else {
        set.insert(id);
        true
    }
}

/// `M` in the communities pane: mutes or unmutes the selected community.
pub fn toggle_community(state: &mut State) -> Vec<Effect> {
    let Feed::Community(group) = state.communities.selected else {
        let text = "Only a community can be muted here (M on a thread mutes the thread)";
        state.notice.show(Notice::info(text, state.session.now));
        return Vec::new();
    };
    let mut mutes = state.unread.mutes().clone();
    let muted = mutes.toggle_community(group);
    let name = crate::panes::communities::view::feed_label(&state.catalog, Feed::Community(group));
    changed(state, mutes, &name, muted)
}

/// `M` in the timeline or the thread pane: mutes or unmutes the thread.
pub fn toggle_thread(state: &mut State) -> Vec<Effect> {
    let thread = match state.focus {
        PaneId::Thread => state.thread.thread,
        _ => state.timeline.active().and_then(|t| t.selected),
    };
    let Some(thread) = thread.or(state.thread.thread) else {
        state
            .notice
            .show(Notice::info("No thread to mute", state.session.now));
        return Vec::new();
    };
    let mut mutes = state.unread.mutes().clone();
    let muted = mutes.toggle_thread(thread);
    changed(state, mutes, "this thread", muted)
}

fn changed(state: &mut State, mutes: Mutes, name: &str, muted: bool) -> Vec<Effect> {
    state.unread.set_mutes(mutes.clone());
    let text = if muted {
        format!("Muted {name}: no counts or notifications (M again to unmute)")
    } else {
        format!("Unmuted {name}")
    };
    state.notice.show(Notice::info(text, state.session.now));
    vec![Effect::KeepMutes(mutes)]
}

#[cfg(test)]
mod tests;
