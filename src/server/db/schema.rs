//! The SQLite schema of `kring serve`: tables, the indexes that keep feeds fast at 100k+ messages,
//! and connection pragmas. Indexes are created after bulk seeding, which is much faster.
//! Owns DDL only; queries live beside it.

use rusqlite::Connection;

/// Written to `PRAGMA user_version` once a database is fully created (and seeded).
pub const SCHEMA_VERSION: i64 = 2;

/// Brings a database of an older version up to [`SCHEMA_VERSION`], one step per version, in one
/// transaction with the version it reaches. Step `n` upgrades version `n` to `n + 1`; a shipped
/// step is never edited, a change is a new step.
const UPGRADES: &[&str] = &[
    // 1 → 2: message kinds, titles and delegates; what each user has seen of the feeds that
    // report unseen counts.
    "ALTER TABLE messages ADD COLUMN message_type TEXT NOT NULL DEFAULT 'update';
     ALTER TABLE messages ADD COLUMN title TEXT NOT NULL DEFAULT '';
     ALTER TABLE messages ADD COLUMN delegate_id INTEGER;
     CREATE TABLE IF NOT EXISTS seen_marks (
         user_id INTEGER NOT NULL,
         feed TEXT NOT NULL,
         message_id INTEGER NOT NULL,
         PRIMARY KEY (user_id, feed)
     ) WITHOUT ROWID;",
];

const TABLES: &str = "
CREATE TABLE network (
    id INTEGER PRIMARY KEY,
    name TEXT NOT NULL,
    permalink TEXT NOT NULL,
    created_at INTEGER NOT NULL
);
CREATE TABLE users (
    id INTEGER PRIMARY KEY,
    username TEXT NOT NULL UNIQUE,
    full_name TEXT NOT NULL,
    email TEXT NOT NULL,
    job_title TEXT NOT NULL DEFAULT '',
    department TEXT NOT NULL DEFAULT '',
    location TEXT NOT NULL DEFAULT '',
    expertise TEXT NOT NULL DEFAULT '',
    interests TEXT NOT NULL DEFAULT '',
    summary TEXT NOT NULL DEFAULT '',
    activated_at INTEGER NOT NULL,
    last_active_at INTEGER,
    show_in_directory INTEGER NOT NULL DEFAULT 1,
    guest INTEGER NOT NULL DEFAULT 0,
    admin INTEGER NOT NULL DEFAULT 0,
    updates INTEGER NOT NULL DEFAULT 0
);
CREATE TABLE tokens (
    token TEXT PRIMARY KEY,
    user_id INTEGER NOT NULL
) WITHOUT ROWID;
CREATE TABLE groups (
    id INTEGER PRIMARY KEY,
    slug TEXT NOT NULL,
    full_name TEXT NOT NULL,
    description TEXT NOT NULL DEFAULT '',
    privacy TEXT NOT NULL DEFAULT 'public',
    external INTEGER NOT NULL DEFAULT 0,
    show_in_directory INTEGER NOT NULL DEFAULT 1,
    creator_id INTEGER,
    created_at INTEGER NOT NULL
);
CREATE TABLE group_members (
    group_id INTEGER NOT NULL,
    user_id INTEGER NOT NULL,
    PRIMARY KEY (group_id, user_id)
) WITHOUT ROWID;
CREATE TABLE messages (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    thread_id INTEGER NOT NULL,
    replied_to_id INTEGER,
    sender_id INTEGER NOT NULL,
    group_id INTEGER,
    direct INTEGER NOT NULL DEFAULT 0,
    created_at INTEGER NOT NULL,
    body_plain TEXT NOT NULL,
    body_parsed TEXT NOT NULL,
    like_count INTEGER NOT NULL DEFAULT 0,
    message_type TEXT NOT NULL DEFAULT 'update',
    title TEXT NOT NULL DEFAULT '',
    delegate_id INTEGER
);
CREATE TABLE threads (
    id INTEGER PRIMARY KEY,
    group_id INTEGER,
    direct INTEGER NOT NULL DEFAULT 0,
    latest_id INTEGER NOT NULL,
    latest_at INTEGER NOT NULL,
    updates INTEGER NOT NULL DEFAULT 1
);
CREATE TABLE dm_participants (
    thread_id INTEGER NOT NULL,
    user_id INTEGER NOT NULL,
    PRIMARY KEY (thread_id, user_id)
) WITHOUT ROWID;
CREATE TABLE likes (
    message_id INTEGER NOT NULL,
    user_id INTEGER NOT NULL,
    created_at INTEGER NOT NULL,
    PRIMARY KEY (message_id, user_id)
) WITHOUT ROWID;
CREATE TABLE topics (
    id INTEGER PRIMARY KEY,
    name TEXT NOT NULL,
    normalized_name TEXT NOT NULL UNIQUE
);
CREATE TABLE message_topics (
    topic_id INTEGER NOT NULL,
    message_id INTEGER NOT NULL,
    PRIMARY KEY (topic_id, message_id)
) WITHOUT ROWID;
CREATE TABLE mentions (
    message_id INTEGER NOT NULL,
    user_id INTEGER NOT NULL,
    PRIMARY KEY (message_id, user_id)
) WITHOUT ROWID;
CREATE TABLE seen_marks (
    user_id INTEGER NOT NULL,
    feed TEXT NOT NULL,
    message_id INTEGER NOT NULL,
    PRIMARY KEY (user_id, feed)
) WITHOUT ROWID;
CREATE TABLE subscriptions (
    user_id INTEGER NOT NULL,
    target_type TEXT NOT NULL,
    target_id INTEGER NOT NULL,
    PRIMARY KEY (user_id, target_type, target_id)
) WITHOUT ROWID;
";

