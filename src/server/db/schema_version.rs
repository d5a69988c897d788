//! Which layout of the server's database this build reads and writes, and which layout a file
//! is at (`PRAGMA user_version`). The schema creates new files at this version; the upgrade
//! steps bring older ones to it. A new upgrade step raises it.

use rusqlite::Connection;

/// The version this build reads and writes, written to `PRAGMA user_version` once a database is
/// fully created (and seeded).
pub const SCHEMA_VERSION: i64 = 7;

/// The schema version stored in the file (0 for a new or half-created database).
pub fn version(conn: &Connection) -> rusqlite::Result<i64> {
    conn.pragma_query_value(None, "user_version", |row| row.get(0))
}
