//! Full-text search of the cache: messages, people and communities found through the FTS5
//! index that cache schema step 7 keeps (triggers on the record tables keep it true as rows
//! are written, replaced, pruned or forgotten). Takes FTS5 query text that the caller built
//! with every piece of user text quoted (`crate::search::SearchQuery`); it never builds FTS5
//! syntax from user text itself. Read-only: it must never write.

use rusqlite::params_from_iter;
use rusqlite::types::Value;

use super::CacheStore;
use super::records::{raw_message, raw_record};
use crate::store::error::StoreResult;
use crate::store::ids;
use crate::store::{CachedMessage, CachedRecord};

/// What to look for among cached messages.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct MessageSearch {
    /// An FTS5 query over title and body; `None` for any text.
    pub text: Option<String>,
    /// Only messages posted in one of these communities.
    pub groups: Option<Vec<u64>>,
    /// Only messages sent by one of these people.
    pub senders: Option<Vec<u64>>,
    /// Only messages sent by, or notifying, one of these people.
    pub involving: Option<Vec<u64>>,
    /// At most this many, newest first.
    pub limit: usize,
}

impl CacheStore {
    /// Cached messages of `account` that match `search`, newest (highest id) first.
    pub fn search_messages(
        &self,
        account: &str,
        search: &MessageSearch,
    ) -> StoreResult<Vec<CachedMessage>> {
        let mut args: Vec<Value> = vec![Value::Text(account.to_owned())];
        let mut sql = match &search.text {
            // The index walks its matches newest first and the LIMIT stops it early.
            Some(text) => {
                args.push(Value::Text(text.clone()));
                "SELECT m.id, m.thread_id, m.group_id, m.sender_id, m.created_at, m.json
                 FROM message_text t CROSS JOIN messages m ON m.account = ?1 AND m.id = t.rowid
                 WHERE message_text MATCH ?2"
                    .to_owned()
            }
            None => "SELECT m.id, m.thread_id, m.group_id, m.sender_id, m.created_at, m.json
                     FROM messages m WHERE m.account = ?1"
                .to_owned(),
        };
        if let Some(groups) = &search.groups {
            sql.push_str(&format!(
                " AND m.group_id IN ({})",
                list(&mut args, groups)?
            ));
        }
        if let Some(senders) = &search.senders {
            sql.push_str(&format!(
                " AND m.sender_id IN ({})",
                list(&mut args, senders)?
            ));
        }
        if let Some(people) = &search.involving {
            let people = list(&mut args, people)?;
            sql.push_str(&format!(
                " AND (m.sender_id IN ({people}) OR EXISTS (SELECT 1 FROM
                   json_each(CASE WHEN json_valid(m.json) THEN m.json ELSE '{{}}' END,
                   '$.notified_user_ids') n WHERE n.value IN ({people})))"
            ));
        }
        let order = if search.text.is_some() {
            "t.rowid"
        } else {
            "m.id"
        };
        args.push(Value::Integer(limit_of(search.limit)));
        sql.push_str(&format!(" ORDER BY {order} DESC LIMIT ?{}", args.len()));
        let mut stmt = self.conn.prepare(&sql)?;
        let rows = stmt.query_map(params_from_iter(args), raw_message)?;
        rows.map(|row| row?.into_message()).collect()
    }

    /// Cached people of `account` whose names, job or department match the FTS5 query
    /// `text`, best match first: the user record, or the directory's when there is none.
    pub fn search_people(
        &self,
        account: &str,
        text: &str,
        limit: usize,
    ) -> StoreResult<Vec<CachedRecord>> {
        let mut stmt = self.conn.prepare(
            "SELECT t.rowid, coalesce(
                 (SELECT u.json FROM user_records u WHERE u.account = ?1 AND u.id = t.rowid),
                 (SELECT d.json FROM directory d WHERE d.account = ?1 AND d.id = t.rowid)) AS json
             FROM person_text t WHERE person_text MATCH ?2 AND json IS NOT NULL
             ORDER BY rank LIMIT ?3",
        )?;
        let rows = stmt.query_map(
            rusqlite::params![account, text, limit_of(limit)],
            raw_record,
        )?;
        rows.map(|row| row?.into_record()).collect()
    }

    /// Cached communities of `account` whose names or description match the FTS5 query
    /// `text`, best match first.
    pub fn search_communities(
        &self,
        account: &str,
        text: &str,
        limit: usize,
    ) -> StoreResult<Vec<CachedRecord>> {
        let mut stmt = self.conn.prepare(
            "SELECT g.id, g.json FROM community_text t
             CROSS JOIN group_records g ON g.account = ?1 AND g.id = t.rowid
             WHERE community_text MATCH ?2 ORDER BY rank LIMIT ?3",
        )?;
        let rows = stmt.query_map(
            rusqlite::params![account, text, limit_of(limit)],
            raw_record,
        )?;
        rows.map(|row| row?.into_record()).collect()
    }
}

fn limit_of(limit: usize) -> i64 {
    i64::try_from(limit).unwrap_or(i64::MAX)
}

/// Adds `ids` to `args` and returns their placeholders (`?3, ?4`); `NULL` for none, which
/// matches nothing.
fn list(args: &mut Vec<Value>, values: &[u64]) -> StoreResult<String> {
    if values.is_empty() {
        return Ok("NULL".to_owned());
    }
    let mut marks = Vec::with_capacity(values.len());
    for value in values {
        args.push(Value::Integer(ids::to_sql(*value)?));
        marks.push(format!("?{}", args.len()));
    }
    Ok(marks.join(", "))
}

#[cfg(test)]
#[path = "search_tests.rs"]
mod tests;
