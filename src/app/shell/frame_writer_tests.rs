//! The frame writer against a terminal emulator: the same picture whether blank runs are
//! erased or written, fewer bytes when they are erased, and blanks whose look ECH would lose
//! (underline, reverse video) still written.

use super::*;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::{Color, Style};

const AREA: Rect = Rect::new(0, 0, 120, 4);

/// The bytes that bring a terminal from `before` to `after`, as the run loop writes them.
fn bytes(before: &Buffer, after: &Buffer, erase_runs: bool) -> Vec<u8> {
    let mut out = Vec::new();
    FrameWriter::new(&mut out, erase_runs)
        .draw(before.diff(after).into_iter())
        .expect("writing to memory");
    out
}

/// What a terminal shows after an empty screen, `first` and then `second` were drawn.
fn shown(first: &Buffer, second: &Buffer, erase_runs: bool) -> vt100::Parser {
    let size = |n: u16| std::num::NonZero::new(n).expect("a screen of some size");
    let mut parser = vt100::Parser::new(size(AREA.height), size(AREA.width), 0);
    parser.process(&bytes(&Buffer::empty(AREA), first, erase_runs));
    parser.process(&bytes(first, second, erase_runs));
    parser
}

/// Every cell's text (an erased cell reads as a space), colours and the modifiers that show on
/// a blank; and the colours and weight of every cell with text.
fn picture(parser: &vt100::Parser) -> Vec<String> {
    let screen = parser.screen();
    let mut cells = Vec::new();
    for row in 0..AREA.height {
        for col in 0..AREA.width {
            let Some(cell) = screen.cell(row, col) else {
                continue;
            };
            let text = match cell.contents() {
                "" => " ",
                text => text,
            };
            let shown_on_text = if text == " " {
                String::new()
            } else {
                format!("{:?} {}", cell.fgcolor(), cell.bold())
            };
            cells.push(format!(
                "{row},{col} {text:?} {:?} {} {} {shown_on_text}",
                cell.bgcolor(),
                cell.inverse(),
                cell.underline()
            ));
        }
    }
    cells
}

/// A list with a highlighted row across the area (text, a gap, text at the right).
fn highlighted(row: u16, highlight: Style) -> Buffer {
    let mut buffer = Buffer::empty(AREA);
    for y in 0..AREA.height {
        buffer.set_string(1, y, format!("Author {y} · Community"), Style::new());
        buffer.set_string(112, y, "↩ 2  ♥ 0", Style::new().fg(Color::Red));
    }
    buffer.set_style(Rect::new(0, row, AREA.width, 1), highlight);
    buffer
}

fn styles() -> [Style; 5] {
    [
        Style::new().bg(Color::Blue).fg(Color::Black),
        Style::new()
            .bg(Color::Indexed(111))
            .add_modifier(Modifier::BOLD),
        Style::new().add_modifier(Modifier::REVERSED | Modifier::BOLD),
        Style::new().add_modifier(Modifier::UNDERLINED),
        Style::new()
            .bg(Color::Rgb(59, 66, 97))
            .fg(Color::Rgb(122, 162, 247)),
    ]
}

#[test]
fn moving_a_highlight_shows_the_same_picture_with_runs_erased() {
    for style in styles() {
        for (from, to) in [(0, 1), (1, 3), (3, 0)] {
            let (first, second) = (highlighted(from, style), highlighted(to, style));
            assert_eq!(
                picture(&shown(&first, &second, true)),
                picture(&shown(&first, &second, false)),
                "{style:?} from row {from} to row {to}"
            );
        }
    }
}

#[test]
fn clearing_text_and_mixed_backgrounds_show_the_same_picture() {
    let mut first = Buffer::empty(AREA);
    first.set_string(0, 0, "x".repeat(120), Style::new().bg(Color::Green));
    first.set_string(3, 1, "some words here and there", Style::new());
    first.set_string(0, 2, "日本語 wide text", Style::new().bg(Color::Blue));
    let mut second = Buffer::empty(AREA);
    second.set_style(Rect::new(0, 0, 30, 1), Style::new().bg(Color::Yellow));
    second.set_style(Rect::new(30, 0, 90, 1), Style::new().bg(Color::Magenta));
    second.set_string(40, 1, "x", Style::new());
    second.set_string(0, 3, "tail", Style::new().bg(Color::Red));
    for (a, b) in [(&first, &second), (&second, &first)] {
        assert_eq!(picture(&shown(a, b, true)), picture(&shown(a, b, false)));
    }
}

#[test]
fn a_highlighted_row_costs_fewer_bytes_when_its_blanks_are_erased() {
    let style = Style::new().bg(Color::Indexed(111)).fg(Color::Black);
    let (first, second) = (highlighted(0, style), highlighted(2, style));
    let erased = bytes(&first, &second, true).len();
    let written = bytes(&first, &second, false).len();
    assert!(
        erased * 2 < written,
        "{erased} bytes with erasing, {written} without"
    );
}

#[test]
fn blanks_that_show_underline_or_reverse_video_and_short_runs_are_written() {
    for style in [
        Style::new().add_modifier(Modifier::REVERSED),
        Style::new()
            .add_modifier(Modifier::UNDERLINED)
            .bg(Color::Blue),
    ] {
        let (plain, second) = (highlighted(0, Style::new()), highlighted(1, style));
        assert_eq!(bytes(&plain, &second, true), bytes(&plain, &second, false));
    }
    // Six blanks, then text that would need the cursor moved back: `CSI 6 X` and `CSI 1;9 H`
    // are longer than the spaces.
    let mut short = Buffer::empty(AREA);
    short.set_string(0, 0, "ab      cd", Style::new().bg(Color::Blue));
    let empty = Buffer::empty(AREA);
    assert_eq!(bytes(&empty, &short, true), bytes(&empty, &short, false));
}

#[test]
fn erasing_is_off_where_erased_cells_may_lose_the_background() {
    let env = |pairs: &'static [(&'static str, &'static str)]| {
        move |name: &str| {
            pairs
                .iter()
                .find(|(key, _)| *key == name)
                .map(|(_, value)| (*value).to_owned())
        }
    };
    assert!(erases_with_background(env(&[("TERM", "xterm-256color")])));
    assert!(erases_with_background(env(&[("TERM", "linux")])));
    assert!(erases_with_background(env(&[
        ("TERM", "screen-256color"),
        ("TMUX", "/tmp/tmux-1000/default,1,0")
    ])));
    assert!(erases_with_background(env(&[("TERM", "tmux-256color")])));
    assert!(!erases_with_background(env(&[("TERM", "screen-256color")])));
    assert!(!erases_with_background(env(&[("TERM", "dumb")])));
    assert!(!erases_with_background(env(&[])));
}
