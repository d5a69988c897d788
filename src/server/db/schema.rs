//! The SQLite schema of `kring serve`: tables, the indexes that keep feeds fast at 100k+ messages,
//! and connection pragmas. Indexes are created after bulk seeding, which is much faster.
//! Owns DDL only; queries live beside it. A new database is created at the current layout; an
//! older one is brought to it by upgrade steps, one per version, and a shipped step is never
//! edited (a change is a new step).

use rusqlite::{Connection, TransactionBehavior};

use super::tokens;

/// The version this build reads and writes, written to `PRAGMA user_version` once a database is
/// fully created (and seeded).
pub const SCHEMA_VERSION: i64 = 3;

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
    updates INTEGER NOT NULL DEFAULT 0
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

/// The schema version stored in the file (0 for a new or half-created database).
pub fn version(conn: &Connection) -> rusqlite::Result<i64> {
    conn.pragma_query_value(None, "user_version", |row| row.get(0))
}

/// Creates every table (no indexes yet).
pub fn create_tables(conn: &Connection) -> rusqlite::Result<()> {
    conn.execute_batch(TABLES)
}

/// Creates the indexes and marks the schema complete.
pub fn finish(conn: &Connection) -> rusqlite::Result<()> {
    conn.execute_batch(INDEXES)?;
    conn.pragma_update(None, "user_version", SCHEMA_VERSION)
}

/// Step 2: bearer tokens are kept as SHA-256 hashes (with an optional expiry and the sign-in they
/// came from), and sign-ins with their refresh tokens get tables. Existing plaintext tokens are
/// hashed in place, so they keep working. Messages gain their kind, title and delegate, and what
/// each user has seen of the feeds that report unseen counts gets a table.
const STEP_2: &str = "
ALTER TABLE messages ADD COLUMN message_type TEXT NOT NULL DEFAULT 'update';
ALTER TABLE messages ADD COLUMN title TEXT NOT NULL DEFAULT '';
ALTER TABLE messages ADD COLUMN delegate_id INTEGER;
CREATE TABLE seen_marks (
    user_id INTEGER NOT NULL,
    feed TEXT NOT NULL,
    message_id INTEGER NOT NULL,
    PRIMARY KEY (user_id, feed)
) WITHOUT ROWID;
ALTER TABLE tokens RENAME TO tokens_plain;
DROP INDEX tokens_user;
CREATE TABLE tokens (
    hash BLOB PRIMARY KEY,
    user_id INTEGER NOT NULL,
    expires_at INTEGER,
    sign_in INTEGER
) WITHOUT ROWID;
CREATE INDEX tokens_user ON tokens (user_id);
CREATE INDEX tokens_sign_in ON tokens (sign_in) WHERE sign_in IS NOT NULL;
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
CREATE INDEX refresh_tokens_sign_in ON refresh_tokens (sign_in);
";

fn step_2(conn: &Connection) -> rusqlite::Result<()> {
    conn.execute_batch(STEP_2)?;
    let plain: Vec<(String, i64)> = conn
        .prepare("SELECT token, user_id FROM tokens_plain")?
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?
        .collect::<rusqlite::Result<_>>()?;
    let mut insert =
        conn.prepare("INSERT OR IGNORE INTO tokens (hash, user_id) VALUES (?1, ?2)")?;
    for (token, user) in plain {
        insert.execute(rusqlite::params![tokens::hash(&token).as_slice(), user])?;
    }
    conn.execute_batch("DROP TABLE tokens_plain;")
}

/// Step 3: every community and the network get a guidelines text (empty until someone writes
/// one).
const STEP_3: &str = "
ALTER TABLE groups ADD COLUMN guidelines TEXT NOT NULL DEFAULT '';
ALTER TABLE network ADD COLUMN guidelines TEXT NOT NULL DEFAULT '';
";

