//! Choosing one community from the command line: `--community` names it by id, by name (any
//! case) or by a unique start of its name; anything else is a usage error that says why.

use crate::api::dto::Group;
use crate::launch::error::LaunchError;

/// The community `wanted` names: its id, or its name (any case; a unique start of one will do).
pub fn pick<'a>(groups: &'a [Group], wanted: &str) -> Result<&'a Group, LaunchError> {
    let wanted = wanted.trim();
    if let Ok(id) = wanted.parse::<u64>()
        && let Some(group) = groups.iter().find(|g| g.id == id)
    {
        return Ok(group);
    }
    let lower = wanted.to_lowercase();
    let exact: Vec<&Group> = groups
        .iter()
        .filter(|g| g.display_name().to_lowercase() == lower || g.name.to_lowercase() == lower)
        .collect();
    if let [one] = exact[..] {
        return Ok(one);
    }
    let starts: Vec<&Group> = groups
        .iter()
        .filter(|g| g.display_name().to_lowercase().starts_with(&lower))
        .collect();
    match starts[..] {
        [one] => Ok(one),
        [] => Err(LaunchError::Usage(format!(
            "no community is called {wanted:?} (`kring health` lists them)"
        ))),
        _ => Err(LaunchError::Usage(format!(
            "{wanted:?} could be {}: say which",
            starts
                .iter()
                .map(|g| g.display_name())
                .collect::<Vec<_>>()
                .join(", ")
        ))),
    }
}
