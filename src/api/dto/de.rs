//! Tolerant field decoders for what real Yammer servers send: ids as numbers or
//! numeric strings, booleans as `true` or `"true"`, strings as `null`, lists as a comma string or an
//! array. Each decoder accepts every observed shape and falls back to a default rather than failing
//! the whole payload on a cosmetic field; ids are the exception: a wrong id is an error, never a guess.

use std::fmt;

use serde::de::{self, Deserializer, SeqAccess, Visitor};
use serde::{Deserialize, Serializer};

/// A u64 id from a JSON number (never through f64) or a numeric string.
pub fn id<'de, D: Deserializer<'de>>(d: D) -> Result<u64, D::Error> {
    match d.deserialize_any(IdVisitor)? {
        Some(id) => Ok(id),
        None => Err(de::Error::custom("missing id")),
    }
}

/// An optional id: number, numeric string, `null`, empty string or absent.
pub fn opt_id<'de, D: Deserializer<'de>>(d: D) -> Result<Option<u64>, D::Error> {
    d.deserialize_any(IdVisitor)
}

/// An optional id where a wrong value is not worth failing a whole message over (who
/// posted on someone's behalf): anything that is not an id reads as absent.
pub fn lenient_opt_id<'de, D: Deserializer<'de>>(d: D) -> Result<Option<u64>, D::Error> {
    let value = serde_json::Value::deserialize(d)?;
    Ok(opt_id(value).unwrap_or(None))
}

/// A list of ids where the list is cosmetic (who a message notified): an array of numbers or
/// numeric strings, or one comma-separated string; elements that are not ids are dropped, and
/// anything else reads as empty.
pub fn lenient_id_list<'de, D: Deserializer<'de>>(d: D) -> Result<Vec<u64>, D::Error> {
    let value = serde_json::Value::deserialize(d)?;
    let one = |v: serde_json::Value| opt_id(v).ok().flatten();
    Ok(match value {
        serde_json::Value::Array(items) => items.into_iter().filter_map(one).collect(),
        serde_json::Value::String(text) => text
            .split(',')
            .filter_map(|part| one(serde_json::Value::String(part.to_owned())))
            .collect(),
        serde_json::Value::Number(_) => one(value).into_iter().collect(),
        _ => Vec::new(),
    })
}

/// A list of ids, each a number or a numeric string; `null` is empty.
pub fn id_list<'de, D: Deserializer<'de>>(d: D) -> Result<Vec<u64>, D::Error> {
    struct ListVisitor;
    impl<'de> Visitor<'de> for ListVisitor {
        type Value = Vec<u64>;
        fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
            f.write_str("a list of ids")
        }
        fn visit_unit<E: de::Error>(self) -> Result<Self::Value, E> {
            Ok(Vec::new())
        }
        fn visit_none<E: de::Error>(self) -> Result<Self::Value, E> {
            Ok(Vec::new())
        }
        fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Self::Value, A::Error> {
            let mut out = Vec::new();
            while let Some(IdElement(id)) = seq.next_element()? {
                out.extend(id);
            }
            Ok(out)
        }
    }
    d.deserialize_any(ListVisitor)
}

/// One element of an id list (`null` elements are skipped).
struct IdElement(Option<u64>);

impl<'de> serde::Deserialize<'de> for IdElement {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        d.deserialize_any(IdVisitor).map(IdElement)
    }
}

struct IdVisitor;

