//! Browser sessions for the web pages: a person who signs in on a page with their access token
//! gets a random session id in an `HttpOnly; SameSite=Strict` cookie. The server keeps, per
//! session, only the SHA-256 of the session id and of the access token (never either itself),
//! in its database, so a restart signs no browser out; every page load checks the token again
//! through the tokens table: a revoked or expired token, or a disabled user, ends the session
//! too. Sessions end after [`SESSION_TTL`] (expired rows are swept when a session starts).
//! Bookkeeping only, on a connection the caller gives (the writer to start one, a reader to
//! look one up); the pages and the sign-in form are in `handlers::web`. Never logs a cookie.

use std::time::Duration;

use axum::http::{HeaderMap, header};
use rusqlite::{Connection, OptionalExtension, params};

use super::db::tokens;

/// The cookie's name.
pub const COOKIE: &str = "kring_session";
/// How long a browser stays signed in.
pub const SESSION_TTL: Duration = Duration::from_secs(12 * 60 * 60);
/// Most sessions kept at once; the oldest go first beyond this.
const MAX_SESSIONS: i64 = 10_000;

/// The table the sessions live in (an upgrade step for older databases, created with the
/// others for new ones).
pub const TABLE: &str = "CREATE TABLE IF NOT EXISTS web_sessions (
    id_hash BLOB PRIMARY KEY,
    token_hash BLOB NOT NULL,
    expires_at INTEGER NOT NULL
) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS web_sessions_expiry ON web_sessions (expires_at);";

/// Starts a session for whoever holds `token` (already checked); returns the session id.
pub fn start(conn: &Connection, token: &str) -> rusqlite::Result<String> {
    let now = tokens::now_millis();
    conn.prepare_cached("DELETE FROM web_sessions WHERE expires_at <= ?1")?
        .execute(params![now])?;
    conn.prepare_cached(
        "DELETE FROM web_sessions WHERE id_hash IN (SELECT id_hash FROM web_sessions
         ORDER BY expires_at LIMIT max(0, (SELECT count(*) FROM web_sessions) - ?1 + 1))",
    )?
    .execute(params![MAX_SESSIONS])?;
    let id = tokens::new_secret();
    let ttl = i64::try_from(SESSION_TTL.as_millis()).unwrap_or(i64::MAX);
    conn.prepare_cached(
        "INSERT INTO web_sessions (id_hash, token_hash, expires_at) VALUES (?1, ?2, ?3)",
    )?
    .execute(params![
        tokens::hash(&id).as_slice(),
        tokens::hash(token).as_slice(),
        now.saturating_add(ttl)
    ])?;
    Ok(id)
}

/// The hash of the access token behind the session cookie in `headers`, while it lasts.
pub fn token_hash(conn: &Connection, headers: &HeaderMap) -> rusqlite::Result<Option<[u8; 32]>> {
    let Some(id) = session_cookie(headers) else {
        return Ok(None);
    };
    let hash: Option<Vec<u8>> = conn
        .prepare_cached(
            "SELECT token_hash FROM web_sessions WHERE id_hash = ?1 AND expires_at > ?2",
        )?
        .query_row(
            params![tokens::hash(&id).as_slice(), tokens::now_millis()],
            |row| row.get(0),
        )
        .optional()?;
    Ok(hash.and_then(|bytes| <[u8; 32]>::try_from(bytes).ok()))
}

/// The `Set-Cookie` value for session `id`; `secure` when the server is reached over https.
pub fn set_cookie(id: &str, secure: bool) -> String {
    let secure = if secure { "; Secure" } else { "" };
    format!(
        "{COOKIE}={id}; HttpOnly; SameSite=Strict; Path=/; Max-Age={}{secure}",
        SESSION_TTL.as_secs()
    )
}

/// The session id in the request's cookies, if any.
fn session_cookie(headers: &HeaderMap) -> Option<String> {
    headers
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|value| value.to_str().ok())
        .flat_map(|value| value.split(';'))
        .filter_map(|pair| pair.trim().split_once('='))
        .find(|(name, _)| *name == COOKIE)
        .map(|(_, value)| value.trim().to_owned())
        .filter(|value| !value.is_empty() && value.len() <= 64)
}

#[cfg(test)]
mod tests {
    use super::*;
    use axum::http::HeaderValue;

    fn with_cookie(value: &str) -> HeaderMap {
        let mut headers = HeaderMap::new();
        headers.insert(header::COOKIE, HeaderValue::from_str(value).unwrap());
        headers
    }

    fn db() -> Connection {
        let conn = Connection::open_in_memory().unwrap();
        conn.execute_batch(TABLE).unwrap();
        conn
    }

    #[test]
    fn a_session_names_the_token_by_its_hash_only() {
        let conn = db();
        let id = start(&conn, "the-token").unwrap();
        assert_ne!(id, "the-token");
        let headers = with_cookie(&format!("other=1; {COOKIE}={id}"));
        assert_eq!(
            token_hash(&conn, &headers).unwrap(),
            Some(tokens::hash("the-token"))
        );
        let forged = with_cookie(&format!("{COOKIE}=forged"));
        assert_eq!(token_hash(&conn, &forged).unwrap(), None);
        assert_eq!(token_hash(&conn, &HeaderMap::new()).unwrap(), None);
        // Neither the session id nor the token is stored as such.
        let stored: Vec<(Vec<u8>, Vec<u8>)> = conn
            .prepare("SELECT id_hash, token_hash FROM web_sessions")
            .unwrap()
            .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))
            .unwrap()
            .collect::<Result<_, _>>()
            .unwrap();
        assert_eq!(stored.len(), 1);
        assert_ne!(stored[0].0, id.as_bytes());
        assert_ne!(stored[0].1, b"the-token");
    }

    #[test]
    fn an_expired_session_is_refused_and_swept_out() {
        let conn = db();
        let old = start(&conn, "old").unwrap();
        conn.execute("UPDATE web_sessions SET expires_at = 1", [])
            .unwrap();
        let cookie = with_cookie(&format!("{COOKIE}={old}"));
        assert_eq!(token_hash(&conn, &cookie).unwrap(), None);
        start(&conn, "new").unwrap();
        let left: i64 = conn
            .query_row("SELECT count(*) FROM web_sessions", [], |r| r.get(0))
            .unwrap();
        assert_eq!(left, 1);
    }

    #[test]
    fn the_cookie_is_http_only_strict_and_site_wide() {
        let cookie = set_cookie("abc", false);
        assert!(cookie.starts_with("kring_session=abc; HttpOnly; SameSite=Strict; Path=/;"));
        assert!(!cookie.contains("Secure"));
        assert!(set_cookie("abc", true).ends_with("; Secure"));
    }
}
