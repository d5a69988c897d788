//! Helpers shared by the query modules: the network id, links, `IN (...)` placeholders, `LIKE`
//! patterns and conversions between SQLite values and DTO fields.

use rusqlite::types::Value;

use crate::api::dto::YammerTime;

/// The id of the one network this server hosts.
pub const NETWORK_ID: u64 = 101;

/// Builds `url` and `web_url` fields from the address the server listens on.
#[derive(Clone, Debug)]
pub struct Links {
    origin: String,
}

impl Links {
    /// `origin` is e.g. `http://127.0.0.1:8808`.
    pub fn new(origin: impl Into<String>) -> Self {
        Self {
            origin: origin.into(),
        }
    }

    /// The API URL of a resource, e.g. `http://host/api/v1/messages/5`.
    pub fn api(&self, path: &str) -> String {
        format!("{}/api/v1/{path}", self.origin)
    }

    /// The (notional) web URL of a resource.
    pub fn web(&self, path: &str) -> String {
        format!("{}/{path}", self.origin)
    }
}

/// `?,?,?` for `n` values (at least one, so that `IN ()` never happens).
pub fn placeholders(n: usize) -> String {
    let mut s = "?,".repeat(n.max(1));
    s.pop();
    s
}

/// Ids as SQL values for `params_from_iter`.
pub fn id_values(ids: &[u64]) -> Vec<Value> {
    ids.iter()
        .map(|id| Value::Integer(to_sql_id(*id)))
        .collect()
}

/// An id as SQLite's integer. Ids are validated to fit when they enter the server.
pub fn to_sql_id(id: u64) -> i64 {
    i64::try_from(id).unwrap_or(i64::MAX)
}

/// An id read from SQLite (never negative: every id the server stores is positive).
pub fn from_sql_id(id: i64) -> u64 {
    u64::try_from(id).unwrap_or(0)
}

/// An optional id read from SQLite.
pub fn opt_id(id: Option<i64>) -> Option<u64> {
    id.map(from_sql_id)
}

/// Unix seconds as a DTO timestamp.
pub fn time(secs: i64) -> YammerTime {
    YammerTime::from_unix(secs)
}

/// Current Unix time in seconds.
pub fn now_secs() -> i64 {
    chrono::Utc::now().timestamp()
}

/// A comma-separated list column as phrases.
pub fn phrases(column: &str) -> Vec<String> {
    column
        .split(',')
        .map(str::trim)
        .filter(|p| !p.is_empty())
        .map(str::to_owned)
        .collect()
}

/// Escapes `%`, `_` and `\` for a LIKE pattern with `ESCAPE '\'`.
pub fn escape_like(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        if matches!(c, '%' | '_' | '\\') {
            out.push('\\');
        }
        out.push(c);
    }
    out
}
