//! Parses keymap TOML (the embedded default and the user's file) and merges the user's bindings
//! over the default, per mode and per key. Every error names the file, the table and the key.
//!
//! Reads at most the user's one keymap file (`load_file`); `load` takes text the caller read.

use std::collections::BTreeMap;
use std::path::Path;
use std::str::FromStr;

use toml::Spanned;

use super::chord::parse_sequence;
use super::{Binding, DEFAULT_KEYMAP, KNOWN_ACTIONS, KeyChord, Keymap, MODES, NOOP_ACTION};
use crate::config::source_location::{describe_toml_error, span_suffix};

/// What the embedded default is called in error messages.
const DEFAULT_SOURCE_NAME: &str = "default keymap (built in)";

/// A keymap file that cannot be used. The text always starts with the file name.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum KeymapError {
    /// The file exists but cannot be read.
    #[error("{file}: cannot read: {reason}")]
    Read { file: String, reason: String },
    /// The file is not valid TOML, or a value is not a string.
    #[error("{file}{detail}")]
    Syntax { file: String, detail: String },
    /// A table that is not one of the known modes.
    #[error("{file}{location}: unknown mode table [{table}] (known: {known})")]
    UnknownMode {
        file: String,
        location: String,
        table: String,
        known: String,
    },
    /// A binding whose key or action cannot be used.
    #[error("{file}{location}: [{table}] \"{key}\": {reason}")]
    Binding {
        file: String,
        location: String,
        table: String,
        key: String,
        reason: String,
    },
}

type RawKeymap = BTreeMap<Spanned<String>, BTreeMap<Spanned<String>, Spanned<String>>>;

/// One parsed file: per mode, sequence → action (`None` for `noop`).
type ParsedBindings<A> = BTreeMap<String, BTreeMap<Vec<KeyChord>, Option<Binding<A>>>>;

impl<A: FromStr + Clone> Keymap<A> {
    /// Builds the keymap from the embedded default, with `user` (path, text) merged over it.
    pub fn load(user: Option<(&Path, &str)>) -> Result<Self, KeymapError> {
        let mut keymap = Self {
            modes: BTreeMap::new(),
        };
        keymap.merge(parse_file::<A>(DEFAULT_SOURCE_NAME, DEFAULT_KEYMAP)?);
        if let Some((path, text)) = user {
            keymap.merge(parse_file::<A>(&path.display().to_string(), text)?);
        }
        Ok(keymap)
    }

    /// Builds the keymap from the embedded default and the user's file at `path`, if it exists.
    pub fn load_file(path: &Path) -> Result<Self, KeymapError> {
        match std::fs::read_to_string(path) {
            Ok(text) => Self::load(Some((path, &text))),
            Err(error) if error.kind() == std::io::ErrorKind::NotFound => Self::load(None),
            Err(error) => Err(KeymapError::Read {
                file: path.display().to_string(),
                reason: error.to_string(),
            }),
        }
    }

    fn merge(&mut self, parsed: ParsedBindings<A>) {
        for (mode, entries) in parsed {
            let bindings = self.modes.entry(mode).or_default();
            for (keys, binding) in entries {
                match binding {
                    Some(binding) => bindings.insert(keys, binding),
                    None => bindings.remove(&keys),
                };
            }
        }
    }
}

fn parse_file<A: FromStr>(file: &str, text: &str) -> Result<ParsedBindings<A>, KeymapError> {
    let raw: RawKeymap = toml::from_str(text).map_err(|error| KeymapError::Syntax {
        file: file.to_string(),
        detail: describe_toml_error(text, &error),
    })?;
    let mut parsed = ParsedBindings::new();
    for (table, entries) in raw {
        if !MODES.contains(&table.get_ref().as_str()) {
            return Err(KeymapError::UnknownMode {
                file: file.to_string(),
                location: span_suffix(text, Some(table.span())),
                table: table.into_inner(),
                known: MODES.join(", "),
            });
        }
        let mut mode_bindings: BTreeMap<Vec<KeyChord>, Option<Binding<A>>> = BTreeMap::new();
        let mut spelled: BTreeMap<Vec<KeyChord>, String> = BTreeMap::new();
        for (key, action) in entries {
            let fail = |reason: String| KeymapError::Binding {
                file: file.to_string(),
                location: span_suffix(text, Some(key.span())),
                table: table.get_ref().clone(),
                key: key.get_ref().clone(),
                reason,
            };
            let keys = parse_sequence(key.get_ref()).map_err(|error| fail(error.to_string()))?;
            if let Some(first_spelling) = spelled.insert(keys.clone(), key.get_ref().clone()) {
                return Err(fail(format!(
                    "same key as \"{first_spelling}\" in this table"
                )));
            }
            let name = action.get_ref().trim();
            let binding = if name == NOOP_ACTION {
                None
            } else {
                let action = A::from_str(name).map_err(|_| fail(unknown_action_reason(name)))?;
                Some(Binding {
                    action,
                    name: name.to_string(),
                })
            };
            mode_bindings.insert(keys, binding);
        }
        parsed.insert(table.into_inner(), mode_bindings);
    }
    Ok(parsed)
}

/// "unknown action `x`", with the closest known name when one is near (a typo).
fn unknown_action_reason(name: &str) -> String {
    let closest = KNOWN_ACTIONS
        .iter()
        .map(|known| (edit_distance(name, known), *known))
        .min()
        .filter(|(distance, _)| *distance <= 2);
    match closest {
        Some((_, known)) => format!("unknown action `{name}` (did you mean `{known}`?)"),
        None => format!("unknown action `{name}`"),
    }
}

/// Levenshtein distance over characters.
fn edit_distance(left: &str, right: &str) -> usize {
    let right: Vec<char> = right.chars().collect();
    let mut previous: Vec<usize> = (0..=right.len()).collect();
    for (i, left_char) in left.chars().enumerate() {
        let mut current = vec![i + 1];
        for (j, right_char) in right.iter().enumerate() {
            let substitution = previous[j] + usize::from(left_char != *right_char);
            current.push(substitution.min(previous[j + 1] + 1).min(current[j] + 1));
        }
        previous = current;
    }
    previous.last().copied().unwrap_or(0)
}
