//! `KeyChord`: one key press (code + modifiers) in a normalised form, parsed from and printed as the
//! keymap file's key names (`j`, `G`, `ctrl-d`, `shift-tab`, `f5`, `space`).
//!
//! Owns key-name syntax only; it must not know about modes, actions or the keymap file layout.

use std::fmt;
use std::str::FromStr;

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

/// A key press as the keymap sees it.
///
/// Invariants (established by every constructor, so equal presses compare equal):
/// - only `CONTROL`, `ALT`, `SHIFT` and `SUPER` are kept;
/// - `SHIFT` is folded into character keys (`shift-g` is `G`; `?` carries no `SHIFT`);
/// - `shift-tab` is `BackTab` without modifiers.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct KeyChord {
    code: ChordCode,
    modifiers: ChordModifiers,
}

/// Ordered mirror of the key codes the keymap supports (crossterm's `KeyCode` is not `Ord`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
enum ChordCode {
    Char(char),
    F(u8),
    Named(NamedKey),
    /// A key the keymap cannot name (media keys, lone modifiers); no binding matches it.
    Unsupported,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
enum NamedKey {
    Enter,
    Esc,
    Tab,
    BackTab,
    Backspace,
    Delete,
    Insert,
    Up,
    Down,
    Left,
    Right,
    Home,
    End,
    PageUp,
    PageDown,
}

/// The modifiers a chord keeps, as a small ordered bit set.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, PartialOrd, Ord)]
struct ChordModifiers(u8);

impl ChordModifiers {
    const CTRL: u8 = 1;
    const ALT: u8 = 2;
    const SHIFT: u8 = 4;
    const SUPER: u8 = 8;

    fn has(self, bit: u8) -> bool {
        self.0 & bit != 0
    }

    fn from_crossterm(modifiers: KeyModifiers) -> Self {
        let mut bits = 0;
        for (flag, bit) in [
            (KeyModifiers::CONTROL, Self::CTRL),
            (KeyModifiers::ALT, Self::ALT),
            (KeyModifiers::SHIFT, Self::SHIFT),
            (KeyModifiers::SUPER, Self::SUPER),
        ] {
            if modifiers.contains(flag) {
                bits |= bit;
            }
        }
        Self(bits)
    }

    fn to_crossterm(self) -> KeyModifiers {
        let mut modifiers = KeyModifiers::NONE;
        for (flag, bit) in [
            (KeyModifiers::CONTROL, Self::CTRL),
            (KeyModifiers::ALT, Self::ALT),
            (KeyModifiers::SHIFT, Self::SHIFT),
            (KeyModifiers::SUPER, Self::SUPER),
        ] {
            if self.has(bit) {
                modifiers |= flag;
            }
        }
        modifiers
    }
}

/// Why a key name could not be parsed.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum KeyParseError {
    #[error("empty key name")]
    Empty,
    #[error("unknown key name `{0}`")]
    UnknownKey(String),
    #[error("unknown modifier `{0}` (use ctrl, alt, shift or super)")]
    UnknownModifier(String),
}

const NAMED_KEYS: &[(&str, NamedKey)] = &[
    ("enter", NamedKey::Enter),
    ("return", NamedKey::Enter),
    ("esc", NamedKey::Esc),
    ("escape", NamedKey::Esc),
    ("tab", NamedKey::Tab),
    ("backtab", NamedKey::BackTab),
    ("backspace", NamedKey::Backspace),
    ("delete", NamedKey::Delete),
    ("del", NamedKey::Delete),
    ("insert", NamedKey::Insert),
    ("up", NamedKey::Up),
    ("down", NamedKey::Down),
    ("left", NamedKey::Left),
    ("right", NamedKey::Right),
    ("home", NamedKey::Home),
    ("end", NamedKey::End),
    ("pageup", NamedKey::PageUp),
    ("pagedown", NamedKey::PageDown),
];

impl KeyChord {
    /// A plain character key (`'G'` is the shifted `g`).
    pub fn char(c: char) -> Self {
        Self::normalised(ChordCode::Char(c), ChordModifiers::default())
    }

    /// A character key with `ctrl` held.
    pub fn ctrl(c: char) -> Self {
        Self::normalised(ChordCode::Char(c), ChordModifiers(ChordModifiers::CTRL))
    }

