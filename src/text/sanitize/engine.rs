//! The sanitizer's single pass over the input. Owns the context rules (what a joiner, variation
//! selector, tag or combining mark is attached to) and the replacements.
//!
//! Idempotence rests on one rule: every decision depends only on the text already written to the
//! output and on the raw characters ahead, never on how the output was produced. Markers are
//! written through the same [`Engine::push`] as kept text, so a second pass over the output sees
//! exactly the state the first pass saw.

use std::fmt::Write;
use std::str::Chars;

use unicode_width::UnicodeWidthChar;

use super::classify::{
    CANCEL_TAG, CharClass, FLAG_BASE, classify, control_picture, is_emoji_capable,
    is_flag_tag_spec, selector_fits, uses_joiners,
};
use super::escape::{SequenceKind, skip_sequence};
use super::{
    ESCAPE_MARKER, MAX_FLAG_TAGS, MAX_MARKS_PER_BASE, ORPHAN_MARK_BASE, SanitizeReport, TAB_STOP,
};

/// Which caller the pass is for.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Mode {
    /// Text for display: a removed escape sequence leaves `␛`.
    Display,
    /// Pasted text for a draft: a removed escape sequence leaves nothing.
    Paste,
}

/// Output plus the context the rules look at, all derived from the output.
struct Engine {
    mode: Mode,
    out: String,
    report: SanitizeReport,
    /// Display column on the current line (for tab stops).
    column: usize,
    /// Last character written, if any, on the current line.
    prev: Option<char>,
    /// Last base (non-zero-width) character written on the current line.
    base: Option<char>,
    /// Combining marks written after `base`.
    marks_on_base: usize,
    /// Whether a variation selector was written after `base`.
    selector_on_base: bool,
    /// Combining marks over the cap, not written yet; flushed as one `⟨+N⟩` marker.
    pending_dropped: usize,
}

/// Runs one pass over `raw`.
pub(super) fn run(raw: &str, mode: Mode) -> (String, SanitizeReport) {
    let mut engine = Engine {
        mode,
        out: String::with_capacity(raw.len() + raw.len() / 8),
        report: SanitizeReport::default(),
        column: 0,
        prev: None,
        base: None,
        marks_on_base: 0,
        selector_on_base: false,
        pending_dropped: 0,
    };
    let mut rest = raw.chars();
    while let Some(c) = rest.next() {
        engine.step(c, &mut rest);
    }
    engine.flush_dropped();
    (engine.out, engine.report)
}

fn peek(rest: &Chars<'_>) -> Option<char> {
    rest.clone().next()
}

/// True for text characters that attach to the previous base (combining marks and the like).
fn is_mark(c: char) -> bool {
    c.width() == Some(0)
}

impl Engine {
    fn step(&mut self, c: char, rest: &mut Chars<'_>) {
        let class = classify(c);
        let mark = class == CharClass::Text && is_mark(c);
        if !mark {
            self.flush_dropped();
        }
        match class {
            CharClass::Text if mark => self.combining_mark(c),
            CharClass::Text | CharClass::Newline => self.push(c),
            CharClass::CarriageReturn => {
                if peek(rest) == Some('\n') {
                    rest.next();
                }
                self.push('\n');
            }
            CharClass::LineSeparator => self.push('\n'),
            CharClass::Tab => {
                let spaces = TAB_STOP - self.column % TAB_STOP;
                for _ in 0..spaces {
                    self.push(' ');
                }
            }
            CharClass::SequenceStart(introducer) => self.sequence(rest, introducer),
            CharClass::C0Control => {
                self.report.controls += 1;
                self.push(control_picture(c));
            }
            CharClass::C1Control => {
                self.report.controls += 1;
                self.push_code_point_marker(c);
            }
            CharClass::Bidi => {
                self.report.bidi += 1;
                self.push_code_point_marker(c);
            }
            CharClass::Invisible => self.invisible(c),
            CharClass::Joiner if self.joiner_allowed(c, peek(rest)) => self.push(c),
            CharClass::VariationSelector if self.selector_allowed(c) => self.push(c),
            CharClass::Joiner | CharClass::VariationSelector => self.invisible(c),
            CharClass::Tag => self.tag(c, rest),
        }
    }

