//! Keymap: the embedded default, user merges, sequences, errors and key-name round trips.

use std::str::FromStr;

use kring::config::keymap::{KNOWN_ACTIONS, KeyChord, Keymap, Resolution};

/// Stands in for the app's `Action`: accepts exactly the documented action names.
#[derive(Clone, Debug, PartialEq, Eq)]
struct TestAction(String);

impl FromStr for TestAction {
    type Err = String;
    fn from_str(name: &str) -> Result<Self, Self::Err> {
        if KNOWN_ACTIONS.contains(&name) {
            Ok(Self(name.to_string()))
        } else {
            Err(name.to_string())
        }
    }
}

fn key(text: &str) -> KeyChord {
    text.parse().unwrap()
}

#[test]
fn default_keymap_parses_and_resolves_quit() {
    let keymap = Keymap::<TestAction>::load(None).unwrap();
    assert_eq!(
        keymap.resolve(&["timeline", "global"], &[], key("ctrl-c")),
        Resolution::Action(TestAction("quit".into()))
    );
}
