//! What the HTML page of a thread shows (`GET /threads/ID`, `GET /messages/ID` outside the API):
//! the thread's messages, oldest first, with their senders' names and the community's name,
//! loaded only when the viewer may see the thread. Queries only; rendering is in `handlers::web`.

use rusqlite::{Connection, OptionalExtension, params};

use super::messages;
use super::rows::{from_sql_id, to_sql_id};

/// Most messages a page shows (the oldest ones: the conversation as it started).
pub const MAX_MESSAGES: u64 = 500;

/// One message as the page shows it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PageMessage {
    pub id: u64,
    pub sender: String,
    pub created_at: i64,
    pub title: String,
    pub plain: String,
}

/// A thread as the page shows it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ThreadPage {
    pub id: u64,
    /// The community's name; `None` for a private conversation or All Company.
    pub group: Option<String>,
    pub direct: bool,
    pub messages: Vec<PageMessage>,
    /// Whether the thread has more messages than the page shows.
    pub more: bool,
}

/// The thread that message `id` belongs to, if the message exists.
pub fn thread_of(conn: &Connection, id: u64) -> rusqlite::Result<Option<u64>> {
    Ok(messages::get(conn, id)?.map(|m| m.thread_id))
}

/// Thread `id` as `viewer` may see it; `None` when it does not exist or is not theirs to see
/// (the two are not told apart).
pub fn load(conn: &Connection, id: u64, viewer: u64) -> rusqlite::Result<Option<ThreadPage>> {
    let Some(starter) = messages::get(conn, id)?.filter(|m| m.thread_id == m.id) else {
        return Ok(None);
    };
    if !messages::visible_to(conn, &starter, viewer)? {
        return Ok(None);
    }
    let group = match starter.group_id {
        Some(group) => conn
            .prepare_cached("SELECT full_name FROM groups WHERE id = ?1")?
            .query_row(params![to_sql_id(group)], |r| r.get(0))
            .optional()?,
        None => None,
    };
    let mut stmt = conn.prepare_cached(
        "SELECT m.id, coalesce(u.full_name, 'Someone'), m.created_at, m.title, m.body_plain
         FROM messages m LEFT JOIN users u ON u.id = m.sender_id
         WHERE m.thread_id = ?1 ORDER BY m.id LIMIT ?2",
    )?;
    let mut rows: Vec<PageMessage> = stmt
        .query_map(
            params![
                to_sql_id(id),
                i64::try_from(MAX_MESSAGES + 1).unwrap_or(i64::MAX)
            ],
            |r| {
                Ok(PageMessage {
                    id: from_sql_id(r.get(0)?),
                    sender: r.get(1)?,
                    created_at: r.get(2)?,
                    title: r.get(3)?,
                    plain: r.get(4)?,
                })
            },
        )?
        .collect::<rusqlite::Result<_>>()?;
    let more = rows.len() as u64 > MAX_MESSAGES;
    rows.truncate(usize::try_from(MAX_MESSAGES).unwrap_or(usize::MAX));
    Ok(Some(ThreadPage {
        id,
        group,
        direct: starter.direct,
        messages: rows,
        more,
    }))
}
