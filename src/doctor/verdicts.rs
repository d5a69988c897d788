//! Judging what the probes saw, without I/O: the clock skew against the server's `Date`
//! header, what a failed TLS handshake means (unknown issuer, expired, wrong name) and when
//! the token expires, when that can be known.

use chrono::{DateTime, Utc};

use crate::config::TokenOrigin;

/// Skew above this is worth a warning.
pub const SKEW_WARN_SECS: i64 = 60;
/// Skew above this fails: time-bound tokens are refused or expire early.
pub const SKEW_FAIL_SECS: i64 = 5 * 60;

/// How far off this machine's clock is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Skew {
    Fine,
    Warn,
    Fail,
}

/// Judges `local - server` in seconds. `Date` has a resolution of one second and is stamped
/// before the answer travels, so a second either way is noise.
pub fn judge_skew(local_minus_server: i64) -> Skew {
    let off = local_minus_server.unsigned_abs();
    if off > SKEW_FAIL_SECS.unsigned_abs() {
        Skew::Fail
    } else if off > SKEW_WARN_SECS.unsigned_abs() {
        Skew::Warn
    } else {
        Skew::Fine
    }
}

/// "42 s ahead of", "3 min 5 s behind" the server.
pub fn describe_skew(local_minus_server: i64) -> String {
    let off = local_minus_server.unsigned_abs();
    let amount = if off >= 60 {
        format!("{} min {} s", off / 60, off % 60)
    } else {
        format!("{off} s")
    };
    if local_minus_server > 0 {
        format!("{amount} ahead of")
    } else if local_minus_server < 0 {
        format!("{amount} behind")
    } else {
        "in step with".to_owned()
    }
}

/// An HTTP `Date` header (`Sun, 06 Nov 1994 08:49:37 GMT`).
pub fn parse_http_date(value: &str) -> Option<DateTime<Utc>> {
    DateTime::parse_from_rfc2822(value.trim())
        .ok()
        .map(|date| date.with_timezone(&Utc))
}

/// Why a TLS handshake failed.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum TlsProblem {
    /// Signed by a CA nobody here trusts: typically a network that inspects TLS.
    UnknownIssuer,
    Expired,
    NotYetValid,
    /// Valid, but for another host name.
    WrongName,
    /// Anything else, in rustls's or the transport's words.
    Other(String),
}

/// Classifies a transport error from the handshake, by the rustls error inside it.
pub fn tls_problem(error: &reqwest::Error) -> TlsProblem {
    use rustls::CertificateError as C;
    match find_rustls(error) {
        Some(rustls::Error::InvalidCertificate(problem)) => match problem {
            C::UnknownIssuer => TlsProblem::UnknownIssuer,
            C::Expired | C::ExpiredContext { .. } => TlsProblem::Expired,
            C::NotValidYet | C::NotValidYetContext { .. } => TlsProblem::NotYetValid,
            C::NotValidForName | C::NotValidForNameContext { .. } => TlsProblem::WrongName,
            other => TlsProblem::Other(format!("invalid certificate: {other:?}")),
        },
        Some(other) => TlsProblem::Other(other.to_string()),
        None => TlsProblem::Other(innermost(error)),
    }
}

/// The rustls error somewhere below `error`: in its sources, or wrapped (perhaps several
/// times) in an `io::Error`, whose `source` skips what it wraps.
fn find_rustls<'a>(error: &'a (dyn std::error::Error + 'static)) -> Option<&'a rustls::Error> {
    if let Some(found) = error.downcast_ref::<rustls::Error>() {
        return Some(found);
    }
    if let Some(wrapped) = error
        .downcast_ref::<std::io::Error>()
        .and_then(|io| io.get_ref())
        && let Some(found) = find_rustls(wrapped)
    {
        return Some(found);
    }
    error.source().and_then(find_rustls)
}

/// The text of the innermost error below `error`.
fn innermost(error: &(dyn std::error::Error + 'static)) -> String {
    let mut current = error;
    while let Some(deeper) = current.source() {
        current = deeper;
    }
    current.to_string()
}

/// When the token expires, if that can be known: a sign-in keeps `expires_at` beside its
/// tokens; otherwise a JWT (as Entra issues) says so itself, in its `exp` claim. An opaque
/// token (Yammer's classic ones) has no known expiry: `None`.
pub fn token_expiry(origin: &TokenOrigin, token: &str) -> Option<DateTime<Utc>> {
    if let TokenOrigin::SignIn { account, store, .. } = origin
        && let Ok(Some(tokens)) = crate::config::secret::read_signin(store, account)
        && tokens.access.expose() == token.trim()
    {
        return DateTime::from_timestamp(tokens.expires_at, 0);
    }
    jwt_expiry(token)
}

/// The `exp` claim of a JWT (`header.payload.signature`, base64url), read without verifying
/// anything: it is only shown.
fn jwt_expiry(token: &str) -> Option<DateTime<Utc>> {
    use base64::Engine;
    let mut parts = token.trim().split('.');
    let (_header, payload, _signature) = (parts.next()?, parts.next()?, parts.next()?);
    if parts.next().is_some() {
        return None;
    }
    let bytes = base64::engine::general_purpose::URL_SAFE_NO_PAD
        .decode(payload.trim_end_matches('='))
        .ok()?;
    let claims: serde_json::Value = serde_json::from_slice(&bytes).ok()?;
    DateTime::from_timestamp(claims.get("exp")?.as_i64()?, 0)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn skew_within_a_minute_is_fine_then_warns_then_fails() {
        assert_eq!(judge_skew(0), Skew::Fine);
        assert_eq!(judge_skew(-60), Skew::Fine);
        assert_eq!(judge_skew(61), Skew::Warn);
        assert_eq!(judge_skew(-300), Skew::Warn);
        assert_eq!(judge_skew(301), Skew::Fail);
        assert_eq!(judge_skew(i64::MIN), Skew::Fail);
    }

    #[test]
    fn skew_is_described_with_its_direction() {
        assert_eq!(describe_skew(42), "42 s ahead of");
        assert_eq!(describe_skew(-185), "3 min 5 s behind");
        assert_eq!(describe_skew(0), "in step with");
    }

    #[test]
    fn http_dates_parse() {
        let date = parse_http_date("Sun, 06 Nov 1994 08:49:37 GMT").unwrap();
        assert_eq!(date.timestamp(), 784_111_777);
        assert_eq!(parse_http_date("yesterday"), None);
    }

    #[test]
    fn a_jwt_says_when_it_expires_and_an_opaque_token_does_not() {
        use base64::Engine;
        let encode =
            |json: &str| base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(json.as_bytes());
        let jwt = format!(
            "{}.{}.sig",
            encode(r#"{"alg":"none"}"#),
            encode(r#"{"exp":1900000000}"#)
        );
        let origin = TokenOrigin::Fixed;
        assert_eq!(
            token_expiry(&origin, &jwt).map(|d| d.timestamp()),
            Some(1_900_000_000)
        );
        assert_eq!(token_expiry(&origin, "abcdef123456"), None);
        assert_eq!(token_expiry(&origin, "a.b.c"), None);
    }
}
