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
/// The communities column's width when it shares the screen with one other pane.
const COMMUNITIES_WIDTH: u16 = 26;
/// The communities column's width beside the timeline and an open thread, by terminal width:
/// narrower at 120 so the timeline keeps room for names, wider once there is room to spare.
const COMMUNITIES_WIDTHS: [(u16, u16); 3] = [(0, 22), (150, 26), (200, 30)];
/// The timeline's share of the columns right of the communities when a thread is open, and its
/// bounds: never so narrow that names are cut, never wider than a card needs.
const TIMELINE_PERCENT: u16 = 52;
const TIMELINE_MIN: u16 = 48;
const TIMELINE_MAX: u16 = 84;

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

/// What decides which panes are shown besides the terminal's size.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Panes {
    pub focus: PaneId,
    /// A thread is open, so the thread pane has something to show beside the timeline.
    pub thread_open: bool,
}

/// Plans a frame of `area`: `panes.focus` focused, the thread pane beside the timeline on wide
/// terminals only while a thread is open (or focused), else the timeline takes its width.
pub fn plan(area: Rect, panes: Panes, has_banner: bool) -> Screen {
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
        panes: place_panes(body, panes),
        status,
    })
}

fn place_panes(body: Rect, Panes { focus, thread_open }: Panes) -> Vec<(PaneId, Rect)> {
    if body.width >= WIDE_WIDTH {
        if focus == PaneId::People {
            let [left, rest] = split(body, COMMUNITIES_WIDTH);
            return vec![(PaneId::Communities, left), (PaneId::People, rest)];
        }
        if !thread_open && focus != PaneId::Thread {
            let [left, rest] = split(body, COMMUNITIES_WIDTH);
            return vec![(PaneId::Communities, left), (PaneId::Timeline, rest)];
        }
        let [left, rest] = split(body, communities_width(body.width));
        let timeline = (rest.width * TIMELINE_PERCENT / 100).clamp(TIMELINE_MIN, TIMELINE_MAX);
        let [middle, right] = split(rest, timeline);
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

fn communities_width(width: u16) -> u16 {
    COMMUNITIES_WIDTHS
        .iter()
        .rev()
        .find(|(from, _)| width >= *from)
        .map_or(COMMUNITIES_WIDTH, |(_, w)| *w)
}

fn split(area: Rect, left_width: u16) -> [Rect; 2] {
    Layout::horizontal([Constraint::Length(left_width), Constraint::Fill(1)]).areas(area)
}

/// Rows inside a pane's border (its content height) when it is visible.
pub fn content_rows(area: Rect, panes: Panes, has_banner: bool, pane: PaneId) -> Option<u16> {
    match plan(area, panes, has_banner) {
        Screen::Normal(layout) => layout.pane(pane).map(|r| r.height.saturating_sub(2)),
        Screen::TooSmall(_) => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn open(focus: PaneId) -> Panes {
        Panes {
            focus,
            thread_open: true,
        }
    }

    fn panes(width: u16, height: u16, focus: PaneId) -> Vec<PaneId> {
        match plan(Rect::new(0, 0, width, height), open(focus), false) {
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
            assert_eq!(
                plan(area, open(PaneId::Timeline), true),
                Screen::TooSmall(area)
            );
        }
    }

    #[test]
    fn the_banner_takes_the_top_row() {
        let Screen::Normal(layout) = plan(Rect::new(0, 0, 80, 24), open(PaneId::Timeline), true)
        else {
            panic!("80x24 is large enough");
        };
        assert_eq!(layout.banner, Some(Rect::new(0, 0, 80, 1)));
        assert_eq!(layout.status, Rect::new(0, 23, 80, 1));
        assert_eq!(layout.pane(PaneId::Timeline), Some(Rect::new(0, 1, 80, 22)));
    }

    fn widths(width: u16, thread_open: bool) -> Vec<(PaneId, u16)> {
        let panes = Panes {
            focus: PaneId::Timeline,
            thread_open,
        };
        match plan(Rect::new(0, 0, width, 40), panes, false) {
            Screen::Normal(layout) => layout.panes.iter().map(|(id, r)| (*id, r.width)).collect(),
            Screen::TooSmall(_) => Vec::new(),
        }
    }

    #[test]
    fn the_timeline_takes_the_width_until_a_thread_is_open() {
        use PaneId::{Communities, Timeline};
        assert_eq!(widths(80, false), [(Timeline, 80)]);
        assert_eq!(widths(100, false), [(Communities, 26), (Timeline, 74)]);
        assert_eq!(widths(120, false), [(Communities, 26), (Timeline, 94)]);
        assert_eq!(widths(160, false), [(Communities, 26), (Timeline, 134)]);
        assert_eq!(widths(220, false), [(Communities, 26), (Timeline, 194)]);
    }

    #[test]
    fn an_open_thread_shares_the_width_and_the_timeline_keeps_room_for_names() {
        use PaneId::{Communities, Thread, Timeline};
        assert_eq!(widths(80, true), [(Timeline, 80)]);
        assert_eq!(widths(100, true), [(Communities, 26), (Timeline, 74)]);
        assert_eq!(
            widths(120, true),
            [(Communities, 22), (Timeline, 50), (Thread, 48)]
        );
        assert_eq!(
            widths(160, true),
            [(Communities, 26), (Timeline, 69), (Thread, 65)]
        );
        assert_eq!(
            widths(200, true),
            [(Communities, 30), (Timeline, 84), (Thread, 86)]
        );
        assert_eq!(
            widths(260, true),
            [(Communities, 30), (Timeline, 84), (Thread, 146)]
        );
    }

    #[test]
    fn focusing_the_thread_pane_shows_it_even_before_a_thread_is_open() {
        let panes = Panes {
            focus: PaneId::Thread,
            thread_open: false,
        };
        let Screen::Normal(layout) = plan(Rect::new(0, 0, 160, 40), panes, false) else {
            panic!("160x40 is large enough");
        };
        assert!(layout.pane(PaneId::Thread).is_some());
    }
}
