//! Request parameters merged the three ways real clients send them: the
//! query string, an `application/x-www-form-urlencoded` body and a JSON object body. Keys written
//! `x[]` are stored as `x`; JSON arrays become repeated values. Typed getters turn wrong shapes into
//! 400 `{"base":[...]}` errors. This module parses text only; it knows no routes and no database.

use std::collections::BTreeMap;

use super::errors::ApiError;

/// Largest id the server accepts: ids are SQLite integers (and stay below 2^63).
const MAX_ID: u64 = i64::MAX as u64;

/// All parameters of one request, by key, in arrival order.
#[derive(Clone, Debug, Default)]
pub struct Params {
    values: BTreeMap<String, Vec<String>>,
    /// Keys whose JSON value was an object (or a nested array): unusable as a parameter.
    malformed: Vec<String>,
}

impl Params {
    /// Adds the pairs of a urlencoded string (query string or form body).
    pub fn add_urlencoded(&mut self, raw: &[u8]) -> Result<(), ApiError> {
        for pair in raw.split(|b| *b == b'&').filter(|p| !p.is_empty()) {
            let (key, value) = match pair.iter().position(|b| *b == b'=') {
                Some(at) => (&pair[..at], &pair[at + 1..]),
                None => (pair, &b""[..]),
            };
            let key = percent_decode(key)?;
            let value = percent_decode(value)?;
            self.push(&key, value);
        }
        Ok(())
    }

    /// Adds the members of a JSON object body.
    pub fn add_json(&mut self, raw: &[u8]) -> Result<(), ApiError> {
        let value: serde_json::Value = serde_json::from_slice(raw)
            .map_err(|e| ApiError::invalid(format!("Malformed JSON body: {e}")))?;
        let serde_json::Value::Object(object) = value else {
            return Err(ApiError::invalid("JSON body must be an object"));
        };
        for (key, value) in object {
            match value {
                serde_json::Value::Array(items) => {
                    for item in items {
                        match scalar_text(&item) {
                            Some(Some(text)) => self.push(&key, text),
                            Some(None) => {}
                            None => self.malformed.push(normalize_key(&key).to_owned()),
                        }
                    }
                }
                other => match scalar_text(&other) {
                    Some(Some(text)) => self.push(&key, text),
                    Some(None) => {}
                    None => self.malformed.push(normalize_key(&key).to_owned()),
                },
            }
        }
        Ok(())
    }

    fn push(&mut self, key: &str, value: String) {
        let values = self
            .values
            .entry(normalize_key(key).to_owned())
            .or_default();
        if !values.contains(&value) {
            values.push(value);
        }
    }

    /// Every value given for `key` (empty when absent).
    pub fn all(&self, key: &str) -> Result<&[String], ApiError> {
        if self.malformed.iter().any(|k| k == key) {
            return Err(ApiError::invalid(format!("{key} has the wrong type")));
        }
        Ok(self.values.get(key).map(Vec::as_slice).unwrap_or_default())
    }

    /// The one value of `key`; an error when it was given twice with different values.
    pub fn text(&self, key: &str) -> Result<Option<&str>, ApiError> {
        match self.all(key)? {
            [] => Ok(None),
            [one] => Ok(Some(one.as_str())),
            _ => Err(ApiError::invalid(format!("{key} was given more than once"))),
        }
    }

    /// The value of `key` trimmed, with `""` meaning absent.
    pub fn nonempty(&self, key: &str) -> Result<Option<&str>, ApiError> {
        Ok(self.text(key)?.map(str::trim).filter(|s| !s.is_empty()))
    }

    /// An optional id (positive integer below 2^63).
    pub fn id(&self, key: &str) -> Result<Option<u64>, ApiError> {
        self.nonempty(key)?
            .map(|raw| parse_id(raw).ok_or_else(|| not_an_id(key, raw)))
            .transpose()
    }

    /// A required id.
    pub fn required_id(&self, key: &str) -> Result<u64, ApiError> {
        self.id(key)?
            .ok_or_else(|| ApiError::invalid(format!("{key} is required")))
    }

    /// All ids given for `key`: repeated keys, comma-separated strings and JSON arrays.
    pub fn id_list(&self, key: &str) -> Result<Vec<u64>, ApiError> {
        let mut ids = Vec::new();
        for value in self.all(key)? {
            for part in value.split(',').map(str::trim).filter(|p| !p.is_empty()) {
                let id = parse_id(part).ok_or_else(|| not_an_id(key, part))?;
                if !ids.contains(&id) {
                    ids.push(id);
                }
            }
        }
        Ok(ids)
    }

    /// An optional non-negative count.
    pub fn count(&self, key: &str) -> Result<Option<u64>, ApiError> {
        self.nonempty(key)?
            .map(|raw| {
                raw.parse::<u64>()
                    .map_err(|_| ApiError::invalid(format!("{key} must be a non-negative integer")))
            })
            .transpose()
    }