    /// Writes one character and updates the context from it alone.
    fn push(&mut self, c: char) {
        self.out.push(c);
        match classify(c) {
            CharClass::Newline => {
                self.column = 0;
                self.prev = None;
                self.base = None;
                self.marks_on_base = 0;
                self.selector_on_base = false;
                return;
            }
            CharClass::VariationSelector => self.selector_on_base = true,
            CharClass::Joiner | CharClass::Tag => {}
            _ if is_mark(c) => self.marks_on_base += 1,
            _ => {
                self.base = Some(c);
                self.marks_on_base = 0;
                self.selector_on_base = false;
            }
        }
        self.prev = Some(c);
        self.column += c.width().unwrap_or(0);
    }

    fn push_str(&mut self, s: &str) {
        for c in s.chars() {
            self.push(c);
        }
    }

    /// `⟨U+200B⟩`: the visible stand-in for an invisible or control character.
    fn push_code_point_marker(&mut self, c: char) {
        let mut marker = String::with_capacity(14);
        // Writing to a String cannot fail.
        let _ = write!(marker, "\u{27e8}U+{:04X}\u{27e9}", c as u32);
        self.push_str(&marker);
    }

    fn invisible(&mut self, c: char) {
        self.report.invisible += 1;
        self.push_code_point_marker(c);
    }

    fn sequence(&mut self, rest: &mut Chars<'_>, introducer: Option<char>) {
        let kind = skip_sequence(rest, introducer);
        match kind {
            SequenceKind::Osc => self.report.osc_sequences += 1,
            SequenceKind::Dcs | SequenceKind::SosPmApc => self.report.string_sequences += 1,
            SequenceKind::Csi | SequenceKind::Escape | SequenceKind::Lone => {}
        }
        self.report.escape_sequences += 1;
        if self.mode == Mode::Display {
            self.push(ESCAPE_MARKER);
        }
    }

    fn combining_mark(&mut self, c: char) {
        if self.base.is_none() {
            self.report.orphan_marks += 1;
            self.push(ORPHAN_MARK_BASE);
        }
        if self.marks_on_base >= MAX_MARKS_PER_BASE {
            self.pending_dropped += 1;
            self.report.dropped_marks += 1;
        } else {
            self.push(c);
        }
    }

    fn flush_dropped(&mut self) {
        if self.pending_dropped > 0 {
            let marker = format!("\u{27e8}+{}\u{27e9}", self.pending_dropped);
            self.pending_dropped = 0;
            self.push_str(&marker);
        }
    }

    /// ZWJ between two emoji, and ZWJ/ZWNJ between two letters of a script that uses joiners,
    /// are kept; any other joiner is marked.
    fn joiner_allowed(&self, joiner: char, next: Option<char>) -> bool {
        let (Some(base), Some(next)) = (self.base, next) else {
            return false;
        };
        let next_is_base = classify(next) == CharClass::Text && !is_mark(next);
        if !next_is_base {
            return false;
        }
        let emoji = joiner == '\u{200d}' && is_emoji_capable(base) && is_emoji_capable(next);
        emoji || (uses_joiners(base) && uses_joiners(next))
    }

    /// One variation selector directly after a base character it can vary is kept.
    fn selector_allowed(&self, selector: char) -> bool {
        match self.base {
            Some(base) => {
                !self.selector_on_base && self.marks_on_base == 0 && selector_fits(base, selector)
            }
            None => false,
        }
    }

    /// Tags are kept only as a subdivision flag right after 🏴: 1 to `MAX_FLAG_TAGS` tag letters
    /// or digits and CANCEL TAG. Anything else is marked, one tag at a time.
    fn tag(&mut self, first: char, rest: &mut Chars<'_>) {
        if self.prev == Some(FLAG_BASE) && is_flag_tag_spec(first) {
            let mut ahead = rest.clone();
            let mut spec_len = 1;
            let mut end = ahead.next();
            while end.is_some_and(is_flag_tag_spec) && spec_len < MAX_FLAG_TAGS {
                spec_len += 1;
                end = ahead.next();
            }
            if end == Some(CANCEL_TAG) {
                self.push(first);
                for _ in 0..spec_len {
                    if let Some(tag) = rest.next() {
                        self.push(tag);
                    }
                }
                return;
            }
        }
        self.invisible(first);
    }
}
