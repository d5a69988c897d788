//! What each user has seen of the feeds that report unseen counts (`networks/current`): a mark
//! per user and feed, the newest message id a first page of that feed showed them. Marks only
//! move forward. Without a mark, the user's own newest message stands in for one: whoever wrote
//! at some point had seen the network up to then (not for notifications: until read, all count). Counting is in `feeds::unseen_after`.

use rusqlite::{Connection, OptionalExtension, params};

use super::rows::{opt_id, to_sql_id};

/// The feeds marks are kept for.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SeenFeed {
    /// `messages/my_feed`.
    Home,
    /// `messages/received` (the inbox).
    Inbox,
    /// `messages/private`.
    Private,
    /// `streams/notifications`: what the caller's notifications last showed them.
    Notifications,
}

impl SeenFeed {
    const fn key(self) -> &'static str {
        match self {
            Self::Home => "my_feed",
            Self::Inbox => "received",
            Self::Private => "private",
            Self::Notifications => "notifications",
        }
    }
}

/// Moves `user`'s mark of `feed` forward to `message_id` (never back).
pub fn mark(conn: &Connection, user: u64, feed: SeenFeed, message_id: u64) -> rusqlite::Result<()> {
    conn.prepare_cached(
        "INSERT INTO seen_marks (user_id, feed, message_id) VALUES (?1, ?2, ?3)
         ON CONFLICT (user_id, feed) DO UPDATE SET message_id = max(message_id, excluded.message_id)",
    )?
    .execute(params![to_sql_id(user), feed.key(), to_sql_id(message_id)])?;
    Ok(())
}

/// `user`'s mark of `feed`, if there is one.
pub fn marked(conn: &Connection, user: u64, feed: SeenFeed) -> rusqlite::Result<Option<u64>> {
    let marked: Option<i64> = conn
        .prepare_cached("SELECT message_id FROM seen_marks WHERE user_id = ?1 AND feed = ?2")?
        .query_row(params![to_sql_id(user), feed.key()], |r| r.get(0))
        .optional()?;
    Ok(opt_id(marked))
}

/// The id after which messages of `feed` are unseen by `user` (0: all of them).
pub fn seen_through(conn: &Connection, user: u64, feed: SeenFeed) -> rusqlite::Result<u64> {
    if let Some(id) = marked(conn, user, feed)? {
        return Ok(id);
    }
    if feed == SeenFeed::Notifications {
        // Writing is no sign of having read one's notifications: until they are, all count.
        return Ok(0);
    }
    let last_sent: Option<i64> = conn
        .prepare_cached("SELECT max(id) FROM messages WHERE sender_id = ?1")?
        .query_row(params![to_sql_id(user)], |r| r.get(0))?;
    Ok(opt_id(last_sent).unwrap_or(0))
}
