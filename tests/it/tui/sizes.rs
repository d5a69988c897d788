//! Every terminal size draws: from 0×0 to 200×60 without a panic; below the minimum the screen
//! says the terminal is too small, and at the minimum the panes, the compose box and the status
//! line are there. Drawn in process on a test backend.

use crate::harness::tui::draw;
use kring::app::core::layout::{MEDIUM_WIDTH, MIN_HEIGHT, MIN_WIDTH, WIDE_WIDTH};
use kring::app::core::msg::Msg;
use kring::app::core::state::State;
use kring::app::core::update::update;
use kring::app::shell::view_state::ViewState;
use kring::config::theme::Theme;
use kring::input::action::Action;
use ratatui::Terminal;
use ratatui::backend::TestBackend;

use crate::harness::tui::*;

/// The sizes the sweep draws: every size up to 40×12 (where the minimum and the arithmetic that
/// underflows live), every width along the rows around the minimum height and every height along
/// the columns where the layout changes, and a grid over the rest up to 200×60 with a step of
/// `KRING_TEST_SIZE_STEP` (default 9; 1 draws every size, which takes minutes).
fn sweep_sizes() -> Vec<(u16, u16)> {
    let step = std::env::var("KRING_TEST_SIZE_STEP")
        .ok()
        .and_then(|v| v.parse().ok())
        .filter(|step| *step > 0)
        .unwrap_or(9);
    let mut sizes: Vec<(u16, u16)> = Vec::new();
    sizes.extend((0..=40).flat_map(|w| (0..=12).map(move |h| (w, h))));
    for h in [MIN_HEIGHT - 1, MIN_HEIGHT, 24, 60] {
        sizes.extend((0..=200).map(|w| (w, h)));
    }
    for w in [
        MIN_WIDTH - 1,
        MIN_WIDTH,
        MEDIUM_WIDTH - 1,
        MEDIUM_WIDTH,
        WIDE_WIDTH - 1,
        WIDE_WIDTH,
        200,
    ] {
        sizes.extend((0..=60).map(|h| (w, h)));
    }
    sizes.extend(
        (0..=200)
            .step_by(step)
            .flat_map(|w| (0..=60).step_by(step).map(move |h| (w, h))),
    );
    sizes.sort_unstable();
    sizes.dedup();
    sizes
}

/// The screen's text drawn at `width` × `height` after the state learnt that size.
fn draw_at(state: &mut State, width: u16, height: u16, theme: &Theme) -> String {
    update(state, Msg::Resize { width, height });
    let mut terminal = Terminal::new(TestBackend::new(width, height)).expect("test backend");
    let mut view = ViewState::default();
    terminal
        .draw(|frame| draw(frame, state, &mut view, theme))
        .expect("draw");
    let buffer = terminal.backend().buffer();
    let mut text = String::new();
    for y in 0..height {
        for x in 0..width {
            text.push_str(buffer[(x, y)].symbol());
        }
        text.push('\n');
    }
    text
}

/// The four screens kring can be in: a pane, a thread, the compose box, the help.
fn screens() -> Vec<(&'static str, State)> {
    let mut composing = thread_state(80, 24);
    update(&mut composing, Msg::Action(Action::Reply));
    type_text(&mut composing, "a reply");
    let mut help = loaded_state(80, 24);
    update(&mut help, Msg::Action(Action::Help));
    vec![
        ("timeline", loaded_state(80, 24)),
        ("thread", thread_state(80, 24)),
        ("compose", composing),
        ("help", help),
    ]
}

#[test]
fn every_size_up_to_200x60_draws_and_small_ones_say_so() {
    let theme = Theme::builtin_default();
    // The first line of the message, which fits on its own from this width on.
    let message = "Terminal too small:";
    let sizes = sweep_sizes();
    for (name, mut state) in screens() {
        for &(width, height) in &sizes {
            let text = draw_at(&mut state, width, height, &theme);
            if width < MIN_WIDTH || height < MIN_HEIGHT {
                assert!(
                    !text.contains("Timeline") && !text.contains("Thread"),
                    "{name} {width}×{height} draws panes below the minimum:\n{text}"
                );
                if usize::from(width) >= message.len() && height > 0 {
                    assert!(text.contains(message), "{name} {width}×{height}:\n{text}");
                }
            } else {
                assert!(
                    !text.contains(message),
                    "{name} {width}×{height} says too small:\n{text}"
                );
            }
        }
    }
}

#[test]
fn very_wide_and_very_tall_terminals_draw() {
    let theme = Theme::builtin_default();
    for (_, mut state) in screens() {
        for (width, height) in [(1, 200), (200, 1), (1000, 3), (3, 1000), (500, 300)] {
            draw_at(&mut state, width, height, &theme);
        }
    }
}

#[test]
fn at_the_minimum_the_compose_box_and_status_line_are_visible() {
    let theme = Theme::builtin_default();
    let mut screens = screens();
    let (_, composing) = &mut screens[2];
    let text = draw_at(composing, MIN_WIDTH, MIN_HEIGHT, &theme);
    let rows: Vec<&str> = text.lines().collect();
    assert!(text.contains("a reply"), "the draft is visible:\n{text}");
    assert!(
        rows.last().is_some_and(|status| status.contains("send")),
        "the status line hints how to send:\n{text}"
    );
    let (_, timeline) = &mut screens[0];
    let text = draw_at(timeline, MIN_WIDTH, MIN_HEIGHT, &theme);
    let rows: Vec<&str> = text.lines().collect();
    assert!(text.contains("Timeline"), "{text}");
    assert!(
        rows.last().is_some_and(|status| status.contains("open")),
        "the status line is visible:\n{text}"
    );
}
