//! Skipping terminal escape sequences. Works on `char`s after UTF-8 decoding (never on bytes, so a
//! 0x9C byte inside a UTF-8 character can never end anything). Owns only the grammar; what
//! replaces a sequence is decided by `engine.rs`.

use std::str::Chars;

/// The kinds of sequence the sanitizer recognises, for the report.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum SequenceKind {
    /// `ESC [` / U+009B: control sequence (cursor moves, erase, SGR, modes, …).
    Csi,
    /// `ESC ]` / U+009D: operating system command (title, clipboard, hyperlink, …).
    Osc,
    /// `ESC P` / U+0090: device control string.
    Dcs,
    /// `ESC X`, `ESC ^`, `ESC _` / U+0098, U+009E, U+009F: SOS, PM, APC strings.
    SosPmApc,
    /// `ESC` + intermediates + final (`ESC c`, `ESC 7`, `ESC ( 0`, …).
    Escape,
    /// An `ESC` that starts nothing.
    Lone,
}

/// Consumes the rest of a sequence from `rest`. `introducer` is the 7-bit character after ESC
/// when the sequence began with an 8-bit C1 introducer, `None` when it began with ESC (then the
/// next char of `rest` is examined).
///
/// Grammar (after ECMA-48 and the DEC parser used by xterm and vte):
/// - CSI: parameter and intermediate bytes 0x20–0x3F, one final byte 0x40–0x7E. Any other
///   character ends the sequence early and is left in `rest`.
/// - OSC, DCS, SOS, PM, APC: everything up to and including BEL, `ESC \`, U+009C, CAN or SUB;
///   another ESC ends the string and is left in `rest` (it starts the next sequence); with no
///   terminator the string runs to the end of the input.
/// - Other escapes: intermediates 0x20–0x2F then one final 0x30–0x7E.
pub(super) fn skip_sequence(rest: &mut Chars<'_>, introducer: Option<char>) -> SequenceKind {
    let kind_char = match introducer {
        Some(c) => Some(c),
        None => match peek(rest) {
            Some(c @ ('\u{20}'..='\u{7e}')) => {
                rest.next();
                Some(c)
            }
            _ => None,
        },
    };
    match kind_char {
        None => SequenceKind::Lone,
        Some('[') => {
            skip_csi_body(rest);
            SequenceKind::Csi
        }
        Some(']') => {
            skip_string_body(rest);
            SequenceKind::Osc
        }
        Some('P') => {
            skip_string_body(rest);
            SequenceKind::Dcs
        }
        Some('X' | '^' | '_') => {
            skip_string_body(rest);
            SequenceKind::SosPmApc
        }
        Some('\u{20}'..='\u{2f}') => {
            skip_escape_tail(rest);
            SequenceKind::Escape
        }
        Some(_) => SequenceKind::Escape,
    }
}

fn peek(rest: &Chars<'_>) -> Option<char> {
    rest.clone().next()
}

fn skip_csi_body(rest: &mut Chars<'_>) {
    while let Some(c) = peek(rest) {
        match c {
            '\u{20}'..='\u{3f}' => {
                rest.next();
            }
            '\u{40}'..='\u{7e}' => {
                rest.next();
                return;
            }
            _ => return,
        }
    }
}

fn skip_string_body(rest: &mut Chars<'_>) {
    while let Some(c) = peek(rest) {
        match c {
            '\u{7}' | '\u{9c}' | '\u{18}' | '\u{1a}' => {
                rest.next();
                return;
            }
            '\u{1b}' => {
                let mut after = rest.clone();
                after.next();
                if after.next() == Some('\\') {
                    *rest = after;
                }
                return;
            }
            _ => {
                rest.next();
            }
        }
    }
}

fn skip_escape_tail(rest: &mut Chars<'_>) {
    while let Some(c) = peek(rest) {
        match c {
            '\u{20}'..='\u{2f}' => {
                rest.next();
            }
            '\u{30}'..='\u{7e}' => {
                rest.next();
                return;
            }
            _ => return,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn skip(input: &str, introducer: Option<char>) -> (SequenceKind, String) {
        let mut rest = input.chars();
        let kind = skip_sequence(&mut rest, introducer);
        (kind, rest.as_str().to_owned())
    }

    #[test]
    fn csi_ends_at_final_byte() {
        assert_eq!(skip("[1;31mred", None), (SequenceKind::Csi, "red".into()));
        assert_eq!(skip("?1049hx", Some('[')), (SequenceKind::Csi, "x".into()));
    }

    #[test]
    fn csi_stops_before_a_foreign_character() {
        assert_eq!(skip("[12é", None), (SequenceKind::Csi, "é".into()));
        assert_eq!(skip("[12\n3m", None), (SequenceKind::Csi, "\n3m".into()));
    }

    #[test]
    fn strings_end_at_every_terminator() {
        for terminated in ["]0;t\u{7}x", "]0;t\u{1b}\\x", "]0;t\u{9c}x", "]0;t\u{18}x"] {
            assert_eq!(skip(terminated, None), (SequenceKind::Osc, "x".into()));
        }
        assert_eq!(
            skip("]0;t\u{1b}[2J", None),
            (SequenceKind::Osc, "\u{1b}[2J".into())
        );
        assert_eq!(skip("Pq#0\u{1b}\\x", None), (SequenceKind::Dcs, "x".into()));
        assert_eq!(
            skip("_apc\u{7}x", None),
            (SequenceKind::SosPmApc, "x".into())
        );
    }

    #[test]
    fn unterminated_strings_run_to_the_end() {
        assert_eq!(
            skip("]52;c;aGk=\nmore", None),
            (SequenceKind::Osc, String::new())
        );
    }

    #[test]
    fn short_escapes_and_lone_esc() {
        assert_eq!(skip("cx", None), (SequenceKind::Escape, "x".into()));
        assert_eq!(skip("(0x", None), (SequenceKind::Escape, "x".into()));
        assert_eq!(skip("é", None), (SequenceKind::Lone, "é".into()));
        assert_eq!(skip("", None), (SequenceKind::Lone, String::new()));
    }
}