impl<'de> Visitor<'de> for IdVisitor {
    type Value = Option<u64>;
    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("an id as a non-negative integer or a numeric string")
    }
    fn visit_u64<E: de::Error>(self, v: u64) -> Result<Self::Value, E> {
        Ok(Some(v))
    }
    fn visit_i64<E: de::Error>(self, v: i64) -> Result<Self::Value, E> {
        u64::try_from(v)
            .map(Some)
            .map_err(|_| E::custom(format!("negative id {v}")))
    }
    fn visit_f64<E: de::Error>(self, v: f64) -> Result<Self::Value, E> {
        Err(E::custom(format!("id {v} is not an integer")))
    }
    fn visit_str<E: de::Error>(self, v: &str) -> Result<Self::Value, E> {
        let trimmed = v.trim();
        if trimmed.is_empty() {
            return Ok(None);
        }
        trimmed
            .parse::<u64>()
            .map(Some)
            .map_err(|_| E::custom(format!("id {trimmed:?} is not numeric")))
    }
    fn visit_unit<E: de::Error>(self) -> Result<Self::Value, E> {
        Ok(None)
    }
    fn visit_none<E: de::Error>(self) -> Result<Self::Value, E> {
        Ok(None)
    }
    fn visit_some<D: Deserializer<'de>>(self, d: D) -> Result<Self::Value, D::Error> {
        d.deserialize_any(IdVisitor)
    }
}

/// A boolean sent as `true`, `"true"`, `1`, `"1"`, `"yes"`; anything else (including `null`) is false.
pub fn boolish<'de, D: Deserializer<'de>>(d: D) -> Result<bool, D::Error> {
    struct BoolVisitor;
    impl<'de> Visitor<'de> for BoolVisitor {
        type Value = bool;
        fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
            f.write_str("a boolean or a boolean-like string")
        }
        fn visit_bool<E: de::Error>(self, v: bool) -> Result<bool, E> {
            Ok(v)
        }
        fn visit_u64<E: de::Error>(self, v: u64) -> Result<bool, E> {
            Ok(v != 0)
        }
        fn visit_i64<E: de::Error>(self, v: i64) -> Result<bool, E> {
            Ok(v != 0)
        }
        fn visit_str<E: de::Error>(self, v: &str) -> Result<bool, E> {
            Ok(matches!(
                v.trim().to_ascii_lowercase().as_str(),
                "true" | "1" | "yes"
            ))
        }
        fn visit_unit<E: de::Error>(self) -> Result<bool, E> {
            Ok(false)
        }
        fn visit_none<E: de::Error>(self) -> Result<bool, E> {
            Ok(false)
        }
    }
    d.deserialize_any(BoolVisitor)
}

/// `show_in_directory` and the like: absent or unreadable means true (visible), as Yammer defaults.
pub fn boolish_default_true<'de, D: Deserializer<'de>>(d: D) -> Result<bool, D::Error> {
    struct Visible;
    impl<'de> Visitor<'de> for Visible {
        type Value = bool;
        fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
            f.write_str("a boolean or a boolean-like string")
        }
        fn visit_bool<E: de::Error>(self, v: bool) -> Result<bool, E> {
            Ok(v)
        }
        fn visit_str<E: de::Error>(self, v: &str) -> Result<bool, E> {
            Ok(!matches!(
                v.trim().to_ascii_lowercase().as_str(),
                "false" | "0" | "no"
            ))
        }
        fn visit_u64<E: de::Error>(self, v: u64) -> Result<bool, E> {
            Ok(v != 0)
        }
        fn visit_i64<E: de::Error>(self, v: i64) -> Result<bool, E> {
            Ok(v != 0)
        }
        fn visit_unit<E: de::Error>(self) -> Result<bool, E> {
            Ok(true)
        }
        fn visit_none<E: de::Error>(self) -> Result<bool, E> {
            Ok(true)
        }
    }
    d.deserialize_any(Visible)
}

/// Writes a boolean the way Yammer does for user and group flags: `"true"` / `"false"`.
pub fn bool_as_string<S: Serializer>(value: &bool, s: S) -> Result<S::Ok, S::Error> {
    s.serialize_str(if *value { "true" } else { "false" })
}

