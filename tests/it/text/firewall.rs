//! The output firewall. Hostile strings go through `SafeText` and are drawn by
//! ratatui's crossterm backend (a `Paragraph` with wrapping, pre-wrapped lines, a block title);
//! the bytes must contain only what a renderer writes. Case count from
//! `KRING_FIREWALL_CASES` (default 1 000). The renderer is ratatui ≥ 0.30 (whose
//! buffer drops control characters), a single copy, checked in `Cargo.lock`.

use crate::harness::lockfile;

use kring::text::SafeText;
use kring::text::firewall::{FirewallViolation, check_terminal_bytes, render_to_bytes};
use kring::text::wrap::wrap_lines;
use rand::rngs::StdRng;
use rand::{Rng, SeedableRng};
use ratatui::text::{Line, Text};
use ratatui::widgets::{Block, Borders, Paragraph, Wrap};

const WIDTH: u16 = 40;
const HEIGHT: u16 = 12;

fn cases() -> usize {
    std::env::var("KRING_FIREWALL_CASES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(1_000)
}

/// Whole attacks and loose fragments of them.
const FRAGMENTS: &[&str] = &[
    "\x1b]52;c;Y3VybCBldmlsLnNoIHwgc2gK\x07",
    "\x1b]0;pwned\x07",
    "\x07\x1b]0;pwn",
    "\x1b]2;title\x1b\\",
    "\x1b]8;;https://evil.example\x1b\\",
    "\x1b]9;notify\x07",
    "\x1bP$qm\x1b\\",
    "\x1b_Gf=100;AAAA\x1b\\",
    "\x1b^pm\x07",
    "\x1bXsos\x1b\\",
    "\x1b[?1000h",
    "\x1b[?1049l",
    "\x1b[?2004l",
    "\x1b[201~",
    "\x1b[2J",
    "\x1b[1A\x1b[2K",
    "\x1b[31m",
    "\x1bc",
    "\x1b",
    "[",
    "]",
    "\\",
    ";",
    "\u{9b}",
    "\u{9d}",
    "\u{9c}",
    "\u{90}",
    "\r",
    "\n",
    "\t",
    "\u{8}",
    "\u{0}",
    "\u{7f}",
    "\u{202e}",
    "\u{2066}",
    "\u{200b}",
    "\u{200d}",
    "\u{feff}",
    "\u{e0041}",
    "\u{fe0f}",
    "👨\u{200d}👩\u{200d}👧",
    "♻\u{fe0f}",
    "🇫🇷",
    "日本語",
    "Z\u{301}\u{302}\u{303}\u{304}\u{305}\u{306}\u{307}\u{308}",
    "word ",
];

fn random_char(rng: &mut StdRng) -> char {
    let code = match rng.random_range(0..6) {
        0 => rng.random_range(0x00..0x20),
        1 => rng.random_range(0x80..0xa0),
        2 => rng.random_range(0x300..0x370),
        3 => rng.random_range(0x20..0xd800),
        4 => rng.random_range(0xe000..0x10000),
        _ => rng.random_range(0x10000..0x110000),
    };
    char::from_u32(code).unwrap_or('\u{fffd}')
}

fn hostile_string(rng: &mut StdRng) -> String {
    let pieces = rng.random_range(0..60);
    let mut s = String::new();
    for _ in 0..pieces {
        if rng.random_bool(0.6) {
            s.push_str(FRAGMENTS[rng.random_range(0..FRAGMENTS.len())]);
        } else {
            s.push(random_char(rng));
        }
    }
    s
}

fn render_paragraph(safe: &SafeText) -> Vec<u8> {
    render_to_bytes(WIDTH, HEIGHT, |frame| {
        let block = Block::default().borders(Borders::ALL).title(safe.as_str());
        let paragraph = Paragraph::new(Text::from(safe.as_str()))
            .block(block)
            .wrap(Wrap { trim: false });
        frame.render_widget(paragraph, frame.area());
    })
    .unwrap_or_default()
}

fn render_wrapped_lines(safe: &SafeText) -> Vec<u8> {
    let lines: Vec<Line<'_>> = wrap_lines(safe.as_str(), usize::from(WIDTH - 2))
        .into_iter()
        .map(Line::from)
        .collect();
    render_to_bytes(WIDTH, HEIGHT, |frame| {
        let paragraph = Paragraph::new(lines).block(Block::default().borders(Borders::ALL));
        frame.render_widget(paragraph, frame.area());
    })
    .unwrap_or_default()
}

#[test]
fn hostile_strings_render_only_allowed_sequences() {
    let mut rng = StdRng::seed_from_u64(0x006b_7269_6e67);
    for case in 0..cases() {
        let raw = hostile_string(&mut rng);
        let safe = SafeText::new(&raw);
        for (view, bytes) in [
            ("paragraph", render_paragraph(&safe)),
            ("wrapped lines", render_wrapped_lines(&safe)),
        ] {
            assert!(!bytes.is_empty(), "case {case} {view}: nothing rendered");
            if let Err(violation) = check_terminal_bytes(&bytes) {
                panic!("case {case} {view}: {violation} for input {raw:?}");
            }
        }
    }
}

#[test]
fn known_attacks_leave_no_trace_in_the_bytes() {
    // A title containing `\x07\x1b]0;pwn` must not produce any OSC.
    for raw in [
        "\x07\x1b]0;pwn",
        "\x1b]52;c;aGk=\x07",
        "\u{9d}0;x\u{9c}",
        "a\rb\x08c",
    ] {
        let bytes = render_paragraph(&SafeText::new(raw));
        assert_eq!(check_terminal_bytes(&bytes), Ok(()), "{raw:?}");
        assert!(!bytes.contains(&0x07) && !bytes.contains(&b'\r'), "{raw:?}");
        let text = String::from_utf8_lossy(&bytes);
        assert!(!text.contains("\x1b]"), "{raw:?}");
    }
}

#[test]
fn the_gate_sees_raw_bytes_that_bypass_the_sanitizer() {
    // Negative control: `Cell::set_symbol` does not filter, so unsanitized text written through it
    // reaches the terminal; the firewall must flag it.
    type Expectation = fn(&FirewallViolation) -> bool;
    let cases: [(&str, Expectation); 3] = [
        ("\x1b]52;c;aGk=\x07", |v| {
            matches!(v, FirewallViolation::Osc { .. })
        }),
        ("\x1bP$q\x1b\\", |v| {
            matches!(v, FirewallViolation::Dcs { .. })
        }),
        ("\u{9b}2J", |v| {
            matches!(v, FirewallViolation::C1CodePoint { .. })
        }),
    ];
    for (raw, expected) in cases {
        let bytes = render_to_bytes(10, 2, |frame| {
            frame.buffer_mut()[(1, 1)].set_symbol(raw);
        })
        .unwrap_or_default();
        let verdict = check_terminal_bytes(&bytes);
        assert!(
            verdict.as_ref().err().is_some_and(expected),
            "{raw:?}: {verdict:?}"
        );
    }
}

// Ratatui 0.29 wrote ESC, C1 and `\r` from a `Paragraph` raw to the terminal; 0.30 drops
// them at render. Exactly one ratatui (and one ratatui-core, one crossterm) is linked, so no
// widget can reach the terminal through an older copy.
#[test]
fn one_ratatui_at_least_0_30_and_one_crossterm() {
    let ratatui = lockfile::copies_of("ratatui");
    assert_eq!(ratatui.len(), 1, "one ratatui in Cargo.lock: {ratatui:?}");
    let (major, minor, _) = ratatui[0].semver();
    assert!(
        major > 0 || minor >= 30,
        "ratatui {} is older than 0.30.0",
        ratatui[0].version
    );
    for single in ["ratatui-core", "ratatui-widgets", "crossterm"] {
        let copies = lockfile::copies_of(single);
        assert_eq!(copies.len(), 1, "one {single} in Cargo.lock: {copies:?}");
    }
    let (major, minor, _) = lockfile::copies_of("crossterm")[0].semver();
    assert!(major > 0 || minor >= 29, "crossterm older than 0.29");
}