    /// The character this chord types when no command modifier (ctrl/alt/super) is held; compose
    /// uses this to tell text input from commands.
    pub fn typed_char(&self) -> Option<char> {
        let command_bits = ChordModifiers::CTRL | ChordModifiers::ALT | ChordModifiers::SUPER;
        match self.code {
            ChordCode::Char(c) if self.modifiers.0 & command_bits == 0 => Some(c),
            _ => None,
        }
    }

    /// The crossterm code and modifiers of this chord.
    pub fn to_crossterm(&self) -> (KeyCode, KeyModifiers) {
        let code = match self.code {
            ChordCode::Char(c) => KeyCode::Char(c),
            ChordCode::F(n) => KeyCode::F(n),
            ChordCode::Named(named) => named_to_crossterm(named),
            ChordCode::Unsupported => KeyCode::Null,
        };
        (code, self.modifiers.to_crossterm())
    }

    fn normalised(code: ChordCode, modifiers: ChordModifiers) -> Self {
        let shift = modifiers.has(ChordModifiers::SHIFT);
        let without_shift = ChordModifiers(modifiers.0 & !ChordModifiers::SHIFT);
        match code {
            ChordCode::Char(c) if shift => {
                let shifted = if c.is_lowercase() {
                    c.to_uppercase().next().unwrap_or(c)
                } else {
                    c
                };
                Self {
                    code: ChordCode::Char(shifted),
                    modifiers: without_shift,
                }
            }
            ChordCode::Named(NamedKey::Tab) if shift => Self {
                code: ChordCode::Named(NamedKey::BackTab),
                modifiers: without_shift,
            },
            ChordCode::Named(NamedKey::BackTab) => Self {
                code,
                modifiers: without_shift,
            },
            _ => Self { code, modifiers },
        }
    }
}

fn named_to_crossterm(named: NamedKey) -> KeyCode {
    match named {
        NamedKey::Enter => KeyCode::Enter,
        NamedKey::Esc => KeyCode::Esc,
        NamedKey::Tab => KeyCode::Tab,
        NamedKey::BackTab => KeyCode::BackTab,
        NamedKey::Backspace => KeyCode::Backspace,
        NamedKey::Delete => KeyCode::Delete,
        NamedKey::Insert => KeyCode::Insert,
        NamedKey::Up => KeyCode::Up,
        NamedKey::Down => KeyCode::Down,
        NamedKey::Left => KeyCode::Left,
        NamedKey::Right => KeyCode::Right,
        NamedKey::Home => KeyCode::Home,
        NamedKey::End => KeyCode::End,
        NamedKey::PageUp => KeyCode::PageUp,
        NamedKey::PageDown => KeyCode::PageDown,
    }
}

fn named_from_crossterm(code: KeyCode) -> Option<ChordCode> {
    let named = match code {
        KeyCode::Char(c) => return Some(ChordCode::Char(c)),
        KeyCode::F(n) => return Some(ChordCode::F(n)),
        KeyCode::Enter => NamedKey::Enter,
        KeyCode::Esc => NamedKey::Esc,
        KeyCode::Tab => NamedKey::Tab,
        KeyCode::BackTab => NamedKey::BackTab,
        KeyCode::Backspace => NamedKey::Backspace,
        KeyCode::Delete => NamedKey::Delete,
        KeyCode::Insert => NamedKey::Insert,
        KeyCode::Up => NamedKey::Up,
        KeyCode::Down => NamedKey::Down,
        KeyCode::Left => NamedKey::Left,
        KeyCode::Right => NamedKey::Right,
        KeyCode::Home => NamedKey::Home,
        KeyCode::End => NamedKey::End,
        KeyCode::PageUp => NamedKey::PageUp,
        KeyCode::PageDown => NamedKey::PageDown,
        _ => return None,
    };
    Some(ChordCode::Named(named))
}

impl From<KeyEvent> for KeyChord {
    /// Keys the keymap cannot name (media keys, lone modifiers) become a chord no binding matches.
    fn from(event: KeyEvent) -> Self {
        let code = named_from_crossterm(event.code).unwrap_or(ChordCode::Unsupported);
        Self::normalised(code, ChordModifiers::from_crossterm(event.modifiers))
    }
}

impl FromStr for KeyChord {
    type Err = KeyParseError;

