//! Read-only report of each store connection's effective SQLite settings, for tests of the
//! durability requirements and for a "doctor" screen. Must never change a setting.

use rusqlite::Connection;

use super::Stores;
use super::error::StoreResult;
use super::schema::schema_version;

/// Effective settings of one connection.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ConnectionSettings {
    /// `PRAGMA journal_mode`, lower case (`wal` expected).
    pub journal_mode: String,
    /// `PRAGMA synchronous`: 1 = NORMAL, 2 = FULL.
    pub synchronous: i64,
    /// `PRAGMA busy_timeout` in milliseconds.
    pub busy_timeout_ms: i64,
    /// `PRAGMA user_version`: the schema version.
    pub schema_version: i64,
}

/// Settings of both store files.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StoreSettings {
    pub cache: ConnectionSettings,
    pub outbox: ConnectionSettings,
}

impl Stores {
    /// The effective settings of both connections.
    pub fn settings(&self) -> StoreResult<StoreSettings> {
        Ok(StoreSettings {
            cache: settings_of(self.cache.conn())?,
            outbox: settings_of(self.outbox.conn())?,
        })
    }
}

fn settings_of(conn: &Connection) -> StoreResult<ConnectionSettings> {
    let journal_mode: String = conn.pragma_query_value(None, "journal_mode", |row| row.get(0))?;
    Ok(ConnectionSettings {
        journal_mode: journal_mode.to_ascii_lowercase(),
        synchronous: conn.pragma_query_value(None, "synchronous", |row| row.get(0))?,
        busy_timeout_ms: conn.pragma_query_value(None, "busy_timeout", |row| row.get(0))?,
        schema_version: schema_version(conn)?,
    })
}
