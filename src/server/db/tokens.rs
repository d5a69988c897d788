//! Bearer tokens: which user a token belongs to, and minting one for a user. Tokens are random
//! (from the operating system), unlike the demo content, which is deterministic.

use base64::Engine;
use rand::RngCore;
use rusqlite::{Connection, OptionalExtension, params};

use super::rows::{from_sql_id, to_sql_id};

/// The user a token belongs to.
pub fn user_for(conn: &Connection, token: &str) -> rusqlite::Result<Option<u64>> {
    conn.prepare_cached("SELECT user_id FROM tokens WHERE token = ?1")?
        .query_row(params![token], |r| r.get(0).map(from_sql_id))
        .optional()
}

/// The user's token, minted on first use.
pub fn for_user(conn: &Connection, user: u64) -> rusqlite::Result<String> {
    let existing: Option<String> = conn
        .prepare_cached("SELECT token FROM tokens WHERE user_id = ?1 LIMIT 1")?
        .query_row(params![to_sql_id(user)], |r| r.get(0))
        .optional()?;
    if let Some(token) = existing {
        return Ok(token);
    }
    let mut bytes = [0u8; 24];
    rand::rng().fill_bytes(&mut bytes);
    let token = base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(bytes);
    conn.prepare_cached("INSERT INTO tokens (token, user_id) VALUES (?1, ?2)")?
        .execute(params![token, to_sql_id(user)])?;
    Ok(token)
}
