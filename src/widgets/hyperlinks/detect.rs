//! Whether to emit OSC 8 hyperlinks: `[ui] hyperlinks` and, for `auto`, the terminal as the
//! environment names it. Conservative: on only for terminals known to show OSC 8 links and
//! inside tmux only when tmux says it passes them on; anything unknown is off. Owns the
//! decision; must not print anything (the tmux question is asked by the caller's closure).

use std::process::{Command, Stdio};

use crate::config::ui::Hyperlinks;

/// `TERM_PROGRAM` values of terminals that show OSC 8 links.
const KNOWN_PROGRAMS: &[&str] = &["iTerm.app", "WezTerm", "vscode", "ghostty"];
/// The VTE release (0.50, as `VTE_VERSION` 5000) that added OSC 8.
const VTE_WITH_LINKS: u32 = 5000;

/// Whether links are emitted: `on` and `off` as said; `auto` asks [`terminal_shows_links`].
pub fn hyperlinks_enabled(
    setting: Hyperlinks,
    env: impl Fn(&str) -> Option<String>,
    tmux_features: impl FnOnce() -> Option<String>,
) -> bool {
    match setting {
        Hyperlinks::On => true,
        Hyperlinks::Off => false,
        Hyperlinks::Auto => terminal_shows_links(env, tmux_features),
    }
}

/// Whether the terminal named by the environment is known to show OSC 8 hyperlinks. Inside
/// tmux (`TMUX` set) only tmux knows what the outer terminal can do: `tmux_features` is the
/// client's `#{client_termfeatures}`, which lists `hyperlinks` when tmux passes them on.
pub fn terminal_shows_links(
    env: impl Fn(&str) -> Option<String>,
    tmux_features: impl FnOnce() -> Option<String>,
) -> bool {
    let set = |name: &str| env(name).filter(|value| !value.is_empty());
    if set("TMUX").is_some() {
        return tmux_features()
            .is_some_and(|features| features.split(',').any(|f| f.trim() == "hyperlinks"));
    }
    let term = set("TERM").unwrap_or_default();
    if term.is_empty() || term == "dumb" || term.starts_with("screen") {
        return false;
    }
    let program = set("TERM_PROGRAM").unwrap_or_default();
    let vte = set("VTE_VERSION")
        .and_then(|v| v.trim().parse::<u32>().ok())
        .is_some_and(|v| v >= VTE_WITH_LINKS);
    KNOWN_PROGRAMS.contains(&program.as_str())
        || vte
        || set("KITTY_WINDOW_ID").is_some()
        || set("WT_SESSION").is_some()
        || term == "xterm-kitty"
        || term == "alacritty"
        || term == "foot"
        || term.starts_with("foot-")
        || term == "wezterm"
}

/// Asks the tmux server kring runs under for its client's terminal features (tmux 3.2+), with
/// only the variables tmux needs to find its server: never the rest of kring's environment.
pub fn ask_tmux_features() -> Option<String> {
    let mut command = Command::new("tmux");
    command
        .args(["display-message", "-p", "#{client_termfeatures}"])
        .env_clear()
        .stdin(Stdio::null())
        .stderr(Stdio::null());
    for name in ["PATH", "TMUX", "TMUX_PANE", "TMUX_TMPDIR", "HOME"] {
        if let Some(value) = std::env::var_os(name) {
            command.env(name, value);
        }
    }
    let output = command.output().ok()?;
    output
        .status
        .success()
        .then(|| String::from_utf8_lossy(&output.stdout).trim().to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn env<'a>(pairs: &'a [(&'a str, &'a str)]) -> impl Fn(&str) -> Option<String> + 'a {
        move |name| {
            pairs
                .iter()
                .find(|(key, _)| *key == name)
                .map(|(_, value)| (*value).to_owned())
        }
    }

    fn never_asked() -> Option<String> {
        panic!("tmux was asked outside tmux")
    }

    #[test]
    fn known_terminals_show_links() {
        for pairs in [
            &[("TERM", "xterm-256color"), ("TERM_PROGRAM", "iTerm.app")][..],
            &[("TERM", "xterm-256color"), ("TERM_PROGRAM", "WezTerm")],
            &[("TERM", "xterm-256color"), ("TERM_PROGRAM", "vscode")],
            &[("TERM", "xterm-ghostty"), ("TERM_PROGRAM", "ghostty")],
            &[("TERM", "xterm-256color"), ("VTE_VERSION", "6003")],
            &[("TERM", "xterm-kitty")],
            &[("TERM", "xterm-256color"), ("KITTY_WINDOW_ID", "1")],
            &[("TERM", "foot")],
            &[("TERM", "foot-extra")],
            &[("TERM", "alacritty")],
        ] {
            assert!(terminal_shows_links(env(pairs), never_asked), "{pairs:?}");
        }
    }

    #[test]
    fn unknown_or_old_terminals_do_not() {
        for pairs in [
            &[][..],
            &[("TERM", "xterm-256color")],
            &[("TERM", "dumb"), ("TERM_PROGRAM", "vscode")],
            &[("TERM", "xterm-256color"), ("VTE_VERSION", "4803")],
            &[("TERM", "xterm-256color"), ("VTE_VERSION", "new")],
            &[("TERM", "screen-256color"), ("VTE_VERSION", "6003")],
            &[("TERM", "linux")],
            &[
                ("TERM", "xterm-256color"),
                ("TERM_PROGRAM", "Apple_Terminal"),
            ],
        ] {
            assert!(!terminal_shows_links(env(pairs), never_asked), "{pairs:?}");
        }
    }

    #[test]
    fn inside_tmux_only_what_tmux_passes_on() {
        let pairs = [
            ("TERM", "tmux-256color"),
            ("TMUX", "/tmp/tmux-1000/default,1,0"),
            ("TERM_PROGRAM", "WezTerm"),
        ];
        let with = || Some("256,RGB,title,hyperlinks,usstyle".to_owned());
        assert!(terminal_shows_links(env(&pairs), with));
        let without = || Some("256,RGB,title".to_owned());
        assert!(!terminal_shows_links(env(&pairs), without));
        assert!(!terminal_shows_links(env(&pairs), || None));
    }

    #[test]
    fn on_and_off_are_not_second_guessed() {
        let dumb = [("TERM", "dumb")];
        assert!(hyperlinks_enabled(Hyperlinks::On, env(&dumb), never_asked));
        let kitty = [("TERM", "xterm-kitty")];
        assert!(!hyperlinks_enabled(
            Hyperlinks::Off,
            env(&kitty),
            never_asked
        ));
        assert!(hyperlinks_enabled(
            Hyperlinks::Auto,
            env(&kitty),
            never_asked
        ));
        assert!(!hyperlinks_enabled(
            Hyperlinks::Auto,
            env(&dumb),
            never_asked
        ));
    }
}
