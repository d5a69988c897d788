//! The responsive screen plan: which panes are visible at a terminal size and where they go.
//!
//! Pure geometry, shared by `draw` (to place things) and `update` (to know how many items a
//! half page moves), so the two cannot disagree.

use ratatui::layout::{Constraint, Layout, Rect};

use crate::panes::PaneId;

/// Below this the screen only says it is too small.
pub const MIN_WIDTH: u16 = 30;
/// Below this the screen only says it is too small.
pub const MIN_HEIGHT: u16 = 8;
/// From this width the communities, timeline and thread panes sit side by side.
pub const WIDE_WIDTH: u16 = 120;
/// From this width the communities pane stays beside the focused pane.
pub const MEDIUM_WIDTH: u16 = 90;
/// The communities column's width when it shares the screen.
const COMMUNITIES_WIDTH: u16 = 26;

/// Where everything goes on one frame.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Screen {
    /// The terminal is smaller than [`MIN_WIDTH`] × [`MIN_HEIGHT`].
    TooSmall(Rect),
    Normal(ScreenLayout),
}

/// The regions of a normal frame.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ScreenLayout {
    pub banner: Option<Rect>,
    /// Visible panes, left to right.
    pub panes: Vec<(PaneId, Rect)>,
    pub status: Rect,
}

impl ScreenLayout {
    /// Where a pane is drawn, if it is visible.
    pub fn pane(&self, pane: PaneId) -> Option<Rect> {
        self.panes
            .iter()
            .find(|(id, _)| *id == pane)
            .map(|(_, rect)| *rect)
    }
}

/// Plans a frame of `area` with `focus` focused.
pub fn plan(area: Rect, focus: PaneId, has_banner: bool) -> Screen {
    if area.width < MIN_WIDTH || area.height < MIN_HEIGHT {
        return Screen::TooSmall(area);
    }
    let banner_rows = u16::from(has_banner);
    let [banner, body, status] = Layout::vertical([
        Constraint::Length(banner_rows),
        Constraint::Fill(1),
        Constraint::Length(1),
    ])
    .areas(area);
    Screen::Normal(ScreenLayout {
        banner: has_banner.then_some(banner),
        panes: place_panes(body, focus),
        status,
    })
}

fn place_panes(body: Rect, focus: PaneId) -> Vec<(PaneId, Rect)> {
    if body.width >= WIDE_WIDTH {
        let [left, rest] = split(body, COMMUNITIES_WIDTH);
        if focus == PaneId::People {
            return vec![(PaneId::Communities, left), (PaneId::People, rest)];
        }
        let [middle, right] =
            Layout::horizontal([Constraint::Percentage(42), Constraint::Fill(1)]).areas(rest);
        vec![
            (PaneId::Communities, left),
            (PaneId::Timeline, middle),
            (PaneId::Thread, right),
        ]
    } else if body.width >= MEDIUM_WIDTH {
        let [left, rest] = split(body, COMMUNITIES_WIDTH);
        let main = if focus == PaneId::Communities {
            PaneId::Timeline
        } else {
            focus
        };
        vec![(PaneId::Communities, left), (main, rest)]
    } else {
        vec![(focus, body)]
    }
}

fn split(area: Rect, left_width: u16) -> [Rect; 2] {
    Layout::horizontal([Constraint::Length(left_width), Constraint::Fill(1)]).areas(area)
}

/// Rows inside a pane's border (its content height) when it is visible.
pub fn content_rows(area: Rect, focus: PaneId, has_banner: bool, pane: PaneId) -> Option<u16> {
    match plan(area, focus, has_banner) {
        Screen::Normal(layout) => layout.pane(pane).map(|r| r.height.saturating_sub(2)),
        Screen::TooSmall(_) => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn panes(width: u16, height: u16, focus: PaneId) -> Vec<PaneId> {
        match plan(Rect::new(0, 0, width, height), focus, false) {
            Screen::Normal(layout) => layout.panes.iter().map(|(id, _)| *id).collect(),
            Screen::TooSmall(_) => Vec::new(),
        }
    }

    #[test]
    fn wide_terminals_show_three_panes_and_people_replaces_two() {
        let three = [PaneId::Communities, PaneId::Timeline, PaneId::Thread];
        assert_eq!(panes(160, 48, PaneId::Thread), three);
        assert_eq!(panes(120, 30, PaneId::Communities), three);
        assert_eq!(
            panes(160, 48, PaneId::People),
            [PaneId::Communities, PaneId::People]
        );
    }

    #[test]
    fn narrower_terminals_switch_panes() {
        assert_eq!(
            panes(100, 30, PaneId::Thread),
            [PaneId::Communities, PaneId::Thread]
        );
        assert_eq!(
            panes(100, 30, PaneId::Communities),
            [PaneId::Communities, PaneId::Timeline]
        );
        assert_eq!(panes(80, 24, PaneId::Timeline), [PaneId::Timeline]);
        assert_eq!(panes(40, 10, PaneId::Thread), [PaneId::Thread]);
    }

    #[test]
    fn tiny_terminals_are_too_small_and_never_panic() {
        for (w, h) in [(0, 0), (1, 1), (29, 24), (80, 7)] {
            let area = Rect::new(0, 0, w, h);
            assert_eq!(plan(area, PaneId::Timeline, true), Screen::TooSmall(area));
        }
    }

    #[test]
    fn the_banner_takes_the_top_row() {
        let Screen::Normal(layout) = plan(Rect::new(0, 0, 80, 24), PaneId::Timeline, true) else {
            panic!("80x24 is large enough");
        };
        assert_eq!(layout.banner, Some(Rect::new(0, 0, 80, 1)));
        assert_eq!(layout.status, Rect::new(0, 23, 80, 1));
        assert_eq!(layout.pane(PaneId::Timeline), Some(Rect::new(0, 1, 80, 22)));
    }
}
