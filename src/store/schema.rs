//! Schemas of the two store files as ordered migration lists, and the migration runner.
//! Owns the table layout and `PRAGMA user_version` bookkeeping. It must never edit or reorder a
//! step that has shipped: a schema change is a new step appended at the end.

use rusqlite::{Connection, TransactionBehavior};

use super::error::{StoreError, StoreResult};

/// Steps for `cache.sqlite`. Step `n` (1-based) brings the file to `user_version = n`.
/// Ids are INTEGER (see `ids`); message/user/group bodies are the server's raw JSON text so the
/// cache layout does not depend on the API's DTOs.
pub const CACHE_MIGRATIONS: &[&str] = &[
    // 1: the cached records, feed membership and read markers.
    "CREATE TABLE messages (
         account TEXT NOT NULL,
         id INTEGER NOT NULL,
         thread_id INTEGER NOT NULL,
         group_id INTEGER,
         sender_id INTEGER NOT NULL,
         created_at INTEGER NOT NULL,
         json TEXT NOT NULL,
         PRIMARY KEY (account, id)
     ) WITHOUT ROWID;
     CREATE TABLE user_records (
         account TEXT NOT NULL,
         id INTEGER NOT NULL,
         json TEXT NOT NULL,
         PRIMARY KEY (account, id)
     ) WITHOUT ROWID;
     CREATE TABLE group_records (
         account TEXT NOT NULL,
         id INTEGER NOT NULL,
         json TEXT NOT NULL,
         PRIMARY KEY (account, id)
     ) WITHOUT ROWID;
     CREATE TABLE feeds (
         account TEXT NOT NULL,
         feed_key TEXT NOT NULL,
         older_exhausted INTEGER NOT NULL DEFAULT 0,
         PRIMARY KEY (account, feed_key)
     ) WITHOUT ROWID;
     CREATE TABLE feed_items (
         account TEXT NOT NULL,
         feed_key TEXT NOT NULL,
         message_id INTEGER NOT NULL,
         PRIMARY KEY (account, feed_key, message_id)
     ) WITHOUT ROWID;
     CREATE TABLE read_markers (
         account TEXT NOT NULL,
         marker_key TEXT NOT NULL,
         message_id INTEGER NOT NULL,
         PRIMARY KEY (account, marker_key)
     ) WITHOUT ROWID;",
    // 2: thread lookups without a scan of the account's messages.
    "CREATE INDEX messages_by_thread ON messages (account, thread_id, id);",
    // 3: thread summaries, per-account facts (who the user is, their communities), and a
    // message → feed lookup so pruning finds messages no feed holds any more.
    "CREATE TABLE thread_records (
         account TEXT NOT NULL,
         id INTEGER NOT NULL,
         json TEXT NOT NULL,
         PRIMARY KEY (account, id)
     ) WITHOUT ROWID;
     CREATE TABLE account_facts (
         account TEXT NOT NULL,
         fact TEXT NOT NULL,
         value TEXT NOT NULL,
         PRIMARY KEY (account, fact)
     ) WITHOUT ROWID;
     CREATE INDEX feed_items_by_message ON feed_items (account, message_id);",
    // 4: what start-up and pruning read about every message (thread, id, sender, community)
    // without visiting its row: a message row holds the JSON, and a WITHOUT ROWID leaf holds
    // one or two of them per page, so walking rows for these columns read the whole file.
    // It also serves thread lookups, so the narrower index of step 2 goes.
    "CREATE INDEX messages_summary ON messages (account, thread_id, id, sender_id, group_id);
     DROP INDEX messages_by_thread;",
    // 5: each feed item's thread, so which threads a feed holds is one range scan of an index
    // instead of a message lookup per feed item (100k lookups at every start of a big cache).
    // Items cached before this step get theirs from their message.
    "ALTER TABLE feed_items ADD COLUMN thread_id INTEGER;
     UPDATE feed_items SET thread_id = (
         SELECT m.thread_id FROM messages m
         WHERE m.account = feed_items.account AND m.id = feed_items.message_id);
     CREATE INDEX feed_items_by_thread ON feed_items (account, feed_key, thread_id);",
    // 6: the people directory as the listing delivered it, so a start answers "who knows" at
    // once; `listed_at` tells who a whole pass no longer lists.
    "CREATE TABLE directory (
         account TEXT NOT NULL,
         id INTEGER NOT NULL,
         json TEXT NOT NULL,
         listed_at INTEGER NOT NULL,
         PRIMARY KEY (account, id)
     ) WITHOUT ROWID;",
    // 7: a full-text index of what is cached, so search answers at once and offline:
    // message text (title and body), people (names, job, department) and communities (names,
    // description). Contentless (the text is in the JSON already), keyed by the record's id,
    // and kept true by triggers on the record tables; what is cached already is indexed here.
    // A record whose JSON is not valid is indexed as empty text rather than refused. The
    // triggers delete before they insert: a conflict clause inside a trigger gives way to the
    // writing statement's own.
    "CREATE VIRTUAL TABLE message_text USING fts5(text, content = '', contentless_delete = 1,
         tokenize = 'unicode61 remove_diacritics 2');
     CREATE VIRTUAL TABLE person_text USING fts5(text, content = '', contentless_delete = 1,
         tokenize = 'unicode61 remove_diacritics 2');
     CREATE VIRTUAL TABLE community_text USING fts5(text, content = '', contentless_delete = 1,
         tokenize = 'unicode61 remove_diacritics 2');
     CREATE TRIGGER message_text_insert AFTER INSERT ON messages BEGIN
         DELETE FROM message_text WHERE rowid = new.id;
         INSERT INTO message_text (rowid, text) VALUES (new.id, CASE
             WHEN json_valid(new.json) THEN concat_ws(' ', new.json ->> '$.title',
                 coalesce(nullif(new.json ->> '$.body.plain', ''), new.json ->> '$.body.parsed'))
             ELSE '' END);
     END;
     CREATE TRIGGER message_text_update AFTER UPDATE OF json ON messages
     WHEN old.json IS NOT new.json BEGIN
         DELETE FROM message_text WHERE rowid = new.id;
         INSERT INTO message_text (rowid, text) VALUES (new.id, CASE
             WHEN json_valid(new.json) THEN concat_ws(' ', new.json ->> '$.title',
                 coalesce(nullif(new.json ->> '$.body.plain', ''), new.json ->> '$.body.parsed'))
             ELSE '' END);
     END;
     CREATE TRIGGER message_text_delete AFTER DELETE ON messages BEGIN
         DELETE FROM message_text WHERE rowid = old.id;
     END;
     CREATE TRIGGER person_text_insert AFTER INSERT ON user_records BEGIN
         DELETE FROM person_text WHERE rowid = new.id;
         INSERT INTO person_text (rowid, text) VALUES (new.id, CASE
             WHEN json_valid(new.json) THEN concat_ws(' ', new.json ->> '$.full_name',
                 new.json ->> '$.name', new.json ->> '$.job_title', new.json ->> '$.department')
             ELSE '' END);
     END;
     CREATE TRIGGER person_text_update AFTER UPDATE OF json ON user_records
     WHEN old.json IS NOT new.json BEGIN
         DELETE FROM person_text WHERE rowid = new.id;
         INSERT INTO person_text (rowid, text) VALUES (new.id, CASE
             WHEN json_valid(new.json) THEN concat_ws(' ', new.json ->> '$.full_name',
                 new.json ->> '$.name', new.json ->> '$.job_title', new.json ->> '$.department')
             ELSE '' END);
     END;
     CREATE TRIGGER person_text_delete AFTER DELETE ON user_records
     WHEN NOT EXISTS (SELECT 1 FROM directory d WHERE d.account = old.account AND d.id = old.id)
     BEGIN
         DELETE FROM person_text WHERE rowid = old.id;
     END;
     CREATE TRIGGER directory_text_insert AFTER INSERT ON directory
     WHEN NOT EXISTS (SELECT 1 FROM user_records u WHERE u.account = new.account AND u.id = new.id)
     BEGIN
         DELETE FROM person_text WHERE rowid = new.id;
         INSERT INTO person_text (rowid, text) VALUES (new.id, CASE
             WHEN json_valid(new.json) THEN concat_ws(' ', new.json ->> '$.full_name',
                 new.json ->> '$.name', new.json ->> '$.job_title', new.json ->> '$.department')
             ELSE '' END);
     END;
     CREATE TRIGGER directory_text_update AFTER UPDATE OF json ON directory
     WHEN old.json IS NOT new.json AND NOT EXISTS
         (SELECT 1 FROM user_records u WHERE u.account = new.account AND u.id = new.id)
     BEGIN
         DELETE FROM person_text WHERE rowid = new.id;
         INSERT INTO person_text (rowid, text) VALUES (new.id, CASE
             WHEN json_valid(new.json) THEN concat_ws(' ', new.json ->> '$.full_name',
                 new.json ->> '$.name', new.json ->> '$.job_title', new.json ->> '$.department')
             ELSE '' END);
     END;
     CREATE TRIGGER directory_text_delete AFTER DELETE ON directory
     WHEN NOT EXISTS (SELECT 1 FROM user_records u WHERE u.account = old.account AND u.id = old.id)
     BEGIN
         DELETE FROM person_text WHERE rowid = old.id;
     END;
     CREATE TRIGGER community_text_insert AFTER INSERT ON group_records BEGIN
         DELETE FROM community_text WHERE rowid = new.id;
         INSERT INTO community_text (rowid, text) VALUES (new.id, CASE
             WHEN json_valid(new.json) THEN concat_ws(' ', new.json ->> '$.full_name',
                 new.json ->> '$.name', new.json ->> '$.description')
             ELSE '' END);
     END;
     CREATE TRIGGER community_text_update AFTER UPDATE OF json ON group_records
     WHEN old.json IS NOT new.json BEGIN
         DELETE FROM community_text WHERE rowid = new.id;
         INSERT INTO community_text (rowid, text) VALUES (new.id, CASE
             WHEN json_valid(new.json) THEN concat_ws(' ', new.json ->> '$.full_name',
                 new.json ->> '$.name', new.json ->> '$.description')
             ELSE '' END);
     END;
     CREATE TRIGGER community_text_delete AFTER DELETE ON group_records BEGIN
         DELETE FROM community_text WHERE rowid = old.id;
     END;
     INSERT OR REPLACE INTO message_text (rowid, text) SELECT id, CASE
         WHEN json_valid(json) THEN concat_ws(' ', json ->> '$.title',
             coalesce(nullif(json ->> '$.body.plain', ''), json ->> '$.body.parsed'))
         ELSE '' END FROM messages;
     INSERT OR REPLACE INTO person_text (rowid, text) SELECT id, CASE
         WHEN json_valid(json) THEN concat_ws(' ', json ->> '$.full_name', json ->> '$.name',
             json ->> '$.job_title', json ->> '$.department')
         ELSE '' END FROM directory;
     INSERT OR REPLACE INTO person_text (rowid, text) SELECT id, CASE
         WHEN json_valid(json) THEN concat_ws(' ', json ->> '$.full_name', json ->> '$.name',
             json ->> '$.job_title', json ->> '$.department')
         ELSE '' END FROM user_records;
     INSERT OR REPLACE INTO community_text (rowid, text) SELECT id, CASE
         WHEN json_valid(json) THEN concat_ws(' ', json ->> '$.full_name', json ->> '$.name',
             json ->> '$.description')
         ELSE '' END FROM group_records;",
    // 8: who a cached message concerns, in its full-text row, so `in:`, `from:` and `@` narrow
    // a search inside the index instead of row by row: the column `who` holds `g<community>`,
    // `s<sender>` and `n<person>` for each person the message notified. The view
    // `message_index_rows` says once what a message's row of the index is; the triggers and the
    // one-time rebuild of what is cached read it.
    "DROP TRIGGER message_text_insert;
     DROP TRIGGER message_text_update;
     DROP TRIGGER message_text_delete;
     DROP TABLE message_text;
     CREATE VIRTUAL TABLE message_text USING fts5(text, who, content = '',
         contentless_delete = 1, tokenize = 'unicode61 remove_diacritics 2');
     CREATE VIEW message_index_rows (account, id, text, who) AS SELECT m.account, m.id, CASE
         WHEN json_valid(m.json) THEN concat_ws(' ', m.json ->> '$.title',
             coalesce(nullif(m.json ->> '$.body.plain', ''), m.json ->> '$.body.parsed'))
         ELSE '' END, concat_ws(' ', 'g' || m.group_id, 's' || m.sender_id, CASE
         WHEN json_valid(m.json) THEN (SELECT group_concat('n' || n.value, ' ')
             FROM json_each(m.json, '$.notified_user_ids') n) END) FROM messages m;
     CREATE TRIGGER message_text_insert AFTER INSERT ON messages BEGIN
         DELETE FROM message_text WHERE rowid = new.id;
         INSERT INTO message_text (rowid, text, who) SELECT id, text, who FROM message_index_rows
             WHERE account = new.account AND id = new.id;
     END;
     CREATE TRIGGER message_text_update AFTER UPDATE ON messages
     WHEN old.json IS NOT new.json OR old.group_id IS NOT new.group_id
         OR old.sender_id IS NOT new.sender_id BEGIN
         DELETE FROM message_text WHERE rowid = new.id;
         INSERT INTO message_text (rowid, text, who) SELECT id, text, who FROM message_index_rows
             WHERE account = new.account AND id = new.id;
     END;
     CREATE TRIGGER message_text_delete AFTER DELETE ON messages BEGIN
         DELETE FROM message_text WHERE rowid = old.id;
     END;
     INSERT OR REPLACE INTO message_text (rowid, text, who)
         SELECT id, text, who FROM message_index_rows;",
];

