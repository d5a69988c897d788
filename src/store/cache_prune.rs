//! Keeps the cache bounded: each feed keeps its newest messages, only the most recently active
//! threads keep their full copies, and messages, thread summaries and (past a cap) users that
//! nothing refers to any more are dropped. Touches `cache.sqlite` only; read markers and facts
//! are never pruned.

use rusqlite::{TransactionBehavior, params};

use super::Store;
use super::cache_session::FACT_ME;
use super::error::StoreResult;

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

impl Store {
    /// Trims `account`'s cache to `limits`; returns how many messages were dropped.
    pub fn prune_cache(&mut self, account: &str, limits: CacheLimits) -> StoreResult<usize> {
        let me = self.fact(account, FACT_ME)?;
        let tx = self
            .cache
            .transaction_with_behavior(TransactionBehavior::Immediate)?;
        let feeds: Vec<String> = {
            let mut stmt = tx.prepare(
                "SELECT DISTINCT feed_key FROM feed_items
                 WHERE account = ?1 AND feed_key NOT LIKE 'in\\_thread:%' ESCAPE '\\'",
            )?;
            let rows = stmt.query_map(params![account], |row| row.get(0))?;
            rows.collect::<Result<_, _>>()?
        };
        let keep = i64::try_from(limits.messages_per_feed).unwrap_or(i64::MAX);
        for feed in feeds {
            tx.execute(
                "DELETE FROM feed_items WHERE account = ?1 AND feed_key = ?2 AND message_id <= (
                     SELECT message_id FROM feed_items WHERE account = ?1 AND feed_key = ?2
                     ORDER BY message_id DESC LIMIT 1 OFFSET ?3)",
                params![account, feed, keep],
            )?;
        }
        let threads = i64::try_from(limits.threads).unwrap_or(i64::MAX);
        tx.execute(
            "DELETE FROM feed_items WHERE account = ?1
                 AND feed_key LIKE 'in\\_thread:%' ESCAPE '\\'
                 AND feed_key NOT IN (
                     SELECT feed_key FROM feed_items
                     WHERE account = ?1 AND feed_key LIKE 'in\\_thread:%' ESCAPE '\\'
                     GROUP BY feed_key ORDER BY max(message_id) DESC LIMIT ?2)",
            params![account, threads],
        )?;
        let dropped = tx.execute(
            "DELETE FROM messages WHERE account = ?1 AND NOT EXISTS (
                 SELECT 1 FROM feed_items f WHERE f.account = ?1 AND f.message_id = messages.id)",
            params![account],
        )?;
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
