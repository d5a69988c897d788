//! What the client needs from the cache to start without the network and to count unread
//! threads: thread summaries, per-account facts (who the signed-in user is, their
//! communities), every read marker, each thread's newest activity, and which threads each
//! feed holds. Reads and writes `cache.sqlite` only; it must never touch drafts or the outbox.

use rusqlite::{OptionalExtension, params};

use super::Store;
use super::cache::CachedRecord;
use super::error::StoreResult;
use super::ids;

/// Fact key: the signed-in user's id.
pub const FACT_ME: &str = "me";
/// Fact key: the ids of the user's communities, as a JSON array.
pub const FACT_MY_GROUPS: &str = "my_groups";

/// One cached thread's newest activity, for unread counts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ThreadActivity {
    pub thread_id: u64,
    pub group_id: Option<u64>,
    /// The newest cached message of the thread.
    pub newest_id: u64,
    /// The newest cached message someone other than the user wrote.
    pub newest_from_others: Option<u64>,
}

impl Store {
    /// Stores thread summaries (replacing older copies).
    pub fn put_threads(&mut self, account: &str, threads: &[CachedRecord]) -> StoreResult<()> {
        self.put_records("thread_records", account, threads)
    }

    /// The cached thread summaries among `thread_ids`, in id order.
    pub fn get_threads(&self, account: &str, thread_ids: &[u64]) -> StoreResult<Vec<CachedRecord>> {
        self.get_records("thread_records", account, thread_ids)
    }

    /// Records a fact about the account (e.g. [`FACT_ME`]), replacing the old value.
    pub fn set_fact(&mut self, account: &str, fact: &str, value: &str) -> StoreResult<()> {
        self.cache.execute(
            "INSERT INTO account_facts (account, fact, value) VALUES (?1, ?2, ?3)
             ON CONFLICT (account, fact) DO UPDATE SET value = excluded.value",
            params![account, fact, value],
        )?;
        Ok(())
    }

    /// A recorded fact about the account, if any.
    pub fn fact(&self, account: &str, fact: &str) -> StoreResult<Option<String>> {
        Ok(self
            .cache
            .query_row(
                "SELECT value FROM account_facts WHERE account = ?1 AND fact = ?2",
                params![account, fact],
                |row| row.get(0),
            )
            .optional()?)
    }

    /// Every read marker of the account: (marker key, last read message id), by key.
    pub fn read_markers(&self, account: &str) -> StoreResult<Vec<(String, u64)>> {
        let mut stmt = self.cache.prepare(
            "SELECT marker_key, message_id FROM read_markers WHERE account = ?1
             ORDER BY marker_key",
        )?;
        let rows = stmt.query_map(params![account], |row| {
            Ok((row.get::<_, String>(0)?, row.get::<_, i64>(1)?))
        })?;
        rows.map(|row| {
            let (key, id) = row?;
            Ok((key, ids::from_sql(id)?))
        })
        .collect()
    }

    /// Each cached thread's newest activity, by thread id; `me` is left out of
    /// [`ThreadActivity::newest_from_others`].
    pub fn thread_activity(
        &self,
        account: &str,
        me: Option<u64>,
    ) -> StoreResult<Vec<ThreadActivity>> {
        let mut stmt = self.cache.prepare(
            "SELECT thread_id, max(group_id), max(id),
                    max(CASE WHEN sender_id IS NOT ?2 THEN id END)
             FROM messages WHERE account = ?1 GROUP BY thread_id ORDER BY thread_id",
        )?;
        let rows = stmt.query_map(params![account, ids::opt_to_sql(me)?], |row| {
            Ok((
                row.get::<_, i64>(0)?,
                row.get::<_, Option<i64>>(1)?,
                row.get::<_, i64>(2)?,
                row.get::<_, Option<i64>>(3)?,
            ))
        })?;
        rows.map(|row| {
            let (thread, group, newest, others) = row?;
            Ok(ThreadActivity {
                thread_id: ids::from_sql(thread)?,
                group_id: ids::opt_from_sql(group)?,
                newest_id: ids::from_sql(newest)?,
                newest_from_others: ids::opt_from_sql(others)?,
            })
        })
        .collect()
    }

    /// Which threads each feed holds (thread feeds `in_thread:*` left out): (feed key,
    /// thread id) pairs, by feed key and thread id.
    pub fn feed_threads(&self, account: &str) -> StoreResult<Vec<(String, u64)>> {
        let mut stmt = self.cache.prepare(
            "SELECT DISTINCT f.feed_key, m.thread_id FROM feed_items f
             JOIN messages m ON m.account = f.account AND m.id = f.message_id
             WHERE f.account = ?1 AND f.feed_key NOT LIKE 'in\\_thread:%' ESCAPE '\\'
             ORDER BY f.feed_key, m.thread_id",
        )?;
        let rows = stmt.query_map(params![account], |row| {
            Ok((row.get::<_, String>(0)?, row.get::<_, i64>(1)?))
        })?;
        rows.map(|row| {
            let (key, thread) = row?;
            Ok((key, ids::from_sql(thread)?))
        })
        .collect()
    }
}
