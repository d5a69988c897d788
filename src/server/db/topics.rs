//! Topics (hashtags): lookup, creation by name, which topics a page's messages carry, and search
//! (which names only the topics the searcher may see, see `access`).

use rusqlite::{Connection, OptionalExtension, Row, named_params, params, params_from_iter};

use super::access::topic_visible_sql;
use super::rows::{Links, from_sql_id, id_values, placeholders, to_sql_id};
use crate::api::dto::Topic;

const SELECT: &str = "SELECT t.id, t.name, t.normalized_name,
    (SELECT count(*) FROM subscriptions s WHERE s.target_type = 'topic' AND s.target_id = t.id)
    FROM topics t";

fn from_row(row: &Row<'_>, links: &Links) -> rusqlite::Result<Topic> {
    let id = from_sql_id(row.get(0)?);
    let normalized: String = row.get(2)?;
    Ok(Topic {
        id,
        kind: "topic".to_owned(),
        name: row.get(1)?,
        permalink: normalized.replace(' ', "-"),
        normalized_name: normalized,
        url: links.api(&format!("topics/{id}")),
        web_url: links.web(&format!("topics/{id}")),
        followers: u64::try_from(row.get::<_, i64>(3)?).unwrap_or(0),
    })
}

/// One topic.
pub fn get(conn: &Connection, links: &Links, id: u64) -> rusqlite::Result<Option<Topic>> {
    conn.prepare_cached(&format!("{SELECT} WHERE t.id = ?1"))?
        .query_row(params![to_sql_id(id)], |r| from_row(r, links))
        .optional()
}

/// The topics with these ids, in id order.
pub fn by_ids(conn: &Connection, links: &Links, ids: &[u64]) -> rusqlite::Result<Vec<Topic>> {
    if ids.is_empty() {
        return Ok(Vec::new());
    }
    let sql = format!(
        "{SELECT} WHERE t.id IN ({}) ORDER BY t.id",
        placeholders(ids.len())
    );
    let mut stmt = conn.prepare(&sql)?;
    let topics = stmt.query_map(params_from_iter(id_values(ids)), |r| from_row(r, links))?;
    topics.collect()
}

/// The normalized form of a topic name: lower case, single spaces.
pub fn normalize(name: &str) -> String {
    name.split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase()
}

/// The id of the topic with this name, created when new.
pub fn ensure(conn: &Connection, name: &str) -> rusqlite::Result<u64> {
    let normalized = normalize(name);
    let existing = conn
        .prepare_cached("SELECT id FROM topics WHERE normalized_name = ?1")?
        .query_row(params![normalized], |r| r.get(0).map(from_sql_id))
        .optional()?;
    if let Some(id) = existing {
        return Ok(id);
    }
    conn.prepare_cached(
        "INSERT INTO topics (id, name, normalized_name)
         VALUES ((SELECT coalesce(max(id), 50000) + 1 FROM topics), ?1, ?2)",
    )?
    .execute(params![name.trim(), normalized])?;
    Ok(from_sql_id(conn.last_insert_rowid()))
}

/// `(message id, topic id)` for these messages.
pub fn for_messages(conn: &Connection, messages: &[u64]) -> rusqlite::Result<Vec<(u64, u64)>> {
    if messages.is_empty() {
        return Ok(Vec::new());
    }
    let sql = format!(
        "SELECT message_id, topic_id FROM message_topics WHERE message_id IN ({}) ORDER BY topic_id",
        placeholders(messages.len())
    );
    let mut stmt = conn.prepare(&sql)?;
    let pairs = stmt.query_map(params_from_iter(id_values(messages)), |r| {
        Ok((from_sql_id(r.get(0)?), from_sql_id(r.get(1)?)))
    })?;
    pairs.collect()
}

/// Topics whose name matches a LIKE pattern and that `me` may see, most used first.
pub fn matching(
    conn: &Connection,
    links: &Links,
    me: u64,
    pattern: &str,
    limit: u64,
    offset: u64,
) -> rusqlite::Result<Vec<Topic>> {
    let sql = format!(
        "{SELECT} WHERE t.normalized_name LIKE :pattern ESCAPE '\\' AND {}
         ORDER BY (SELECT count(*) FROM message_topics mt WHERE mt.topic_id = t.id) DESC, t.name
         LIMIT :limit OFFSET :offset",
        topic_visible_sql()
    );
    let mut stmt = conn.prepare_cached(&sql)?;
    let topics = stmt.query_map(
        named_params! {
            ":pattern": pattern,
            ":me": to_sql_id(me),
            ":limit": i64::try_from(limit).unwrap_or(i64::MAX),
            ":offset": i64::try_from(offset).unwrap_or(i64::MAX),
        },
        |r| from_row(r, links),
    )?;
    topics.collect()
}
