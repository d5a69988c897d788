//! Likes: liking and unliking (keeping the message's like counter in step), which of a page's
//! messages a user liked, and who liked them.

use rusqlite::{Connection, params, params_from_iter};

use super::rows::{from_sql_id, id_values, placeholders, to_sql_id};

/// Likes a message; false when it was already liked.
pub fn like(conn: &Connection, message: u64, user: u64, at: i64) -> rusqlite::Result<bool> {
    let added = conn
        .prepare_cached(
            "INSERT OR IGNORE INTO likes (message_id, user_id, created_at) VALUES (?1, ?2, ?3)",
        )?
        .execute(params![to_sql_id(message), to_sql_id(user), at])?;
    if added > 0 {
        conn.prepare_cached("UPDATE messages SET like_count = like_count + 1 WHERE id = ?1")?
            .execute(params![to_sql_id(message)])?;
    }
    Ok(added > 0)
}

/// Unlikes a message; false when it was not liked.
pub fn unlike(conn: &Connection, message: u64, user: u64) -> rusqlite::Result<bool> {
    let removed = conn
        .prepare_cached("DELETE FROM likes WHERE message_id = ?1 AND user_id = ?2")?
        .execute(params![to_sql_id(message), to_sql_id(user)])?;
    if removed > 0 {
        conn.prepare_cached(
            "UPDATE messages SET like_count = max(0, like_count - 1) WHERE id = ?1",
        )?
        .execute(params![to_sql_id(message)])?;
    }
    Ok(removed > 0)
}

/// Which of `messages` the user liked.
pub fn liked_among(conn: &Connection, user: u64, messages: &[u64]) -> rusqlite::Result<Vec<u64>> {
    if messages.is_empty() {
        return Ok(Vec::new());
    }
    let sql = format!(
        "SELECT message_id FROM likes WHERE user_id = ? AND message_id IN ({}) ORDER BY message_id DESC",
        placeholders(messages.len())
    );
    let mut values = id_values(&[user]);
    values.extend(id_values(messages));
    let mut stmt = conn.prepare(&sql)?;
    let ids = stmt.query_map(params_from_iter(values), |r| r.get(0).map(from_sql_id))?;
    ids.collect()
}

/// One like, with the liker's names.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Liker {
    pub message_id: u64,
    pub user_id: u64,
    pub full_name: String,
    pub username: String,
}

/// Everyone who liked these messages, most recent like first.
pub fn likers(conn: &Connection, messages: &[u64]) -> rusqlite::Result<Vec<Liker>> {
    if messages.is_empty() {
        return Ok(Vec::new());
    }
    let sql = format!(
        "SELECT l.message_id, l.user_id, u.full_name, u.username FROM likes l
         JOIN users u ON u.id = l.user_id WHERE l.message_id IN ({})
         ORDER BY l.created_at DESC, l.user_id",
        placeholders(messages.len())
    );
    let mut stmt = conn.prepare(&sql)?;
    let rows = stmt.query_map(params_from_iter(id_values(messages)), |r| {
        Ok(Liker {
            message_id: from_sql_id(r.get(0)?),
            user_id: from_sql_id(r.get(1)?),
            full_name: r.get(2)?,
            username: r.get(3)?,
        })
    })?;
    rows.collect()
}
