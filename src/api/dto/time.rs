//! `YammerTime`: a timestamp that reads Yammer's `"2013/03/13 21:08:48 +0000"` and RFC 3339, and
//! writes Yammer's format. The offset is parsed, never assumed to be `+0000`.

use std::fmt;

use chrono::{DateTime, FixedOffset, TimeZone, Timelike, Utc};
use serde::de::{self, Deserializer, Visitor};
use serde::{Deserialize, Serialize, Serializer};

/// The format Yammer's JSON uses for every timestamp.
pub const YAMMER_FORMAT: &str = "%Y/%m/%d %H:%M:%S %z";

/// A point in time as Yammer reports it. Missing or unreadable timestamps decode as the Unix epoch
/// (see [`YammerTime::is_known`]) so that one odd field never loses a whole page.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct YammerTime(pub DateTime<FixedOffset>);

impl YammerTime {
    /// Parses Yammer's format, then RFC 3339, then `YYYY-MM-DD HH:MM:SS` (as UTC). Fractions of a
    /// second are dropped: Yammer's format has whole seconds, so a decoded time re-encodes exactly.
    pub fn parse(s: &str) -> Option<Self> {
        let s = s.trim();
        DateTime::parse_from_str(s, YAMMER_FORMAT)
            .or_else(|_| DateTime::parse_from_rfc3339(s))
            .ok()
            .or_else(|| {
                chrono::NaiveDateTime::parse_from_str(s, "%Y-%m-%d %H:%M:%S")
                    .ok()
                    .map(|naive| Utc.from_utc_datetime(&naive).fixed_offset())
            })
            .map(|t| Self(t.with_nanosecond(0).unwrap_or(t)))
    }

    /// The time `secs` seconds after the Unix epoch, in UTC.
    pub fn from_unix(secs: i64) -> Self {
        let utc = Utc.timestamp_opt(secs, 0).single().unwrap_or_default();
        Self(utc.fixed_offset())
    }

    /// Seconds since the Unix epoch.
    pub fn unix(&self) -> i64 {
        self.0.timestamp()
    }

    /// False when the payload had no readable timestamp.
    pub fn is_known(&self) -> bool {
        self.unix() != 0
    }

    /// Yammer's wire format, e.g. `2013/03/13 21:08:48 +0000`.
    pub fn to_yammer_string(&self) -> String {
        self.0.format(YAMMER_FORMAT).to_string()
    }
}

impl Default for YammerTime {
    fn default() -> Self {
        Self::from_unix(0)
    }
}

impl fmt::Display for YammerTime {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.to_yammer_string())
    }
}

impl Serialize for YammerTime {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&self.to_yammer_string())
    }
}

impl<'de> Deserialize<'de> for YammerTime {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct TimeVisitor;
        impl<'de> Visitor<'de> for TimeVisitor {
            type Value = YammerTime;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a timestamp string")
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<YammerTime, E> {
                Ok(YammerTime::parse(v).unwrap_or_default())
            }
            fn visit_u64<E: de::Error>(self, v: u64) -> Result<YammerTime, E> {
                Ok(YammerTime::from_unix(i64::try_from(v).unwrap_or(0)))
            }
            fn visit_i64<E: de::Error>(self, v: i64) -> Result<YammerTime, E> {
                Ok(YammerTime::from_unix(v))
            }
            fn visit_unit<E: de::Error>(self) -> Result<YammerTime, E> {
                Ok(YammerTime::default())
            }
            fn visit_none<E: de::Error>(self) -> Result<YammerTime, E> {
                Ok(YammerTime::default())
            }
            fn visit_some<D: Deserializer<'de>>(self, d: D) -> Result<YammerTime, D::Error> {
                d.deserialize_any(TimeVisitor)
            }
        }
        d.deserialize_any(TimeVisitor)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_yammer_format_with_offset() {
        let t = YammerTime::parse("2013/03/13 21:08:48 +0200").unwrap();
        assert_eq!(t.unix(), 1_363_201_728);
        assert_eq!(t.to_yammer_string(), "2013/03/13 21:08:48 +0200");
    }

    #[test]
    fn parses_rfc3339() {
        let t = YammerTime::parse("2010-08-10T03:23:10Z").unwrap();
        assert_eq!(t.unix(), 1_281_410_590);
    }

    #[test]
    fn garbage_is_none_and_decodes_as_unknown() {
        assert!(YammerTime::parse("yesterday").is_none());
        let t: YammerTime = serde_json::from_str("\"yesterday\"").unwrap();
        assert!(!t.is_known());
        let t: YammerTime = serde_json::from_str("null").unwrap();
        assert!(!t.is_known());
    }
}
