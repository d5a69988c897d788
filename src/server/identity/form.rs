//! The parameters of a sign-in request: an `application/x-www-form-urlencoded` body (or, for
//! `GET authorize`, the query string), each parameter at most once as OAuth requires, and the
//! origin the client reached this server at (its `Host` header). Parsing only.

use std::collections::HashMap;

use axum::http::{HeaderMap, header};

use super::errors::OAuthError;

/// Largest sign-in request body accepted.
pub const MAX_FORM_BYTES: usize = 16 * 1024;

/// Parsed parameters, by name.
#[derive(Clone, Debug, Default)]
pub struct Form {
    values: HashMap<String, String>,
}

impl Form {
    /// Parses urlencoded pairs; a parameter given twice is an error.
    pub fn parse(raw: &[u8]) -> Result<Self, OAuthError> {
        let mut values = HashMap::new();
        for (key, value) in url::form_urlencoded::parse(raw) {
            if values.insert(key.to_string(), value.into_owned()).is_some() {
                return Err(OAuthError::invalid_request(format!(
                    "The parameter '{}' was given more than once.",
                    key.chars().take(40).collect::<String>()
                )));
            }
        }
        Ok(Self { values })
    }

    /// Parses a request body, which must be form-encoded when its type is declared.
    pub fn from_body(headers: &HeaderMap, body: &[u8]) -> Result<Self, OAuthError> {
        let declared = headers
            .get(header::CONTENT_TYPE)
            .map(|v| v.to_str().unwrap_or("").to_ascii_lowercase());
        if let Some(kind) = declared {
            let essence = kind.split(';').next().unwrap_or("").trim().to_owned();
            if essence != "application/x-www-form-urlencoded" {
                return Err(OAuthError::invalid_request(
                    "The request body must be application/x-www-form-urlencoded.",
                ));
            }
        }
        Self::parse(body)
    }

    /// A parameter's value; empty counts as absent.
    pub fn get(&self, key: &str) -> Option<&str> {
        self.values
            .get(key)
            .map(String::as_str)
            .filter(|v| !v.is_empty())
    }

    /// A required parameter.
    pub fn required(&self, key: &str) -> Result<&str, OAuthError> {
        self.get(key).ok_or_else(|| OAuthError::missing(key))
    }
}

/// `http://HOST` as the client reached this server, or `fallback` when the `Host` header is
/// missing or not a plain host name / address with an optional port.
pub fn origin(headers: &HeaderMap, fallback: &str) -> String {
    headers
        .get(header::HOST)
        .and_then(|v| v.to_str().ok())
        .filter(|host| {
            !host.is_empty()
                && host.len() <= 255
                && host
                    .bytes()
                    .all(|b| b.is_ascii_alphanumeric() || b".-:[]_".contains(&b))
        })
        .map_or_else(|| fallback.to_owned(), |host| format!("http://{host}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_pairs_and_refuses_repeats() {
        let form = Form::parse(b"client_id=a%20b&scope=x+y&empty=").unwrap();
        assert_eq!(form.get("client_id"), Some("a b"));
        assert_eq!(form.get("scope"), Some("x y"));
        assert_eq!(form.get("empty"), None);
        assert_eq!(form.required("empty").unwrap_err().error, "invalid_request");
        assert!(Form::parse(b"a=1&a=2").is_err());
    }

    #[test]
    fn declared_bodies_must_be_forms() {
        let mut headers = HeaderMap::new();
        headers.insert(header::CONTENT_TYPE, "application/json".parse().unwrap());
        assert!(Form::from_body(&headers, b"{}").is_err());
        headers.insert(
            header::CONTENT_TYPE,
            "application/x-www-form-urlencoded; charset=utf-8"
                .parse()
                .unwrap(),
        );
        assert!(Form::from_body(&headers, b"a=1").is_ok());
    }

    #[test]
    fn origin_follows_a_plain_host_header() {
        let mut headers = HeaderMap::new();
        assert_eq!(origin(&headers, "http://127.0.0.1:1"), "http://127.0.0.1:1");
        headers.insert(header::HOST, "localhost:8808".parse().unwrap());
        assert_eq!(origin(&headers, "x"), "http://localhost:8808");
        headers.insert(header::HOST, "evil/<x>".parse().unwrap());
        assert_eq!(origin(&headers, "http://127.0.0.1:1"), "http://127.0.0.1:1");
    }
}
