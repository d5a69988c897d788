//! The message cache: messages, users and groups as the server's raw JSON, feed membership,
//! "older pages exhausted" flags, and read markers, all per account in `cache.sqlite`.
//! Everything here can be refetched; this module must never touch drafts or the outbox.
//!
//! Conventions: feed keys are strings such as `my_feed`, `in_group:123`, `in_thread:456`.
//! Read-marker keys are feed/community keys or thread keys (`in_thread:<id>`); markers only
//! move forward.

use rusqlite::{OptionalExtension, Row, TransactionBehavior, params};

use super::CacheStore;
use crate::store::error::StoreResult;
use crate::store::ids;

/// A cached message: the fields the cache queries on, plus the server's JSON as received.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CachedMessage {
    pub id: u64,
    pub thread_id: u64,
    pub group_id: Option<u64>,
    pub sender_id: u64,
    /// Unix seconds.
    pub created_at: i64,
    /// The message object as the server sent it (the caller may leave out what it never
    /// reads back).
    pub json: String,
}

/// A cached user or group: its id and the server's JSON as received.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CachedRecord {
    pub id: u64,
    pub json: String,
}

const MESSAGE_COLUMNS: &str = "m.id, m.thread_id, m.group_id, m.sender_id, m.created_at, m.json";

/// A feed's newest messages. `CROSS JOIN` keeps the feed's items outside, walked newest first
/// through their primary key; joined freely, SQLite walked all messages newest first and kept
/// those in the feed, which for one community among hundreds read most of the file.
pub(super) const FEED_MESSAGES_SQL: &str =
    "SELECT m.id, m.thread_id, m.group_id, m.sender_id, m.created_at, m.json
     FROM feed_items f CROSS JOIN messages m ON m.account = f.account AND m.id = f.message_id
     WHERE f.account = ?1 AND f.feed_key = ?2
     ORDER BY f.message_id DESC LIMIT ?3";

