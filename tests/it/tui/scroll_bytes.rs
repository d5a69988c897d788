//! What moving the timeline's selection writes to the terminal: two frames drawn in process, and
//! their difference encoded by the run loop's frame writer, at 160×48 where the timeline spans
//! the whole width while no thread is open. A move rewrites the card it leaves and the card it
//! lands on; the selected card's background across the width must go out as erased stretches,
//! not as rows of spaces, so that a step costs about what the cards' text costs.

use crate::harness::tui::*;

use kring::app::core::msg::Msg;
use kring::app::core::update::update;
use kring::app::shell::frame_writer::FrameWriter;
use kring::app::shell::view_state::ViewState;
use kring::config::theme::Theme;
use kring::input::action::Action;
use kring::panes::PaneId;
use ratatui::Terminal;
use ratatui::backend::{Backend, TestBackend};
use ratatui::buffer::Buffer;

/// The bytes the frame writer sends for one `MoveDown` in the timeline at `width` × `height`,
/// and the text the two frames show in the timeline's rows.
fn one_step(width: u16, height: u16, erase_runs: bool) -> Vec<u8> {
    let mut state = loaded_state(width, height);
    state.focus = PaneId::Timeline;
    let theme = Theme::builtin_default();
    let mut view = ViewState::default();
    let mut terminal = Terminal::new(TestBackend::new(width, height)).expect("test backend");
    let mut frame = |state: &_, view: &mut ViewState| -> Buffer {
        terminal
            .draw(|frame| draw(frame, state, view, &theme))
            .expect("draw");
        terminal.backend().buffer().clone()
    };
    let before = frame(&state, &mut view);
    update(&mut state, Msg::Action(Action::MoveDown));
    let after = frame(&state, &mut view);
    assert_ne!(before, after, "the selection moved on screen");
    let mut out = Vec::new();
    FrameWriter::new(&mut out, erase_runs)
        .draw(before.diff(&after).into_iter())
        .expect("writing to memory");
    out
}

/// The longest run of spaces in `bytes`.
fn longest_spaces(bytes: &[u8]) -> usize {
    bytes
        .split(|b| *b != b' ')
        .map(<[u8]>::len)
        .max()
        .unwrap_or(0)
}

#[test]
fn a_selection_move_at_160x48_erases_the_cards_blank_stretches_instead_of_writing_them() {
    let step = one_step(160, 48, true);
    assert!(
        longest_spaces(&step) < 12,
        "a stretch of {} spaces went out: {}",
        longest_spaces(&step),
        String::from_utf8_lossy(&step)
    );
    // Two cards of three rows each (the third empty): their text and colours, with the blank
    // stretches of four rows erased.
    assert!(
        step.len() <= 560,
        "{} bytes for one step: {}",
        step.len(),
        String::from_utf8_lossy(&step)
    );
    let written = one_step(160, 48, false);
    assert!(
        step.len() + 200 < written.len(),
        "{} bytes erasing, {} writing every cell",
        step.len(),
        written.len()
    );
}

#[test]
fn a_selection_move_costs_about_the_same_at_any_width() {
    let narrow = one_step(120, 48, true).len();
    let wide = one_step(200, 48, true).len();
    assert!(
        wide <= narrow + 80,
        "{wide} bytes at 200 columns against {narrow} at 120"
    );
}
