//! The SQLite schema of `kring serve`: tables, the indexes that keep feeds fast at 100k+ messages,
//! and connection pragmas. Indexes are created after bulk seeding, which is much faster.
//! Owns DDL only; queries live beside it. A new database is created at the current layout; an
//! older one is brought to it by upgrade steps, one per version, and a shipped step is never
//! edited (a change is a new step).

use rusqlite::Connection;

use super::schema_version::SCHEMA_VERSION;
use super::{relationships, search_index, upgrade};

const TABLES: &str = "
CREATE TABLE network (
    id INTEGER PRIMARY KEY,
    name TEXT NOT NULL,
    permalink TEXT NOT NULL,
    created_at INTEGER NOT NULL,
    guidelines TEXT NOT NULL DEFAULT ''
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
    updates INTEGER NOT NULL DEFAULT 0,
    disabled INTEGER NOT NULL DEFAULT 0
);
CREATE TABLE tokens (
    hash BLOB PRIMARY KEY,
    user_id INTEGER NOT NULL,
    expires_at INTEGER,
    sign_in INTEGER
) WITHOUT ROWID;
CREATE TABLE sign_ins (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    user_id INTEGER NOT NULL,
    client_id TEXT NOT NULL,
    created_at INTEGER NOT NULL,
    revoked INTEGER NOT NULL DEFAULT 0
);
CREATE TABLE refresh_tokens (
    hash BLOB PRIMARY KEY,
    sign_in INTEGER NOT NULL,
    scope TEXT NOT NULL,
    expires_at INTEGER NOT NULL,
    used INTEGER NOT NULL DEFAULT 0
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
    created_at INTEGER NOT NULL,
    guidelines TEXT NOT NULL DEFAULT ''
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
CREATE INDEX tokens_sign_in ON tokens (sign_in) WHERE sign_in IS NOT NULL;
CREATE INDEX refresh_tokens_sign_in ON refresh_tokens (sign_in);
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

/// Creates every table (no indexes yet, but for the small one of step 5).
pub fn create_tables(conn: &Connection) -> rusqlite::Result<()> {
    conn.execute_batch(TABLES)?;
    conn.execute_batch(relationships::TABLE)?;
    upgrade::step_5(conn)?;
    upgrade::step_7(conn)
}

/// Creates the indexes (the full-text ones filled from the rows seeded) and marks the schema
/// complete.
pub fn finish(conn: &Connection) -> rusqlite::Result<()> {
    conn.execute_batch(INDEXES)?;
    search_index::create(conn)?;
    conn.pragma_update(None, "user_version", SCHEMA_VERSION)
}