/// Steps for `outbox.sqlite` (drafts and outbox; the precious file).
pub const OUTBOX_MIGRATIONS: &[&str] = &[
    // 1: drafts, one per account and target. A rowid table so salvage can scan it in both
    // directions around a damaged page.
    "CREATE TABLE drafts (
         id INTEGER PRIMARY KEY,
         account TEXT NOT NULL,
         target_key TEXT NOT NULL,
         body TEXT NOT NULL,
         updated_at INTEGER NOT NULL,
         UNIQUE (account, target_key)
     );",
    // 2: the outbox. AUTOINCREMENT so a local id is never reused, even after a cancel.
    "CREATE TABLE outbox (
         local_id INTEGER PRIMARY KEY AUTOINCREMENT,
         account TEXT NOT NULL,
         target_key TEXT NOT NULL,
         body TEXT NOT NULL,
         topics_json TEXT NOT NULL DEFAULT '[]',
         created_at INTEGER NOT NULL,
         state TEXT NOT NULL
             CHECK (state IN ('queued', 'sending', 'sent', 'failed', 'unknown')),
         failure_reason TEXT,
         attempts INTEGER NOT NULL DEFAULT 0,
         last_error TEXT,
         next_attempt_at INTEGER NOT NULL,
         server_message_id INTEGER,
         claimant TEXT,
         lease_until INTEGER,
         first_attempt_at INTEGER,
         last_attempt_at INTEGER,
         reconcile_checks INTEGER NOT NULL DEFAULT 0,
         finished_at INTEGER
     );
     CREATE INDEX outbox_by_account ON outbox (account, state, local_id);",
];