/// A string that may be `null`, a number, or a boolean; anything non-string becomes its text.
pub fn string<'de, D: Deserializer<'de>>(d: D) -> Result<String, D::Error> {
    struct StringVisitor;
    impl<'de> Visitor<'de> for StringVisitor {
        type Value = String;
        fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
            f.write_str("a string or null")
        }
        fn visit_str<E: de::Error>(self, v: &str) -> Result<String, E> {
            Ok(v.to_owned())
        }
        fn visit_string<E: de::Error>(self, v: String) -> Result<String, E> {
            Ok(v)
        }
        fn visit_u64<E: de::Error>(self, v: u64) -> Result<String, E> {
            Ok(v.to_string())
        }
        fn visit_i64<E: de::Error>(self, v: i64) -> Result<String, E> {
            Ok(v.to_string())
        }
        fn visit_f64<E: de::Error>(self, v: f64) -> Result<String, E> {
            Ok(v.to_string())
        }
        fn visit_bool<E: de::Error>(self, v: bool) -> Result<String, E> {
            Ok(v.to_string())
        }
        fn visit_unit<E: de::Error>(self) -> Result<String, E> {
            Ok(String::new())
        }
        fn visit_none<E: de::Error>(self) -> Result<String, E> {
            Ok(String::new())
        }
        fn visit_some<D: Deserializer<'de>>(self, d: D) -> Result<String, D::Error> {
            d.deserialize_any(StringVisitor)
        }
    }
    d.deserialize_any(StringVisitor)
}

/// A list of phrases sent as an array of strings or as one comma-separated string
/// (`expertise`, `interests`); `null` and `""` are empty, blanks are dropped.
pub fn phrase_list<'de, D: Deserializer<'de>>(d: D) -> Result<Vec<String>, D::Error> {
    struct PhraseVisitor;
    impl<'de> Visitor<'de> for PhraseVisitor {
        type Value = Vec<String>;
        fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
            f.write_str("a string or a list of strings")
        }
        fn visit_str<E: de::Error>(self, v: &str) -> Result<Self::Value, E> {
            Ok(split_phrases(v))
        }
        fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Self::Value, A::Error> {
            let mut out = Vec::new();
            while let Some(item) = seq.next_element::<serde_json::Value>()? {
                if let serde_json::Value::String(s) = item {
                    out.extend(split_phrases(&s));
                }
            }
            Ok(out)
        }
        fn visit_unit<E: de::Error>(self) -> Result<Self::Value, E> {
            Ok(Vec::new())
        }
        fn visit_none<E: de::Error>(self) -> Result<Self::Value, E> {
            Ok(Vec::new())
        }
    }
    d.deserialize_any(PhraseVisitor)
}

fn split_phrases(s: &str) -> Vec<String> {
    s.split([',', ';', '\n'])
        .map(str::trim)
        .filter(|p| !p.is_empty())
        .map(str::to_owned)
        .collect()
}

/// Writes a phrase list the way Yammer does: one comma-separated string.
pub fn phrases_as_string<S: Serializer>(value: &[String], s: S) -> Result<S::Ok, S::Error> {
    s.serialize_str(&value.join(", "))
}

/// A count: a non-negative number or numeric string; anything else (negative, fractional,
/// `null`, text) is 0, and a count beyond `u32::MAX` is capped there (no network has that
/// many of anything unseen; a bigger number is a broken server, not news).
pub fn count<'de, D: Deserializer<'de>>(d: D) -> Result<u64, D::Error> {
    let value = serde_json::Value::deserialize(d)?;
    let read = match &value {
        serde_json::Value::Number(n) => n.as_u64(),
        serde_json::Value::String(s) => s.trim().parse::<u64>().ok(),
        _ => None,
    };
    Ok(read.unwrap_or(0).min(u64::from(u32::MAX)))
}

/// Any value, where a `null` or wrong type becomes the type's default instead of an error.
pub fn or_default<'de, D, T>(d: D) -> Result<T, D::Error>
where
    D: Deserializer<'de>,
    T: serde::Deserialize<'de> + Default,
{
    let value = serde_json::Value::deserialize(d)?;
    Ok(T::deserialize(value).unwrap_or_default())
}

/// A value that may be `null` (read as the default) but must otherwise have the right shape: for
/// the lists a page exists to deliver, where silently reading a wrong type as "empty" would look
/// like the end of a feed.
pub fn null_as_default<'de, D, T>(d: D) -> Result<T, D::Error>
where
    D: Deserializer<'de>,
    T: serde::Deserialize<'de> + Default,
{
    Option::<T>::deserialize(d).map(Option::unwrap_or_default)
}
