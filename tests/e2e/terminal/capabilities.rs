//! What the terminal can do: `NO_COLOR` writes no colour and keeps the selection visible; 16
//! colours unless the terminal says more, and never true colour without `COLORTERM`;
//! `TERM=dumb` and no TTY end with one clear line, a non-zero exit and no escape sequence; a
//! non-UTF-8 locale gets ASCII only.
//!
//! The checks read the bytes the real binary wrote to its pty.

use crate::harness::pty::PtySession;
use crate::harness::terminal;

use std::process::{Command, Stdio};
use std::time::Duration;

use terminal::*;

const KRING: &str = env!("CARGO_BIN_EXE_kring");

/// Runs kring at 100×30 with `extra` environment until its first screen has settled.
fn settled_run(dirs: &KringDirs, extra: &[(&str, &str)]) -> PtySession {
    let env = dirs.env_with(extra);
    let run = PtySession::kring(&[], &borrowed(&env), 100, 30);
    run.wait_for("Timeline", START_TIMEOUT);
    run.wait_quiet(Duration::from_millis(500), ACT_TIMEOUT);
    run
}

/// The colours the SGR sequences in `bytes` use, walking each parameter list as a terminal does.
#[derive(Debug, Default)]
struct ColoursUsed {
    /// Any colour parameter at all (30–49, 90–107, 38/48/58 forms).
    any: bool,
    /// The highest palette index used through `38;5;N`/`48;5;N`/`58;5;N`.
    highest_index: Option<u16>,
    /// `38;2;R;G;B` and friends.
    true_colour: bool,
}

fn colours_used(bytes: &[u8]) -> ColoursUsed {
    let mut used = ColoursUsed::default();
    for params in sgr_sequences(bytes) {
        let mut rest = params.iter().copied();
        while let Some(param) = rest.next() {
            match param {
                38 | 48 | 58 => {
                    used.any = true;
                    match rest.next() {
                        Some(5) => {
                            let index = rest.next().unwrap_or(0);
                            used.highest_index = used.highest_index.max(Some(index));
                        }
                        Some(2) => {
                            used.true_colour = true;
                            rest.nth(2);
                        }
                        _ => {}
                    }
                }
                30..=49 | 90..=107 => used.any = true,
                _ => {}
            }
        }
    }
    used
}

#[test]
fn no_color_writes_no_colour_and_keeps_the_selection_visible() {
    let dirs = KringDirs::new();
    let run = settled_run(&dirs, &[("NO_COLOR", "1")]);
    let used = colours_used(&run.bytes());
    assert!(!used.any, "colour SGR under NO_COLOR: {used:?}");
    let selected = run.with_screen(|screen| {
        let (rows, cols) = screen.size();
        (0..rows.get()).any(|row| {
            (0..cols.get()).any(|col| {
                screen
                    .cell(row, col)
                    .is_some_and(|cell| cell.inverse() && cell.contents().trim() != "")
            })
        })
    });
    assert!(
        selected,
        "no text in reverse video marks the selection:\n{}",
        run.contents()
    );
}

#[test]
fn without_colorterm_a_plain_xterm_gets_the_16_colours() {
    let dirs = KringDirs::new();
    let run = settled_run(&dirs, &[("TERM", "xterm")]);
    let used = colours_used(&run.bytes());
    assert!(used.any, "the default theme is in colour");
    assert!(!used.true_colour, "{used:?}");
    assert!(
        used.highest_index.is_none_or(|index| index < 16),
        "{used:?}"
    );
}

#[test]
fn a_256_colour_terminal_without_colorterm_gets_no_true_colour() {
    let dirs = KringDirs::new();
    let run = settled_run(&dirs, &[("TERM", "xterm-256color")]);
    let used = colours_used(&run.bytes());
    assert!(used.any, "the default theme is in colour");
    assert!(!used.true_colour, "{used:?}");
}

#[test]
fn term_dumb_is_refused_with_one_line_and_no_escape() {
    let dirs = KringDirs::new();
    let env = dirs.env_with(&[("TERM", "dumb")]);
    let mut run = PtySession::kring(&[], &borrowed(&env), 100, 30);
    let status = run
        .wait_exit(START_TIMEOUT)
        .expect("kring refuses and exits");
    assert!(!status.success(), "{status:?}");
    run.wait_quiet(Duration::from_millis(200), ACT_TIMEOUT);
    let bytes = run.bytes();
    assert!(
        !bytes.contains(&0x1b),
        "escape sequences written: {bytes:?}"
    );
    let text = String::from_utf8_lossy(&bytes);
    assert_eq!(text.trim_end().lines().count(), 1, "{text}");
    assert!(text.contains("TERM=dumb"), "{text}");
}

#[test]
fn without_a_tty_kring_says_so_and_writes_no_escape() {
    let dirs = KringDirs::new();
    for stdin in [Stdio::null(), Stdio::piped()] {
        let output = Command::new(KRING)
            .env_clear()
            .envs(dirs.env())
            .env("TERM", "xterm-256color")
            .stdin(stdin)
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .output()
            .expect("run kring");
        assert!(!output.status.success(), "{:?}", output.status);
        assert!(output.stdout.is_empty(), "{:?}", output.stdout);
        assert!(!output.stderr.contains(&0x1b), "{:?}", output.stderr);
        let message = String::from_utf8_lossy(&output.stderr);
        assert_eq!(message.trim_end().lines().count(), 1, "{message}");
        assert!(message.contains("TTY"), "{message}");
    }
}

#[test]
fn a_c_locale_gets_only_ascii_on_screen() {
    for locale in [
        [("LC_ALL", "C"), ("LANG", "C.UTF-8")],
        [("LC_ALL", ""), ("LANG", "en_US.ISO-8859-1")],
    ] {
        let dirs = KringDirs::new();
        let run = settled_run(&dirs, &locale);
        let bytes = run.bytes();
        let foreign: Vec<char> = String::from_utf8_lossy(&bytes)
            .chars()
            .filter(|c| !c.is_ascii())
            .collect();
        assert!(foreign.is_empty(), "{locale:?}: {foreign:?}");
        let screen = run.contents();
        assert!(
            screen.contains("+-") && screen.contains('|'),
            "ASCII borders:\n{screen}"
        );
    }
}

#[test]
fn a_utf8_locale_keeps_the_box_drawing() {
    let dirs = KringDirs::new();
    let run = settled_run(&dirs, &[("LC_ALL", "en_GB.UTF-8")]);
    assert!(run.contents().contains('╭'), "{}", run.contents());
}
