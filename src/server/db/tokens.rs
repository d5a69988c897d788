//! Bearer tokens: minting one for a user, and which user a presented token belongs to. Only the
//! SHA-256 hash of a token is stored, so the database never holds a usable token. Tokens are
//! random (from the operating system), unlike the demo content, which is deterministic. Expiry
//! times are Unix milliseconds; a token without one (`--print-token`) never expires.

use base64::Engine;
use rand::RngCore;
use rusqlite::{Connection, OptionalExtension, params};
use sha2::{Digest, Sha256};

use super::rows::{from_sql_id, to_sql_id};

/// The SHA-256 of a token, the only form in which it is stored.
pub fn hash(token: &str) -> [u8; 32] {
    Sha256::digest(token.as_bytes()).into()
}

/// A fresh random secret: 32 bytes from the operating system, URL-safe base64 (43 characters).
pub fn new_secret() -> String {
    let mut bytes = [0u8; 32];
    rand::rng().fill_bytes(&mut bytes);
    base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(bytes)
}

/// Current Unix time in milliseconds.
pub fn now_millis() -> i64 {
    chrono::Utc::now().timestamp_millis()
}

/// The user a token belongs to, if it is known, has not expired and its user is not disabled.
pub fn user_for(conn: &Connection, token: &str) -> rusqlite::Result<Option<u64>> {
    user_for_hash(conn, &hash(token))
}

/// Like [`user_for`], for a token known only by its hash (a browser session's).
pub fn user_for_hash(conn: &Connection, token_hash: &[u8; 32]) -> rusqlite::Result<Option<u64>> {
    conn.prepare_cached(
        "SELECT t.user_id FROM tokens t JOIN users u ON u.id = t.user_id
         WHERE t.hash = ?1 AND (t.expires_at IS NULL OR t.expires_at > ?2) AND u.disabled = 0",
    )?
    .query_row(params![token_hash.as_slice(), now_millis()], |r| {
        r.get(0).map(from_sql_id)
    })
    .optional()
}

/// Mints a token for `user` that expires at `expires_at` (never when `None`), issued by the
/// sign-in `sign_in` (none for `--print-token`). Expired tokens are swept out on the way.
pub fn mint(
    conn: &Connection,
    user: u64,
    expires_at: Option<i64>,
    sign_in: Option<i64>,
) -> rusqlite::Result<String> {
    conn.prepare_cached("DELETE FROM tokens WHERE expires_at IS NOT NULL AND expires_at <= ?1")?
        .execute(params![now_millis()])?;
    let token = new_secret();
    conn.prepare_cached(
        "INSERT INTO tokens (hash, user_id, expires_at, sign_in) VALUES (?1, ?2, ?3, ?4)",
    )?
    .execute(params![
        hash(&token).as_slice(),
        to_sql_id(user),
        expires_at,
        sign_in
    ])?;
    Ok(token)
}

/// A new token for the user that never expires (`--print-token`). Only its hash is kept, so
/// every call mints another one; earlier ones stay valid.
pub fn for_user(conn: &Connection, user: u64) -> rusqlite::Result<String> {
    mint(conn, user, None, None)
}

/// Forgets every access token of `user`, and revokes their sign-ins so that no refresh token of
/// theirs works either. Returns how many access tokens were forgotten.
pub fn revoke_user(conn: &Connection, user: u64) -> rusqlite::Result<usize> {
    let user = to_sql_id(user);
    conn.prepare_cached(
        "DELETE FROM refresh_tokens WHERE sign_in IN (SELECT id FROM sign_ins WHERE user_id = ?1)",
    )?
    .execute(params![user])?;
    conn.prepare_cached("UPDATE sign_ins SET revoked = 1 WHERE user_id = ?1")?
        .execute(params![user])?;
    conn.prepare_cached("DELETE FROM tokens WHERE user_id = ?1")?
        .execute(params![user])
}

/// Forgets every access token a sign-in issued.
pub fn revoke_sign_in(conn: &Connection, sign_in: i64) -> rusqlite::Result<()> {
    conn.prepare_cached("DELETE FROM tokens WHERE sign_in = ?1")?
        .execute(params![sign_in])?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn conn() -> Connection {
        let conn = Connection::open_in_memory().unwrap();
        conn.execute_batch(
            "CREATE TABLE tokens (hash BLOB PRIMARY KEY, user_id INTEGER NOT NULL,
                 expires_at INTEGER, sign_in INTEGER) WITHOUT ROWID;
             CREATE TABLE users (id INTEGER PRIMARY KEY, disabled INTEGER NOT NULL DEFAULT 0);
             CREATE TABLE sign_ins (id INTEGER PRIMARY KEY, user_id INTEGER NOT NULL,
                 revoked INTEGER NOT NULL DEFAULT 0);
             CREATE TABLE refresh_tokens (hash BLOB PRIMARY KEY, sign_in INTEGER NOT NULL)
                 WITHOUT ROWID;
             INSERT INTO users (id) VALUES (7), (8), (9);",
        )
        .unwrap();
        conn
    }

    #[test]
    fn tokens_are_found_by_hash_until_they_expire() {
        let conn = conn();
        let forever = for_user(&conn, 7).unwrap();
        let soon = mint(&conn, 8, Some(now_millis() + 60_000), Some(1)).unwrap();
        let gone = mint(&conn, 9, Some(now_millis() - 1), None).unwrap();
        assert_ne!(forever, for_user(&conn, 7).unwrap(), "each call mints anew");
        assert_eq!(user_for(&conn, &forever).unwrap(), Some(7));
        assert_eq!(user_for(&conn, &soon).unwrap(), Some(8));
        assert_eq!(user_for(&conn, &gone).unwrap(), None);
        assert_eq!(user_for(&conn, "nonsense").unwrap(), None);
        revoke_sign_in(&conn, 1).unwrap();
        assert_eq!(user_for(&conn, &soon).unwrap(), None);
        assert_eq!(user_for(&conn, &forever).unwrap(), Some(7));
    }

    #[test]
    fn a_disabled_or_revoked_user_has_no_working_token() {
        let conn = conn();
        let seven = for_user(&conn, 7).unwrap();
        let eight = mint(&conn, 8, None, Some(1)).unwrap();
        conn.execute_batch(
            "INSERT INTO sign_ins (id, user_id) VALUES (1, 8);
             INSERT INTO refresh_tokens VALUES (x'01', 1);
             UPDATE users SET disabled = 1 WHERE id = 7;",
        )
        .unwrap();
        assert_eq!(user_for(&conn, &seven).unwrap(), None, "disabled");
        assert_eq!(revoke_user(&conn, 8).unwrap(), 1);
        assert_eq!(user_for(&conn, &eight).unwrap(), None, "revoked");
        let (revoked, refresh): (i64, i64) = conn
            .query_row(
                "SELECT revoked, (SELECT count(*) FROM refresh_tokens) FROM sign_ins",
                [],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )
            .unwrap();
        assert_eq!((revoked, refresh), (1, 0));
    }

    #[test]
    fn only_hashes_are_stored() {
        let conn = conn();
        let token = for_user(&conn, 7).unwrap();
        let stored: Vec<u8> = conn
            .query_row("SELECT hash FROM tokens", [], |r| r.get(0))
            .unwrap();
        assert_eq!(stored, hash(&token));
        assert_eq!(token.len(), 43);
    }
}
