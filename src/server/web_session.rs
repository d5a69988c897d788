//! Browser sessions for the web pages: a person who signs in on a page with their access token
//! gets a random session id in an `HttpOnly; SameSite=Strict` cookie. The server keeps, per
//! session, only the SHA-256 of the session id and of the access token (never the token), so
//! every page load checks the token again through the tokens table: a revoked or expired token,
//! or a disabled user, ends the session too. Sessions live in memory and end when the server
//! stops or after [`SESSION_TTL`]. Bookkeeping only; the pages and the sign-in form are in
//! `handlers::web`.

use std::collections::HashMap;
use std::sync::{Mutex, PoisonError};
use std::time::{Duration, Instant};

use axum::http::{HeaderMap, header};

use super::db::tokens;

/// The cookie's name.
pub const COOKIE: &str = "kring_session";
/// How long a browser stays signed in.
pub const SESSION_TTL: Duration = Duration::from_secs(12 * 60 * 60);
/// Most sessions kept at once; the oldest go first beyond this.
const MAX_SESSIONS: usize = 10_000;

/// A SHA-256 hash.
type Hash = [u8; 32];

/// The browser sessions of a running server.
#[derive(Debug, Default)]
pub struct WebSessions {
    /// By the hash of the session id: the hash of the access token, and when it ends.
    sessions: Mutex<HashMap<Hash, (Hash, Instant)>>,
}

impl WebSessions {
    /// Starts a session for whoever holds `token` (already checked); returns the session id.
    pub fn start(&self, token: &str) -> String {
        let id = tokens::new_secret();
        let now = Instant::now();
        let mut sessions = self.sessions.lock().unwrap_or_else(PoisonError::into_inner);
        sessions.retain(|_, (_, ends)| *ends > now);
        if sessions.len() >= MAX_SESSIONS {
            let oldest = sessions
                .iter()
                .min_by_key(|(_, (_, ends))| *ends)
                .map(|(key, _)| *key);
            if let Some(oldest) = oldest {
                sessions.remove(&oldest);
            }
        }
        sessions.insert(tokens::hash(&id), (tokens::hash(token), now + SESSION_TTL));
        id
    }

    /// The hash of the access token behind the session cookie in `headers`, while it lasts.
    pub fn token_hash(&self, headers: &HeaderMap) -> Option<[u8; 32]> {
        let id = session_cookie(headers)?;
        let sessions = self.sessions.lock().unwrap_or_else(PoisonError::into_inner);
        let (token, ends) = sessions.get(&tokens::hash(&id))?;
        (*ends > Instant::now()).then_some(*token)
    }
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

    #[test]
    fn a_session_names_the_token_by_its_hash_only() {
        let sessions = WebSessions::default();
        let id = sessions.start("the-token");
        assert_ne!(id, "the-token");
        let headers = with_cookie(&format!("other=1; {COOKIE}={id}"));
        assert_eq!(
            sessions.token_hash(&headers),
            Some(tokens::hash("the-token"))
        );
        assert_eq!(
            sessions.token_hash(&with_cookie(&format!("{COOKIE}=forged"))),
            None
        );
        assert_eq!(sessions.token_hash(&HeaderMap::new()), None);
    }

    #[test]
    fn the_cookie_is_http_only_strict_and_site_wide() {
        let cookie = set_cookie("abc", false);
        assert!(cookie.starts_with("kring_session=abc; HttpOnly; SameSite=Strict; Path=/;"));
        assert!(!cookie.contains("Secure"));
        assert!(set_cookie("abc", true).ends_with("; Secure"));
    }
}
