//! The store's error type. Owns only error definitions and their classification
//! (which SQLite failures mean "this file is corrupt"); it must not decide what to do about them.

use std::path::PathBuf;

use rusqlite::ErrorCode;

/// Everything that can go wrong inside [`crate::store`].
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    /// SQLite refused or failed an operation.
    #[error("database error: {0}")]
    Sqlite(#[from] rusqlite::Error),
    /// A file-system operation on the data directory failed.
    #[error("{action} {path}: {source}")]
    Io {
        action: &'static str,
        path: PathBuf,
        source: std::io::Error,
    },
    /// An id above `i64::MAX` cannot be stored as an SQLite INTEGER.
    #[error("id {0} is larger than the store can hold (i64::MAX)")]
    IdOutOfRange(u64),
    /// A value read back from disk does not have the shape this code wrote.
    #[error("stored value is invalid: {0}")]
    InvalidStored(String),
    /// The outbox file was written by a newer kring; it is left untouched.
    #[error("{file} has schema version {found}, newer than this kring understands ({known})")]
    SchemaTooNew {
        file: &'static str,
        found: i64,
        known: i64,
    },
    /// No outbox item with this local id.
    #[error("outbox item {0} does not exist")]
    NoSuchItem(i64),
    /// The requested transition is not allowed from the item's current state.
    #[error("outbox item {local_id}: cannot {action} while it is {state}")]
    InvalidTransition {
        local_id: i64,
        action: &'static str,
        state: String,
    },
    /// The caller does not hold the item's lease (someone else took it over).
    #[error("outbox item {local_id} is not claimed by {claimant}")]
    NotClaimant { local_id: i64, claimant: String },
    /// The item is already recorded as sent under a different server id.
    #[error("outbox item {local_id} is already sent as message {server_id}")]
    AlreadySent { local_id: i64, server_id: u64 },
}

impl StoreError {
    /// True when SQLite says the file is damaged or not a database at all
    /// (as opposed to locked, unreadable for permissions, or out of space).
    pub fn is_corruption(&self) -> bool {
        match self {
            StoreError::Sqlite(err) => matches!(
                err.sqlite_error_code(),
                Some(ErrorCode::DatabaseCorrupt | ErrorCode::NotADatabase)
            ),
            _ => false,
        }
    }
}

/// Shorthand used throughout the store.
pub type StoreResult<T> = Result<T, StoreError>;