    fn from_str(text: &str) -> Result<Self, Self::Err> {
        if text.is_empty() {
            return Err(KeyParseError::Empty);
        }
        let mut modifiers = ChordModifiers::default();
        let mut rest = text;
        // A trailing `-` is the minus key itself (`-`, `ctrl--`), so only split while more follows.
        while let Some((prefix, tail)) = rest.split_once('-') {
            if tail.is_empty() {
                break;
            }
            let bit = match prefix.to_ascii_lowercase().as_str() {
                "ctrl" | "control" => ChordModifiers::CTRL,
                "alt" | "meta" => ChordModifiers::ALT,
                "shift" => ChordModifiers::SHIFT,
                "super" | "cmd" => ChordModifiers::SUPER,
                _ if prefix.chars().count() <= 1 => break,
                _ => return Err(KeyParseError::UnknownModifier(prefix.to_string())),
            };
            modifiers.0 |= bit;
            rest = tail;
        }
        Ok(Self::normalised(parse_code(rest)?, modifiers))
    }
}

fn parse_code(name: &str) -> Result<ChordCode, KeyParseError> {
    let mut chars = name.chars();
    if let (Some(c), None) = (chars.next(), chars.next()) {
        return Ok(ChordCode::Char(c));
    }
    let lower = name.to_ascii_lowercase();
    if lower == "space" {
        return Ok(ChordCode::Char(' '));
    }
    if lower == "minus" {
        return Ok(ChordCode::Char('-'));
    }
    if let Some(&(_, named)) = NAMED_KEYS.iter().find(|(key_name, _)| *key_name == lower) {
        return Ok(ChordCode::Named(named));
    }
    if let Some(number) = lower.strip_prefix('f').and_then(|n| n.parse::<u8>().ok())
        && (1..=24).contains(&number)
    {
        return Ok(ChordCode::F(number));
    }
    Err(KeyParseError::UnknownKey(name.to_string()))
}

impl fmt::Display for KeyChord {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let has_command_modifier = self.typed_char().is_none();
        for (bit, label) in [
            (ChordModifiers::CTRL, "ctrl-"),
            (ChordModifiers::ALT, "alt-"),
            (ChordModifiers::SHIFT, "shift-"),
            (ChordModifiers::SUPER, "super-"),
        ] {
            if self.modifiers.has(bit) {
                f.write_str(label)?;
            }
        }
        match self.code {
            ChordCode::Char(' ') => f.write_str("space"),
            // With ctrl/alt held an uppercase letter reads better as `ctrl-shift-a`.
            ChordCode::Char(c) if has_command_modifier && c.is_uppercase() => {
                match single_lowercase(c) {
                    Some(lower) => write!(f, "shift-{lower}"),
                    None => write!(f, "{c}"),
                }
            }
            ChordCode::Char(c) => write!(f, "{c}"),
            ChordCode::F(n) => write!(f, "f{n}"),
            ChordCode::Unsupported => f.write_str("unsupported"),
            ChordCode::Named(named) => {
                let name = NAMED_KEYS
                    .iter()
                    .find(|(_, candidate)| *candidate == named)
                    .map_or("?", |(name, _)| name);
                f.write_str(name)
            }
        }
    }
}

/// The lowercase form of `c` when it is one character that shifts back to `c`, so
/// `shift-<lower>` parses back to the same chord.
fn single_lowercase(c: char) -> Option<char> {
    let mut lower = c.to_lowercase();
    let (Some(first), None) = (lower.next(), lower.next()) else {
        return None;
    };
    let mut upper = first.to_uppercase();
    match (upper.next(), upper.next()) {
        (Some(back), None) if back == c => Some(first),
        _ => None,
    }
}

/// A space-separated key sequence such as `g g`.
pub fn parse_sequence(text: &str) -> Result<Vec<KeyChord>, KeyParseError> {
    let chords: Vec<KeyChord> = text
        .split(' ')
        .filter(|part| !part.is_empty())
        .map(str::parse)
        .collect::<Result<_, _>>()?;
    if chords.is_empty() {
        // A lone space character is the space key, not an empty sequence.
        return if text.is_empty() {
            Err(KeyParseError::Empty)
        } else {
            Ok(vec![KeyChord::char(' ')])
        };
    }
    Ok(chords)
}

/// Prints a sequence the way the keymap file spells it (`g g`).
pub fn display_sequence(chords: &[KeyChord]) -> String {
    chords
        .iter()
        .map(ToString::to_string)
        .collect::<Vec<_>>()
        .join(" ")
}
