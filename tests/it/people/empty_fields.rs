//! The profile card names only what a person shared: someone who left interests and their about
//! text empty gets no "Interests" or "About" row and no placeholder dash, at 80×24 and 160×48;
//! someone who filled them in gets both.

use crate::harness::people::*;
use crate::harness::tui::key;

use crate::harness::tui::draw;
use crossterm::event::KeyCode;
use kring::app::core::state::State;
use kring::app::core::update::update;
use kring::app::shell::view_state::ViewState;
use kring::config::theme::Theme;
use kring::domain::UserId;
use ratatui::Terminal;
use ratatui::backend::TestBackend;

fn card_screen(person: u64, width: u16, height: u16) -> String {
    let mut state: State = people_state(width, height);
    state.people.selected = Some(UserId(person));
    update(&mut state, key(KeyCode::Enter));
    let mut terminal = Terminal::new(TestBackend::new(width, height)).expect("test backend");
    let theme = Theme::builtin_default();
    let mut view = ViewState::default();
    terminal
        .draw(|frame| draw(frame, &state, &mut view, &theme))
        .expect("draw");
    terminal.backend().to_string()
}

#[test]
fn fields_left_empty_are_not_mentioned_on_the_card() {
    for (width, height) in [(80, 24), (160, 48)] {
        let eva = card_screen(EVA, width, height);
        assert!(eva.contains("Eva Ferreira"), "{eva}");
        assert!(eva.contains("Expertise"), "{eva}");
        for absent in ["Interests", "About", "—"] {
            assert!(
                !eva.contains(absent),
                "{absent} at {width}x{height}:\n{eva}"
            );
        }
        let kim = card_screen(KIM, width, height);
        assert!(
            kim.contains("Interests") && kim.contains("bouldering"),
            "{kim}"
        );
        assert!(
            kim.contains("About") && kim.contains("Keeps the clusters up."),
            "{kim}"
        );
    }
}
