//! Output firewall: checks the bytes a renderer wrote to a terminal against the small set of
//! sequences a renderer needs (no terminal queries, no title, clipboard or
//! hyperlink sequences). Used by tests of every view: render into a
//! `CrosstermBackend<Vec<u8>>`, then call [`check_terminal_bytes`]. Owns the allow-list; must not
//! be used to "clean" output (that is the sanitizer's job, before rendering).
//!
//! Allowed: valid UTF-8 printable text, and CSI sequences (`ESC [`) with these finals:
//! `m` (SGR), `H`/`f` (cursor position), `A`–`G` (cursor moves), `J`/`K`/`X` (erase), and
//! `? N h` / `? N l` for the DEC private modes in the policy (default: cursor visibility 25,
//! alternate screen 1049, bracketed paste 2004). Everything else is a violation: any OSC, DCS,
//! SOS, PM, APC or other `ESC` sequence, any C0 control (BEL, CR, BS, …), any C1 code point
//! U+0080–U+009F, invalid UTF-8, and a CSI left unfinished.
//!
//! Parsing uses `vte` (the parser of the Alacritty terminal), so a sequence is seen the way a
//! real terminal sees it; a raw byte scan backs it up for the string sequences `vte` swallows
//! silently (SOS, PM, APC). `vte` is a normal dependency for this reason: the checker is a
//! public tool for the other modules' integration tests.

mod capture;

pub use capture::render_to_bytes;

use thiserror::Error;
use vte::{Params, Parser, Perform};

/// Something a renderer must never write.
#[derive(Clone, Debug, PartialEq, Eq, Error)]
pub enum FirewallViolation {
    #[error("invalid UTF-8 at byte {offset}")]
    InvalidUtf8 { offset: usize },
    #[error("OSC sequence at byte {offset}")]
    Osc { offset: usize },
    #[error("DCS sequence at byte {offset}")]
    Dcs { offset: usize },
    #[error("SOS/PM/APC string at byte {offset}")]
    StringSequence { offset: usize },
    #[error("escape sequence ESC {introducer:?} at byte {offset}")]
    OtherEscape { offset: usize, introducer: char },
    #[error("ESC at the end of the output (byte {offset})")]
    TruncatedEscape { offset: usize },
    #[error("control byte {byte:#04x} at byte {offset}")]
    ControlByte { byte: u8, offset: usize },
    #[error("C1 control U+{code_point:04X} at byte {offset}")]
    C1CodePoint { code_point: u32, offset: usize },
    #[error("CSI sequence not allowed: {sequence} at byte {offset}")]
    DisallowedCsi { sequence: String, offset: usize },
    #[error("CSI sequence left unfinished")]
    UnfinishedCsi,
}

/// What the checker accepts beyond printable text and the always-allowed CSI.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FirewallPolicy {
    /// DEC private modes that may be set or reset (`CSI ? N h` / `CSI ? N l`).
    pub private_modes: Vec<u16>,
}

impl Default for FirewallPolicy {
    /// Cursor visibility, alternate screen, bracketed paste.
    fn default() -> Self {
        FirewallPolicy {
            private_modes: vec![25, 1049, 2004],
        }
    }
}

impl FirewallPolicy {
    /// The default policy plus the mouse reporting modes (1000, 1002, 1003, 1006, 1015).
    pub fn with_mouse() -> Self {
        let mut policy = FirewallPolicy::default();
        policy.private_modes.extend([1000, 1002, 1003, 1006, 1015]);
        policy
    }
}

/// Checks `bytes` with the default policy.
pub fn check_terminal_bytes(bytes: &[u8]) -> Result<(), FirewallViolation> {
    check_terminal_bytes_with(bytes, &FirewallPolicy::default())
}

/// Checks `bytes` with `policy`; returns the first violation.
pub fn check_terminal_bytes_with(
    bytes: &[u8],
    policy: &FirewallPolicy,
) -> Result<(), FirewallViolation> {
    if let Err(error) = std::str::from_utf8(bytes) {
        return Err(FirewallViolation::InvalidUtf8 {
            offset: error.valid_up_to(),
        });
    }
    let csi_starts = scan_escapes(bytes)?;
    let mut checker = Checker {
        policy,
        offset: 0,
        csi_dispatched: 0,
        violation: None,
    };
    let mut parser = Parser::new();
    for (offset, byte) in bytes.iter().enumerate() {
        checker.offset = offset;
        parser.advance(&mut checker, std::slice::from_ref(byte));
        if let Some(violation) = checker.violation.take() {
            return Err(violation);
        }
    }
    if checker.csi_dispatched != csi_starts {
        return Err(FirewallViolation::UnfinishedCsi);
    }
    Ok(())
}

