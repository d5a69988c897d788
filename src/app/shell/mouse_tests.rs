use crossterm::event::{KeyModifiers, MouseButton, MouseEvent, MouseEventKind};
use ratatui::layout::Rect;

use super::*;
use crate::app::core::msg::Msg;
use crate::app::core::state::State;
use crate::app::core::update::update as update_state;
use crate::domain::Feed;
use crate::domain::Page;
use crate::domain::test_support::message;

fn state() -> State {
    let mut state = State::for_tests();
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
    crate::app::core::update::dispatch(&mut state, crate::input::action::Action::Help);
    assert!(state.overlay.is_some());
    let click = hit(
        &event(MouseEventKind::Down(MouseButton::Left), 60, 3),
        &view(),
    )
    .unwrap();
    update_state(&mut state, Msg::Mouse(click));
    assert_eq!(state.focus, PaneId::Communities);
}

/// Draws `state` at `width` × `height` as the run loop does, keeping the frame's view state.
fn drawn(state: &mut State, width: u16, height: u16) -> ViewState {
    use ratatui::{Terminal, backend::TestBackend};
    update_state(state, Msg::Resize { width, height });
    let mut view = ViewState::default();
    let mut terminal = Terminal::new(TestBackend::new(width, height)).unwrap();
    let theme = crate::config::theme::Theme::default();
    terminal
        .draw(|frame| {
            let index = state.people.index.lock();
            crate::app::shell::ui::draw_with(frame, state, &index, &mut view, &theme);
        })
        .unwrap();
    view
}

fn rect_of(view: &ViewState, pane: PaneId) -> Rect {
    view.pane_rects
        .iter()
        .find(|(p, _)| *p == pane)
        .map(|(_, r)| *r)
        .unwrap_or_else(|| panic!("{pane:?} is not drawn: {:?}", view.pane_rects))
}

fn click_at(state: &mut State, view: &ViewState, column: u16, row: u16) {
    let click = hit(
        &event(MouseEventKind::Down(MouseButton::Left), column, row),
        view,
    )
    .unwrap();
    update_state(state, Msg::Mouse(click));
}

#[test]
fn a_click_on_a_thread_card_focuses_the_timeline_and_selects_that_thread() {
    for (width, height) in [(160, 48), (80, 24)] {
        let mut state = state();
        if width == 80 {
            // Narrow: only the focused pane is drawn.
            state.focus = PaneId::Timeline;
        }
        let view = drawn(&mut state, width, height);
        let timeline = rect_of(&view, PaneId::Timeline);
        let card = crate::panes::timeline::CARD_HEIGHT;
        // The third card's second line; newest first, so thread 3.
        click_at(
            &mut state,
            &view,
            timeline.x + 4,
            timeline.y + 1 + 2 * card + 1,
        );
        assert_eq!(state.focus, PaneId::Timeline, "{width}x{height}");
        assert_eq!(
            state.timeline.selected_thread(),
            Some(crate::domain::ThreadId(3)),
            "{width}x{height}"
        );
    }
}

#[test]
fn a_click_on_a_message_of_the_open_thread_selects_it() {
    let mut state = state();
    let page = Page {
        messages: (10..=13)
            .map(|id| message(id, 10, (id > 10).then_some(10)))
            .collect(),
        ..Page::default()
    };
    state.catalog.absorb(page);
    crate::app::core::route::open_thread(&mut state, crate::domain::ThreadId(10));
    state.focus = PaneId::Thread;
    let first = drawn(&mut state, 160, 48);
    // The selection is drawn where the frame put it; clicking on the last line of the thread
    // (inside its last message) selects that message.
    let thread = rect_of(&first, PaneId::Thread);
    let total = first.thread_line_counts.row_at_line(0);
    assert_eq!(total, Some(0), "the first line is the first message's");
    let last_line = (0..usize::from(thread.height))
        .rev()
        .find(|l| first.thread_line_counts.row_at_line(*l) == Some(3))
        .unwrap();
    state.focus = PaneId::Communities;
    let y = thread.y + 1 + u16::try_from(last_line).unwrap();
    click_at(&mut state, &first, thread.x + 6, y);
    assert_eq!(state.focus, PaneId::Thread);
    assert_eq!(state.thread.selected, Some(crate::domain::MessageId(13)));
    let second = drawn(&mut state, 160, 48);
    click_at(&mut state, &second, thread.x + 6, thread.y + 1);
    assert_eq!(state.thread.selected, Some(crate::domain::MessageId(10)));
}

