//! User queries: one user, many by id, the directory listing (`users.json`), group members, lookup
//! by username and email. Rows become `dto::User` with live stats. Hidden people
//! (`show_in_directory = 0`) exist everywhere except the directory listing.

use rusqlite::{Connection, OptionalExtension, Row, params, params_from_iter};

use super::rows::{
    Links, NETWORK_ID, from_sql_id, id_values, phrases, placeholders, time, to_sql_id,
};
use crate::api::dto::{User, UserStats};

/// Users per page of `users.json` and `users/in_group`.
pub const USERS_PER_PAGE: u64 = 50;

const SELECT: &str = "SELECT u.id, u.username, u.full_name, u.email, u.job_title, u.department,
    u.location, u.expertise, u.interests, u.summary, u.activated_at, u.last_active_at,
    u.show_in_directory, u.guest, u.admin, u.updates,
    (SELECT count(*) FROM subscriptions s WHERE s.user_id = u.id AND s.target_type = 'user'),
    (SELECT count(*) FROM subscriptions s WHERE s.target_type = 'user' AND s.target_id = u.id),
    u.disabled
    FROM users u";

fn from_row(row: &Row<'_>, links: &Links) -> rusqlite::Result<User> {
    let id = from_sql_id(row.get(0)?);
    let following: i64 = row.get(16)?;
    let followers: i64 = row.get(17)?;
    let updates: i64 = row.get(15)?;
    let last_active: Option<i64> = row.get(11)?;
    Ok(User {
        id,
        kind: "user".to_owned(),
        network_id: Some(NETWORK_ID),
        // Yammer's word for a person who can no longer sign in.
        state: if row.get(18)? { "suspended" } else { "active" }.to_owned(),
        name: row.get(1)?,
        full_name: row.get(2)?,
        email: row.get(3)?,
        job_title: row.get(4)?,
        department: row.get(5)?,
        location: row.get(6)?,
        expertise: phrases(&row.get::<_, String>(7)?),
        interests: phrases(&row.get::<_, String>(8)?),
        summary: row.get(9)?,
        mugshot_url: String::new(),
        url: links.api(&format!("users/{id}")),
        web_url: links.web(&format!("users/{id}")),
        activated_at: time(row.get(10)?),
        stats: UserStats {
            following: u64::try_from(following).unwrap_or(0),
            followers: u64::try_from(followers).unwrap_or(0),
            updates: u64::try_from(updates).unwrap_or(0),
        },
        admin: row.get(14)?,
        show_in_directory: row.get(12)?,
        guest: row.get(13)?,
        last_active_at: last_active.map(time),
    })
}

/// One user.
pub fn get(conn: &Connection, links: &Links, id: u64) -> rusqlite::Result<Option<User>> {
    conn.prepare_cached(&format!("{SELECT} WHERE u.id = ?1"))?
        .query_row(params![to_sql_id(id)], |row| from_row(row, links))
        .optional()
}

/// The users with these ids, in id order (unknown ids are skipped).
pub fn by_ids(conn: &Connection, links: &Links, ids: &[u64]) -> rusqlite::Result<Vec<User>> {
    if ids.is_empty() {
        return Ok(Vec::new());
    }
    let sql = format!(
        "{SELECT} WHERE u.id IN ({}) ORDER BY u.id",
        placeholders(ids.len())
    );
    let mut stmt = conn.prepare(&sql)?;
    let users = stmt.query_map(params_from_iter(id_values(ids)), |row| from_row(row, links))?;
    users.collect()
}

/// Whether a user exists.
pub fn exists(conn: &Connection, id: u64) -> rusqlite::Result<bool> {
    conn.prepare_cached("SELECT 1 FROM users WHERE id = ?1")?
        .exists(params![to_sql_id(id)])
}

/// The id of the user with this username (case-insensitive).
pub fn id_by_username(conn: &Connection, username: &str) -> rusqlite::Result<Option<u64>> {
    conn.prepare_cached("SELECT id FROM users WHERE username = lower(?1)")?
        .query_row(params![username], |row| row.get(0).map(from_sql_id))
        .optional()
}

