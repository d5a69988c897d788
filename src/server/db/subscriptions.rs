//! Subscriptions: following users, topics and threads.

use rusqlite::{Connection, params};

use super::rows::{from_sql_id, to_sql_id};

/// What can be followed.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Target {
    User,
    Topic,
    Thread,
}

impl Target {
    /// Parses Yammer's `target_type` (`tag` is the legacy name for topics).
    pub fn parse(raw: &str) -> Option<Self> {
        match raw.trim().to_ascii_lowercase().as_str() {
            "user" => Some(Self::User),
            "topic" | "tag" => Some(Self::Topic),
            "thread" => Some(Self::Thread),
            _ => None,
        }
    }

    /// The stored name.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::User => "user",
            Self::Topic => "topic",
            Self::Thread => "thread",
        }
    }
}

/// Follows; false when already following.
pub fn follow(conn: &Connection, me: u64, target: Target, id: u64) -> rusqlite::Result<bool> {
    let added = conn
        .prepare_cached(
            "INSERT OR IGNORE INTO subscriptions (user_id, target_type, target_id) VALUES (?1, ?2, ?3)",
        )?
        .execute(params![to_sql_id(me), target.as_str(), to_sql_id(id)])?;
    Ok(added > 0)
}

/// Unfollows; false when not following.
pub fn unfollow(conn: &Connection, me: u64, target: Target, id: u64) -> rusqlite::Result<bool> {
    let removed = conn
        .prepare_cached(
            "DELETE FROM subscriptions WHERE user_id = ?1 AND target_type = ?2 AND target_id = ?3",
        )?
        .execute(params![to_sql_id(me), target.as_str(), to_sql_id(id)])?;
    Ok(removed > 0)
}

/// Whether `me` follows the target.
pub fn is_following(conn: &Connection, me: u64, target: Target, id: u64) -> rusqlite::Result<bool> {
    conn.prepare_cached(
        "SELECT 1 FROM subscriptions WHERE user_id = ?1 AND target_type = ?2 AND target_id = ?3",
    )?
    .exists(params![to_sql_id(me), target.as_str(), to_sql_id(id)])
}

/// The users `me` follows, in id order.
pub fn followed_user_ids(conn: &Connection, me: u64) -> rusqlite::Result<Vec<u64>> {
    let mut stmt = conn.prepare_cached(
        "SELECT target_id FROM subscriptions WHERE user_id = ?1 AND target_type = 'user'
         ORDER BY target_id",
    )?;
    let ids = stmt.query_map(params![to_sql_id(me)], |r| r.get(0).map(from_sql_id))?;
    ids.collect()
}