#[test]
fn a_click_in_the_people_results_selects_that_person_and_not_on_the_query_lines() {
    use crate::domain::UserId;
    use crate::panes::people::results::Found;
    let mut state = state();
    state.people.listing.found = (1..=4)
        .map(|id| Found {
            id: UserId(id),
            why: None,
        })
        .collect();
    state.people.selected = Some(UserId(1));
    let view = ViewState {
        pane_rects: vec![(PaneId::People, Rect::new(20, 0, 60, 22))],
        people_offset: 1,
        ..ViewState::default()
    };
    // Inside the frame: two header lines, then two lines a person, one scrolled off above.
    click_at(&mut state, &view, 30, 1);
    assert_eq!(state.focus, PaneId::People);
    assert_eq!(state.people.selected, Some(UserId(1)), "the query line");
    click_at(&mut state, &view, 30, 5);
    assert_eq!(state.people.selected, Some(UserId(3)));
    assert!(state.people.selection_moved);
    click_at(&mut state, &view, 30, 20);
    assert_eq!(
        state.people.selected,
        Some(UserId(3)),
        "below the last person"
    );
}

#[test]
fn the_wheel_scrolls_the_thread_under_the_pointer() {
    let mut state = state();
    let page = Page {
        messages: (10..=12)
            .map(|id| message(id, 10, (id > 10).then_some(10)))
            .collect(),
        ..Page::default()
    };
    state.catalog.absorb(page);
    crate::app::core::route::open_thread(&mut state, crate::domain::ThreadId(10));
    state.focus = PaneId::Communities;
    let view = ViewState {
        pane_rects: vec![(PaneId::Thread, Rect::new(0, 0, 40, 22))],
        ..ViewState::default()
    };
    let before = state.thread.selected;
    let wheel = hit(&event(MouseEventKind::ScrollDown, 10, 5), &view).unwrap();
    update_state(&mut state, Msg::Mouse(wheel));
    assert_ne!(state.thread.selected, before, "the thread scrolled");
    assert_eq!(state.focus, PaneId::Communities, "the focus stays");
}

#[test]
fn a_click_in_the_questions_list_selects_that_question_and_the_wheel_moves_it() {
    use crate::panes::questions::{Item, Part, QuestionsView};
    let mut state = state();
    let item = |id: u64| Item {
        part: Part::InYourCommunities,
        id: crate::domain::MessageId(id),
        community: None,
        asker: format!("Asker {id}"),
        asked_at: 0,
        text: format!("Question {id}?"),
        why: None,
        answerers: Vec::new(),
    };
    let questions = QuestionsView {
        items: (1..=4).map(item).collect(),
        ..QuestionsView::default()
    };
    state.overlay = Some(crate::overlays::Overlay::Questions(Box::new(questions)));
    let view = drawn(&mut state, 160, 48);
    let (third, index) = view.overlay_items[2];
    assert_eq!(index, 2);
    click_at(&mut state, &view, third.x + 3, third.y + 1);
    let selected = |state: &State| match &state.overlay {
        Some(crate::overlays::Overlay::Questions(q)) => q.selected,
        other => panic!("the questions closed: {other:?}"),
    };
    assert_eq!(selected(&state), 2);
    let wheel = hit(
        &event(MouseEventKind::ScrollDown, third.x + 3, third.y),
        &view,
    )
    .unwrap();
    update_state(&mut state, Msg::Mouse(wheel));
    assert_eq!(selected(&state), 3);
    // Outside every question (the summary line): nothing is selected.
    click_at(
        &mut state,
        &view,
        third.x + 3,
        view.overlay_items[0].0.y - 1,
    );
    assert_eq!(selected(&state), 3);
}

#[test]
fn a_click_in_the_health_list_selects_that_community() {
    use crate::domain::{Community, GroupId, SafeText};
    let mut state = state();
    for (id, name) in [(1, "Busy"), (2, "Waiting"), (3, "Quiet")] {
        state.catalog.upsert_community(Community {
            id: GroupId(id),
            name: SafeText::new(name),
            description: SafeText::default(),
            privacy: SafeText::new("public"),
            members: 3,
            last_message: None,
            external: false,
        });
    }
    state.communities.mine = vec![GroupId(1), GroupId(2), GroupId(3)];
    update_state(
        &mut state,
        Msg::Action(crate::input::action::Action::CommunityHealth),
    );
    let view = drawn(&mut state, 160, 48);
    assert_eq!(view.overlay_items.len(), 3, "{:?}", view.overlay_items);
    let (last, index) = view.overlay_items[2];
    let selected = |state: &State| match &state.overlay {
        Some(crate::overlays::Overlay::Health(h)) => {
            let report = h.report(&state.catalog, &h.asked, state.session.now.timestamp());
            let at = report
                .iter()
                .position(|c| Some(GroupId(c.id)) == h.selected);
            (h.selected, at)
        }
        other => panic!("the health view closed: {other:?}"),
    };
    click_at(&mut state, &view, last.x + 3, last.y);
    assert_eq!(selected(&state).1, Some(index));
}
