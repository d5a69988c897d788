//! Bringing an existing `kring serve` database up to date: the numbered steps, each applied once,
//! in order, in one `BEGIN IMMEDIATE` transaction. A new database is created at the current layout
//! by `schema` and never runs them.

use rusqlite::{Connection, TransactionBehavior};

use super::schema_version::{SCHEMA_VERSION, version};
use super::{relationships, search_index, tokens};

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

/// Step 3: a user can be disabled (`kring serve user disable`): their tokens stop working and
/// they cannot sign in, while their messages stay.
const STEP_3: &str = "ALTER TABLE users ADD COLUMN disabled INTEGER NOT NULL DEFAULT 0;";

/// Step 5 (also run for new databases): private communities. Community admins (who approve
/// requests to join) and pending requests get tables; an index finds private communities.
const STEP_5: &str = "CREATE TABLE IF NOT EXISTS group_admins (group_id INTEGER NOT NULL,
    user_id INTEGER NOT NULL, PRIMARY KEY (group_id, user_id)) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS group_requests (group_id INTEGER NOT NULL, user_id INTEGER NOT NULL,
    created_at INTEGER NOT NULL, PRIMARY KEY (group_id, user_id)) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS groups_private ON groups (privacy, id);";

pub(super) fn step_5(conn: &Connection) -> rusqlite::Result<()> {
    conn.execute_batch(STEP_5)
}

/// Step 6: every community and the network get a guidelines text (empty until someone writes
/// one).
const STEP_6: &str = "
ALTER TABLE groups ADD COLUMN guidelines TEXT NOT NULL DEFAULT '';
ALTER TABLE network ADD COLUMN guidelines TEXT NOT NULL DEFAULT '';
";

/// Step 7 (also run for new databases): browsers signed in to the web pages are kept here, so
/// a restart signs none out.
pub(super) fn step_7(conn: &Connection) -> rusqlite::Result<()> {
    conn.execute_batch(crate::server::web_session::TABLE)
}

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
    if found < 4 {
        step_4(&tx)?;
        tx.pragma_update(None, "user_version", 4)?;
    }
    if found < 5 {
        step_5(&tx)?;
        tx.pragma_update(None, "user_version", 5)?;
    }
    if found < 6 {
        tx.execute_batch(STEP_6)?;
        tx.pragma_update(None, "user_version", 6)?;
    }
    if found < 7 {
        step_7(&tx)?;
        tx.pragma_update(None, "user_version", 7)?;
    }
    tx.commit()?;
    Ok(())
}

/// Step 4: full-text indexes for search (filled from the rows already stored), and a table of
/// who reports to whom and who works with whom (each relationship stored from both sides).
fn step_4(conn: &Connection) -> rusqlite::Result<()> {
    conn.execute_batch(relationships::TABLE)?;
    search_index::create(conn)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::server::db::messages;
    use crate::server::db::schema::{create_tables, finish};

    /// A complete database turned back into the first layout: plaintext tokens, messages
    /// without kinds, no sign-ins or seen marks.
    fn first_layout() -> Connection {
        let conn = Connection::open_in_memory().unwrap();
        create_tables(&conn).unwrap();
        finish(&conn).unwrap();
        search_index::drop_for_tests(&conn);
        conn.execute_batch(
            "DROP TABLE relationships; DROP TABLE tokens; DROP TABLE sign_ins; DROP TABLE refresh_tokens;
             CREATE TABLE tokens (token TEXT PRIMARY KEY, user_id INTEGER NOT NULL) WITHOUT ROWID;
             CREATE INDEX tokens_user ON tokens (user_id);
             ALTER TABLE messages DROP COLUMN message_type;
             ALTER TABLE messages DROP COLUMN title;
             ALTER TABLE messages DROP COLUMN delegate_id;
             DROP TABLE seen_marks;
             ALTER TABLE users DROP COLUMN disabled;
             DROP TABLE group_admins; DROP TABLE group_requests; DROP INDEX groups_private;
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
        conn.execute(
            "INSERT INTO users (id, username, full_name, email, activated_at)
             VALUES (7, 'seven', 'Seven', 'seven@example.test', 0)",
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
    fn step_6_gives_communities_and_the_network_empty_guidelines() {
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
    fn step_7_keeps_web_sessions_in_a_table() {
        let mut conn = first_layout();
        upgrade(&mut conn).unwrap();
        conn.execute(
            "INSERT INTO web_sessions (id_hash, token_hash, expires_at) VALUES (x'01', x'02', 3)",
            [],
        )
        .unwrap();
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
        conn.execute(
            "INSERT INTO web_sessions (id_hash, token_hash, expires_at) VALUES (x'01', x'02', 3)",
            [],
        )
        .unwrap();
    }
}
