//! Key input: resolving key presses against the keymap of the current mode, with sequences
//! (`g g`) and which-key hints, into actions or editor input.

use crossterm::event::KeyEvent;

use crate::config::keymap;
use crate::input::action::Action;

pub use keymap::{KeyChord, Resolution};

/// The app's keymap: key sequences per mode → [`Action`].
pub type Keymap = keymap::Keymap<Action>;

/// The keymap plus the keys of a sequence typed so far.
#[derive(Clone, Debug)]
pub struct KeyInput {
    pub keymap: Keymap,
    /// Keys typed so far of an unfinished sequence.
    pub pending: Vec<KeyChord>,
    /// What can follow the pending keys (shown as a which-key hint): the next key and the
    /// help screen's description of the action it completes, or "…" when more keys follow.
    pub hints: Vec<(KeyChord, String)>,
}

/// What a key press turned out to be.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum KeyOutcome {
    Action(Action),
    /// The start of a sequence; wait for the next key.
    Pending,
    /// A key that continues no sequence after a prefix: the sequence is dropped, nothing typed.
    Cancelled,
    /// Nothing binds it (text input in an editor).
    Unbound,
}

impl KeyInput {
    /// Wraps a loaded keymap.
    pub fn new(keymap: Keymap) -> Self {
        Self {
            keymap,
            pending: Vec::new(),
            hints: Vec::new(),
        }
    }

    /// Feeds one key press, trying `modes` in order.
    pub fn press(&mut self, modes: &[&str], key: KeyEvent) -> KeyOutcome {
        let chord = KeyChord::from(key);
        match self.keymap.resolve(modes, &self.pending, chord) {
            Resolution::Action(action) => {
                self.clear();
                KeyOutcome::Action(action)
            }
            Resolution::Pending(hints) => {
                self.pending.push(chord);
                self.hints = hints
                    .into_iter()
                    .map(|(key, name)| (key, describe(&name)))
                    .collect();
                KeyOutcome::Pending
            }
            Resolution::Unbound => {
                let was_pending = !self.pending.is_empty();
                self.clear();
                // A stray key after a prefix cancels the sequence and is not typed.
                if was_pending {
                    KeyOutcome::Cancelled
                } else {
                    KeyOutcome::Unbound
                }
            }
        }
    }

    /// Forgets an unfinished sequence.
    pub fn clear(&mut self) {
        self.pending.clear();
        self.hints.clear();
    }

    /// The key shown for `action` in the status bar: the shortest of its bindings ("j" over
    /// "down").
    pub fn key_for(&self, modes: &[&str], action: Action) -> Option<String> {
        self.keymap
            .keys_for(modes, action.name())
            .into_iter()
            .min_by_key(|keys| (keys.chars().count(), keys.clone()))
    }
}

/// The help screen's text for the action named `name` (a keymap name), or `name` itself for
/// "…" and anything else that names no action.
fn describe(name: &str) -> String {
    name.parse::<Action>().map_or_else(
        |_| name.to_owned(),
        |action| action.description().to_owned(),
    )
}
