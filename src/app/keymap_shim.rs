//! Temporary stand-in for `crate::config::keymap` until it lands; deleted then.

use crossterm::event::KeyEvent;

/// Stand-in key chord.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct KeyChord(pub String);

impl From<KeyEvent> for KeyChord {
    fn from(key: KeyEvent) -> Self {
        Self(format!("{:?}", key.code))
    }
}

impl std::fmt::Display for KeyChord {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

/// Stand-in resolution.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Resolution<A> {
    Action(A),
    Pending(Vec<(KeyChord, String)>),
    Unbound,
}

/// Stand-in keymap.
#[derive(Clone, Debug)]
pub struct Keymap<A> {
    bindings: Vec<(String, Vec<KeyChord>, A)>,
}

impl<A: Clone> Keymap<A> {
    pub fn load(_user: Option<(&std::path::Path, &str)>) -> Result<Self, String> {
        Ok(Self {
            bindings: Vec::new(),
        })
    }
    pub fn resolve(&self, _modes: &[&str], _pending: &[KeyChord], _key: KeyChord) -> Resolution<A> {
        Resolution::Unbound
    }
    pub fn bindings(&self, _mode: &str) -> Vec<(String, A)> {
        self.bindings
            .iter()
            .map(|(m, k, a)| (format!("{m}{k:?}"), a.clone()))
            .collect()
    }
    pub fn keys_for(&self, _modes: &[&str], _action_name: &str) -> Vec<String> {
        Vec::new()
    }
}
