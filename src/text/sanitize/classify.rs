//! Character classes the sanitizer acts on. Pure functions of one `char`; owns no policy about
//! what to do with each class (that is `engine.rs`).

/// How the sanitizer treats a character, before context is taken into account.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum CharClass {
    /// Printable text, kept as is (combining marks are told apart later, by width).
    Text,
    /// `\n`, kept.
    Newline,
    /// `\r`: `\r\n` and a lone `\r` both become `\n`.
    CarriageReturn,
    /// U+2028 LINE SEPARATOR / U+2029 PARAGRAPH SEPARATOR: become `\n`.
    LineSeparator,
    /// `\t`: expanded to spaces.
    Tab,
    /// ESC, or an 8-bit C1 introducer (CSI, OSC, DCS, SOS, PM, APC): starts an escape sequence.
    /// The payload is the 7-bit character that follows ESC in the equivalent sequence.
    SequenceStart(Option<char>),
    /// Any other C0 control, or DEL: shown as its Control Picture (`␀`, `␈`, `␡`, …).
    C0Control,
    /// Any other C1 control (U+0080–U+009F): shown as a code point marker.
    C1Control,
    /// Bidi overrides, embeddings, isolates and marks: shown as a code point marker.
    Bidi,
    /// Invisible format or filler characters: shown as a code point marker.
    Invisible,
    /// ZERO WIDTH JOINER / NON-JOINER: kept inside emoji sequences and between letters of scripts
    /// that use them, marked elsewhere.
    Joiner,
    /// Variation selectors: one is kept after a visible base character, others are marked.
    VariationSelector,
    /// Tag characters U+E0000–U+E007F: kept only inside an emoji subdivision flag.
    Tag,
}

/// The class of one character, without context.
pub(super) fn classify(c: char) -> CharClass {
    match c {
        '\n' => CharClass::Newline,
        '\r' => CharClass::CarriageReturn,
        '\t' => CharClass::Tab,
        '\u{1b}' => CharClass::SequenceStart(None),
        '\u{0}'..='\u{1f}' | '\u{7f}' => CharClass::C0Control,
        '\u{20}'..='\u{7e}' => CharClass::Text,
        '\u{90}' => CharClass::SequenceStart(Some('P')),
        '\u{98}' => CharClass::SequenceStart(Some('X')),
        '\u{9b}' => CharClass::SequenceStart(Some('[')),
        '\u{9d}' => CharClass::SequenceStart(Some(']')),
        '\u{9e}' => CharClass::SequenceStart(Some('^')),
        '\u{9f}' => CharClass::SequenceStart(Some('_')),
        '\u{80}'..='\u{9f}' => CharClass::C1Control,
        '\u{2028}' | '\u{2029}' => CharClass::LineSeparator,
        '\u{200c}' | '\u{200d}' => CharClass::Joiner,
        '\u{fe00}'..='\u{fe0f}' | '\u{e0100}'..='\u{e01ef}' => CharClass::VariationSelector,
        '\u{e0000}'..='\u{e007f}' => CharClass::Tag,
        '\u{061c}'
        | '\u{200e}'
        | '\u{200f}'
        | '\u{202a}'..='\u{202e}'
        | '\u{2066}'..='\u{2069}' => CharClass::Bidi,
        _ if is_invisible(c) => CharClass::Invisible,
        _ => CharClass::Text,
    }
}

/// Format (Cf) characters that draw nothing, the Hangul fillers and Khmer inherent vowels that
/// render blank (used to forge empty-looking names), and the unassigned default-ignorable code
/// points (terminals draw nothing for them). The Arabic/Syriac/Kaithi number signs (also Cf)
/// are left out: they draw a visible sign. Mongolian free variation selectors are left to the
/// combining-mark cap: they matter in Mongolian text.
fn is_invisible(c: char) -> bool {
    matches!(
        c,
        '\u{00ad}'
            | '\u{034f}'
            | '\u{115f}'
            | '\u{1160}'
            | '\u{17b4}'
            | '\u{17b5}'
            | '\u{180e}'
            | '\u{200b}'
            | '\u{2060}'..='\u{2065}'
            | '\u{206a}'..='\u{206f}'
            | '\u{3164}'
            | '\u{feff}'
            | '\u{ffa0}'
            | '\u{fff0}'..='\u{fffb}'
            | '\u{13430}'..='\u{1343f}'
            | '\u{1bca0}'..='\u{1bca3}'
            | '\u{1d173}'..='\u{1d17a}'
            | '\u{e0080}'..='\u{e00ff}'
            | '\u{e01f0}'..='\u{e0fff}'
    )
}

