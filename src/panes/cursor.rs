//! Cursor motions over a list, shared by every pane: steps, half pages, first and last; and
//! keeping the selection inside the window a view draws.
//!
//! Panes keep their selection as an id; they turn it into an index only to apply a motion.

use crate::input::action::Action;

/// A move of the selection within a list.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Motion {
    /// Move by this many items (negative is up).
    Step(isize),
    First,
    Last,
}

impl Motion {
    /// The motion an action asks for, given how many items fit on a page; `None` for others.
    pub fn from_action(action: Action, page_items: usize) -> Option<Self> {
        let half = isize::try_from((page_items / 2).max(1)).unwrap_or(1);
        match action {
            Action::MoveDown => Some(Self::Step(1)),
            Action::MoveUp => Some(Self::Step(-1)),
            Action::HalfPageDown => Some(Self::Step(half)),
            Action::HalfPageUp => Some(Self::Step(-half)),
            Action::First => Some(Self::First),
            Action::Last => Some(Self::Last),
            _ => None,
        }
    }

    /// The index after this motion from `current` in a list of `len` items, clamped to the
    /// list; `None` when the list is empty.
    pub fn apply(self, current: Option<usize>, len: usize) -> Option<usize> {
        let last = len.checked_sub(1)?;
        let target = match (self, current) {
            (Self::First, _) | (Self::Step(_), None) => 0,
            (Self::Last, _) => last,
            (Self::Step(delta), Some(at)) => at.saturating_add_signed(delta),
        };
        Some(target.min(last))
    }
}

/// Moves `offset` the least needed so that items `first..=last` are visible in a window of
/// `visible` items (the start wins when they cannot all fit).
pub fn keep_visible(offset: &mut usize, first: usize, last: usize, visible: usize) {
    let visible = visible.max(1);
    if last >= *offset + visible {
        *offset = last + 1 - visible;
    }
    if first < *offset || first >= *offset + visible {
        *offset = first;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn motions_clamp_to_the_list() {
        assert_eq!(Motion::Step(1).apply(Some(2), 3), Some(2));
        assert_eq!(Motion::Step(-1).apply(Some(0), 3), Some(0));
        assert_eq!(Motion::Step(5).apply(Some(0), 3), Some(2));
        assert_eq!(Motion::Last.apply(None, 3), Some(2));
        assert_eq!(Motion::First.apply(Some(2), 3), Some(0));
        assert_eq!(Motion::Step(1).apply(None, 3), Some(0));
        assert_eq!(Motion::Step(1).apply(Some(0), 0), None);
    }

    #[test]
    fn half_pages_use_the_visible_item_count() {
        assert_eq!(
            Motion::from_action(Action::HalfPageDown, 10),
            Some(Motion::Step(5))
        );
        assert_eq!(
            Motion::from_action(Action::HalfPageUp, 1),
            Some(Motion::Step(-1))
        );
        assert_eq!(Motion::from_action(Action::Reply, 10), None);
    }

    #[test]
    fn the_window_follows_the_selection() {
        let mut offset = 0;
        keep_visible(&mut offset, 12, 12, 5);
        assert_eq!(offset, 8);
        keep_visible(&mut offset, 3, 3, 5);
        assert_eq!(offset, 3);
        keep_visible(&mut offset, 10, 30, 5);
        assert_eq!(offset, 10);
        keep_visible(&mut offset, 11, 12, 5);
        assert_eq!(offset, 10);
    }
}
