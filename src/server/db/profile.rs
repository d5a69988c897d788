//! Changing one's own profile (`PUT users/current`): expertise, interests and summary, and
//! whether the directory lists you (`show_in_directory`; hidden people stay out of the
//! directory listing, people search and autocomplete, and so out of every expertise ranking
//! built from them). Only the fields given change. Who may change a profile is the handler's
//! rule (the caller, their own); this module only writes.

use rusqlite::{Connection, params};

use super::rows::to_sql_id;

/// Longest summary kept, in characters.
pub const MAX_SUMMARY: usize = 2_000;
/// Most expertise tags or interests kept, and the longest of one.
pub const MAX_TAGS: usize = 30;
pub const MAX_TAG: usize = 80;

/// What a `PUT users/current` changes; `None` leaves a field as it is.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ProfileChange {
    pub expertise: Option<Vec<String>>,
    pub interests: Option<Vec<String>>,
    pub summary: Option<String>,
    pub show_in_directory: Option<bool>,
}

/// A field that does not fit.
#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub enum ProfileError {
    #[error("{0}: at most {MAX_TAGS} entries of at most {MAX_TAG} characters each")]
    TooManyTags(&'static str),
    #[error("summary: at most {MAX_SUMMARY} characters")]
    SummaryTooLong,
}

/// Tags from the values given: each may hold several, comma-separated; blanks and repeats go.
pub fn tags(field: &'static str, values: &[String]) -> Result<Vec<String>, ProfileError> {
    let mut out: Vec<String> = Vec::new();
    for tag in values.iter().flat_map(|v| v.split(',')).map(str::trim) {
        if tag.is_empty() || out.iter().any(|t| t.eq_ignore_ascii_case(tag)) {
            continue;
        }
        if tag.chars().count() > MAX_TAG {
            return Err(ProfileError::TooManyTags(field));
        }
        out.push(tag.to_owned());
    }
    if out.len() > MAX_TAGS {
        return Err(ProfileError::TooManyTags(field));
    }
    Ok(out)
}

/// Checks a summary's length.
pub fn summary(text: &str) -> Result<String, ProfileError> {
    let text = text.trim();
    if text.chars().count() > MAX_SUMMARY {
        return Err(ProfileError::SummaryTooLong);
    }
    Ok(text.to_owned())
}

/// Writes `change` to user `id`'s row.
pub fn apply(conn: &Connection, id: u64, change: &ProfileChange) -> rusqlite::Result<()> {
    let joined = |t: &Option<Vec<String>>| t.as_ref().map(|t| t.join(", "));
    conn.execute(
        "UPDATE users SET
            expertise = coalesce(?2, expertise),
            interests = coalesce(?3, interests),
            summary = coalesce(?4, summary),
            show_in_directory = coalesce(?5, show_in_directory)
         WHERE id = ?1",
        params![
            to_sql_id(id),
            joined(&change.expertise),
            joined(&change.interests),
            change.summary,
            change.show_in_directory,
        ],
    )?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tags_split_on_commas_and_drop_blanks_and_repeats() {
        let given = vec![
            "rust, Postgres".to_owned(),
            " ".to_owned(),
            "postgres".to_owned(),
        ];
        assert_eq!(
            tags("expertise", &given),
            Ok(vec!["rust".to_owned(), "Postgres".to_owned()])
        );
        let long = vec!["x".repeat(MAX_TAG + 1)];
        assert_eq!(
            tags("interests", &long),
            Err(ProfileError::TooManyTags("interests"))
        );
        assert!(summary(&"y".repeat(MAX_SUMMARY + 1)).is_err());
    }
}
