//! The panes: communities, timeline, thread and people, and the health and questions views.
//! Each is a folder with its state (`mod.rs`), its transitions (`update.rs`: its own state, a
//! small context, an outcome) and its drawing (`view.rs`); panes hold ids and look content up in
//! the catalog, so they never hold a copy of a message.
//!
//! Beside them, what every pane and overlay shares and the core routes: [`request`] ids that
//! tag a load so a stale answer is known, [`notice`]s for the status line and their
//! [`countdown`]s, the [`cursor`]'s motions, [`load`] states, what an action on a message is
//! ([`message_action`]), what a message view reads ([`message_view`]) and the [`outbox`] as
//! the screen shows it. Panes import nothing from the client's core or shell, and no overlay.

pub mod communities;
pub mod countdown;
pub mod cursor;
pub mod health;
pub mod load;
pub mod message_action;
pub mod message_view;
pub mod notice;
pub mod outbox;
pub mod people;
pub mod questions;
pub mod request;
pub mod thread;
pub mod timeline;

/// One of the four panes.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum PaneId {
    Communities,
    Timeline,
    Thread,
    People,
}

impl PaneId {
    /// Every pane in `tab` order.
    pub const ALL: [Self; 4] = [
        Self::Communities,
        Self::Timeline,
        Self::Thread,
        Self::People,
    ];

    /// The keymap mode table for this pane.
    pub const fn mode(self) -> &'static str {
        match self {
            Self::Communities => "communities",
            Self::Timeline => "timeline",
            Self::Thread => "thread",
            Self::People => "people",
        }
    }

    /// The pane's title.
    pub const fn title(self) -> &'static str {
        match self {
            Self::Communities => "Communities",
            Self::Timeline => "Timeline",
            Self::Thread => "Thread",
            Self::People => "People",
        }
    }

    /// The pane after (`forward`) or before this one in `tab` order, wrapping around.
    #[must_use]
    pub fn cycle(self, forward: bool) -> Self {
        let at = Self::ALL.iter().position(|p| *p == self).unwrap_or(0);
        let len = Self::ALL.len();
        let next = if forward {
            (at + 1) % len
        } else {
            (at + len - 1) % len
        };
        Self::ALL[next]
    }

    /// The pane to the left (`h`): people and the timeline lead back to communities.
    pub const fn left(self) -> Self {
        match self {
            Self::Communities | Self::Timeline | Self::People => Self::Communities,
            Self::Thread => Self::Timeline,
        }
    }

    /// The pane to the right (`l`).
    pub const fn right(self) -> Self {
        match self {
            Self::Communities => Self::Timeline,
            Self::Timeline | Self::Thread => Self::Thread,
            Self::People => Self::People,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tab_order_wraps_both_ways() {
        assert_eq!(PaneId::People.cycle(true), PaneId::Communities);
        assert_eq!(PaneId::Communities.cycle(false), PaneId::People);
        assert_eq!(PaneId::Timeline.cycle(true), PaneId::Thread);
    }

    #[test]
    fn left_and_right_walk_the_reading_order() {
        assert_eq!(PaneId::Thread.left(), PaneId::Timeline);
        assert_eq!(PaneId::Timeline.left(), PaneId::Communities);
        assert_eq!(PaneId::Communities.right(), PaneId::Timeline);
        assert_eq!(PaneId::Thread.right(), PaneId::Thread);
    }
}
