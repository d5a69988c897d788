//! The sanitizer: turns untrusted text into text that is safe and honest on a terminal.
//!
//! Rules, applied in one pass over the decoded characters (never bytes):
//!
//! | Input | Output |
//! |---|---|
//! | printable text, `\n` | unchanged |
//! | `\r\n`, lone `\r`, U+2028, U+2029 | `\n` |
//! | `\t` | spaces to the next multiple of [`TAB_STOP`] columns |
//! | escape sequences: CSI, OSC, DCS, SOS, PM, APC (7-bit `ESC x` and 8-bit C1 introducers), other `ESC` sequences, lone `ESC` | the whole sequence becomes one [`ESCAPE_MARKER`] `␛` ([`sanitize_paste`]: nothing) |
//! | other C0 controls, DEL | Control Pictures: `␀` … `␟`, `␡` (so `\x08` backspace shows as `␈`) |
//! | other C1 controls U+0080–U+009F | `⟨U+0085⟩` |
//! | bidi controls U+202A–202E, U+2066–2069, U+200E, U+200F, U+061C | `⟨U+202E⟩` |
//! | invisible characters: U+200B, U+2060–2065, U+206A–206F, U+FEFF, U+00AD, U+034F, U+180E, U+FFF0–FFFB, Hangul fillers, Khmer inherent vowels, other Cf that draw nothing, unassigned default-ignorables (U+E0080–E0FFF outside the selectors) | `⟨U+200B⟩` |
//! | ZWJ U+200D | kept between two emoji (`👨‍👩‍👧`), and, like ZWNJ U+200C, between two letters of a script that uses joiners (Arabic, Indic, …); `⟨U+200D⟩` elsewhere |
//! | variation selectors U+FE00–FE0F, U+E0100–E01EF | one kept right after a visible base character (`♻️`, `1️⃣`); any other is marked |
//! | tag characters U+E0000–E007F | kept only as a subdivision flag (🏴 + tag letters + CANCEL TAG); marked otherwise |
//! | combining marks | at most [`MAX_MARKS_PER_BASE`] per base character; the rest of the run becomes `⟨+N⟩`; a mark with no base at the start of a line gets [`ORPHAN_MARK_BASE`] `◌` as its base |
//!
//! Escape-sequence grammar: CSI ends at its final byte 0x40–0x7E (any character outside 0x20–0x7E
//! ends it early); OSC/DCS/SOS/PM/APC strings end at BEL, `ESC \`, U+009C, CAN or SUB, or just
//! before another ESC, and an unterminated string runs to the end of the input.
//!
//! Guarantees (tested in `tests/it/text/sanitize_*.rs`):
//! - the output contains no `char::is_control` character except `\n`, hence no ESC, no C1, no BEL;
//! - no bidi control and no invisible character except joiners and selectors in the contexts above;
//! - `sanitize(sanitize(x)) == sanitize(x)` (all markers are plain printable text);
//! - `sanitize(x).len() <= MAX_GROWTH_FACTOR * x.len()` in bytes (worst case: a 2-byte invisible
//!   character becomes a 12-byte `⟨U+00AD⟩`; a tab becomes at most 4 spaces);
//! - never panics; linear time.
//!
//! Nothing is removed silently except the bodies of escape sequences (shown as `␛`) and combining
//! marks beyond the cap (counted in `⟨+N⟩`).

mod classify;
mod engine;
mod escape;

use engine::{Mode, run};

/// Columns between tab stops.
pub const TAB_STOP: usize = 4;
/// Combining marks kept on one base character (Vietnamese needs 2, Indic and pointed Hebrew up to
/// 4); "zalgo" text piles up dozens.
pub const MAX_MARKS_PER_BASE: usize = 4;
/// Longest tag sequence kept inside a subdivision flag (🏴 + `gbsct` + CANCEL TAG).
pub const MAX_FLAG_TAGS: usize = 7;
/// What a removed escape sequence leaves behind (U+241B SYMBOL FOR ESCAPE).
pub const ESCAPE_MARKER: char = '\u{241b}';
/// The base given to a combining mark that starts a line (U+25CC DOTTED CIRCLE).
pub const ORPHAN_MARK_BASE: char = '\u{25cc}';
/// Upper bound of `output bytes / input bytes`.
pub const MAX_GROWTH_FACTOR: usize = 6;

/// What the sanitizer found. Views use [`SanitizeReport::needs_warning`] to show a `⚠` next to
/// text that contained bidi controls or invisible characters.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct SanitizeReport {
    /// Escape sequences removed (of any kind, including lone ESC).
    pub escape_sequences: usize,
    /// Of which OSC (title, clipboard, hyperlink, notification).
    pub osc_sequences: usize,
    /// Of which DCS, SOS, PM or APC strings.
    pub string_sequences: usize,
    /// C0/C1 controls and DEL replaced by a visible form (not counting `\r`, `\t`, `\n`).
    pub controls: usize,
    /// Bidi controls marked.
    pub bidi: usize,
    /// Invisible characters, stray joiners, selectors and tags marked.
    pub invisible: usize,
    /// Combining marks dropped over the cap.
    pub dropped_marks: usize,
    /// Combining marks that started a line and got a `◌` base.
    pub orphan_marks: usize,
}

impl SanitizeReport {
    /// True when the input needed no change other than line ends and tabs.
    pub fn is_clean(&self) -> bool {
        *self == SanitizeReport::default()
    }

    /// True when the text tried to hide or reorder something: bidi controls, invisible
    /// characters, escape sequences or controls. Views show a `⚠` marker for such text.
    pub fn needs_warning(&self) -> bool {
        self.bidi > 0 || self.invisible > 0 || self.escape_sequences > 0 || self.controls > 0
    }
}

/// True when `raw` is printable ASCII and `\n` only: the common case, which needs no work.
fn is_plain_ascii(raw: &str) -> bool {
    raw.bytes().all(|b| b == b'\n' || (0x20..0x7f).contains(&b))
}

/// Sanitizes text from a server or a file for display.
pub fn sanitize(raw: &str) -> String {
    if is_plain_ascii(raw) {
        return raw.to_owned();
    }
    run(raw, Mode::Display).0
}

/// Sanitizes text and reports what was found.
pub fn sanitize_with_report(raw: &str) -> (String, SanitizeReport) {
    if is_plain_ascii(raw) {
        return (raw.to_owned(), SanitizeReport::default());
    }
    run(raw, Mode::Display)
}

/// Sanitizes pasted text before it enters a draft. Same rules as [`sanitize`] (newlines kept,
/// markers for controls, bidi and invisible characters, so the author sees them in the editor),
/// except that escape sequences are removed without a `␛`: they are never content a user means
/// to post.
pub fn sanitize_paste(raw: &str) -> String {
    if is_plain_ascii(raw) {
        return raw.to_owned();
    }
    run(raw, Mode::Paste).0
}
