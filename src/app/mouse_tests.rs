use chrono::{TimeZone, Utc};
use crossterm::event::{KeyModifiers, MouseButton, MouseEvent, MouseEventKind};
use ratatui::layout::Rect;

use super::*;
use crate::app::core::keys::{KeyInput, Keymap};
use crate::app::core::msg::Msg;
use crate::app::core::update::update as update_state;
use crate::domain::Page;
use crate::domain::test_support::message;

fn state() -> State {
    let keymap = Keymap::load(None).unwrap();
    let now = Utc.with_ymd_and_hms(2026, 3, 13, 12, 0, 0).unwrap();
    let mut state = State::new(KeyInput::new(keymap), now, None);
    let page = Page {
        messages: (1..=5).map(|t| message(t, t, None)).collect(),
        ..Page::default()
    };
    state.timeline.current = Some(Feed::MyFeed);
    crate::panes::timeline::update::merge_page(
        &mut state.timeline,
        &mut state.catalog,
        Feed::MyFeed,
        crate::app::core::effect::FeedPage::Latest,
        page,
    );
    state.focus = PaneId::Communities;
    state
}

fn view() -> ViewState {
    ViewState {
        pane_rects: vec![
            (PaneId::Communities, Rect::new(0, 0, 20, 22)),
            (PaneId::Timeline, Rect::new(20, 0, 30, 22)),
            (PaneId::Thread, Rect::new(50, 0, 30, 22)),
        ],
        communities_offset: 1,
        ..ViewState::default()
    }
}

fn event(kind: MouseEventKind, column: u16, row: u16) -> MouseEvent {
    MouseEvent {
        kind,
        column,
        row,
        modifiers: KeyModifiers::NONE,
    }
}

#[test]
fn events_hit_the_pane_under_the_pointer() {
    let view = view();
    let wheel = hit(&event(MouseEventKind::ScrollDown, 25, 5), &view).unwrap();
    assert_eq!(wheel.pane, PaneId::Timeline);
    assert_eq!(wheel.kind, PointerKind::WheelDown);
    let click = hit(&event(MouseEventKind::Down(MouseButton::Left), 3, 4), &view).unwrap();
    assert_eq!(click.pane, PaneId::Communities);
    // Row 4 is the fourth row inside the frame, one row scrolled off above.
    assert_eq!(click.row, Some(4));
    // The frame itself is no row.
    let edge = hit(&event(MouseEventKind::Down(MouseButton::Left), 3, 0), &view).unwrap();
    assert_eq!(edge.row, None);
    assert_eq!(hit(&event(MouseEventKind::ScrollUp, 10, 23), &view), None);
    assert_eq!(hit(&event(MouseEventKind::Moved, 25, 5), &view), None);
    assert_eq!(
        hit(&event(MouseEventKind::Up(MouseButton::Left), 25, 5), &view),
        None
    );
}

#[test]
fn the_wheel_over_the_timeline_moves_its_selection_and_keeps_the_focus() {
    let mut state = state();
    let first = state.timeline.selected_thread();
    let pointer = hit(&event(MouseEventKind::ScrollDown, 25, 5), &view()).unwrap();
    update_state(&mut state, Msg::Mouse(pointer));
    let moved = state.timeline.selected_thread();
    assert_ne!(moved, first);
    assert_eq!(state.focus, PaneId::Communities);
    let pointer = hit(&event(MouseEventKind::ScrollUp, 25, 5), &view()).unwrap();
    update_state(&mut state, Msg::Mouse(pointer));
    assert_eq!(state.timeline.selected_thread(), first);
}

#[test]
fn a_click_focuses_the_pane_and_selects_the_communities_row() {
    let mut state = state();
    let click = hit(
        &event(MouseEventKind::Down(MouseButton::Left), 60, 3),
        &view(),
    )
    .unwrap();
    update_state(&mut state, Msg::Mouse(click));
    assert_eq!(state.focus, PaneId::Thread);
    // Row 2 on screen is the second feed shown; one is scrolled off above.
    let click = hit(
        &event(MouseEventKind::Down(MouseButton::Left), 3, 2),
        &view(),
    )
    .unwrap();
    update_state(&mut state, Msg::Mouse(click));
    assert_eq!(state.focus, PaneId::Communities);
    assert_eq!(state.communities.selected, Feed::BUILT_IN[2]);
}

#[test]
fn nothing_happens_under_an_overlay() {
    let mut state = state();
    crate::app::core::update::dispatch(&mut state, crate::app::core::action::Action::Help);
    assert!(state.overlay.is_some());
    let click = hit(
        &event(MouseEventKind::Down(MouseButton::Left), 60, 3),
        &view(),
    )
    .unwrap();
    update_state(&mut state, Msg::Mouse(click));
    assert_eq!(state.focus, PaneId::Communities);
}
