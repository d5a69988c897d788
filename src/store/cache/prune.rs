//! Keeps the cache bounded: each feed keeps its newest messages, only the most recently active
//! threads keep their full copies, and messages, thread summaries and (past a cap) users that
//! nothing refers to any more are dropped. Touches `cache.sqlite` only; read markers and facts
//! are never pruned.

use rusqlite::{TransactionBehavior, params};

use super::CacheStore;
use super::session::FACT_ME;
use crate::store::error::StoreResult;

/// How much of an account the cache keeps.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct CacheLimits {
    /// Newest messages kept per feed (threads' own feeds excepted).
    pub messages_per_feed: usize,
    /// Threads whose full copy (`in_thread:*`) is kept, most recently active first.
    pub threads: usize,
    /// Above this many users, users who sent none of the cached messages are dropped.
    pub users: usize,
}

impl Default for CacheLimits {
    fn default() -> Self {
        Self {
            messages_per_feed: 500,
            threads: 300,
            users: 5_000,
        }
    }
}

impl CacheStore {
    /// Trims `account`'s cache to `limits`; returns how many messages were dropped.
    pub fn prune_cache(&mut self, account: &str, limits: CacheLimits) -> StoreResult<usize> {
        let me = self.fact(account, FACT_ME)?;
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)?;
        let feeds: Vec<String> = {
            let mut stmt = tx.prepare(
                "SELECT feed_key FROM feeds
                 WHERE account = ?1 AND feed_key NOT LIKE 'in\\_thread:%' ESCAPE '\\'",
            )?;
            let rows = stmt.query_map(params![account], |row| row.get(0))?;
            rows.collect::<Result<_, _>>()?
        };
        // Only messages that lose a feed item here can end up in no feed (feed items are
        // added with their message and removed only here and with the message itself), so
        // only those are checked: a full pass over 100k messages on every fetched page cost
        // hundreds of milliseconds.
        let mut released: Vec<i64> = Vec::new();
        let keep = i64::try_from(limits.messages_per_feed).unwrap_or(i64::MAX);
        {
            let mut trim = tx.prepare(
                "DELETE FROM feed_items WHERE account = ?1 AND feed_key = ?2 AND message_id <= (
                     SELECT message_id FROM feed_items WHERE account = ?1 AND feed_key = ?2
                     ORDER BY message_id DESC LIMIT 1 OFFSET ?3)
                 RETURNING message_id",
            )?;
            for feed in feeds {
                let ids =
                    trim.query_map(params![account, feed, keep], |row| row.get::<_, i64>(0))?;
                for id in ids {
                    released.push(id?);
                }
            }
        }
        let threads = i64::try_from(limits.threads).unwrap_or(i64::MAX);
        {
            let mut drop_threads = tx.prepare(
                "DELETE FROM feed_items WHERE account = ?1
                     AND feed_key LIKE 'in\\_thread:%' ESCAPE '\\'
                     AND feed_key NOT IN (
                         SELECT feed_key FROM feed_items
                         WHERE account = ?1 AND feed_key LIKE 'in\\_thread:%' ESCAPE '\\'
                         GROUP BY feed_key ORDER BY max(message_id) DESC LIMIT ?2)
                 RETURNING message_id",
            )?;
            let ids =
                drop_threads.query_map(params![account, threads], |row| row.get::<_, i64>(0))?;
            for id in ids {
                released.push(id?);
            }
        }
        released.sort_unstable();
        released.dedup();
        let mut dropped = 0;
        {
            let mut orphan = tx.prepare(
                "DELETE FROM messages WHERE account = ?1 AND id = ?2 AND NOT EXISTS (
                     SELECT 1 FROM feed_items f WHERE f.account = ?1 AND f.message_id = ?2)",
            )?;
            for id in released {
                dropped += orphan.execute(params![account, id])?;
            }
        }
        tx.execute(
            "DELETE FROM thread_records WHERE account = ?1 AND NOT EXISTS (
                 SELECT 1 FROM messages m WHERE m.account = ?1 AND m.thread_id = thread_records.id)",
            params![account],
        )?;
        let users: i64 = tx.query_row(
            "SELECT count(*) FROM user_records WHERE account = ?1",
            params![account],
            |row| row.get(0),
        )?;
        if usize::try_from(users).unwrap_or(usize::MAX) > limits.users {
            tx.execute(
                "DELETE FROM user_records WHERE account = ?1 AND CAST(id AS TEXT) IS NOT ?2
                     AND id NOT IN (SELECT sender_id FROM messages WHERE account = ?1)",
                params![account, me],
            )?;
        }
        tx.commit()?;
        Ok(dropped)
    }
}
