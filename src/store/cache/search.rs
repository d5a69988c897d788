//! Full-text search of the cache: messages, people and communities found through the FTS5
//! index that cache schema steps 7 and 8 keep (triggers on the record tables keep it true as rows
//! are written, replaced, pruned or forgotten). Takes FTS5 query text that the caller built
//! with every piece of user text quoted (`crate::search::SearchQuery`); it never builds FTS5
//! syntax from user text itself. Read-only: it must never write.

use super::CacheStore;
use super::records::{raw_message, raw_record};
use crate::store::error::StoreResult;
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
    /// Cached messages of `account` that match `search`, newest (highest id) first. Text and
    /// filters are one query of the index (filters read its `who` column), so the index walks
    /// only the matches, newest first, and the LIMIT stops it early.
    pub fn search_messages(
        &self,
        account: &str,
        search: &MessageSearch,
    ) -> StoreResult<Vec<CachedMessage>> {
        let Some(fts) = index_query(search) else {
            return Ok(Vec::new());
        };
        let limit = limit_of(search.limit);
        let mut stmt;
        let rows = match fts {
            Some(fts) => {
                stmt = self.conn.prepare_cached(
                    "SELECT m.id, m.thread_id, m.group_id, m.sender_id, m.created_at, m.json
                     FROM message_text t CROSS JOIN messages m ON m.account = ?1 AND m.id = t.rowid
                     WHERE message_text MATCH ?2 ORDER BY t.rowid DESC LIMIT ?3",
                )?;
                stmt.query_map(rusqlite::params![account, fts, limit], raw_message)?
            }
            None => {
                stmt = self.conn.prepare_cached(
                    "SELECT m.id, m.thread_id, m.group_id, m.sender_id, m.created_at, m.json
                     FROM messages m WHERE m.account = ?1 ORDER BY m.id DESC LIMIT ?2",
                )?;
                stmt.query_map(rusqlite::params![account, limit], raw_message)?
            }
        };
        rows.map(|row| row?.into_message()).collect()
    }

    /// The words of cached message text that start with `prefix` (lowercase ASCII letters and
    /// digits, as the index keeps them), at most `most`; `None` when there are more. A search
    /// names them instead of asking the index for a prefix, which would merge every such
    /// word's whole list before the first hit; named words are read newest first and stop at
    /// the limit.
    pub fn message_words_starting(
        &self,
        prefix: &str,
        most: usize,
    ) -> StoreResult<Option<Vec<String>>> {
        let Some(end) = after_prefix(prefix) else {
            return Ok(None);
        };
        self.conn.execute_batch(
            "CREATE VIRTUAL TABLE IF NOT EXISTS temp.message_words
                 USING fts5vocab(main, message_text, col)",
        )?;
        let mut stmt = self.conn.prepare_cached(
            "SELECT term FROM temp.message_words
             WHERE term >= ?1 AND term < ?2 AND col = 'text' LIMIT ?3",
        )?;
        let rows = stmt.query_map(
            rusqlite::params![prefix, end, limit_of(most.saturating_add(1))],
            |row| row.get::<_, String>(0),
        )?;
        let words = rows.collect::<Result<Vec<_>, _>>()?;
        Ok((words.len() <= most).then_some(words))
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

/// The first text after every word that starts with `prefix`: its last character moved one
/// on; `None` for a prefix that is not lowercase ASCII letters and digits.
fn after_prefix(prefix: &str) -> Option<String> {
    if prefix.is_empty()
        || !prefix
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit())
    {
        return None;
    }
    let (head, last) = prefix.split_at(prefix.len() - 1);
    let last = char::from(last.as_bytes()[0] + 1);
    Some(format!("{head}{last}"))
}

/// The index query for `search`: `Some(None)` for every message (no text, no filter),
/// `None` when a filter names nobody (nothing can match).
fn index_query(search: &MessageSearch) -> Option<Option<String>> {
    let mut parts = Vec::new();
    if let Some(text) = &search.text {
        parts.push(format!("text : ({text})"));
    }
    if let Some(groups) = &search.groups {
        parts.push(who_any(groups.iter().map(|id| format!("g{id}")))?);
    }
    if let Some(senders) = &search.senders {
        parts.push(who_any(senders.iter().map(|id| format!("s{id}")))?);
    }
    if let Some(people) = &search.involving {
        let tokens = people
            .iter()
            .flat_map(|id| [format!("s{id}"), format!("n{id}")]);
        parts.push(who_any(tokens)?);
    }
    Some((!parts.is_empty()).then(|| parts.join(" AND ")))
}

/// `who : ("g1" OR "g2")`: any of `tokens` in the `who` column; `None` for no token.
fn who_any(tokens: impl Iterator<Item = String>) -> Option<String> {
    let quoted: Vec<String> = tokens.map(|t| format!("\"{t}\"")).collect();
    (!quoted.is_empty()).then(|| format!("who : ({})", quoted.join(" OR ")))
}

#[cfg(test)]
#[path = "search_tests.rs"]
mod tests;
