//! Width-hostile text does not break layout. `wrap_lines` keeps every line within the
//! width (1..=80) without splitting graphemes, and rendering in a bordered block at 40×10 and
//! 80×24 leaves the border and everything outside the block intact.
//!
//! Views wrap with `wrap_lines`, not `Paragraph::wrap`: ratatui 0.30.2's word wrapper lets a line
//! of wide graphemes run one column past its area (`"日 日 日 日"` at width 10), which overwrites
//! a block's right border; that is why this file renders `wrap_lines` output.

use std::collections::HashSet;

use kring::text::SafeText;
use kring::text::width::display_width;
use kring::text::wrap::wrap_lines;
use proptest::prelude::*;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::Line;
use ratatui::widgets::{Block, Borders, Paragraph};
use unicode_segmentation::UnicodeSegmentation;

fn zalgo(marks: usize) -> String {
    let mut s = String::from("Z");
    for i in 0..marks {
        s.push(char::from_u32(0x300 + (i as u32 % 0x4f)).unwrap_or('\u{301}'));
    }
    s
}

/// Width-hostile texts, each as the sanitizer leaves it.
fn corpus() -> Vec<(&'static str, SafeText)> {
    let long_word = "x".repeat(10_000);
    let long_cjk = "漢".repeat(3_000);
    vec![
        (
            "CJK",
            SafeText::new("日本語のテキストと中文文本 and 한국어 텍스트 mixed with ascii words"),
        ),
        (
            "emoji ZWJ family",
            SafeText::new(&"👨\u{200d}👩\u{200d}👧\u{200d}👦 ".repeat(30)),
        ),
        (
            "VS16 emoji",
            SafeText::new(&"♻\u{fe0f}❤\u{fe0f} ".repeat(30)),
        ),
        (
            "flags",
            SafeText::new(
                &"🇫🇷🇯🇵🇺🇸🏴\u{e0067}\u{e0062}\u{e0073}\u{e0063}\u{e0074}\u{e007f}".repeat(10),
            ),
        ),
        (
            "combining marks",
            SafeText::new(&"e\u{301}a\u{308}n\u{303} ".repeat(40)),
        ),
        (
            "zalgo 50 marks",
            SafeText::new(&format!("{} {} tail", zalgo(50), zalgo(50))),
        ),
        ("10 000-char word", SafeText::new(&long_word)),
        ("3 000 wide chars", SafeText::new(&long_cjk)),
        (
            "tabs",
            SafeText::new("a\tb\tc\n\tindented\t\ttwice\n\t\t\t"),
        ),
        (
            "hostile mix",
            SafeText::new(
                "\x1b]0;x\x07pay\u{200b}pal user\u{202e}gnp.exe 日本\t👨\u{200d}👩 e\u{301}",
            ),
        ),
        ("empty lines", SafeText::new("\n\n\na\n\n")),
    ]
}

/// Checks the wrapping contract for one text and width.
fn check_wrap(name: &str, text: &str, width: usize) {
    let graphemes: HashSet<&str> = text.graphemes(true).collect();
    let lines = wrap_lines(text, width);
    for line in &lines {
        let line_width = display_width(line);
        let single_wide = line.graphemes(true).count() == 1;
        assert!(
            line_width <= width || single_wide,
            "{name} at {width}: line {line:?} is {line_width} wide"
        );
        for grapheme in line.graphemes(true) {
            assert!(
                graphemes.contains(grapheme),
                "{name} at {width}: split grapheme {grapheme:?}"
            );
        }
    }
    let strip = |s: &str| s.split_whitespace().collect::<String>();
    assert_eq!(
        strip(&lines.join("\n")),
        strip(text),
        "{name} at {width}: text lost"
    );
}

#[test]
fn wrapped_lines_fit_every_width_from_1_to_80() {
    for (name, text) in corpus() {
        for width in 1..=80 {
            check_wrap(name, text.as_str(), width);
        }
    }
}