/// Rejects every escape that is not `ESC [`; returns how many `ESC [` there are.
fn scan_escapes(bytes: &[u8]) -> Result<usize, FirewallViolation> {
    let mut csi_starts = 0;
    for (offset, &byte) in bytes.iter().enumerate() {
        if byte != 0x1b {
            continue;
        }
        let Some(&next) = bytes.get(offset + 1) else {
            return Err(FirewallViolation::TruncatedEscape { offset });
        };
        match next {
            b'[' => csi_starts += 1,
            b']' => return Err(FirewallViolation::Osc { offset }),
            b'P' => return Err(FirewallViolation::Dcs { offset }),
            b'X' | b'^' | b'_' => return Err(FirewallViolation::StringSequence { offset }),
            other => {
                return Err(FirewallViolation::OtherEscape {
                    offset,
                    introducer: char::from(other),
                });
            }
        }
    }
    Ok(csi_starts)
}

struct Checker<'p> {
    policy: &'p FirewallPolicy,
    offset: usize,
    csi_dispatched: usize,
    violation: Option<FirewallViolation>,
}

impl Checker<'_> {
    fn flag(&mut self, violation: FirewallViolation) {
        self.violation.get_or_insert(violation);
    }

    fn csi_allowed(&self, params: &Params, intermediates: &[u8], action: char) -> bool {
        let first_param = params.iter().next().and_then(|p| p.first().copied());
        match (intermediates, action) {
            ([], 'm') => true,
            ([], 'H' | 'f' | 'A'..='G') => true,
            ([], 'J' | 'K') => first_param.unwrap_or(0) <= 3,
            // ECH: the frame writer erases runs of blank cells on the cursor's line.
            ([], 'X') => params.len() <= 1,
            ([b'?'], 'h' | 'l') => {
                params.len() == 1
                    && first_param.is_some_and(|mode| self.policy.private_modes.contains(&mode))
            }
            _ => false,
        }
    }
}

impl Perform for Checker<'_> {
    fn print(&mut self, c: char) {
        if ('\u{80}'..='\u{9f}').contains(&c) {
            self.flag(FirewallViolation::C1CodePoint {
                code_point: u32::from(c),
                offset: self.offset,
            });
        }
    }

    fn execute(&mut self, byte: u8) {
        self.flag(FirewallViolation::ControlByte {
            byte,
            offset: self.offset,
        });
    }

    fn hook(&mut self, _params: &Params, _intermediates: &[u8], _ignore: bool, _action: char) {
        self.flag(FirewallViolation::Dcs {
            offset: self.offset,
        });
    }

    fn osc_dispatch(&mut self, _params: &[&[u8]], _bell_terminated: bool) {
        self.flag(FirewallViolation::Osc {
            offset: self.offset,
        });
    }

    fn csi_dispatch(&mut self, params: &Params, intermediates: &[u8], ignore: bool, action: char) {
        self.csi_dispatched += 1;
        if ignore || !self.csi_allowed(params, intermediates, action) {
            let sequence = format!(
                "CSI {}{:?} {action}",
                String::from_utf8_lossy(intermediates),
                params
            );
            self.flag(FirewallViolation::DisallowedCsi {
                sequence,
                offset: self.offset,
            });
        }
    }

    fn esc_dispatch(&mut self, _intermediates: &[u8], _ignore: bool, byte: u8) {
        self.flag(FirewallViolation::OtherEscape {
            offset: self.offset,
            introducer: char::from(byte),
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn renderer_output_passes() {
        let output = b"\x1b[?1049h\x1b[?25l\x1b[1;1H\x1b[38;5;1;49mhi\x1b[0m\x1b[2J\x1b[K\x1b[3C\xe6\x97\xa5\x1b[68X\x1b[?25h\x1b[?1049l";
        assert_eq!(check_terminal_bytes(output), Ok(()));
    }

    #[test]
    fn hostile_output_is_caught() {
        let cases: [(&[u8], &str); 12] = [
            (b"\x1b]52;c;aGk=\x07", "OSC"),
            (b"\x1b]0;t\x1b\\", "OSC"),
            (b"\x1bP$q\x1b\\", "DCS"),
            (b"\x1b_G\x1b\\", "SOS/PM/APC"),
            (b"\x1bc", "escape sequence"),
            (b"a\x07", "control byte"),
            (b"a\rb", "control byte"),
            (b"\xc2\x9b2J", "C1"),
            (b"\x9b2J", "invalid UTF-8"),
            (b"\x1b[?1000h", "CSI sequence not allowed"),
            (b"\x1b[4h", "CSI sequence not allowed"),
            (b"\x1b[1;2", "unfinished"),
        ];
        for (bytes, expected) in cases {
            let violation = check_terminal_bytes(bytes).err().map(|v| v.to_string());
            assert!(
                violation.as_deref().is_some_and(|v| v.contains(expected)),
                "{bytes:?}: {violation:?}"
            );
        }
        assert_eq!(
            check_terminal_bytes_with(b"\x1b[?1000h", &FirewallPolicy::with_mouse()),
            Ok(())
        );
    }
}
