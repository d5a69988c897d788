//! What the terminal can show (`ColorSupport`, detected from `NO_COLOR`, `COLORTERM`, `TERM`) and
//! mapping truecolor and 256-colour values down to what it can show.
//!
//! Owns colour arithmetic only; reads the environment solely through the closure it is given.

use ratatui::style::{Color, Style};

/// How many colours the terminal can show.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum ColorSupport {
    /// `NO_COLOR` or `TERM=dumb`: modifiers only (bold, reverse, underline).
    NoColor,
    /// The 16 ANSI colours.
    Ansi16,
    /// The xterm 256-colour palette.
    Ansi256,
    /// 24-bit colour.
    TrueColor,
}

impl ColorSupport {
    /// Detects support from the environment, read through `env` (never `std::env` directly):
    /// `NO_COLOR` non-empty or `TERM=dumb` → `NoColor`; `COLORTERM` = `truecolor`/`24bit` →
    /// `TrueColor`; `TERM` containing `256color` → `Ansi256`; otherwise `Ansi16`.
    pub fn detect(env: impl Fn(&str) -> Option<String>) -> Self {
        let set = |name: &str| env(name).filter(|value| !value.is_empty());
        let term = set("TERM").unwrap_or_default();
        if set("NO_COLOR").is_some() || term == "dumb" {
            return Self::NoColor;
        }
        let colorterm = set("COLORTERM").unwrap_or_default().to_ascii_lowercase();
        if colorterm == "truecolor" || colorterm == "24bit" {
            return Self::TrueColor;
        }
        if term.contains("256color") {
            return Self::Ansi256;
        }
        Self::Ansi16
    }

    /// `colour` as this terminal can show it; `None` when colour is off.
    pub fn map_colour(self, colour: Color) -> Option<Color> {
        match (self, colour) {
            (Self::NoColor, _) => None,
            (Self::TrueColor, _) => Some(colour),
            (Self::Ansi256, Color::Rgb(r, g, b)) => Some(Color::Indexed(nearest_256(r, g, b))),
            (Self::Ansi256, _) => Some(colour),
            (Self::Ansi16, Color::Rgb(r, g, b)) => Some(nearest_16(r, g, b)),
            (Self::Ansi16, Color::Indexed(index)) => {
                let (r, g, b) = indexed_rgb(index);
                Some(if index < 16 {
                    ANSI_16[usize::from(index)].0
                } else {
                    nearest_16(r, g, b)
                })
            }
            (Self::Ansi16, _) => Some(colour),
        }
    }

    /// `style` with its colours mapped to this terminal; modifiers are kept.
    pub fn map_style(self, style: Style) -> Style {
        Style {
            fg: style.fg.and_then(|colour| self.map_colour(colour)),
            bg: style.bg.and_then(|colour| self.map_colour(colour)),
            underline_color: style
                .underline_color
                .and_then(|colour| self.map_colour(colour)),
            ..style
        }
    }
}

/// The 16 ANSI colours with xterm's default RGB values.
const ANSI_16: [(Color, (u8, u8, u8)); 16] = [
    (Color::Black, (0, 0, 0)),
    (Color::Red, (205, 0, 0)),
    (Color::Green, (0, 205, 0)),
    (Color::Yellow, (205, 205, 0)),
    (Color::Blue, (0, 0, 238)),
    (Color::Magenta, (205, 0, 205)),
    (Color::Cyan, (0, 205, 205)),
    (Color::Gray, (229, 229, 229)),
    (Color::DarkGray, (127, 127, 127)),
    (Color::LightRed, (255, 0, 0)),
    (Color::LightGreen, (0, 255, 0)),
    (Color::LightYellow, (255, 255, 0)),
    (Color::LightBlue, (92, 92, 255)),
    (Color::LightMagenta, (255, 0, 255)),
    (Color::LightCyan, (0, 255, 255)),
    (Color::White, (255, 255, 255)),
];

/// The channel levels of xterm's 6×6×6 colour cube (indices 16..=231).
const CUBE_LEVELS: [u8; 6] = [0, 95, 135, 175, 215, 255];

/// Squared distance weighted for the eye's sensitivity (green most, blue least).
fn distance((r1, g1, b1): (u8, u8, u8), (r2, g2, b2): (u8, u8, u8)) -> u32 {
    let delta = |a: u8, b: u8| u32::from(a.abs_diff(b)).pow(2);
    2 * delta(r1, r2) + 4 * delta(g1, g2) + 3 * delta(b1, b2)
}

/// The nearest of the 16 ANSI colours.
pub fn nearest_16(r: u8, g: u8, b: u8) -> Color {
    ANSI_16
        .iter()
        .min_by_key(|(_, rgb)| distance(*rgb, (r, g, b)))
        .map_or(Color::Reset, |(colour, _)| *colour)
}

/// The nearest index in the xterm 256-colour palette's cube (16..=231) or grey ramp (232..=255).
/// The first 16 are skipped because terminals remap them.
pub fn nearest_256(r: u8, g: u8, b: u8) -> u8 {
    let level = |channel: u8| -> usize {
        (0..CUBE_LEVELS.len())
            .min_by_key(|&i| CUBE_LEVELS[i].abs_diff(channel))
            .unwrap_or(0)
    };
    let (ri, gi, bi) = (level(r), level(g), level(b));
    let cube_index = 16 + 36 * ri + 6 * gi + bi;
    let cube_rgb = (CUBE_LEVELS[ri], CUBE_LEVELS[gi], CUBE_LEVELS[bi]);

    let mean = (u32::from(r) + u32::from(g) + u32::from(b)) / 3;
    let grey_step = (mean.saturating_sub(8) + 5) / 10;
    let grey_step = grey_step.min(23);
    let grey_level = u8::try_from(8 + 10 * grey_step).unwrap_or(u8::MAX);
    let grey_index = 232 + grey_step as usize;

    let target = (r, g, b);
    let best =
        if distance((grey_level, grey_level, grey_level), target) < distance(cube_rgb, target) {
            grey_index
        } else {
            cube_index
        };
    u8::try_from(best).unwrap_or(u8::MAX)
}

/// The RGB value xterm uses for a 256-palette index.
pub fn indexed_rgb(index: u8) -> (u8, u8, u8) {
    match index {
        0..=15 => ANSI_16[usize::from(index)].1,
        16..=231 => {
            let offset = usize::from(index - 16);
            (
                CUBE_LEVELS[offset / 36],
                CUBE_LEVELS[(offset / 6) % 6],
                CUBE_LEVELS[offset % 6],
            )
        }
        _ => {
            let level = 8 + 10 * (index - 232);
            (level, level, level)
        }
    }
}
