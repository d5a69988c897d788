//! Sign-ins and their refresh tokens. A sign-in is one completed device-code or authorization-code
//! flow for a user and client; every refresh token descends from one. Redeeming a refresh token
//! spends it (rotation); presenting a spent one again revokes the whole sign-in: its refresh
//! tokens and the access tokens it issued. Tokens are stored as SHA-256 hashes only. Times are
//! Unix milliseconds. This module knows nothing of HTTP or OAuth error wording.

use rusqlite::{Connection, OptionalExtension, params};

use super::rows::{from_sql_id, to_sql_id};
use super::tokens::{self, hash, now_millis};

/// A sign-in: who, through which client.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SignIn {
    pub id: i64,
    pub user_id: u64,
    pub client_id: String,
}

/// Records a completed sign-in of `user` through `client_id`.
pub fn start(conn: &Connection, user: u64, client_id: &str) -> rusqlite::Result<SignIn> {
    conn.prepare_cached(
        "INSERT INTO sign_ins (user_id, client_id, created_at) VALUES (?1, ?2, ?3)",
    )?
    .execute(params![to_sql_id(user), client_id, now_millis()])?;
    Ok(SignIn {
        id: conn.last_insert_rowid(),
        user_id: user,
        client_id: client_id.to_owned(),
    })
}

/// Issues a refresh token for `sign_in` with `scope`, valid until `expires_at`.
pub fn issue(
    conn: &Connection,
    sign_in: i64,
    scope: &str,
    expires_at: i64,
) -> rusqlite::Result<String> {
    let token = tokens::new_secret();
    conn.prepare_cached(
        "INSERT INTO refresh_tokens (hash, sign_in, scope, expires_at) VALUES (?1, ?2, ?3, ?4)",
    )?
    .execute(params![hash(&token).as_slice(), sign_in, scope, expires_at])?;
    Ok(token)
}

/// What presenting a refresh token came to.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Redeemed {
    /// Spent now; the caller issues its successor. `scope` is what it was issued with.
    Fresh { sign_in: SignIn, scope: String },
    /// Not a refresh token this server knows (or its sign-in was revoked).
    Unknown,
    /// Issued to another client; left as it was.
    OtherClient,
    /// Past its lifetime.
    Expired,
    /// Already spent: the whole sign-in has now been revoked.
    Reused,
}

/// Redeems `token` for `client_id`, in one transaction.
pub fn redeem(conn: &mut Connection, token: &str, client_id: &str) -> rusqlite::Result<Redeemed> {
    let tx = conn.transaction()?;
    let digest = hash(token);
    let row = tx
        .prepare_cached(
            "SELECT r.sign_in, r.scope, r.expires_at, r.used, s.user_id, s.client_id, s.revoked
             FROM refresh_tokens r JOIN sign_ins s ON s.id = r.sign_in WHERE r.hash = ?1",
        )?
        .query_row(params![digest.as_slice()], |r| {
            Ok((
                r.get::<_, i64>(0)?,
                r.get::<_, String>(1)?,
                r.get::<_, i64>(2)?,
                r.get::<_, bool>(3)?,
                r.get::<_, i64>(4)?,
                r.get::<_, String>(5)?,
                r.get::<_, bool>(6)?,
            ))
        })
        .optional()?;
    let Some((sign_in, scope, expires_at, used, user, owner, revoked)) = row else {
        return Ok(Redeemed::Unknown);
    };
    let outcome = if revoked {
        Redeemed::Unknown
    } else if owner != client_id {
        Redeemed::OtherClient
    } else if used {
        revoke_in(&tx, sign_in)?;
        Redeemed::Reused
    } else if expires_at <= now_millis() {
        Redeemed::Expired
    } else {
        tx.prepare_cached("UPDATE refresh_tokens SET used = 1 WHERE hash = ?1")?
            .execute(params![digest.as_slice()])?;
        Redeemed::Fresh {
            sign_in: SignIn {
                id: sign_in,
                user_id: from_sql_id(user),
                client_id: owner,
            },
            scope,
        }
    };
    tx.commit()?;
    Ok(outcome)
}

/// Revokes a sign-in: its refresh tokens and the access tokens it issued stop working.
pub fn revoke(conn: &mut Connection, sign_in: i64) -> rusqlite::Result<()> {
    let tx = conn.transaction()?;
    revoke_in(&tx, sign_in)?;
    tx.commit()
}

fn revoke_in(conn: &Connection, sign_in: i64) -> rusqlite::Result<()> {
    conn.prepare_cached("UPDATE sign_ins SET revoked = 1 WHERE id = ?1")?
        .execute(params![sign_in])?;
    conn.prepare_cached("DELETE FROM refresh_tokens WHERE sign_in = ?1")?
        .execute(params![sign_in])?;
    tokens::revoke_sign_in(conn, sign_in)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn conn() -> Connection {
        let conn = Connection::open_in_memory().unwrap();
        conn.execute_batch(
            "CREATE TABLE tokens (hash BLOB PRIMARY KEY, user_id INTEGER NOT NULL,
                 expires_at INTEGER, sign_in INTEGER) WITHOUT ROWID;
             CREATE TABLE sign_ins (id INTEGER PRIMARY KEY AUTOINCREMENT,
                 user_id INTEGER NOT NULL, client_id TEXT NOT NULL, created_at INTEGER NOT NULL,
                 revoked INTEGER NOT NULL DEFAULT 0);
             CREATE TABLE refresh_tokens (hash BLOB PRIMARY KEY, sign_in INTEGER NOT NULL,
                 scope TEXT NOT NULL, expires_at INTEGER NOT NULL,
                 used INTEGER NOT NULL DEFAULT 0) WITHOUT ROWID;
             CREATE TABLE users (id INTEGER PRIMARY KEY, disabled INTEGER NOT NULL DEFAULT 0);
             INSERT INTO users (id) VALUES (5);",
        )
        .unwrap();
        conn
    }

    #[test]
    fn rotation_spends_tokens_and_reuse_revokes_the_sign_in() {
        let mut conn = conn();
        let sign_in = start(&conn, 5, "app").unwrap();
        let later = now_millis() + 60_000;
        let access = tokens::mint(&conn, 5, Some(later), Some(sign_in.id)).unwrap();
        let first = issue(&conn, sign_in.id, "s", later).unwrap();
        assert_eq!(
            redeem(&mut conn, &first, "other").unwrap(),
            Redeemed::OtherClient
        );
        assert_eq!(
            redeem(&mut conn, &first, "app").unwrap(),
            Redeemed::Fresh {
                sign_in: sign_in.clone(),
                scope: "s".to_owned()
            }
        );
        let second = issue(&conn, sign_in.id, "s", later).unwrap();
        assert_eq!(redeem(&mut conn, &first, "app").unwrap(), Redeemed::Reused);
        assert_eq!(
            redeem(&mut conn, &second, "app").unwrap(),
            Redeemed::Unknown
        );
        assert_eq!(redeem(&mut conn, &first, "app").unwrap(), Redeemed::Unknown);
        assert_eq!(tokens::user_for(&conn, &access).unwrap(), None);
    }

    #[test]
    fn expired_refresh_tokens_are_refused() {
        let mut conn = conn();
        let sign_in = start(&conn, 5, "app").unwrap();
        let old = issue(&conn, sign_in.id, "s", now_millis() - 1).unwrap();
        assert_eq!(redeem(&mut conn, &old, "app").unwrap(), Redeemed::Expired);
        assert_eq!(redeem(&mut conn, "junk", "app").unwrap(), Redeemed::Unknown);
    }
}
