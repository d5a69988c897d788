//! The SQLite store: the cache, the outbox, persistence, concurrency and reconciliation.

mod cache;
mod cache_session;
mod concurrency;
mod damage;
mod deferred_check;
mod fixtures;
mod outbox;
mod outbox_queue;
mod persistence;
mod reconcile;
