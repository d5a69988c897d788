//! `kring serve`: a Yammer-compatible REST server on SQLite.