#[test]
fn width_zero_gives_no_lines() {
    for (_, text) in corpus() {
        assert!(wrap_lines(text.as_str(), 0).is_empty());
    }
}

#[test]
fn display_width_by_grapheme() {
    assert_eq!(display_width("日本語"), 6);
    assert_eq!(display_width("👨\u{200d}👩\u{200d}👧"), 2);
    assert_eq!(display_width("🇫🇷"), 2);
    assert_eq!(display_width("e\u{301}"), 1);
    assert_eq!(
        display_width(SafeText::new(&zalgo(50)).as_str()),
        1 + display_width("⟨+46⟩")
    );
    assert_eq!(display_width(SafeText::new("a\tb").as_str()), 5);
    assert_eq!(display_width(SafeText::new("pay\u{200b}pal").as_str()), 14);
}

const BORDER_TOP_LEFT: &str = "┌";

/// Asserts the border of `area` in `buffer` is intact and nothing outside `area` was drawn.
fn assert_layout_intact(name: &str, buffer: &Buffer, area: Rect) {
    let full = buffer.area;
    for y in full.top()..full.bottom() {
        for x in full.left()..full.right() {
            let symbol = buffer[(x, y)].symbol();
            let inside =
                x >= area.left() && x < area.right() && y >= area.top() && y < area.bottom();
            let on_left_right = (x == area.left() || x == area.right() - 1) && inside;
            let on_top_bottom = (y == area.top() || y == area.bottom() - 1) && inside;
            let expected = match (on_top_bottom, on_left_right) {
                _ if !inside => Some(" "),
                (true, true) if x == area.left() && y == area.top() => Some(BORDER_TOP_LEFT),
                (true, true) if y == area.top() => Some("┐"),
                (true, true) if x == area.left() => Some("└"),
                (true, true) => Some("┘"),
                (true, false) => Some("─"),
                (false, true) => Some("│"),
                (false, false) => None,
            };
            if let Some(expected) = expected {
                assert_eq!(symbol, expected, "{name}: cell ({x},{y}) of {area:?}");
            }
        }
    }
}

fn render_both_ways(name: &str, text: &SafeText, screen: Rect) {
    let area = Rect::new(2, 1, screen.width - 4, screen.height - 2);
    let inner_width = usize::from(area.width - 2);
    let lines: Vec<Line<'_>> = wrap_lines(text.as_str(), inner_width)
        .into_iter()
        .map(Line::from)
        .collect();
    let views: [(&str, Paragraph<'_>); 2] = [
        ("wrap_lines", Paragraph::new(lines)),
        ("clipped, unwrapped", Paragraph::new(text.as_str())),
    ];
    for (how, paragraph) in views {
        let mut terminal = match Terminal::new(TestBackend::new(screen.width, screen.height)) {
            Ok(terminal) => terminal,
            Err(error) => panic!("test backend: {error}"),
        };
        let drawn = terminal.draw(|frame| {
            let block = Block::default().borders(Borders::ALL);
            frame.render_widget(paragraph.block(block), area);
        });
        assert!(drawn.is_ok(), "{name} {how}: draw failed");
        let label = format!("{name} ({how}, {}x{})", screen.width, screen.height);
        assert_layout_intact(&label, terminal.backend().buffer(), area);
    }
}

#[test]
fn borders_survive_at_40x10_and_80x24() {
    for (name, text) in corpus() {
        for screen in [Rect::new(0, 0, 40, 10), Rect::new(0, 0, 80, 24)] {
            render_both_ways(name, &text, screen);
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(500))]

    #[test]
    fn wrapping_holds_for_generated_text(
        raw in "[a-z 日👨\u{200d}👩\u{301}\u{fe0f}♻\t\n🇫🇷]{0,80}",
        width in 1usize..30,
    ) {
        let safe = SafeText::new(&raw);
        check_wrap("generated", safe.as_str(), width);
    }
}