impl CacheStore {
    /// Stores `messages` (replacing older copies) and records them as members of `feed_key`.
    /// All or nothing: an out-of-range id rejects the whole batch.
    pub fn put_messages(
        &mut self,
        account: &str,
        feed_key: &str,
        messages: &[CachedMessage],
    ) -> StoreResult<()> {
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)?;
        tx.execute(
            "INSERT OR IGNORE INTO feeds (account, feed_key) VALUES (?1, ?2)",
            params![account, feed_key],
        )?;
        for message in messages {
            let id = ids::to_sql(message.id)?;
            tx.execute(
                "INSERT INTO messages (account, id, thread_id, group_id, sender_id, created_at, json)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)
                 ON CONFLICT (account, id) DO UPDATE SET thread_id = excluded.thread_id,
                     group_id = excluded.group_id, sender_id = excluded.sender_id,
                     created_at = excluded.created_at, json = excluded.json",
                params![
                    account,
                    id,
                    ids::to_sql(message.thread_id)?,
                    ids::opt_to_sql(message.group_id)?,
                    ids::to_sql(message.sender_id)?,
                    message.created_at,
                    message.json,
                ],
            )?;
            tx.execute(
                "INSERT INTO feed_items (account, feed_key, message_id, thread_id)
                 VALUES (?1, ?2, ?3, ?4)
                 ON CONFLICT (account, feed_key, message_id)
                 DO UPDATE SET thread_id = excluded.thread_id
                 WHERE feed_items.thread_id IS NOT excluded.thread_id",
                params![account, feed_key, id, ids::to_sql(message.thread_id)?],
            )?;
        }
        tx.commit()?;
        Ok(())
    }

    /// Up to `limit` messages of `feed_key`, newest (highest id) first.
    pub fn feed_messages(
        &self,
        account: &str,
        feed_key: &str,
        limit: usize,
    ) -> StoreResult<Vec<CachedMessage>> {
        let limit = i64::try_from(limit).unwrap_or(i64::MAX);
        let mut stmt = self.conn.prepare(FEED_MESSAGES_SQL)?;
        let rows = stmt.query_map(params![account, feed_key, limit], raw_message)?;
        rows.map(|row| row?.into_message()).collect()
    }

    /// Every cached message of thread `thread_id`, oldest first (reading order).
    pub fn thread_messages(
        &self,
        account: &str,
        thread_id: u64,
    ) -> StoreResult<Vec<CachedMessage>> {
        let sql = format!(
            "SELECT {MESSAGE_COLUMNS} FROM messages m
             WHERE m.account = ?1 AND m.thread_id = ?2 ORDER BY m.id ASC"
        );
        let mut stmt = self.conn.prepare(&sql)?;
        let rows = stmt.query_map(params![account, ids::to_sql(thread_id)?], raw_message)?;
        rows.map(|row| row?.into_message()).collect()
    }

    /// Removes a message (deleted on the server) from the cache and from every feed.
    pub fn forget_message(&mut self, account: &str, message_id: u64) -> StoreResult<()> {
        let id = ids::to_sql(message_id)?;
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)?;
        tx.execute(
            "DELETE FROM feed_items WHERE account = ?1 AND message_id = ?2",
            params![account, id],
        )?;
        tx.execute(
            "DELETE FROM messages WHERE account = ?1 AND id = ?2",
            params![account, id],
        )?;
        tx.commit()?;
        Ok(())
    }

    /// Records whether the server has no older pages for `feed_key`.
    pub fn set_older_exhausted(
        &mut self,
        account: &str,
        feed_key: &str,
        exhausted: bool,
    ) -> StoreResult<()> {
        self.conn.execute(
            "INSERT INTO feeds (account, feed_key, older_exhausted) VALUES (?1, ?2, ?3)
             ON CONFLICT (account, feed_key) DO UPDATE SET older_exhausted = excluded.older_exhausted",
            params![account, feed_key, exhausted],
        )?;
        Ok(())
    }

    /// Whether the server was seen to have no older pages for `feed_key`.
    pub fn older_exhausted(&self, account: &str, feed_key: &str) -> StoreResult<bool> {
        let flag = self
            .conn
            .query_row(
                "SELECT older_exhausted FROM feeds WHERE account = ?1 AND feed_key = ?2",
                params![account, feed_key],
                |row| row.get::<_, bool>(0),
            )
            .optional()?;
        Ok(flag.unwrap_or(false))
    }

    /// Stores users (replacing older copies).
    pub fn put_users(&mut self, account: &str, users: &[CachedRecord]) -> StoreResult<()> {
        self.put_records("user_records", account, users)
    }

    /// The cached users among `user_ids`, in id order; ids not cached are left out.
    pub fn get_users(&self, account: &str, user_ids: &[u64]) -> StoreResult<Vec<CachedRecord>> {
        self.get_records("user_records", account, user_ids)
    }

    /// Stores groups (replacing older copies).
    pub fn put_groups(&mut self, account: &str, groups: &[CachedRecord]) -> StoreResult<()> {
        self.put_records("group_records", account, groups)
    }

    /// Every cached group of `account`, in id order.
    pub fn get_groups(&self, account: &str) -> StoreResult<Vec<CachedRecord>> {
        let mut stmt = self
            .conn
            .prepare("SELECT id, json FROM group_records WHERE account = ?1 ORDER BY id")?;
        let rows = stmt.query_map(params![account], raw_record)?;
        rows.map(|row| row?.into_record()).collect()
    }

    /// Moves the read marker of `key` forward to `message_id`; never moves it back.
    pub fn mark_read(&mut self, account: &str, key: &str, message_id: u64) -> StoreResult<()> {
        self.conn.execute(
            "INSERT INTO read_markers (account, marker_key, message_id) VALUES (?1, ?2, ?3)
             ON CONFLICT (account, marker_key)
             DO UPDATE SET message_id = max(message_id, excluded.message_id)",
            params![account, key, ids::to_sql(message_id)?],
        )?;
        Ok(())
    }

    /// The last read message id of `key`, if any was recorded.
    pub fn read_marker(&self, account: &str, key: &str) -> StoreResult<Option<u64>> {
        let marker = self
            .conn
            .query_row(
                "SELECT message_id FROM read_markers WHERE account = ?1 AND marker_key = ?2",
                params![account, key],
                |row| row.get::<_, i64>(0),
            )
            .optional()?;
        ids::opt_from_sql(marker)
    }

    /// Messages of `feed_key` newer than its read marker (all of them without a marker).
    pub fn unread_count(&self, account: &str, feed_key: &str) -> StoreResult<u64> {
        let count: i64 = self.conn.query_row(
            "SELECT count(*) FROM feed_items f
             WHERE f.account = ?1 AND f.feed_key = ?2 AND f.message_id > coalesce(
                 (SELECT r.message_id FROM read_markers r
                  WHERE r.account = ?1 AND r.marker_key = ?2), -1)",
            params![account, feed_key],
            |row| row.get(0),
        )?;
        Ok(u64::try_from(count).unwrap_or(0))
    }

    pub(super) fn put_records(
        &mut self,
        table: &str,
        account: &str,
        records: &[CachedRecord],
    ) -> StoreResult<()> {
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)?;
        let sql = format!(
            "INSERT INTO {table} (account, id, json) VALUES (?1, ?2, ?3)
             ON CONFLICT (account, id) DO UPDATE SET json = excluded.json"
        );
        for record in records {
            tx.execute(&sql, params![account, ids::to_sql(record.id)?, record.json])?;
        }
        tx.commit()?;
        Ok(())
    }

    /// The records of `table` among `ids`, in id order; ids not cached are left out.
    pub(super) fn get_records(
        &self,
        table: &str,
        account: &str,
        ids: &[u64],
    ) -> StoreResult<Vec<CachedRecord>> {
        let mut stmt = self.conn.prepare(&format!(
            "SELECT id, json FROM {table} WHERE account = ?1 AND id = ?2"
        ))?;
        let mut sql_ids = ids
            .iter()
            .map(|id| ids::to_sql(*id))
            .collect::<StoreResult<Vec<_>>>()?;
        sql_ids.sort_unstable();
        sql_ids.dedup();
        let mut found = Vec::new();
        for id in sql_ids {
            if let Some(raw) = stmt
                .query_row(params![account, id], raw_record)
                .optional()?
            {
                found.push(raw.into_record()?);
            }
        }
        Ok(found)
    }
}

