//! Thread summaries: counters from the `threads` table, first and latest
//! reply, topics and participants. `latest_reply_id` is the starter's id when nobody replied, so
//! clients can always page threaded feeds on it.

use rusqlite::{Connection, OptionalExtension, params};

use super::rows::{Links, from_sql_id, opt_id, time, to_sql_id};
use crate::api::dto::{IdRef, Thread, ThreadStats};

/// One thread, or `None` when it does not exist.
pub fn get(conn: &Connection, links: &Links, id: u64) -> rusqlite::Result<Option<Thread>> {
    let summary = conn
        .prepare_cached(
            "SELECT t.group_id, t.direct, t.latest_id, t.latest_at, t.updates,
                EXISTS (SELECT 1 FROM groups g WHERE g.id = t.group_id AND g.privacy = 'private')
             FROM threads t WHERE t.id = ?1",
        )?
        .query_row(params![to_sql_id(id)], |r| {
            Ok((
                opt_id(r.get(0)?),
                r.get::<_, bool>(1)?,
                from_sql_id(r.get(2)?),
                r.get::<_, i64>(3)?,
                u64::try_from(r.get::<_, i64>(4)?).unwrap_or(0),
                r.get::<_, bool>(5)?,
            ))
        })
        .optional()?;
    let Some((group_id, direct, latest_id, latest_at, updates, in_private)) = summary else {
        return Ok(None);
    };
    let first_reply = conn
        .prepare_cached(
            "SELECT id, created_at FROM messages WHERE thread_id = ?1 AND id != ?1
             ORDER BY id ASC LIMIT 1",
        )?
        .query_row(params![to_sql_id(id)], |r| {
            Ok((from_sql_id(r.get(0)?), r.get::<_, i64>(1)?))
        })
        .optional()?;
    let topics = ids(
        conn,
        "SELECT DISTINCT mt.topic_id FROM message_topics mt JOIN messages m ON m.id = mt.message_id
         WHERE m.thread_id = ?1 ORDER BY mt.topic_id",
        id,
    )?;
    let participants = ids(
        conn,
        "SELECT sender_id FROM messages WHERE thread_id = ?1
         UNION SELECT user_id FROM dm_participants WHERE thread_id = ?1 ORDER BY 1",
        id,
    )?;
    Ok(Some(Thread {
        id,
        kind: "thread".to_owned(),
        thread_starter_id: Some(id),
        group_id,
        privacy: if direct || in_private {
            "private"
        } else {
            "public"
        }
        .to_owned(),
        direct_message: direct,
        url: links.api(&format!("messages/in_thread/{id}")),
        web_url: links.web(&format!("threads/{id}")),
        stats: ThreadStats {
            updates,
            shares: 0,
            first_reply_id: first_reply.map(|(rid, _)| rid),
            first_reply_at: first_reply.map(|(_, at)| time(at)),
            latest_reply_id: Some(latest_id),
            latest_reply_at: Some(time(latest_at)),
        },
        topics: topics.iter().map(|t| id_ref(*t, "topic")).collect(),
        participants_count: participants.len() as u64,
        participants: participants.iter().map(|u| id_ref(*u, "user")).collect(),
    }))
}

/// The threads with these ids (unknown ids are skipped), in the given order.
pub fn by_ids(conn: &Connection, links: &Links, ids: &[u64]) -> rusqlite::Result<Vec<Thread>> {
    let mut out = Vec::with_capacity(ids.len());
    for id in ids {
        if let Some(thread) = get(conn, links, *id)? {
            out.push(thread);
        }
    }
    Ok(out)
}

fn id_ref(id: u64, kind: &str) -> IdRef {
    IdRef {
        id,
        kind: kind.to_owned(),
    }
}

fn ids(conn: &Connection, sql: &str, id: u64) -> rusqlite::Result<Vec<u64>> {
    let mut stmt = conn.prepare_cached(sql)?;
    let rows = stmt.query_map(params![to_sql_id(id)], |r| r.get(0).map(from_sql_id))?;
    rows.collect()
}
