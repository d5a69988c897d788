use super::*;
use crate::input::action::Action;
use crate::panes::PaneId;

#[test]
fn the_tour_moves_on_and_ends_where_it_started() {
    let (mut tour, first) = update::open(PaneId::Timeline);
    assert_eq!(first, Some(PaneId::Communities));
    assert_eq!(
        update::handle(&mut tour, Action::TourNext),
        update::TourOutcome::Moved(Some(PaneId::Timeline))
    );
    assert_eq!(
        update::handle(&mut tour, Action::MoveDown),
        update::TourOutcome::Stay
    );
    assert_eq!(
        update::handle(&mut tour, Action::Back),
        update::TourOutcome::Close(PaneId::Timeline)
    );
}

#[test]
fn the_tour_names_the_keys_of_the_loaded_keymap() {
    let default = Keymap::load(None).expect("the embedded keymap loads");
    let text = Stop::Communities.text(&default);
    assert!(text.contains("J joins"), "{text}");
    let remapped = Keymap::load(Some((
        std::path::Path::new("keymap.toml"),
        "[communities]\n\"J\" = \"noop\"\n\"ctrl-j\" = \"toggle_membership\"\n\
         [global]\n\":\" = \"noop\"\n\"ctrl-p\" = \"noop\"\n\"F2\" = \"palette\"\n",
    )))
    .expect("the remapped keymap loads");
    let text = Stop::Communities.text(&remapped);
    assert!(text.contains("ctrl-j joins"), "{text}");
    assert!(!text.contains("J joins"), "{text}");
    let everywhere = Stop::Everywhere.text(&remapped);
    assert!(
        everywhere.starts_with("f2 opens the palette"),
        "{everywhere}"
    );
}

#[test]
fn an_unbound_action_is_said_to_be_unbound() {
    let keymap = Keymap::load(Some((
        std::path::Path::new("keymap.toml"),
        "[people]\n\"F\" = \"noop\"\n",
    )))
    .expect("the remapped keymap loads");
    let text = Stop::People.text(&keymap);
    assert!(
        text.contains("(toggle follow is unbound) follows"),
        "{text}"
    );
}
