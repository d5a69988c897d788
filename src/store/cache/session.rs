//! What the client needs from the cache to start without the network and to count unread
//! threads: thread summaries, per-account facts (who the signed-in user is, their
//! communities), every read marker, each thread's newest activity, and which threads each
//! feed holds. Reads and writes `cache.sqlite` only; it must never touch drafts or the outbox.

use rusqlite::{OptionalExtension, params};

use super::CacheStore;
use super::records::CachedRecord;
use crate::store::error::StoreResult;
use crate::store::ids;

/// Fact key: the signed-in user's id.
pub const FACT_ME: &str = "me";
/// Fact key: the ids of the user's communities, as a JSON array.
pub const FACT_MY_GROUPS: &str = "my_groups";
/// Fact key: when the user last looked (unix seconds), for the catch-up.
pub const FACT_LAST_LOOKED: &str = "last_looked";
/// Fact key: the muted communities and threads, as JSON.
pub const FACT_MUTED: &str = "muted";
/// Fact key: the user dismissed the "Start here" checklist (`"1"`; `"0"` brought it back).
pub const FACT_START_HERE_DISMISSED: &str = "start_here_dismissed";
/// Fact key: the network's guidelines were shown (any value but `"0"`: when, in unix seconds).
pub const FACT_GUIDELINES_READ: &str = "guidelines_read";
/// Fact key: the communities whose guidelines the compose window showed, a JSON array of ids
/// (0: All Company).
pub const FACT_GUIDELINES_SEEN: &str = "guidelines_seen";
/// Fact key: the private communities the user asked to join and waits for, as a JSON array.
pub const FACT_JOIN_REQUESTS: &str = "join_requests";
/// Fact key: the threads of the Mentions and Replies to me views, as JSON.
pub const FACT_ADDRESSED: &str = "addressed_threads";

/// Each thread's newest activity, from the `messages_summary` index alone (no message row
/// is read: the rows hold the JSON, and start-up would otherwise read the whole file).
const THREAD_ACTIVITY_SQL: &str = "SELECT thread_id, max(group_id), max(id),
        max(CASE WHEN sender_id IS NOT ?2 THEN id END)
    FROM messages WHERE account = ?1 GROUP BY thread_id ORDER BY thread_id";

/// Feed → thread pairs: one range scan of the covering `feed_items_by_thread` index, in its
/// order (so `DISTINCT` and `ORDER BY` need no temporary tree), without visiting a message.
/// Items cached before schema step 5 whose message was gone have no thread and are left out.
const FEED_THREADS_SQL: &str = "SELECT DISTINCT feed_key, thread_id FROM feed_items
    WHERE account = ?1 AND feed_key NOT LIKE 'in\\_thread:%' ESCAPE '\\'
        AND thread_id IS NOT NULL
    ORDER BY feed_key, thread_id";

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