    /// A yes/no flag: `true`/`1`/`yes` or `false`/`0`/`no`; anything else is an error.
    pub fn flag(&self, key: &str) -> Result<bool, ApiError> {
        match self.nonempty(key)?.map(str::to_ascii_lowercase).as_deref() {
            None | Some("false" | "0" | "no") => Ok(false),
            Some("true" | "1" | "yes") => Ok(true),
            Some(_) => Err(ApiError::invalid(format!("{key} must be true or false"))),
        }
    }
}

/// Parses an id: a positive decimal integer that fits SQLite's signed 64-bit integers.
pub fn parse_id(raw: &str) -> Option<u64> {
    let raw = raw.trim();
    if raw.is_empty() || !raw.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    raw.parse::<u64>()
        .ok()
        .filter(|id| (1..=MAX_ID).contains(id))
}

fn not_an_id(key: &str, raw: &str) -> ApiError {
    let shown: String = raw.chars().take(40).collect();
    ApiError::invalid(format!("{key} must be an id, not {shown:?}"))
}

/// `direct_to_user_ids[]` and `direct_to_user_ids` are the same key.
fn normalize_key(key: &str) -> &str {
    key.strip_suffix("[]").unwrap_or(key)
}

/// The text of a JSON scalar; `Some(None)` for null, `None` for objects and nested arrays.
fn scalar_text(value: &serde_json::Value) -> Option<Option<String>> {
    match value {
        serde_json::Value::Null => Some(None),
        serde_json::Value::Bool(b) => Some(Some(b.to_string())),
        serde_json::Value::Number(n) => Some(Some(n.to_string())),
        serde_json::Value::String(s) => Some(Some(s.clone())),
        serde_json::Value::Array(_) | serde_json::Value::Object(_) => None,
    }
}

/// Decodes `%XX` escapes and `+`; the result must be UTF-8.
fn percent_decode(raw: &[u8]) -> Result<String, ApiError> {
    let mut out = Vec::with_capacity(raw.len());
    let mut i = 0;
    while i < raw.len() {
        match raw[i] {
            b'+' => out.push(b' '),
            b'%' => {
                let hex = raw.get(i + 1..i + 3).and_then(|h| {
                    std::str::from_utf8(h)
                        .ok()
                        .and_then(|h| u8::from_str_radix(h, 16).ok())
                });
                match hex {
                    Some(byte) => {
                        out.push(byte);
                        i += 2;
                    }
                    None => return Err(ApiError::invalid("Malformed percent-encoding")),
                }
            }
            other => out.push(other),
        }
        i += 1;
    }
    String::from_utf8(out).map_err(|_| ApiError::invalid("Parameters must be UTF-8"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn merges_repeated_bracket_keys_and_comma_lists() {
        let mut p = Params::default();
        p.add_urlencoded(b"direct_to_user_ids[]=1&direct_to_user_ids[]=2,3&body=hi+there%21")
            .unwrap();
        p.add_json(br#"{"direct_to_user_ids":[4,"5"],"group_id":"7"}"#)
            .unwrap();
        assert_eq!(
            p.id_list("direct_to_user_ids").unwrap(),
            vec![1, 2, 3, 4, 5]
        );
        assert_eq!(p.text("body").unwrap(), Some("hi there!"));
        assert_eq!(p.id("group_id").unwrap(), Some(7));
    }

    #[test]
    fn rejects_bad_shapes() {
        let mut p = Params::default();
        assert!(p.add_urlencoded(b"body=%ff").is_err());
        assert!(p.add_urlencoded(b"body=%4").is_err());
        assert!(p.add_json(b"[1,2]").is_err());
        assert!(p.add_json(b"{\"body\":").is_err());
        p.add_json(br#"{"body":{"x":1},"group_id":-1,"limit":"x"}"#)
            .unwrap();
        assert!(p.text("body").is_err());
        assert!(p.id("group_id").is_err());
        assert!(p.count("limit").is_err());
    }

    #[test]
    fn ids_must_be_positive_and_fit_sqlite() {
        assert_eq!(parse_id("42"), Some(42));
        for bad in [
            "0",
            "-1",
            "abc",
            "1.5",
            "99999999999999999999",
            "9223372036854775808",
        ] {
            assert_eq!(parse_id(bad), None, "{bad}");
        }
    }

    #[test]
    fn conflicting_values_are_an_error_but_duplicates_are_not() {
        let mut p = Params::default();
        p.add_urlencoded(b"message_id=5").unwrap();
        p.add_json(br#"{"message_id":5}"#).unwrap();
        assert_eq!(p.id("message_id").unwrap(), Some(5));
        p.add_urlencoded(b"message_id=6").unwrap();
        assert!(p.id("message_id").is_err());
    }
}
