//! A Yammer group, shown in kring as a community.

use serde::{Deserialize, Serialize};

use super::de;
use super::time::YammerTime;

/// A community.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Group {
    #[serde(deserialize_with = "de::id")]
    pub id: u64,
    #[serde(rename = "type", deserialize_with = "de::string")]
    pub kind: String,
    #[serde(deserialize_with = "de::string")]
    pub name: String,
    #[serde(deserialize_with = "de::string")]
    pub full_name: String,
    #[serde(deserialize_with = "de::string")]
    pub description: String,
    #[serde(deserialize_with = "de::string")]
    pub privacy: String,
    #[serde(deserialize_with = "de::string")]
    pub url: String,
    #[serde(deserialize_with = "de::string")]
    pub web_url: String,
    pub created_at: YammerTime,
    #[serde(
        deserialize_with = "de::boolish_default_true",
        serialize_with = "de::bool_as_string"
    )]
    pub show_in_directory: bool,
    #[serde(deserialize_with = "de::boolish")]
    pub external: bool,
    #[serde(deserialize_with = "de::or_default")]
    pub stats: GroupStats,
    /// The community's guidelines (a `kring serve` extension; empty when unset).
    #[serde(
        deserialize_with = "de::string",
        skip_serializing_if = "String::is_empty"
    )]
    pub guidelines: String,
    /// The community's admins (a `kring serve` extension on `groups/:id`; empty when not sent).
    #[serde(
        default,
        deserialize_with = "de::null_as_default",
        skip_serializing_if = "Vec::is_empty"
    )]
    pub admins: Vec<super::User>,
}

impl Default for Group {
    fn default() -> Self {
        Self {
            id: 0,
            kind: "group".to_owned(),
            name: String::new(),
            full_name: String::new(),
            description: String::new(),
            privacy: String::new(),
            url: String::new(),
            web_url: String::new(),
            created_at: YammerTime::default(),
            show_in_directory: true,
            external: false,
            stats: GroupStats::default(),
            guidelines: String::new(),
            admins: Vec::new(),
        }
    }
}

impl Group {
    /// The name to show: the full name, else the slug.
    pub fn display_name(&self) -> String {
        if self.full_name.trim().is_empty() {
            self.name.clone()
        } else {
            self.full_name.clone()
        }
    }
}

/// Member and message counts; `last_*` are null for an empty group.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct GroupStats {
    #[serde(deserialize_with = "de::or_default")]
    pub members: u64,
    #[serde(deserialize_with = "de::or_default")]
    pub updates: u64,
    #[serde(deserialize_with = "de::opt_id")]
    pub last_message_id: Option<u64>,
    pub last_message_at: Option<YammerTime>,
}
