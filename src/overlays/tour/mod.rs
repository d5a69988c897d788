//! The tour (palette: "Tour"): a short walk through the panes. Each stop focuses a pane and
//! says what it is and its main keys, named from the loaded keymap (never written-in letters),
//! so a remapped key is the one shown. `tour_next` goes on, `back` ends it and gives the focus
//! back.
//!
//! Owns the stops and their text; it must not touch the panes' own state (`update` asks for
//! the focus to move, the core moves it). One job per file: this one (the stops), `update` (keys), `view` (drawing).

pub mod update;
pub mod view;

use crate::input::keys::Keymap;
use crate::panes::PaneId;

/// The tour's state: the stop shown and where the focus was before it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Tour {
    pub stop: usize,
    pub from: PaneId,
}

/// One stop of the tour.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Stop {
    Communities,
    Timeline,
    Thread,
    People,
    /// Keys that work everywhere.
    Everywhere,
}

/// The stops, in order.
pub const STOPS: [Stop; 5] = [
    Stop::Communities,
    Stop::Timeline,
    Stop::Thread,
    Stop::People,
    Stop::Everywhere,
];

impl Stop {
    /// The pane the stop focuses (the last one keeps the focus where it is).
    pub const fn pane(self) -> Option<PaneId> {
        match self {
            Stop::Communities => Some(PaneId::Communities),
            Stop::Timeline => Some(PaneId::Timeline),
            Stop::Thread => Some(PaneId::Thread),
            Stop::People => Some(PaneId::People),
            Stop::Everywhere => None,
        }
    }

    /// The stop's title.
    pub const fn title(self) -> &'static str {
        match self {
            Stop::Communities => "Communities",
            Stop::Timeline => "Timeline",
            Stop::Thread => "Thread",
            Stop::People => "People",
            Stop::Everywhere => "Everywhere",
        }
    }

    /// What the stop says, with the keys `keymap` binds.
    pub fn text(self, keymap: &Keymap) -> String {
        let mode = self.pane().map_or("global", PaneId::mode);
        let k = |action: &str| keys(keymap, mode, action, 1);
        match self {
            Stop::Communities => format!(
                "Your feeds and communities with their unread counts; Discover lists the ones \
                 you are not in. {}/{} move, {} opens a feed, {} joins or leaves, {} shows a \
                 community's card. {} comes back here.",
                k("move_down"),
                k("move_up"),
                k("open"),
                k("toggle_membership"),
                k("community_info"),
                k("pane_communities"),
            ),
            Stop::Timeline => format!(
                "The threads of the feed you opened, the latest first. {} opens a thread, {} \
                 writes a post, {} replies, {} likes, {} opens the next unread thread. {} comes \
                 here.",
                k("open"),
                k("compose"),
                k("reply"),
                k("toggle_like"),
                k("next_unread"),
                k("pane_timeline"),
            ),
            Stop::Thread => format!(
                "The conversation as a tree. {} replies to the selected message, {} folds its \
                 replies, {} jumps to the message it answers, {} opens its link. {} comes here.",
                k("reply"),
                k("toggle_fold"),
                k("parent"),
                k("open_link"),
                k("pane_thread"),
            ),
            Stop::People => format!(
                "Who knows what. {} asks (type a topic), {} opens a person's card, {} follows, \
                 {} writes a private message. {} comes here.",
                k("search"),
                k("open"),
                k("toggle_follow"),
                k("direct_message"),
                k("pane_people"),
            ),
            Stop::Everywhere => format!(
                "{} opens the palette: everything by name. {} searches everything, {} catches \
                 up on what you missed, {} lists every key, {} quits from the communities pane.",
                keys(keymap, mode, "palette", 2),
                k("search"),
                k("catch_up"),
                k("help"),
                keys(keymap, "communities", "quit_or_back", 1),
            ),
        }
    }
}

/// The keys bound to `action` in `mode` (or globally), at most `most`, as the help shows them;
/// one-character keys (`j`, `:`) first, as the quickest to read and type.
pub fn keys(keymap: &Keymap, mode: &str, action: &str, most: usize) -> String {
    let mut found = keymap.keys_for(&[mode, "global"], action);
    found.sort_by_key(|k| k.chars().count() > 1);
    if found.is_empty() {
        return format!("({} is unbound)", action.replace('_', " "));
    }
    found
        .into_iter()
        .take(most)
        .collect::<Vec<_>>()
        .join(" or ")
}

#[cfg(test)]
mod tests;
