//! The theme file schema: a style is either a colour string (foreground only) or a table
//! `{ fg, bg, bold, dim, italic, underlined, reversed, crossed_out }`; colours are palette names or
//! ratatui colour strings (`"red"`, `"light-blue"`, `"#7aa2f7"`, `"236"`, `"reset"`).
//!
//! Owns parsing and resolving one style; must not read files or know the search order.

use std::collections::BTreeMap;
use std::fmt;
use std::str::FromStr;

use ratatui::style::{Color, Modifier, Style};
use serde::Deserialize;
use serde::de::{self, MapAccess, Visitor};

use super::ThemeError;

/// One style as written in a file, before palette names are resolved.
#[derive(Clone, Debug, Default)]
pub(super) struct StyleSpec {
    fg: Option<String>,
    bg: Option<String>,
    modifiers: Vec<(Modifier, bool)>,
    /// The file this style came from (set after parsing), named in colour errors.
    pub(super) origin: String,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct StyleTable {
    fg: Option<String>,
    bg: Option<String>,
    bold: Option<bool>,
    dim: Option<bool>,
    italic: Option<bool>,
    underlined: Option<bool>,
    reversed: Option<bool>,
    crossed_out: Option<bool>,
}

impl From<StyleTable> for StyleSpec {
    fn from(table: StyleTable) -> Self {
        let modifiers = [
            (Modifier::BOLD, table.bold),
            (Modifier::DIM, table.dim),
            (Modifier::ITALIC, table.italic),
            (Modifier::UNDERLINED, table.underlined),
            (Modifier::REVERSED, table.reversed),
            (Modifier::CROSSED_OUT, table.crossed_out),
        ]
        .into_iter()
        .filter_map(|(modifier, on)| on.map(|on| (modifier, on)))
        .collect();
        Self {
            fg: table.fg,
            bg: table.bg,
            modifiers,
            origin: String::new(),
        }
    }
}

impl<'de> Deserialize<'de> for StyleSpec {
    fn deserialize<D: de::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct SpecVisitor;
        impl<'de> Visitor<'de> for SpecVisitor {
            type Value = StyleSpec;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(
                    "a colour string or a style table such as { fg = \"cyan\", bold = true }",
                )
            }
            fn visit_str<E: de::Error>(self, colour: &str) -> Result<StyleSpec, E> {
                Ok(StyleSpec {
                    fg: Some(colour.to_string()),
                    ..StyleSpec::default()
                })
            }
            fn visit_map<M: MapAccess<'de>>(self, map: M) -> Result<StyleSpec, M::Error> {
                StyleTable::deserialize(de::value::MapAccessDeserializer::new(map))
                    .map(StyleSpec::from)
            }
        }
        deserializer.deserialize_any(SpecVisitor)
    }
}

/// Resolves styles of a merged theme against its palette.
pub(super) struct StyleResolver<'a> {
    pub(super) palette: &'a BTreeMap<String, String>,
    /// The file the theme was asked for, named when a key is missing from the whole chain.
    pub(super) leaf_file: &'a str,
}

impl StyleResolver<'_> {
    pub(super) fn resolve(&self, key: &str, spec: Option<&StyleSpec>) -> Result<Style, ThemeError> {
        let spec = spec.ok_or_else(|| ThemeError::MissingKey {
            file: self.leaf_file.to_string(),
            key: key.to_string(),
        })?;
        let mut style = Style::default();
        if let Some(fg) = &spec.fg {
            style = style.fg(self.colour(spec, &format!("{key}.fg"), fg)?);
        }
        if let Some(bg) = &spec.bg {
            style = style.bg(self.colour(spec, &format!("{key}.bg"), bg)?);
        }
        for &(modifier, on) in &spec.modifiers {
            style = if on {
                style.add_modifier(modifier)
            } else {
                style.remove_modifier(modifier)
            };
        }
        Ok(style)
    }

    fn colour(&self, spec: &StyleSpec, key: &str, value: &str) -> Result<Color, ThemeError> {
        let text = self.palette.get(value).map_or(value, String::as_str);
        parse_colour(text).ok_or_else(|| ThemeError::BadColour {
            file: spec.origin.clone(),
            key: key.to_string(),
            value: value.to_string(),
        })
    }
}

pub(super) fn parse_colour(text: &str) -> Option<Color> {
    Color::from_str(text.trim()).ok()
}
