//! The local SQLite store: cache, drafts, outbox and read markers.
