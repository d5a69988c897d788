//! Under a non-UTF-8 locale every screen is rewritten to ASCII: the layout, the styles and the
//! cells that were ASCII already stay as they were.

use crate::harness::tui::draw;
use kring::app::shell::glyphs::to_ascii;
use kring::app::shell::view_state::ViewState;
use kring::config::theme::Theme;
use ratatui::Terminal;
use ratatui::backend::TestBackend;

use crate::harness::tui::thread_state;

#[test]
fn every_screen_rewritten_to_ascii_keeps_its_layout() {
    let theme = Theme::builtin_default();
    let state = thread_state(120, 30);
    let mut terminal = Terminal::new(TestBackend::new(120, 30)).expect("test backend");
    let mut view = ViewState::default();
    let unicode = terminal
        .draw(|frame| draw(frame, &state, &mut view, &theme))
        .expect("draw")
        .buffer
        .clone();
    let mut ascii = unicode.clone();
    to_ascii(&mut ascii);
    for (before, after) in unicode.content.iter().zip(&ascii.content) {
        assert!(after.symbol().is_ascii(), "{:?}", after.symbol());
        if before.symbol().is_ascii() {
            assert_eq!(before, after, "ASCII cells are left alone");
        }
        assert_eq!(before.style(), after.style(), "styles are kept");
    }
    // The first pane's corners and sides (the last row is the status line).
    assert_eq!(ascii[(0, 0)].symbol(), "+");
    assert_eq!(ascii[(0, 1)].symbol(), "|");
    assert_eq!(ascii[(0, 28)].symbol(), "+");
    assert_eq!(ascii[(1, 28)].symbol(), "-");
}
