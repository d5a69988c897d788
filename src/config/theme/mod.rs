//! Themes: typed ratatui `Style`s for every visual role, loaded from `themes/*.toml` (embedded)
//! or the user's `<config dir>/themes/<name>.toml`, with `inherits`, and mapped to what the
//! terminal can show (`NO_COLOR`, 16, 256 or truecolor).
//!
//! Views read fields such as `theme.timeline.author`; they must never hold colour literals, and
//! this module must never draw.

mod colour_support;
mod load;
mod sections;
mod spec;
mod theme_file;

use std::path::Path;

use ratatui::style::{Modifier, Style};

pub use colour_support::{ColorSupport, indexed_rgb, nearest_16, nearest_256};
pub use sections::{
    BaseStyles, CommunityStyles, ComposeStyles, PeopleStyles, StatusStyles, ThreadStyles,
    TimelineStyles,
};

/// The shipped themes, embedded: (name, file text).
pub const BUILTIN_THEMES: &[(&str, &str)] = &[
    ("default", include_str!("../../../themes/default.toml")),
    ("light", include_str!("../../../themes/light.toml")),
    (
        "high-contrast",
        include_str!("../../../themes/high-contrast.toml"),
    ),
    ("mono", include_str!("../../../themes/mono.toml")),
];

/// The theme used when colour is off (`NO_COLOR`, `TERM=dumb`).
pub const NO_COLOR_THEME: &str = "mono";

/// Every style the views use, grouped by where it appears.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Theme {
    pub name: String,
    pub base: BaseStyles,
    pub communities: CommunityStyles,
    pub timeline: TimelineStyles,
    pub thread: ThreadStyles,
    pub people: PeopleStyles,
    pub compose: ComposeStyles,
    pub status: StatusStyles,
    /// Marks where invisible or control characters were removed from untrusted text.
    pub invisible_marker: Style,
}

/// A theme that cannot be loaded. The text names the file and, where it applies, the key.
#[derive(Debug, thiserror::Error)]
pub enum ThemeError {
    #[error("theme name `{name}` is not allowed (use letters, digits, `-` and `_`)")]
    InvalidName { name: String },
    #[error("no theme named `{name}` (looked in {searched} and the built-in themes: {builtin})")]
    NotFound {
        name: String,
        searched: String,
        builtin: String,
    },
    #[error("{file}: cannot read: {source}")]
    Io {
        file: String,
        source: std::io::Error,
    },
    #[error("{file}{detail}")]
    Syntax { file: String, detail: String },
    #[error("{file}: `inherits` forms a cycle: {chain}")]
    Cycle { file: String, chain: String },
    #[error(
        "{file}: {key} = \"{value}\" is not a colour (a palette name, a colour name such as \"light-blue\", \"#rrggbb\", or 0-255)"
    )]
    BadColour {
        file: String,
        key: String,
        value: String,
    },
    #[error("{file}: palette.{name}: a palette name must not be a colour name or number")]
    PaletteShadowsColour { file: String, name: String },
    #[error("{file}: missing key {key} (set it, or add `inherits = \"default\"`)")]
    MissingKey { file: String, key: String },
}

impl Default for Theme {
    fn default() -> Self {
        Self::builtin_default()
    }
}

impl Theme {
    /// The shipped default theme, without any I/O.
    pub fn builtin_default() -> Self {
        // The embedded default is checked by the theme tests; should it ever fail to parse, fall
        // back to a colourless theme rather than panic.
        load::load_builtin("default").unwrap_or_else(|_| Self::unstyled("default"))
    }

    /// Loads theme `name` (the user's `themes/<name>.toml` first, then the shipped ones), applying
    /// `inherits` and mapping colours to `color`. With `ColorSupport::NoColor` the `mono` theme is
    /// used whatever `name` says.
    pub fn load(
        name: &str,
        user_theme_dir: Option<&Path>,
        color: ColorSupport,
    ) -> Result<Self, ThemeError> {
        let name = if color == ColorSupport::NoColor {
            NO_COLOR_THEME
        } else {
            name
        };
        let mut theme = load::load_theme(name, user_theme_dir)?;
        theme.map_colours(color);
        Ok(theme)
    }

    /// Maps every colour to what the terminal can show (see [`ColorSupport::map_colour`]).
    pub fn map_colours(&mut self, color: ColorSupport) {
        self.for_each_style_mut(&mut |style| *style = color.map_style(*style));
    }

    /// A theme with no colours, where selection is still visible through reverse video.
    pub fn unstyled(name: &str) -> Self {
        let mut theme = Self {
            name: name.to_string(),
            base: BaseStyles::default(),
            communities: CommunityStyles::default(),
            timeline: TimelineStyles::default(),
            thread: ThreadStyles::default(),
            people: PeopleStyles::default(),
            compose: ComposeStyles::default(),
            status: StatusStyles::default(),
            invisible_marker: Style::default().add_modifier(Modifier::REVERSED),
        };
        theme.base.selection = Style::default().add_modifier(Modifier::REVERSED);
        theme.base.border_focused = Style::default().add_modifier(Modifier::BOLD);
        theme
    }

    fn for_each_style_mut(&mut self, apply: &mut impl FnMut(&mut Style)) {
        self.base.for_each_mut(apply);
        self.communities.for_each_mut(apply);
        self.timeline.for_each_mut(apply);
        self.thread.for_each_mut(apply);
        self.people.for_each_mut(apply);
        self.compose.for_each_mut(apply);
        self.status.for_each_mut(apply);
        apply(&mut self.invisible_marker);
    }
}