/// A message row as stored, before its ids are checked.
pub(super) struct RawMessage {
    id: i64,
    thread_id: i64,
    group_id: Option<i64>,
    sender_id: i64,
    created_at: i64,
    json: String,
}

impl RawMessage {
    pub(super) fn into_message(self) -> StoreResult<CachedMessage> {
        Ok(CachedMessage {
            id: ids::from_sql(self.id)?,
            thread_id: ids::from_sql(self.thread_id)?,
            group_id: ids::opt_from_sql(self.group_id)?,
            sender_id: ids::from_sql(self.sender_id)?,
            created_at: self.created_at,
            json: self.json,
        })
    }
}

pub(super) fn raw_message(row: &Row<'_>) -> rusqlite::Result<RawMessage> {
    Ok(RawMessage {
        id: row.get(0)?,
        thread_id: row.get(1)?,
        group_id: row.get(2)?,
        sender_id: row.get(3)?,
        created_at: row.get(4)?,
        json: row.get(5)?,
    })
}

/// A user/group row as stored, before its id is checked.
pub(super) struct RawRecord {
    id: i64,
    json: String,
}

impl RawRecord {
    pub(super) fn into_record(self) -> StoreResult<CachedRecord> {
        Ok(CachedRecord {
            id: ids::from_sql(self.id)?,
            json: self.json,
        })
    }
}

pub(super) fn raw_record(row: &Row<'_>) -> rusqlite::Result<RawRecord> {
    Ok(RawRecord {
        id: row.get(0)?,
        json: row.get(1)?,
    })
}
