//! Key names: how a key is written in a keymap, printed back (canonically, and parsing back to
//! itself for every chord), and what a crossterm event becomes.

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use kring::config::keymap::{KeyChord, Resolution};
use proptest::prelude::*;

use super::keymap::{default_keymap, key};

#[test]
fn key_names_print_canonically() {
    let cases = [
        ("ctrl-d", "ctrl-d"),
        ("ctrl-\u{130}", "ctrl-\u{130}"),
        ("g", "g"),
        ("G", "G"),
        ("shift-g", "G"),
        ("space", "space"),
        (" ", "space"),
        ("shift-tab", "backtab"),
        ("backtab", "backtab"),
        ("Enter", "enter"),
        ("escape", "esc"),
        ("alt-enter", "alt-enter"),
        ("ctrl-shift-k", "ctrl-shift-k"),
        ("ctrl-K", "ctrl-shift-k"),
        ("f12", "f12"),
        ("-", "-"),
        ("ctrl--", "ctrl--"),
        ("minus", "-"),
        ("pagedown", "pagedown"),
        ("?", "?"),
    ];
    for (written, shown) in cases {
        assert_eq!(key(written).to_string(), shown, "display of `{written}`");
        assert_eq!(
            key(shown),
            key(written),
            "`{shown}` parses back to `{written}`"
        );
    }
    for bad in ["", "ctrl-", "f0", "f25", "enterr", "shift-"] {
        assert!(bad.parse::<KeyChord>().is_err(), "`{bad}` should not parse");
    }
}

#[test]
fn crossterm_events_normalise_to_keymap_chords() {
    let event = |code, modifiers| KeyChord::from(KeyEvent::new(code, modifiers));
    assert_eq!(event(KeyCode::Char('G'), KeyModifiers::SHIFT), key("G"));
    assert_eq!(event(KeyCode::Char('g'), KeyModifiers::SHIFT), key("G"));
    assert_eq!(event(KeyCode::Char('?'), KeyModifiers::SHIFT), key("?"));
    assert_eq!(
        event(KeyCode::BackTab, KeyModifiers::SHIFT),
        key("shift-tab")
    );
    assert_eq!(event(KeyCode::Tab, KeyModifiers::SHIFT), key("backtab"));
    assert_eq!(
        event(KeyCode::Char('d'), KeyModifiers::CONTROL),
        key("ctrl-d")
    );
    assert_eq!(event(KeyCode::Char(' '), KeyModifiers::NONE), key("space"));
    assert_eq!(event(KeyCode::Enter, KeyModifiers::ALT), key("alt-enter"));
    assert_eq!(event(KeyCode::F(5), KeyModifiers::NONE), key("f5"));
    assert_ne!(event(KeyCode::Char('g'), KeyModifiers::NONE), key("G"));
    assert_eq!(key("G").typed_char(), Some('G'));
    assert_eq!(key("ctrl-s").typed_char(), None);
    let unnamed = event(KeyCode::CapsLock, KeyModifiers::NONE);
    assert_eq!(
        default_keymap().resolve(&["global"], &[], unnamed),
        Resolution::Unbound
    );
}

fn any_chord() -> impl Strategy<Value = KeyChord> {
    let code = prop_oneof![
        any::<char>()
            .prop_filter("printable", |c| !c.is_control())
            .prop_map(KeyCode::Char),
        (1u8..=24).prop_map(KeyCode::F),
        prop::sample::select(vec![
            KeyCode::Enter,
            KeyCode::Esc,
            KeyCode::Tab,
            KeyCode::BackTab,
            KeyCode::Backspace,
            KeyCode::Delete,
            KeyCode::Insert,
            KeyCode::Up,
            KeyCode::Down,
            KeyCode::Left,
            KeyCode::Right,
            KeyCode::Home,
            KeyCode::End,
            KeyCode::PageUp,
            KeyCode::PageDown,
        ]),
    ];
    (code, 0u8..16).prop_map(|(code, bits)| {
        let modifiers = KeyModifiers::from_bits_truncate(
            (if bits & 1 != 0 {
                KeyModifiers::CONTROL.bits()
            } else {
                0
            }) | (if bits & 2 != 0 {
                KeyModifiers::ALT.bits()
            } else {
                0
            }) | (if bits & 4 != 0 {
                KeyModifiers::SHIFT.bits()
            } else {
                0
            }) | (if bits & 8 != 0 {
                KeyModifiers::SUPER.bits()
            } else {
                0
            }),
        );
        KeyChord::from(KeyEvent::new(code, modifiers))
    })
}

proptest! {
    #[test]
    fn every_chord_prints_a_name_that_parses_back_to_it(chord in any_chord()) {
        let shown = chord.to_string();
        let parsed: KeyChord = shown.parse().map_err(|e| TestCaseError::fail(format!("{shown}: {e}")))?;
        prop_assert_eq!(parsed, chord, "via `{}`", shown);
    }
}
