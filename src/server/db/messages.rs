//! Message rows: loading by id, visibility, inserting a new message (keeping the thread summary,
//! topics, mentions and private-conversation participants in step) and deleting one (a thread
//! starter takes its whole thread with it). Feeds are in `feeds`; rendering is elsewhere.

use rusqlite::{Connection, OptionalExtension, Row, params, params_from_iter};

use super::rows::{from_sql_id, id_values, opt_id, placeholders, to_sql_id};

/// SQL that is true when message `m` is visible to user `:me` (see `access`).
pub use super::access::VISIBLE_TO_ME;

/// One stored message.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct MessageRow {
    pub id: u64,
    pub thread_id: u64,
    pub replied_to_id: Option<u64>,
    pub sender_id: u64,
    pub group_id: Option<u64>,
    pub direct: bool,
    pub created_at: i64,
    pub plain: String,
    pub parsed: String,
    pub like_count: u64,
    /// `update`, `question`, `announcement`, `poll` or `praise`.
    pub message_type: String,
    /// An announcement's headline; empty otherwise.
    pub title: String,
    /// Who posted on the sender's behalf.
    pub delegate_id: Option<u64>,
    /// A private conversation, or a message in a private community.
    pub private: bool,
}

const SELECT: &str = "SELECT id, thread_id, replied_to_id, sender_id, group_id, direct, created_at,
    body_plain, body_parsed, like_count, message_type, title, delegate_id,
    (direct = 1 OR EXISTS (SELECT 1 FROM groups g WHERE g.id = messages.group_id
        AND g.privacy = 'private')) FROM messages";

fn from_row(row: &Row<'_>) -> rusqlite::Result<MessageRow> {
    Ok(MessageRow {
        id: from_sql_id(row.get(0)?),
        thread_id: from_sql_id(row.get(1)?),
        replied_to_id: opt_id(row.get(2)?),
        sender_id: from_sql_id(row.get(3)?),
        group_id: opt_id(row.get(4)?),
        direct: row.get(5)?,
        created_at: row.get(6)?,
        plain: row.get(7)?,
        parsed: row.get(8)?,
        like_count: u64::try_from(row.get::<_, i64>(9)?).unwrap_or(0),
        message_type: row.get(10)?,
        title: row.get(11)?,
        delegate_id: opt_id(row.get(12)?),
        private: row.get(13)?,
    })
}

/// One message, whoever may see it.
pub fn get(conn: &Connection, id: u64) -> rusqlite::Result<Option<MessageRow>> {
    conn.prepare_cached(&format!("{SELECT} WHERE id = ?1"))?
        .query_row(params![to_sql_id(id)], from_row)
        .optional()
}

/// The messages with these ids, in the order of `ids` (unknown ids are skipped).
pub fn by_ids(conn: &Connection, ids: &[u64]) -> rusqlite::Result<Vec<MessageRow>> {
    if ids.is_empty() {
        return Ok(Vec::new());
    }
    let sql = format!("{SELECT} WHERE id IN ({})", placeholders(ids.len()));
    let mut stmt = conn.prepare(&sql)?;
    let rows: Vec<MessageRow> = stmt
        .query_map(params_from_iter(id_values(ids)), from_row)?
        .collect::<rusqlite::Result<_>>()?;
    Ok(ids
        .iter()
        .filter_map(|id| rows.iter().find(|r| r.id == *id).cloned())
        .collect())
}

/// Whether `user` may see `row` (the rule is `access::VISIBLE_TO_ME`).
pub fn visible_to(conn: &Connection, row: &MessageRow, user: u64) -> rusqlite::Result<bool> {
    super::access::message_visible(conn, row.id, user)
}

/// A message about to be stored.
#[derive(Clone, Debug, Default)]
pub struct NewMessage {
    pub sender_id: u64,
    /// The thread it replies into; `None` starts a new thread.
    pub thread_id: Option<u64>,
    pub replied_to_id: Option<u64>,
    pub group_id: Option<u64>,
    pub direct: bool,
    /// Everyone in a new private conversation, sender included.
    pub participants: Vec<u64>,
    pub created_at: i64,
    pub plain: String,
    pub parsed: String,
    pub topic_ids: Vec<u64>,
    pub mention_ids: Vec<u64>,
    /// `update` when empty.
    pub message_type: String,
    pub title: String,
}

