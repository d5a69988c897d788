//! The notifications a user gets, derived from what is stored (no table of its own): mentions of
//! them, replies to their messages and likes of their messages, by others, newest first.
//! Queries only; the feed's shape is the handler's.

use rusqlite::{Connection, params};

use super::access::VISIBLE_TO_ME;
use super::rows::{from_sql_id, to_sql_id};

/// What happened.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum What {
    Mention,
    Reply,
    Like,
}

impl What {
    pub const fn key(self) -> &'static str {
        match self {
            Self::Mention => "mention",
            Self::Reply => "reply",
            Self::Like => "like",
        }
    }

    fn parse(key: &str) -> Self {
        match key {
            "mention" => Self::Mention,
            "reply" => Self::Reply,
            _ => Self::Like,
        }
    }
}

/// One notification.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Notification {
    pub what: What,
    /// Who mentioned, replied or liked.
    pub actor_id: u64,
    /// The message that mentions or replies, or the message liked.
    pub message_id: u64,
    pub thread_id: u64,
    pub created_at: i64,
}

/// Every notification of `:me` as rows (what, actor, message, thread, at), only about messages
/// `:me` may see (a mention in a private community they are not in is none of theirs).
fn events() -> String {
    format!(
        "SELECT 'mention' AS what, m.sender_id AS actor, m.id AS message, m.thread_id AS thread,
                m.created_at AS at
           FROM mentions x JOIN messages m ON m.id = x.message_id
          WHERE x.user_id = :me AND m.sender_id != :me AND {VISIBLE_TO_ME}
         UNION ALL
         SELECT 'reply', m.sender_id, m.id, m.thread_id, m.created_at
           FROM messages p JOIN messages m ON m.replied_to_id = p.id
          WHERE p.sender_id = :me AND m.sender_id != :me AND {VISIBLE_TO_ME}
         UNION ALL
         SELECT 'like', l.user_id, m.id, m.thread_id, l.created_at
           FROM messages m JOIN likes l ON l.message_id = m.id
          WHERE m.sender_id = :me AND l.user_id != :me AND {VISIBLE_TO_ME}"
    )
}

/// A page of `me`'s notifications, newest first, and whether older ones remain.
pub fn page(
    conn: &Connection,
    me: u64,
    limit: u64,
    offset: u64,
) -> rusqlite::Result<(Vec<Notification>, bool)> {
    let events = events();
    let sql = format!(
        "SELECT what, actor, message, thread, at FROM ({events})
         ORDER BY at DESC, message DESC, actor LIMIT :limit OFFSET :offset"
    );
    let mut rows: Vec<Notification> = conn
        .prepare_cached(&sql)?
        .query_map(
            rusqlite::named_params! {
                ":me": to_sql_id(me),
                ":limit": i64::try_from(limit.saturating_add(1)).unwrap_or(i64::MAX),
                ":offset": i64::try_from(offset).unwrap_or(i64::MAX),
            },
            |r| {
                Ok(Notification {
                    what: What::parse(&r.get::<_, String>(0)?),
                    actor_id: from_sql_id(r.get(1)?),
                    message_id: from_sql_id(r.get(2)?),
                    thread_id: from_sql_id(r.get(3)?),
                    created_at: r.get(4)?,
                })
            },
        )?
        .collect::<rusqlite::Result<_>>()?;
    let more = rows.len() as u64 > limit;
    rows.truncate(usize::try_from(limit).unwrap_or(usize::MAX));
    Ok((rows, more))
}

/// How many of `me`'s notifications came after `mark` (a message id and its time): mentions and
/// replies in a later message, likes at a later time. The `unseen` flags of the notifications
/// feed follow the same rule, so the count and the feed agree.
pub fn unseen(conn: &Connection, me: u64, mark: (u64, i64)) -> rusqlite::Result<u64> {
    let events = events();
    let sql = format!(
        "SELECT count(*) FROM ({events})
          WHERE (what = 'like' AND at > :at) OR (what != 'like' AND message > :after)"
    );
    let count: i64 = conn.prepare_cached(&sql)?.query_row(
        rusqlite::named_params! {
            ":me": to_sql_id(me),
            ":after": to_sql_id(mark.0),
            ":at": mark.1,
        },
        |r| r.get(0),
    )?;
    Ok(u64::try_from(count).unwrap_or(0))
}

/// The newest message id and its time: what a look at the notifications has seen up to.
pub fn newest(conn: &Connection) -> rusqlite::Result<u64> {
    let newest: Option<i64> = conn
        .prepare_cached("SELECT max(id) FROM messages")?
        .query_row([], |r| r.get(0))?;
    Ok(newest.map_or(0, from_sql_id))
}

/// When message `id` was posted (0 for none).
pub fn time_of(conn: &Connection, id: u64) -> rusqlite::Result<i64> {
    conn.prepare_cached("SELECT coalesce(max(created_at), 0) FROM messages WHERE id = ?1")?
        .query_row(params![to_sql_id(id)], |r| r.get(0))
}
