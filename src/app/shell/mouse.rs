//! The mouse's side in the shell: a terminal mouse event becomes a [`Pointer`] with [`hit`],
//! against the pane rectangles and scroll positions of the last frame ([`ViewState`]). What a
//! pointer does to the state is the core's (its mouse route); nothing here changes the state.

use crossterm::event::{MouseButton, MouseEvent, MouseEventKind};
use ratatui::layout::{Position, Rect};

use super::view_state::ViewState;
use crate::app::core::pointer::{Pointer, PointerKind};
use crate::panes::PaneId;

/// The pane under `event` in the last frame, or `None` (outside every pane, or an event kring
/// ignores: releases, drags, moves, other buttons).
pub fn hit(event: &MouseEvent, view: &ViewState) -> Option<Pointer> {
    let kind = match event.kind {
        MouseEventKind::ScrollUp => PointerKind::WheelUp,
        MouseEventKind::ScrollDown => PointerKind::WheelDown,
        MouseEventKind::Down(MouseButton::Left) => PointerKind::Click,
        _ => return None,
    };
    let at = Position::new(event.column, event.row);
    if !view.overlay_items.is_empty() {
        // A list overlay is open: only its items matter (the pane under it is kept for form).
        let item = view.overlay_items.iter().find(|(r, _)| r.contains(at));
        let pane = view.pane_rects.iter().find(|(_, r)| r.contains(at));
        return Some(Pointer {
            pane: pane.map_or(PaneId::Communities, |(p, _)| *p),
            kind,
            row: None,
            item: item.map(|(_, i)| *i),
        });
    }
    let (pane, rect) = view.pane_rects.iter().find(|(_, r)| r.contains(at))?;
    let row = inner_row(*rect, at).and_then(|line| match pane {
        PaneId::Communities => Some(view.communities_offset + line),
        PaneId::Timeline => {
            Some(view.timeline_offset + line / usize::from(crate::panes::timeline::CARD_HEIGHT))
        }
        PaneId::Thread => view
            .thread_line_counts
            .row_at_line(view.thread_offset + line),
        PaneId::People => {
            let listed = line.checked_sub(crate::panes::people::view::HEADER_LINES)?;
            Some(view.people_offset + listed / crate::panes::people::view::ROW_HEIGHT)
        }
    });
    Some(Pointer {
        pane: *pane,
        kind,
        row,
        item: None,
    })
}

/// The row inside `rect`'s one-cell frame, if `at` is inside it.
fn inner_row(rect: Rect, at: Position) -> Option<usize> {
    let inside = at.y > rect.y && at.y + 1 < rect.bottom() && at.x > rect.x;
    inside.then(|| usize::from(at.y - rect.y - 1))
}

#[cfg(test)]
#[path = "mouse_tests.rs"]
mod tests;