const INDEXES: &str = "
CREATE INDEX users_email ON users (email);
CREATE INDEX tokens_user ON tokens (user_id);
CREATE INDEX group_members_user ON group_members (user_id, group_id);
CREATE INDEX messages_group ON messages (group_id, id);
CREATE INDEX messages_thread ON messages (thread_id, id);
CREATE INDEX messages_sender ON messages (sender_id, id);
CREATE INDEX threads_latest ON threads (latest_id);
CREATE INDEX threads_group ON threads (group_id, latest_id);
CREATE INDEX dm_participants_user ON dm_participants (user_id, thread_id);
CREATE INDEX likes_user ON likes (user_id, message_id);
CREATE INDEX message_topics_message ON message_topics (message_id, topic_id);
CREATE INDEX mentions_user ON mentions (user_id, message_id);
CREATE INDEX subscriptions_target ON subscriptions (target_type, target_id);
";

/// Pragmas for every connection: WAL so readers (e.g. `--print-token`) never block the server.
pub fn configure(conn: &Connection) -> rusqlite::Result<()> {
    conn.busy_timeout(std::time::Duration::from_secs(10))?;
    conn.pragma_update(None, "journal_mode", "WAL")?;
    conn.pragma_update(None, "synchronous", "NORMAL")?;
    conn.pragma_update(None, "cache_size", -16_384)?;
    conn.pragma_update(None, "temp_store", "DEFAULT")?;
    Ok(())
}

/// Pragmas while a new, empty database is created and seeded in one transaction: a large page
/// cache and in-memory temporary storage (random-order inserts and index builds stay in memory),
/// a rollback journal in memory and no syncs. A crash while seeding can leave an unusable file
/// (delete it and start again); it never leaves one that claims to be complete, because the
/// schema version is written in the same transaction. `configure` restores normal settings.
pub fn configure_for_bulk_load(conn: &Connection) -> rusqlite::Result<()> {
    conn.pragma_update(None, "journal_mode", "MEMORY")?;
    conn.pragma_update(None, "synchronous", "OFF")?;
    conn.pragma_update(None, "cache_size", -262_144)?;
    conn.pragma_update(None, "temp_store", "MEMORY")?;
    Ok(())
}

/// The schema version stored in the file (0 for a new or half-created database).
pub fn version(conn: &Connection) -> rusqlite::Result<i64> {
    conn.pragma_query_value(None, "user_version", |row| row.get(0))
}

/// Creates every table (no indexes yet).
pub fn create_tables(conn: &Connection) -> rusqlite::Result<()> {
    conn.execute_batch(TABLES)
}

/// Applies the upgrades a complete database of an older version lacks. A database of a newer
/// version is left alone (a newer kring wrote it).
pub fn upgrade(conn: &mut Connection) -> rusqlite::Result<()> {
    let found = version(conn)?;
    if !(1..SCHEMA_VERSION).contains(&found) {
        return Ok(());
    }
    let tx = conn.transaction()?;
    let first = usize::try_from(found - 1).unwrap_or(usize::MAX);
    for step in UPGRADES.iter().skip(first) {
        tx.execute_batch(step)?;
    }
    tx.pragma_update(None, "user_version", SCHEMA_VERSION)?;
    tx.commit()
}

/// Creates the indexes and marks the schema complete.
pub fn finish(conn: &Connection) -> rusqlite::Result<()> {
    conn.execute_batch(INDEXES)?;
    conn.pragma_update(None, "user_version", SCHEMA_VERSION)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::server::db::messages;

    #[test]
    fn a_version_1_database_gains_kinds_titles_and_seen_marks_and_keeps_its_messages() {
        let mut conn = Connection::open_in_memory().unwrap();
        create_tables(&conn).unwrap();
        finish(&conn).unwrap();
        // Back to what version 1 created.
        conn.execute_batch(
            "ALTER TABLE messages DROP COLUMN message_type;
             ALTER TABLE messages DROP COLUMN title;
             ALTER TABLE messages DROP COLUMN delegate_id;
             DROP TABLE seen_marks;
             PRAGMA user_version = 1;
             INSERT INTO messages (id, thread_id, sender_id, created_at, body_plain, body_parsed)
             VALUES (7, 7, 1, 1700000000, 'old', 'old');",
        )
        .unwrap();
        upgrade(&mut conn).unwrap();
        assert_eq!(version(&conn).unwrap(), SCHEMA_VERSION);
        let old = messages::get(&conn, 7).unwrap().unwrap();
        assert_eq!(
            (
                old.message_type.as_str(),
                old.title.as_str(),
                old.delegate_id
            ),
            ("update", "", None)
        );
        conn.execute("INSERT INTO seen_marks VALUES (1, 'my_feed', 7)", [])
            .unwrap();
        upgrade(&mut conn).unwrap();
        assert_eq!(version(&conn).unwrap(), SCHEMA_VERSION, "twice is harmless");
    }
}
