//! Terminal resilience, sizes (reliability.md §7): TRM-04 a storm of resizes (0×0 included)
//! never panics and kring keeps answering keys; TRM-05 every size from 0×0 to 200×60 draws
//! without a panic, below the minimum the screen says the terminal is too small, and at the
//! minimum the panes, the compose box and the status line are there.

mod terminal_support;
mod tui_support;

use std::time::Duration;

use kring::app::action::Action;
use kring::app::layout::{MEDIUM_WIDTH, MIN_HEIGHT, MIN_WIDTH, WIDE_WIDTH};
use kring::app::msg::Msg;
use kring::app::state::State;
use kring::app::ui::draw;
use kring::app::update::update;
use kring::app::view_state::ViewState;
use kring::config::theme::Theme;
use rand::rngs::StdRng;
use rand::{Rng, SeedableRng};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use terminal_support::*;
use tui_support::*;

/// How many resizes the storm sends.
fn storm_size() -> usize {
    std::env::var("KRING_TEST_RESIZE_STORM")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(300)
}

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
fn trm05_every_size_up_to_200x60_draws_and_small_ones_say_so() {
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
fn trm05_very_wide_and_very_tall_terminals_draw() {
    let theme = Theme::builtin_default();
    for (_, mut state) in screens() {
        for (width, height) in [(1, 200), (200, 1), (1000, 3), (3, 1000), (500, 300)] {
            draw_at(&mut state, width, height, &theme);
        }
    }
}

#[test]
fn trm05_at_the_minimum_the_compose_box_and_status_line_are_visible() {
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

#[test]
fn trm05_a_tiny_pty_says_too_small_until_it_grows() {
    let dirs = KringDirs::new();
    let env = dirs.env();
    let mut run = Recorder::kring(&[], &borrowed(&env), 20, 5);
    run.wait_for("too small", START_TIMEOUT);
    run.resize(100, 30);
    run.wait_for("Timeline", ACT_TIMEOUT);
    assert!(!run.contents().contains("too small"));
}

#[test]
fn trm04_a_storm_of_resizes_never_panics_and_kring_keeps_answering() {
    let dirs = KringDirs::new();
    let env = dirs.env();
    let mut run = Recorder::kring(&[], &borrowed(&env), 100, 30);
    run.wait_for("Timeline", START_TIMEOUT);
    let mut rng = StdRng::seed_from_u64(0x7e57);
    let awkward = [(0, 0), (1, 1), (10, 3), (0, 30), (100, 0), (29, 7), (30, 8)];
    for round in 0..storm_size() {
        let (cols, rows) = if round % 5 == 0 {
            awkward[round / 5 % awkward.len()]
        } else {
            (rng.random_range(0..=200), rng.random_range(0..=60))
        };
        run.resize(cols, rows);
    }
    let (cols, rows) = (90, 26);
    run.resize(cols, rows);
    assert!(
        run.wait_exit(Duration::ZERO).is_none(),
        "kring ended during the storm:\n{}",
        run.contents()
    );

    // A key typed in the very instant of a resize can wait for the next input: crossterm handles
    // the SIGWINCH first and its edge-triggered poll does not report the terminal readable
    // again. So the key goes in once kring has settled.
    run.wait_quiet(Duration::from_millis(500), ACT_TIMEOUT);
    run.send(b"?");
    run.wait_for("Help", ACT_TIMEOUT);
    run.wait_quiet(Duration::from_millis(300), ACT_TIMEOUT);
    let last_row = run.with_screen(|screen| {
        screen
            .rows(0, cols)
            .nth(usize::from(rows) - 1)
            .unwrap_or_default()
    });
    assert!(
        last_row.contains("close"),
        "the status line is on the last row of the final size: {last_row:?}\n{}",
        run.contents()
    );
    let output = String::from_utf8_lossy(&run.bytes()).into_owned();
    assert!(!output.contains("panicked"), "{output}");
}
