//! `[notify]` in `config.toml`: how kring tells the terminal about a new mention, reply or
//! private message, and which of them it tells about.
//!
//! ```toml
//! [notify]
//! method = "auto"     # "auto" | "osc777" | "osc9" | "bell" | "off"
//! mentions = true
//! replies = true
//! direct = true
//! ```
//!
//! `auto` picks from the environment (`TERM_PROGRAM`, `LC_TERMINAL`, `TERM`, `VTE_VERSION`,
//! `WT_SESSION`) and falls back to the bell. Owns parsing and that choice; it must not write to
//! the terminal (the shell does) or decide when to notify (the core does).

use serde::Deserialize;

use crate::text::osc::NotifyEncoding;

/// `method = …`.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum NotifyMethod {
    /// Chosen from the terminal kring runs in.
    #[default]
    Auto,
    /// `OSC 777 ; notify ; title ; body` (urxvt, foot, VTE terminals, WezTerm, Ghostty).
    Osc777,
    /// `OSC 9 ; text` (iTerm2, kitty, WezTerm, Ghostty, Windows Terminal).
    Osc9,
    /// The terminal bell.
    Bell,
    /// No notifications at all.
    Off,
}

/// The `[notify]` table, defaults filled in.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct NotifyConfig {
    pub method: NotifyMethod,
    /// Someone mentioned the user.
    pub mentions: bool,
    /// Someone replied to the user's message.
    pub replies: bool,
    /// Someone sent the user a private message.
    pub direct: bool,
}

impl Default for NotifyConfig {
    fn default() -> Self {
        Self {
            method: NotifyMethod::Auto,
            mentions: true,
            replies: true,
            direct: true,
        }
    }
}

impl NotifyMethod {
    /// The sequence to use, `None` for `off`; `auto` reads the environment through `env`.
    pub fn resolve(self, env: impl Fn(&str) -> Option<String>) -> Option<NotifyEncoding> {
        match self {
            Self::Osc777 => Some(NotifyEncoding::Osc777),
            Self::Osc9 => Some(NotifyEncoding::Osc9),
            Self::Bell => Some(NotifyEncoding::Bell),
            Self::Off => None,
            Self::Auto => Some(detect(env)),
        }
    }
}

/// The notification the terminal most likely shows, from what it says about itself.
fn detect(env: impl Fn(&str) -> Option<String>) -> NotifyEncoding {
    let get = |name: &str| env(name).unwrap_or_default().to_ascii_lowercase();
    let program = get("TERM_PROGRAM");
    let outer = get("LC_TERMINAL");
    let term = get("TERM");
    let osc9 = ["iterm", "wezterm", "ghostty", "kitty"];
    if osc9
        .iter()
        .any(|t| program.contains(t) || outer.contains(t) || term.contains(t))
        || env("WT_SESSION").is_some()
    {
        NotifyEncoding::Osc9
    } else if term.starts_with("rxvt-unicode")
        || term.starts_with("foot")
        || env("VTE_VERSION").is_some()
    {
        NotifyEncoding::Osc777
    } else {
        NotifyEncoding::Bell
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn with(vars: &[(&str, &str)]) -> impl Fn(&str) -> Option<String> {
        let vars: Vec<(String, String)> = vars
            .iter()
            .map(|(k, v)| ((*k).to_owned(), (*v).to_owned()))
            .collect();
        move |name| vars.iter().find(|(k, _)| k == name).map(|(_, v)| v.clone())
    }

    #[test]
    fn auto_reads_the_terminal_and_falls_back_to_the_bell() {
        let auto = NotifyMethod::Auto;
        let iterm = with(&[("TERM_PROGRAM", "iTerm.app")]);
        assert_eq!(auto.resolve(iterm), Some(NotifyEncoding::Osc9));
        let tmux_in_iterm = with(&[("TERM_PROGRAM", "tmux"), ("LC_TERMINAL", "iTerm2")]);
        assert_eq!(auto.resolve(tmux_in_iterm), Some(NotifyEncoding::Osc9));
        let urxvt = with(&[("TERM", "rxvt-unicode-256color")]);
        assert_eq!(auto.resolve(urxvt), Some(NotifyEncoding::Osc777));
        let gnome = with(&[("TERM", "xterm-256color"), ("VTE_VERSION", "7600")]);
        assert_eq!(auto.resolve(gnome), Some(NotifyEncoding::Osc777));
        let plain = with(&[("TERM", "xterm-256color")]);
        assert_eq!(auto.resolve(plain), Some(NotifyEncoding::Bell));
        assert_eq!(NotifyMethod::Off.resolve(with(&[])), None);
        assert_eq!(
            NotifyMethod::Osc777.resolve(with(&[("TERM_PROGRAM", "iTerm.app")])),
            Some(NotifyEncoding::Osc777)
        );
    }
}