/// Why a database cannot be brought up to date.
#[derive(Debug, thiserror::Error)]
pub enum UpgradeError {
    #[error("the database is at schema version {found}, newer than this kring knows ({known})")]
    TooNew { found: i64, known: i64 },
    #[error(transparent)]
    Db(#[from] rusqlite::Error),
}

/// Applies the missing upgrade steps to a complete database in one `BEGIN IMMEDIATE`
/// transaction, so two processes opening the file at once never run a step twice.
pub fn upgrade(conn: &mut Connection) -> Result<(), UpgradeError> {
    let found = version(conn)?;
    if found > SCHEMA_VERSION {
        return Err(UpgradeError::TooNew {
            found,
            known: SCHEMA_VERSION,
        });
    }
    if found == SCHEMA_VERSION {
        return Ok(());
    }
    // Rows the steps delete (plaintext tokens) are overwritten, not left in free pages.
    let secure_delete: i64 = conn.pragma_query_value(None, "secure_delete", |r| r.get(0))?;
    conn.pragma_update(None, "secure_delete", 1)?;
    let result = upgrade_in(conn);
    conn.pragma_update(None, "secure_delete", secure_delete)?;
    result
}

fn upgrade_in(conn: &mut Connection) -> Result<(), UpgradeError> {
    let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
    let found = version(&tx)?;
    if found > SCHEMA_VERSION {
        return Err(UpgradeError::TooNew {
            found,
            known: SCHEMA_VERSION,
        });
    }
    if found < 2 {
        step_2(&tx)?;
        tx.pragma_update(None, "user_version", 2)?;
    }
    if found < 3 {
        tx.execute_batch(STEP_3)?;
        tx.pragma_update(None, "user_version", 3)?;
    }
    tx.commit()?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::server::db::messages;

    /// A complete database turned back into the first layout: plaintext tokens, messages
    /// without kinds, no sign-ins or seen marks.
    fn first_layout() -> Connection {
        let conn = Connection::open_in_memory().unwrap();
        create_tables(&conn).unwrap();
        finish(&conn).unwrap();
        conn.execute_batch(
            "DROP TABLE tokens; DROP TABLE sign_ins; DROP TABLE refresh_tokens;
             CREATE TABLE tokens (token TEXT PRIMARY KEY, user_id INTEGER NOT NULL) WITHOUT ROWID;
             CREATE INDEX tokens_user ON tokens (user_id);
             ALTER TABLE messages DROP COLUMN message_type;
             ALTER TABLE messages DROP COLUMN title;
             ALTER TABLE messages DROP COLUMN delegate_id;
             DROP TABLE seen_marks;
             ALTER TABLE groups DROP COLUMN guidelines;
             ALTER TABLE network DROP COLUMN guidelines;
             PRAGMA user_version = 1;",
        )
        .unwrap();
        conn
    }

    #[test]
    fn step_2_hashes_plaintext_tokens_and_newer_files_are_refused() {
        let mut conn = first_layout();
        conn.execute(
            "INSERT INTO tokens (token, user_id) VALUES ('old-token', 7)",
            [],
        )
        .unwrap();
        upgrade(&mut conn).unwrap();
        upgrade(&mut conn).unwrap();
        assert_eq!(version(&conn).unwrap(), SCHEMA_VERSION);
        assert_eq!(tokens::user_for(&conn, "old-token").unwrap(), Some(7));
        let stored: Vec<u8> = conn
            .query_row("SELECT hash FROM tokens", [], |r| r.get(0))
            .unwrap();
        assert_eq!(stored, tokens::hash("old-token"));
        conn.pragma_update(None, "user_version", 99).unwrap();
        assert!(matches!(
            upgrade(&mut conn),
            Err(UpgradeError::TooNew { found: 99, .. })
        ));
    }

    #[test]
    fn a_version_1_database_gains_kinds_titles_and_seen_marks_and_keeps_its_messages() {
        let mut conn = first_layout();
        conn.execute_batch(
            "INSERT INTO messages (id, thread_id, sender_id, created_at, body_plain, body_parsed)
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

    #[test]
    fn step_3_gives_communities_and_the_network_empty_guidelines() {
        let mut conn = first_layout();
        conn.execute_batch(
            "INSERT INTO network (id, name, permalink, created_at) VALUES (1, 'N', 'n', 0);
             INSERT INTO groups (id, slug, full_name, created_at) VALUES (5, 'g', 'G', 0);",
        )
        .unwrap();
        upgrade(&mut conn).unwrap();
        let guidelines: (String, String) = conn
            .query_row(
                "SELECT g.guidelines, n.guidelines FROM groups g, network n",
                [],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )
            .unwrap();
        assert_eq!(guidelines, (String::new(), String::new()));
    }

    #[test]
    fn a_new_database_is_created_at_the_current_layout() {
        let conn = Connection::open_in_memory().unwrap();
        create_tables(&conn).unwrap();
        finish(&conn).unwrap();
        assert_eq!(version(&conn).unwrap(), SCHEMA_VERSION);
        conn.execute("INSERT INTO seen_marks VALUES (1, 'my_feed', 7)", [])
            .unwrap();
        conn.execute("INSERT INTO tokens (hash, user_id) VALUES (x'00', 1)", [])
            .unwrap();
    }
}
