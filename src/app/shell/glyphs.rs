//! Drawing for terminals that cannot show Unicode. Decides from the locale whether the terminal
//! takes UTF-8 and, when it does not, rewrites a drawn frame to ASCII: box drawing becomes
//! `+ - |`, kring's markers become ASCII look-alikes, anything else outside ASCII becomes `?`.
//!
//! Works on the finished frame, after every widget has drawn, so no widget needs to know; owns
//! the mapping only and never sees where a cell's text came from.

use ratatui::buffer::Buffer;

/// Whether the locale's character set is UTF-8, read through `env` the way the C library reads
/// it: the first non-empty of `LC_ALL`, `LC_CTYPE`, `LANG`. With none of them set the terminal is
/// taken to be UTF-8, as nearly every terminal is today (and as containers and SSH sessions
/// without locale settings expect).
pub fn locale_is_utf8(env: impl Fn(&str) -> Option<String>) -> bool {
    let locale = ["LC_ALL", "LC_CTYPE", "LANG"]
        .into_iter()
        .find_map(|name| env(name).filter(|value| !value.is_empty()));
    let Some(locale) = locale else {
        return true;
    };
    let locale = locale.to_ascii_lowercase();
    locale.contains("utf-8") || locale.contains("utf8")
}

/// Rewrites every cell of `buffer` that is not ASCII. A wide character becomes one `?`; the cell
/// it covered is already blank, so the row keeps its width.
pub fn to_ascii(buffer: &mut Buffer) {
    for cell in &mut buffer.content {
        let symbol = cell.symbol();
        if !symbol.is_ascii() {
            let replacement = symbol.chars().next().map_or("?", ascii_for);
            cell.set_symbol(replacement);
        }
    }
}

/// The ASCII stand-in for a character.
fn ascii_for(c: char) -> &'static str {
    match c {
        '─' | '━' | '═' | '╌' | '╍' | '┄' | '┅' | '┈' | '┉' | '╴' | '╶' | '╸' | '╺' => {
            "-"
        }
        '│' | '┃' | '║' | '╎' | '╏' | '┆' | '┇' | '┊' | '┋' | '╵' | '╷' | '╹' | '╻' => {
            "|"
        }
        // The rest of the box-drawing block: corners, tees and crosses.
        '\u{2500}'..='\u{257f}' => "+",
        '▏' | '▕' | '▎' | '▍' | '▌' | '▐' => "|",
        '█' | '▓' | '▒' | '░' | '■' | '▮' => "#",
        '…' | '·' | '•' | '⋯' => ".",
        '●' | '◆' | '★' | '✱' => "*",
        '♥' | '❤' => "+",
        '↩' | '←' | '◀' | '‹' | '«' | '⟨' => "<",
        '→' | '▶' | '›' | '»' | '⟩' => ">",
        '↑' | '⇡' | '▲' => "^",
        '↓' | '▼' | '✓' | '✔' => "v",
        '—' | '–' | '‐' | '−' => "-",
        '×' => "x",
        '⚠' | '❗' => "!",
        '◌' => "o",
        _ => "?",
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use ratatui::layout::Rect;
    use ratatui::widgets::{Block, BorderType, Widget};

    fn env<'a>(pairs: &'a [(&'a str, &'a str)]) -> impl Fn(&str) -> Option<String> + 'a {
        move |name| {
            pairs
                .iter()
                .find(|(key, _)| *key == name)
                .map(|(_, value)| (*value).to_owned())
        }
    }

    #[test]
    fn the_first_set_locale_variable_decides() {
        assert!(locale_is_utf8(env(&[])));
        assert!(locale_is_utf8(env(&[("LANG", "en_GB.UTF-8")])));
        assert!(locale_is_utf8(env(&[("LANG", "C.utf8")])));
        assert!(!locale_is_utf8(env(&[("LANG", "C")])));
        assert!(!locale_is_utf8(env(&[("LANG", "en_US.ISO-8859-1")])));
        assert!(!locale_is_utf8(env(&[
            ("LC_ALL", "C"),
            ("LANG", "en_US.UTF-8")
        ])));
        assert!(locale_is_utf8(env(&[
            ("LC_ALL", ""),
            ("LC_CTYPE", "de_DE.UTF-8"),
            ("LANG", "C")
        ])));
        assert!(!locale_is_utf8(env(&[("LC_CTYPE", "POSIX")])));
    }

    #[test]
    fn a_rounded_border_becomes_plus_minus_and_bar() {
        let area = Rect::new(0, 0, 4, 3);
        let mut buffer = Buffer::empty(area);
        Block::bordered()
            .border_type(BorderType::Rounded)
            .render(area, &mut buffer);
        to_ascii(&mut buffer);
        assert_eq!(buffer, Buffer::with_lines(["+--+", "|  |", "+--+"]));
    }

    #[test]
    fn markers_get_look_alikes_and_other_text_a_question_mark() {
        let mut buffer = Buffer::empty(Rect::new(0, 0, 12, 1));
        buffer.set_string(0, 0, "● ♥ … 日x", ratatui::style::Style::default());
        to_ascii(&mut buffer);
        assert_eq!(buffer, Buffer::with_lines(["* + . ? x   "]));
    }
}