impl CacheStore {
    /// Runs `read` (cache reads only) in one read transaction: every query sees the same
    /// state of the cache, and the file's locks are taken once instead of once per query
    /// (start-up makes hundreds of lookups). Inside another such read, `read` joins it.
    pub fn read_cache_at_once<T>(
        &self,
        read: impl FnOnce(&CacheStore) -> StoreResult<T>,
    ) -> StoreResult<T> {
        if !self.conn.is_autocommit() {
            return read(self);
        }
        let snapshot = self.conn.unchecked_transaction()?;
        let result = read(self);
        // Nothing was written: ending the transaction either way only releases the locks.
        snapshot.finish()?;
        result
    }

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
        self.conn.execute(
            "INSERT INTO account_facts (account, fact, value) VALUES (?1, ?2, ?3)
             ON CONFLICT (account, fact) DO UPDATE SET value = excluded.value",
            params![account, fact, value],
        )?;
        Ok(())
    }

    /// A recorded fact about the account, if any.
    pub fn fact(&self, account: &str, fact: &str) -> StoreResult<Option<String>> {
        Ok(self
            .conn
            .query_row(
                "SELECT value FROM account_facts WHERE account = ?1 AND fact = ?2",
                params![account, fact],
                |row| row.get(0),
            )
            .optional()?)
    }

    /// Every read marker of the account: (marker key, last read message id), by key.
    pub fn read_markers(&self, account: &str) -> StoreResult<Vec<(String, u64)>> {
        let mut stmt = self.conn.prepare(
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
        let mut stmt = self.conn.prepare(THREAD_ACTIVITY_SQL)?;
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
        let mut stmt = self.conn.prepare(FEED_THREADS_SQL)?;
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::CachedMessage;

    type TestResult = Result<(), Box<dyn std::error::Error>>;

    /// SQLite's plan for `sql`, one detail line per step.
    fn plan(store: &CacheStore, sql: &str, account: &str) -> Vec<String> {
        let explain = format!("EXPLAIN QUERY PLAN {sql}");
        let Ok(mut stmt) = store.conn.prepare(&explain) else {
            return vec![format!("could not prepare {sql}")];
        };
        let params: Vec<&dyn rusqlite::ToSql> = (0..stmt.parameter_count())
            .map(|i| {
                if i == 0 {
                    &account as &dyn rusqlite::ToSql
                } else {
                    &1_i64
                }
            })
            .collect();
        stmt.query_map(params.as_slice(), |row| row.get::<_, String>(3))
            .and_then(|rows| rows.collect())
            .unwrap_or_default()
    }

    /// Whether a plan step walks or looks up rows of `messages` (aliased `m` or not).
    fn reads_message_rows(step: &str) -> bool {
        let on_messages = ["SCAN m", "SEARCH m", "SCAN messages", "SEARCH messages"]
            .iter()
            .any(|start| step == *start || step.starts_with(&format!("{start} ")));
        on_messages && !step.contains("COVERING INDEX")
    }

    /// A store with a few messages in a feed and in a thread, so the planner sees real tables.
    fn filled_store() -> Result<(tempfile::TempDir, CacheStore), Box<dyn std::error::Error>> {
        let dir = tempfile::tempdir()?;
        let (mut store, _) = CacheStore::open(dir.path())?;
        let messages: Vec<CachedMessage> = (1..=50)
            .map(|id| CachedMessage {
                id,
                thread_id: id - (id - 1) % 5,
                group_id: Some(7),
                sender_id: id % 3,
                created_at: 0,
                json: "{}".repeat(200),
            })
            .collect();
        store.put_messages("a", "in_group:7", &messages)?;
        store.put_messages("a", "in_thread:1", &messages[..5])?;
        Ok((dir, store))
    }

    // Start-up reads every message's thread, sender and community, and every feed's threads;
    // none of it may visit the message rows (with 100k cached messages that read the whole
    // file at every start), and the feed → thread pairs come from one index in its order.
    #[test]
    fn startup_queries_read_indexes_only() -> TestResult {
        let (_dir, store) = filled_store()?;
        for (sql, index) in [
            (THREAD_ACTIVITY_SQL, "COVERING INDEX messages_summary"),
            (FEED_THREADS_SQL, "COVERING INDEX feed_items_by_thread"),
        ] {
            let plan = plan(&store, sql, "a");
            assert!(!plan.is_empty(), "{sql}");
            assert!(
                !plan.iter().any(|step| reads_message_rows(step)),
                "{sql}\n{plan:?}"
            );
            assert!(plan.iter().any(|s| s.contains(index)), "{sql}\n{plan:?}");
        }
        let feed_threads = plan(&store, FEED_THREADS_SQL, "a");
        assert!(
            !feed_threads.iter().any(|s| s.contains("TEMP B-TREE")),
            "{feed_threads:?}"
        );
        assert!(
            !feed_threads.iter().any(|s| s.contains("messages")),
            "{feed_threads:?}"
        );
        Ok(())
    }

    // Opening a community reads its newest messages: walked from the feed's own items, newest
    // first, never by scanning all messages newest first until enough belong to the feed (a
    // community holding 1 message in 200 read most of the file that way).
    #[test]
    fn a_feed_is_read_from_its_items() -> TestResult {
        let (_dir, store) = filled_store()?;
        let plan = plan(&store, super::super::records::FEED_MESSAGES_SQL, "a");
        assert_eq!(
            plan.first().map(String::as_str),
            Some("SEARCH f USING PRIMARY KEY (account=? AND feed_key=?)"),
            "{plan:?}"
        );
        assert!(!plan.iter().any(|s| s.contains("TEMP B-TREE")), "{plan:?}");
        Ok(())
    }

    #[test]
    fn start_here_flags_survive_a_restart_and_stay_per_account() -> TestResult {
        let dir = tempfile::tempdir()?;
        {
            let (mut store, _) = CacheStore::open(dir.path())?;
            store.set_fact("work", FACT_START_HERE_DISMISSED, "1")?;
            store.set_fact("work", FACT_GUIDELINES_READ, "1")?;
        }
        let (store, _) = CacheStore::open(dir.path())?;
        assert_eq!(
            store.fact("work", FACT_START_HERE_DISMISSED)?.as_deref(),
            Some("1")
        );
        assert_eq!(
            store.fact("work", FACT_GUIDELINES_READ)?.as_deref(),
            Some("1")
        );
        assert_eq!(store.fact("other", FACT_START_HERE_DISMISSED)?, None);
        Ok(())
    }
}