/// Stores a message and returns its id.
pub fn insert(conn: &Connection, m: &NewMessage) -> rusqlite::Result<u64> {
    conn.prepare_cached(
        "INSERT INTO messages (thread_id, replied_to_id, sender_id, group_id, direct, created_at,
            body_plain, body_parsed, message_type, title)
            VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
    )?
    .execute(params![
        m.thread_id.map_or(0, to_sql_id),
        m.replied_to_id.map(to_sql_id),
        to_sql_id(m.sender_id),
        m.group_id.map(to_sql_id),
        m.direct,
        m.created_at,
        m.plain,
        m.parsed,
        if m.message_type.is_empty() {
            "update"
        } else {
            m.message_type.as_str()
        },
        m.title,
    ])?;
    let id = from_sql_id(conn.last_insert_rowid());
    match m.thread_id {
        None => {
            conn.prepare_cached("UPDATE messages SET thread_id = id WHERE id = ?1")?
                .execute(params![to_sql_id(id)])?;
            conn.prepare_cached(
                "INSERT INTO threads (id, group_id, direct, latest_id, latest_at, updates)
                 VALUES (?1, ?2, ?3, ?1, ?4, 1)",
            )?
            .execute(params![
                to_sql_id(id),
                m.group_id.map(to_sql_id),
                m.direct,
                m.created_at
            ])?;
            let mut add = conn.prepare_cached(
                "INSERT OR IGNORE INTO dm_participants (thread_id, user_id) VALUES (?1, ?2)",
            )?;
            for user in &m.participants {
                add.execute(params![to_sql_id(id), to_sql_id(*user)])?;
            }
        }
        Some(thread) => {
            conn.prepare_cached(
                "UPDATE threads SET latest_id = ?2, latest_at = ?3, updates = updates + 1
                 WHERE id = ?1",
            )?
            .execute(params![to_sql_id(thread), to_sql_id(id), m.created_at])?;
        }
    }
    let mut tag = conn.prepare_cached(
        "INSERT OR IGNORE INTO message_topics (topic_id, message_id) VALUES (?1, ?2)",
    )?;
    for topic in &m.topic_ids {
        tag.execute(params![to_sql_id(*topic), to_sql_id(id)])?;
    }
    let mut mention = conn
        .prepare_cached("INSERT OR IGNORE INTO mentions (message_id, user_id) VALUES (?1, ?2)")?;
    for user in &m.mention_ids {
        mention.execute(params![to_sql_id(id), to_sql_id(*user)])?;
    }
    conn.prepare_cached(
        "UPDATE users SET updates = updates + 1, last_active_at = ?2 WHERE id = ?1",
    )?
    .execute(params![to_sql_id(m.sender_id), m.created_at])?;
    Ok(id)
}

/// Deletes a message; deleting a thread starter deletes its whole thread.
pub fn delete(conn: &Connection, row: &MessageRow) -> rusqlite::Result<()> {
    let ids: Vec<u64> = if row.id == row.thread_id {
        let mut stmt = conn.prepare_cached("SELECT id FROM messages WHERE thread_id = ?1")?;
        stmt.query_map(params![to_sql_id(row.id)], |r| r.get(0).map(from_sql_id))?
            .collect::<rusqlite::Result<_>>()?
    } else {
        vec![row.id]
    };
    let list = placeholders(ids.len());
    let values = id_values(&ids);
    conn.execute(
        &format!(
            "UPDATE users SET updates = max(0, updates - (SELECT count(*) FROM messages m
               WHERE m.sender_id = users.id AND m.id IN ({list})))
             WHERE id IN (SELECT sender_id FROM messages WHERE id IN ({list}))"
        ),
        params_from_iter(values.iter().chain(values.iter())),
    )?;
    for table in ["likes", "message_topics", "mentions", "messages"] {
        let column = if table == "messages" {
            "id"
        } else {
            "message_id"
        };
        conn.execute(
            &format!("DELETE FROM {table} WHERE {column} IN ({list})"),
            params_from_iter(values.iter()),
        )?;
    }
    if row.id == row.thread_id {
        conn.prepare_cached("DELETE FROM threads WHERE id = ?1")?
            .execute(params![to_sql_id(row.id)])?;
        conn.prepare_cached("DELETE FROM dm_participants WHERE thread_id = ?1")?
            .execute(params![to_sql_id(row.id)])?;
    } else {
        conn.prepare_cached(
            "UPDATE threads SET
                latest_id = (SELECT max(id) FROM messages WHERE thread_id = ?1),
                latest_at = (SELECT created_at FROM messages WHERE thread_id = ?1
                             ORDER BY id DESC LIMIT 1),
                updates = (SELECT count(*) FROM messages WHERE thread_id = ?1)
             WHERE id = ?1",
        )?
        .execute(params![to_sql_id(row.thread_id)])?;
    }
    Ok(())
}

/// `(message id, user id)` of the mentions in these messages.
pub fn mentions_for(conn: &Connection, messages: &[u64]) -> rusqlite::Result<Vec<(u64, u64)>> {
    pairs(
        conn,
        "SELECT message_id, user_id FROM mentions WHERE message_id IN",
        messages,
    )
}

/// `(thread id, user id)` of the participants of these private conversations.
pub fn participants_for(conn: &Connection, threads: &[u64]) -> rusqlite::Result<Vec<(u64, u64)>> {
    pairs(
        conn,
        "SELECT thread_id, user_id FROM dm_participants WHERE thread_id IN",
        threads,
    )
}

fn pairs(conn: &Connection, select_in: &str, ids: &[u64]) -> rusqlite::Result<Vec<(u64, u64)>> {
    if ids.is_empty() {
        return Ok(Vec::new());
    }
    let sql = format!("{select_in} ({}) ORDER BY 1, 2", placeholders(ids.len()));
    let mut stmt = conn.prepare(&sql)?;
    let rows = stmt.query_map(params_from_iter(id_values(ids)), |r| {
        Ok((from_sql_id(r.get(0)?), from_sql_id(r.get(1)?)))
    })?;
    rows.collect()
}