/// The Control Picture for a C0 control or DEL (`␀`…`␟`, `␡`).
pub(super) fn control_picture(c: char) -> char {
    match c {
        '\u{7f}' => '\u{2421}',
        _ => char::from_u32(0x2400 + (c as u32 & 0x1f)).unwrap_or('\u{fffd}'),
    }
}

/// Characters that take part in emoji ZWJ sequences (an approximation of
/// Extended_Pictographic that covers every sequence in common use).
pub(super) fn is_emoji_capable(c: char) -> bool {
    matches!(
        c,
        '\u{a9}'
            | '\u{ae}'
            | '\u{203c}'
            | '\u{2049}'
            | '\u{2122}'
            | '\u{2139}'
            | '\u{2194}'..='\u{21ff}'
            | '\u{2300}'..='\u{23ff}'
            | '\u{24c2}'
            | '\u{25aa}'
            | '\u{25ab}'
            | '\u{25b6}'
            | '\u{25c0}'
            | '\u{25fb}'..='\u{25fe}'
            | '\u{2600}'..='\u{27bf}'
            | '\u{2934}'
            | '\u{2935}'
            | '\u{2b00}'..='\u{2bff}'
            | '\u{3030}'
            | '\u{303d}'
            | '\u{3297}'
            | '\u{3299}'
            | '\u{1f000}'..='\u{1faff}'
    )
}

/// Letters of scripts where ZWJ/ZWNJ change how neighbouring letters join or form conjuncts, so
/// the joiner has a visible effect there: Arabic, Syriac, Thaana, N'Ko, the Indic scripts,
/// Sinhala, Mongolian and the Arabic presentation forms.
pub(super) fn uses_joiners(c: char) -> bool {
    matches!(
        c,
        '\u{0600}'..='\u{07ff}'
            | '\u{0860}'..='\u{08ff}'
            | '\u{0900}'..='\u{0dff}'
            | '\u{1800}'..='\u{18af}'
            | '\u{a8e0}'..='\u{a8ff}'
            | '\u{fb50}'..='\u{fdff}'
            | '\u{fe70}'..='\u{fefe}'
    )
}

/// The first and last code points of the tag letters and digits a subdivision flag may use.
pub(super) fn is_flag_tag_spec(c: char) -> bool {
    matches!(c, '\u{e0030}'..='\u{e0039}' | '\u{e0061}'..='\u{e007a}')
}

/// U+E007F CANCEL TAG, which ends a subdivision flag.
pub(super) const CANCEL_TAG: char = '\u{e007f}';

/// U+1F3F4 WAVING BLACK FLAG, the base of subdivision flags (🏴 + tags + cancel tag).
pub(super) const FLAG_BASE: char = '\u{1f3f4}';

/// Whether `selector` can form a variation sequence with `base`: text/emoji presentation
/// (U+FE0E/U+FE0F) after emoji, keycap characters and symbols; U+FE00–FE0D after digits, symbols,
/// Myanmar, Phags-pa, CJK and hieroglyphs; ideographic selectors (U+E0100–E01EF) after CJK
/// ideographs. kring's own marker glyphs never take one, so a run of selectors cannot slip
/// through every other one behind a marker.
pub(super) fn selector_fits(base: char, selector: char) -> bool {
    if is_marker_glyph(base) {
        return false;
    }
    let cjk = matches!(
        base,
        '\u{3400}'..='\u{4dbf}' | '\u{4e00}'..='\u{9fff}' | '\u{f900}'..='\u{faff}' | '\u{20000}'..='\u{3ffff}'
    );
    let symbol =
        matches!(base, '0'..='9' | '#' | '*' | '\u{2000}'..='\u{2bff}') || is_emoji_capable(base);
    match selector {
        '\u{fe0e}' | '\u{fe0f}' => symbol,
        '\u{fe00}'..='\u{fe0d}' => {
            symbol
                || cjk
                || matches!(base, '\u{1000}'..='\u{109f}' | '\u{a840}'..='\u{a87f}' | '\u{13000}'..='\u{1345f}')
        }
        _ => cjk,
    }
}

/// The glyphs kring's markers are made of (`⟨ ⟩`, Control Pictures, `◌`).
fn is_marker_glyph(c: char) -> bool {
    matches!(
        c,
        '\u{27e8}' | '\u{27e9}' | '\u{2400}'..='\u{2426}' | '\u{25cc}'
    )
}
