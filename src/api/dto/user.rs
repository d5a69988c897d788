//! A Yammer user, full or as a short reference, and the `{users, more_available}`
//! list shape. Personal fields are optional: absent, `null` and `""` all mean "not shared".

use serde::{Deserialize, Serialize};

use super::de;
use super::time::YammerTime;

/// A person. `name` is the username (permalink), `full_name` the display name.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct User {
    #[serde(deserialize_with = "de::id")]
    pub id: u64,
    #[serde(rename = "type", deserialize_with = "de::string")]
    pub kind: String,
    #[serde(deserialize_with = "de::opt_id")]
    pub network_id: Option<u64>,
    #[serde(deserialize_with = "de::string")]
    pub state: String,
    #[serde(deserialize_with = "de::string")]
    pub name: String,
    #[serde(deserialize_with = "de::string")]
    pub full_name: String,
    #[serde(deserialize_with = "de::string")]
    pub email: String,
    #[serde(deserialize_with = "de::string")]
    pub job_title: String,
    #[serde(deserialize_with = "de::string")]
    pub department: String,
    #[serde(deserialize_with = "de::string")]
    pub location: String,
    #[serde(
        deserialize_with = "de::phrase_list",
        serialize_with = "de::phrases_as_string"
    )]
    pub expertise: Vec<String>,
    #[serde(
        deserialize_with = "de::phrase_list",
        serialize_with = "de::phrases_as_string"
    )]
    pub interests: Vec<String>,
    #[serde(deserialize_with = "de::string")]
    pub summary: String,
    #[serde(deserialize_with = "de::string")]
    pub mugshot_url: String,
    #[serde(deserialize_with = "de::string")]
    pub url: String,
    #[serde(deserialize_with = "de::string")]
    pub web_url: String,
    pub activated_at: YammerTime,
    #[serde(deserialize_with = "de::or_default")]
    pub stats: UserStats,
    #[serde(
        deserialize_with = "de::boolish",
        serialize_with = "de::bool_as_string"
    )]
    pub admin: bool,
    /// False for people who chose not to appear in the directory; absent means shown.
    #[serde(
        deserialize_with = "de::boolish_default_true",
        serialize_with = "de::bool_as_string"
    )]
    pub show_in_directory: bool,
    /// An external (guest) member, e.g. a customer invited into one community.
    #[serde(deserialize_with = "de::boolish")]
    pub guest: bool,
    /// Last activity, as `kring serve` reports it; real networks omit it.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub last_active_at: Option<YammerTime>,
}

impl Default for User {
    fn default() -> Self {
        Self {
            id: 0,
            kind: "user".to_owned(),
            network_id: None,
            state: String::new(),
            name: String::new(),
            full_name: String::new(),
            email: String::new(),
            job_title: String::new(),
            department: String::new(),
            location: String::new(),
            expertise: Vec::new(),
            interests: Vec::new(),
            summary: String::new(),
            mugshot_url: String::new(),
            url: String::new(),
            web_url: String::new(),
            activated_at: YammerTime::default(),
            stats: UserStats::default(),
            admin: false,
            show_in_directory: true,
            guest: false,
            last_active_at: None,
        }
    }
}

impl User {
    /// The name to show: the full name, else the username, else `user <id>`.
    pub fn display_name(&self) -> String {
        if !self.full_name.trim().is_empty() {
            self.full_name.clone()
        } else if !self.name.trim().is_empty() {
            self.name.clone()
        } else {
            format!("user {}", self.id)
        }
    }
}

/// Follower, following and message counts.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct UserStats {
    #[serde(deserialize_with = "de::or_default")]
    pub following: u64,
    #[serde(deserialize_with = "de::or_default")]
    pub followers: u64,
    #[serde(deserialize_with = "de::or_default")]
    pub updates: u64,
}

/// `users/in_group`, `users/following/:id`: a page of users and whether more exist.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct UserList {
    #[serde(deserialize_with = "de::null_as_default")]
    pub users: Vec<User>,
    #[serde(deserialize_with = "de::boolish")]
    pub more_available: bool,
}