/// Outcome of bringing a file up to date.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Migrated {
    pub from: i64,
    pub to: i64,
}

/// Applies the missing steps in one `BEGIN IMMEDIATE` transaction, so two processes opening
/// the same directory at once never run a step twice. A file newer than `steps` is refused.
pub fn migrate(conn: &mut Connection, file: &'static str, steps: &[&str]) -> StoreResult<Migrated> {
    let known = i64::try_from(steps.len()).unwrap_or(i64::MAX);
    let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
    let found: i64 = tx.pragma_query_value(None, "user_version", |row| row.get(0))?;
    if found > known {
        return Err(StoreError::SchemaTooNew { file, found, known });
    }
    let first_missing = usize::try_from(found.max(0)).unwrap_or(usize::MAX);
    for (index, step) in steps.iter().enumerate().skip(first_missing) {
        tx.execute_batch(step)?;
        let version = i64::try_from(index + 1).unwrap_or(i64::MAX);
        tx.pragma_update(None, "user_version", version)?;
    }
    tx.commit()?;
    Ok(Migrated {
        from: found,
        to: known,
    })
}

/// Reads `PRAGMA user_version`.
pub fn schema_version(conn: &Connection) -> StoreResult<i64> {
    Ok(conn.pragma_query_value(None, "user_version", |row| row.get(0))?)
}
