//! Full-text-ish search for `search.json`: case-insensitive substring matches over message bodies
//! and people (name, title, department, expertise, interests), newest messages first.

use rusqlite::{Connection, params};

use super::messages::VISIBLE_TO_ME;
use super::rows::{Links, from_sql_id, to_sql_id};
use super::users;
use crate::api::dto::User;

/// Escapes `%`, `_` and `\` for a LIKE pattern with `ESCAPE '\'`.
pub fn escape_like(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        if matches!(c, '%' | '_' | '\\') {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

/// `%term%` as a LIKE pattern.
pub fn contains_pattern(term: &str) -> String {
    format!("%{}%", escape_like(term.trim()))
}

/// Ids of visible messages containing the pattern (newest first) and how many there are.
pub fn messages(
    conn: &Connection,
    me: u64,
    pattern: &str,
    limit: u64,
    offset: u64,
) -> rusqlite::Result<(Vec<u64>, u64)> {
    let ids_sql = format!(
        "SELECT m.id FROM messages m WHERE m.body_plain LIKE :pattern ESCAPE '\\' AND {VISIBLE_TO_ME}
         ORDER BY m.id DESC LIMIT :limit OFFSET :offset"
    );
    let mut stmt = conn.prepare_cached(&ids_sql)?;
    let ids: Vec<u64> = stmt
        .query_map(
            rusqlite::named_params! {
                ":pattern": pattern,
                ":me": to_sql_id(me),
                ":limit": i64::try_from(limit).unwrap_or(i64::MAX),
                ":offset": i64::try_from(offset).unwrap_or(i64::MAX),
            },
            |r| r.get(0).map(from_sql_id),
        )?
        .collect::<rusqlite::Result<_>>()?;
    let count_sql = format!(
        "SELECT count(*) FROM messages m WHERE m.body_plain LIKE :pattern ESCAPE '\\' AND {VISIBLE_TO_ME}"
    );
    let count: i64 = conn.prepare_cached(&count_sql)?.query_row(
        rusqlite::named_params! {":pattern": pattern, ":me": to_sql_id(me)},
        |r| r.get(0),
    )?;
    Ok((ids, u64::try_from(count).unwrap_or(0)))
}

const USER_MATCH: &str = "show_in_directory = 1 AND (username LIKE ?1 ESCAPE '\\'
    OR full_name LIKE ?1 ESCAPE '\\' OR job_title LIKE ?1 ESCAPE '\\'
    OR department LIKE ?1 ESCAPE '\\' OR expertise LIKE ?1 ESCAPE '\\'
    OR interests LIKE ?1 ESCAPE '\\' OR summary LIKE ?1 ESCAPE '\\')";

/// People in the directory matching the pattern, and how many there are.
pub fn people(
    conn: &Connection,
    links: &Links,
    pattern: &str,
    limit: u64,
    offset: u64,
) -> rusqlite::Result<(Vec<User>, u64)> {
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT id FROM users WHERE {USER_MATCH} ORDER BY updates DESC, username LIMIT ?2 OFFSET ?3"
    ))?;
    let ids: Vec<u64> = stmt
        .query_map(
            params![
                pattern,
                i64::try_from(limit).unwrap_or(i64::MAX),
                i64::try_from(offset).unwrap_or(i64::MAX)
            ],
            |r| r.get(0).map(from_sql_id),
        )?
        .collect::<rusqlite::Result<_>>()?;
    let count: i64 = conn
        .prepare_cached(&format!("SELECT count(*) FROM users WHERE {USER_MATCH}"))?
        .query_row(params![pattern], |r| r.get(0))?;
    let mut found = users::by_ids(conn, links, &ids)?;
    found.sort_by_key(|u| ids.iter().position(|id| *id == u.id));
    Ok((found, u64::try_from(count).unwrap_or(0)))
}
