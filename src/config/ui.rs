//! The `[ui]` table of `config.toml`: whether links in message text become terminal hyperlinks
//! (OSC 8) and whether kring takes the mouse. Owns parsing and defaults; must not look at the
//! environment (deciding what `auto` means is the hyperlink detection's job).

use serde::Deserialize;

/// `[ui] hyperlinks`: links in message text as clickable terminal hyperlinks.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Hyperlinks {
    /// On where the terminal is known to show them (the default).
    #[default]
    Auto,
    On,
    Off,
}

/// `[ui]`, with defaults filled in.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct UiConfig {
    pub hyperlinks: Hyperlinks,
    /// Wheel and clicks reach kring; off by default so the terminal's own selection works.
    pub mouse: bool,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hyperlinks_and_mouse_parse_with_defaults() {
        let ui: UiConfig = toml::from_str("").unwrap();
        assert_eq!(ui, UiConfig::default());
        assert_eq!(ui.hyperlinks, Hyperlinks::Auto);
        assert!(!ui.mouse);
        let ui: UiConfig = toml::from_str("hyperlinks = \"off\"\nmouse = true").unwrap();
        assert_eq!(ui.hyperlinks, Hyperlinks::Off);
        assert!(ui.mouse);
        assert!(toml::from_str::<UiConfig>("hyperlinks = \"maybe\"").is_err());
        assert!(toml::from_str::<UiConfig>("mouse_wheel = true").is_err());
    }
}