/// The user signing in as `name`: a username, or else an email address (both case-insensitive).
/// Disabled users cannot sign in, so they are not found.
pub fn id_by_sign_in_name(conn: &Connection, name: &str) -> rusqlite::Result<Option<u64>> {
    let by_name = conn
        .prepare_cached("SELECT id FROM users WHERE username = lower(?1) AND disabled = 0")?
        .query_row(params![name], |row| row.get(0).map(from_sql_id))
        .optional()?;
    if by_name.is_some() {
        return Ok(by_name);
    }
    conn.prepare_cached(
        "SELECT id FROM users WHERE email = lower(?1) AND disabled = 0 ORDER BY id LIMIT 1",
    )?
    .query_row(params![name], |row| row.get(0).map(from_sql_id))
    .optional()
}

/// Users with this email address (case-insensitive).
pub fn by_email(conn: &Connection, links: &Links, email: &str) -> rusqlite::Result<Vec<User>> {
    let mut stmt =
        conn.prepare_cached(&format!("{SELECT} WHERE u.email = lower(?1) ORDER BY u.id"))?;
    let users = stmt.query_map(params![email.trim()], |row| from_row(row, links))?;
    users.collect()
}

/// How `users.json` is ordered.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum UserSort {
    Username,
    Messages,
    Followers,
}

/// One page of the directory: only people shown in the directory.
pub fn directory(
    conn: &Connection,
    links: &Links,
    page: u64,
    sort: UserSort,
    reverse: bool,
    letter: Option<char>,
) -> rusqlite::Result<Vec<User>> {
    let (column, natural_desc) = match sort {
        UserSort::Username => ("u.username", false),
        UserSort::Messages => ("u.updates", true),
        UserSort::Followers => ("18", true),
    };
    let desc = natural_desc != reverse;
    let direction = if desc { "DESC" } else { "ASC" };
    let sql = format!(
        "{SELECT} WHERE u.show_in_directory = 1 AND (?1 IS NULL OR substr(u.username, 1, 1) = ?1)
         ORDER BY {column} {direction}, u.username ASC LIMIT ?2 OFFSET ?3"
    );
    let letter = letter.map(|c| c.to_lowercase().to_string());
    let offset = page.saturating_sub(1).saturating_mul(USERS_PER_PAGE);
    let mut stmt = conn.prepare_cached(&sql)?;
    let users = stmt.query_map(
        params![
            letter,
            USERS_PER_PAGE as i64,
            i64::try_from(offset).unwrap_or(i64::MAX)
        ],
        |row| from_row(row, links),
    )?;
    users.collect()
}

/// One page of a group's members and whether more exist.
pub fn in_group(
    conn: &Connection,
    links: &Links,
    group_id: u64,
    page: u64,
) -> rusqlite::Result<(Vec<User>, bool)> {
    let sql = format!(
        "{SELECT} JOIN group_members gm ON gm.user_id = u.id WHERE gm.group_id = ?1
         ORDER BY u.username LIMIT ?2 OFFSET ?3"
    );
    let offset = page.saturating_sub(1).saturating_mul(USERS_PER_PAGE);
    let mut stmt = conn.prepare_cached(&sql)?;
    let mut users: Vec<User> = stmt
        .query_map(
            params![
                to_sql_id(group_id),
                (USERS_PER_PAGE + 1) as i64,
                i64::try_from(offset).unwrap_or(i64::MAX)
            ],
            |row| from_row(row, links),
        )?
        .collect::<rusqlite::Result<_>>()?;
    let more = users.len() as u64 > USERS_PER_PAGE;
    users.truncate(USERS_PER_PAGE as usize);
    Ok((users, more))
}

/// Users whose username or full name starts with `prefix` (for autocomplete), busiest first.
pub fn with_prefix(
    conn: &Connection,
    links: &Links,
    prefix: &str,
    limit: u64,
) -> rusqlite::Result<Vec<User>> {
    let sql = format!(
        "{SELECT} WHERE u.show_in_directory = 1 AND (u.username LIKE ?1 ESCAPE '\\'
            OR u.full_name LIKE ?1 ESCAPE '\\' OR u.full_name LIKE ?2 ESCAPE '\\')
         ORDER BY u.updates DESC, u.username LIMIT ?3"
    );
    let escaped = super::rows::escape_like(prefix);
    let mut stmt = conn.prepare_cached(&sql)?;
    let users = stmt.query_map(
        params![format!("{escaped}%"), format!("% {escaped}%"), limit as i64],
        |row| from_row(row, links),
    )?;
    users.collect()
}
