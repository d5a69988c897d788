//! Finds theme files (user directory first, then the embedded ones), follows `inherits` with a
//! cycle check, merges the chain and resolves it into a [`Theme`].
//!
//! Owns the search order and inheritance; must not map colours to the terminal (that is
//! `colour_support`) or know about views.

use std::path::{Path, PathBuf};

use super::spec::StyleResolver;
use super::theme_file::ThemeFile;
use super::{BUILTIN_THEMES, Theme, ThemeError};
use crate::config::source_location::describe_toml_error;

/// Where one theme file came from.
#[derive(Clone, Debug, PartialEq, Eq)]
enum ThemeSource {
    User(PathBuf),
    Builtin(&'static str),
}

impl ThemeSource {
    fn display(&self) -> String {
        match self {
            Self::User(path) => path.display().to_string(),
            Self::Builtin(name) => format!("themes/{name}.toml (built in)"),
        }
    }
}

/// Loads a shipped theme by name, ignoring user files.
pub(super) fn load_builtin(name: &str) -> Result<Theme, ThemeError> {
    load_theme(name, None)
}

/// Loads `name` with its whole `inherits` chain.
pub(super) fn load_theme(name: &str, user_dir: Option<&Path>) -> Result<Theme, ThemeError> {
    let leaf = locate(name, user_dir, true)?;
    let leaf_file = leaf.display();
    let mut chain: Vec<(String, ThemeSource)> = vec![(name.to_string(), leaf.clone())];
    let mut files: Vec<ThemeFile> = Vec::new();
    let mut current = leaf;
    loop {
        let origin = current.display();
        let mut file = parse(&current, &origin)?;
        file.prepare(&origin)?;
        let parent = file.inherits.clone();
        files.push(file);
        let Some(parent) = parent else { break };
        // A user theme may extend the shipped theme of the same name (`default.toml` with
        // `inherits = "default"`), so that lookup skips the user directory.
        let current_name = chain
            .last()
            .map(|(name, _)| name.as_str())
            .unwrap_or_default();
        let allow_user = !(matches!(current, ThemeSource::User(_)) && parent == current_name);
        let next = locate(&parent, user_dir, allow_user)?;
        if chain.iter().any(|(_, source)| *source == next) {
            let mut names: Vec<&str> = chain.iter().map(|(name, _)| name.as_str()).collect();
            names.push(&parent);
            return Err(ThemeError::Cycle {
                file: origin,
                chain: names.join(" → "),
            });
        }
        chain.push((parent, next.clone()));
        current = next;
    }
    let merged = files
        .into_iter()
        .rev()
        .reduce(|parent, child| child.over(parent))
        .unwrap_or_default();
    resolve(name, &merged, &leaf_file)
}

fn locate(
    name: &str,
    user_dir: Option<&Path>,
    allow_user: bool,
) -> Result<ThemeSource, ThemeError> {
    let valid = !name.is_empty()
        && name
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_');
    if !valid {
        return Err(ThemeError::InvalidName {
            name: name.to_string(),
        });
    }
    if allow_user && let Some(dir) = user_dir {
        let path = dir.join(format!("{name}.toml"));
        if path.is_file() {
            return Ok(ThemeSource::User(path));
        }
    }
    BUILTIN_THEMES
        .iter()
        .find(|(builtin, _)| *builtin == name)
        .map(|(builtin, _)| ThemeSource::Builtin(builtin))
        .ok_or_else(|| ThemeError::NotFound {
            name: name.to_string(),
            searched: user_dir.map_or_else(
                || "no user theme directory".to_string(),
                |dir| dir.display().to_string(),
            ),
            builtin: BUILTIN_THEMES
                .iter()
                .map(|(name, _)| *name)
                .collect::<Vec<_>>()
                .join(", "),
        })
}

fn parse(source: &ThemeSource, origin: &str) -> Result<ThemeFile, ThemeError> {
    let text = match source {
        ThemeSource::User(path) => {
            std::fs::read_to_string(path).map_err(|source| ThemeError::Io {
                file: origin.to_string(),
                source,
            })?
        }
        ThemeSource::Builtin(name) => BUILTIN_THEMES
            .iter()
            .find(|(builtin, _)| builtin == name)
            .map(|(_, text)| (*text).to_string())
            .unwrap_or_default(),
    };
    toml::from_str(&text).map_err(|error| ThemeError::Syntax {
        file: origin.to_string(),
        detail: describe_toml_error(&text, &error),
    })
}

fn resolve(name: &str, merged: &ThemeFile, leaf_file: &str) -> Result<Theme, ThemeError> {
    let resolver = StyleResolver {
        palette: &merged.palette,
        leaf_file,
    };
    Ok(Theme {
        name: name.to_string(),
        base: merged.base.resolve(&resolver)?,
        communities: merged.communities.resolve(&resolver)?,
        timeline: merged.timeline.resolve(&resolver)?,
        thread: merged.thread.resolve(&resolver)?,
        people: merged.people.resolve(&resolver)?,
        compose: merged.compose.resolve(&resolver)?,
        status: merged.status.resolve(&resolver)?,
        invisible_marker: resolver.resolve("invisible_marker", merged.invisible_marker.as_ref())?,
    })
}
