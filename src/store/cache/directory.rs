//! The people directory in the cache: every person the people listing delivered, as the
//! server's raw JSON, with when a listing pass last delivered them; where the listing pass
//! stands (the page to go on from, when the last whole pass ended); and the cached messages
//! read back newest first, a chunk at a time, so the expertise index can be rebuilt at start
//! without the network. Touches `cache.sqlite` only; never drafts or the outbox.

use rusqlite::{TransactionBehavior, params};
use serde::{Deserialize, Serialize};

use super::CacheStore;
use super::records::{CachedMessage, CachedRecord};
use crate::store::error::{StoreError, StoreResult};
use crate::store::ids;

/// Fact key: where the people listing stands, as JSON ([`ListingPass`]).
pub const FACT_LISTING: &str = "directory_listing";

/// Where the people listing stood when last recorded.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ListingPass {
    /// The page the unfinished pass goes on from (0: a pass starts at the beginning).
    pub next_page: u32,
    /// When the current pass started (unix seconds; 0 when none runs).
    pub started_at: i64,
    /// When a pass last read the listing to its end (unix seconds), if one ever did.
    pub complete_at: Option<i64>,
}

impl CacheStore {
    /// Stores people the listing delivered at `listed_at` (unix seconds), replacing older copies.
    pub fn put_directory(
        &mut self,
        account: &str,
        people: &[CachedRecord],
        listed_at: i64,
    ) -> StoreResult<()> {
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)?;
        {
            let mut put = tx.prepare_cached(
                "INSERT INTO directory (account, id, json, listed_at) VALUES (?1, ?2, ?3, ?4)
                 ON CONFLICT (account, id) DO UPDATE SET json = excluded.json,
                     listed_at = excluded.listed_at",
            )?;
            for person in people {
                put.execute(params![
                    account,
                    ids::to_sql(person.id)?,
                    person.json,
                    listed_at
                ])?;
            }
        }
        tx.commit()?;
        Ok(())
    }

    /// Up to `limit` people of the directory with ids above `after`, in id order.
    pub fn directory_after(
        &self,
        account: &str,
        after: u64,
        limit: usize,
    ) -> StoreResult<Vec<CachedRecord>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT id, json FROM directory WHERE account = ?1 AND id > ?2 ORDER BY id LIMIT ?3",
        )?;
        let limit = i64::try_from(limit).unwrap_or(i64::MAX);
        let rows = stmt.query_map(params![account, ids::to_sql(after)?, limit], |row| {
            Ok((row.get::<_, i64>(0)?, row.get::<_, String>(1)?))
        })?;
        let mut found = Vec::new();
        for row in rows {
            let (id, json) = row?;
            found.push(CachedRecord {
                id: ids::from_sql(id)?,
                json,
            });
        }
        Ok(found)
    }

    /// Forgets the people no listing delivered since `since` (unix seconds): at the end of a
    /// whole pass, those who left. Returns how many went.
    pub fn forget_unlisted(&mut self, account: &str, since: i64) -> StoreResult<usize> {
        Ok(self.conn.execute(
            "DELETE FROM directory WHERE account = ?1 AND listed_at < ?2",
            params![account, since],
        )?)
    }

    /// Where the listing stands (the default when never recorded or unreadable).
    pub fn listing_pass(&self, account: &str) -> StoreResult<ListingPass> {
        Ok(self
            .fact(account, FACT_LISTING)?
            .and_then(|json| serde_json::from_str(&json).ok())
            .unwrap_or_default())
    }

    /// Records where the listing stands.
    pub fn set_listing_pass(&mut self, account: &str, pass: &ListingPass) -> StoreResult<()> {
        let json =
            serde_json::to_string(pass).map_err(|e| StoreError::InvalidStored(e.to_string()))?;
        self.set_fact(account, FACT_LISTING, &json)
    }

    /// Up to `limit` cached messages with ids below `before` (all when `None`), newest first.
    pub fn messages_before(
        &self,
        account: &str,
        before: Option<u64>,
        limit: usize,
    ) -> StoreResult<Vec<CachedMessage>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT id, thread_id, group_id, sender_id, created_at, json FROM messages
             WHERE account = ?1 AND (?2 IS NULL OR id < ?2) ORDER BY id DESC LIMIT ?3",
        )?;
        let limit = i64::try_from(limit).unwrap_or(i64::MAX);
        let before = ids::opt_to_sql(before)?;
        let rows = stmt.query_map(params![account, before, limit], |row| {
            Ok((
                row.get::<_, i64>(0)?,
                row.get::<_, i64>(1)?,
                row.get::<_, Option<i64>>(2)?,
                row.get::<_, i64>(3)?,
                row.get::<_, i64>(4)?,
                row.get::<_, String>(5)?,
            ))
        })?;
        let mut found = Vec::new();
        for row in rows {
            let (id, thread_id, group_id, sender_id, created_at, json) = row?;
            found.push(CachedMessage {
                id: ids::from_sql(id)?,
                thread_id: ids::from_sql(thread_id)?,
                group_id: ids::opt_from_sql(group_id)?,
                sender_id: ids::from_sql(sender_id)?,
                created_at,
                json,
            });
        }
        Ok(found)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn store() -> (tempfile::TempDir, CacheStore) {
        let dir = tempfile::tempdir().expect("temp dir");
        let (store, _) = CacheStore::open(dir.path()).expect("store opens");
        (dir, store)
    }

    fn person(id: u64, name: &str) -> CachedRecord {
        CachedRecord {
            id,
            json: format!(r#"{{"id":{id},"full_name":"{name}"}}"#),
        }
    }

    #[test]
    fn people_read_back_in_chunks_and_unlisted_ones_go() {
        let (_dir, mut store) = store();
        let people: Vec<_> = (1..=5).map(|id| person(id, "Ada")).collect();
        store.put_directory("a", &people, 100).expect("put");
        store
            .put_directory("b", &[person(9, "Other")], 100)
            .expect("put");
        let first = store.directory_after("a", 0, 2).expect("read");
        assert_eq!(first.iter().map(|p| p.id).collect::<Vec<_>>(), [1, 2]);
        let rest = store.directory_after("a", 2, 10).expect("read");
        assert_eq!(rest.iter().map(|p| p.id).collect::<Vec<_>>(), [3, 4, 5]);
        store
            .put_directory("a", &[person(2, "Grace"), person(4, "Bo")], 200)
            .expect("put");
        assert_eq!(store.forget_unlisted("a", 200).expect("forget"), 3);
        let left = store.directory_after("a", 0, 10).expect("read");
        assert_eq!(left.iter().map(|p| p.id).collect::<Vec<_>>(), [2, 4]);
        assert!(left[0].json.contains("Grace"));
        assert_eq!(store.directory_after("b", 0, 10).expect("read").len(), 1);
    }

    #[test]
    fn messages_read_back_newest_first_in_chunks() {
        let (_dir, mut store) = store();
        let rows: Vec<CachedMessage> = (1..=5)
            .map(|id| CachedMessage {
                id,
                thread_id: id,
                group_id: None,
                sender_id: 2,
                created_at: 0,
                json: "{}".into(),
            })
            .collect();
        store.put_messages("a", "my_feed", &rows).expect("put");
        let newest = store.messages_before("a", None, 2).expect("read");
        assert_eq!(newest.iter().map(|m| m.id).collect::<Vec<_>>(), [5, 4]);
        let older = store.messages_before("a", Some(4), 10).expect("read");
        assert_eq!(older.iter().map(|m| m.id).collect::<Vec<_>>(), [3, 2, 1]);
    }

    #[test]
    fn the_listing_pass_is_kept() {
        let (_dir, mut store) = store();
        assert_eq!(
            store.listing_pass("a").expect("read"),
            ListingPass::default()
        );
        let pass = ListingPass {
            next_page: 7,
            started_at: 100,
            complete_at: Some(50),
        };
        store.set_listing_pass("a", &pass).expect("write");
        assert_eq!(store.listing_pass("a").expect("read"), pass);
    }
}
