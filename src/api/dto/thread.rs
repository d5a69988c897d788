//! Threads (conversations) and topics.

use serde::{Deserialize, Serialize};

use super::de;
use super::time::YammerTime;

/// A conversation; its id is the id of its first message.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Thread {
    #[serde(deserialize_with = "de::id")]
    pub id: u64,
    #[serde(rename = "type", deserialize_with = "de::string")]
    pub kind: String,
    #[serde(deserialize_with = "de::opt_id")]
    pub thread_starter_id: Option<u64>,
    #[serde(deserialize_with = "de::opt_id")]
    pub group_id: Option<u64>,
    #[serde(deserialize_with = "de::string")]
    pub privacy: String,
    #[serde(deserialize_with = "de::boolish")]
    pub direct_message: bool,
    #[serde(deserialize_with = "de::string")]
    pub url: String,
    #[serde(deserialize_with = "de::string")]
    pub web_url: String,
    #[serde(deserialize_with = "de::or_default")]
    pub stats: ThreadStats,
    #[serde(deserialize_with = "de::or_default")]
    pub topics: Vec<IdRef>,
    #[serde(deserialize_with = "de::or_default")]
    pub participants: Vec<IdRef>,
    #[serde(deserialize_with = "de::or_default")]
    pub participants_count: u64,
}

impl Default for Thread {
    fn default() -> Self {
        Self {
            id: 0,
            kind: "thread".to_owned(),
            thread_starter_id: None,
            group_id: None,
            privacy: String::new(),
            direct_message: false,
            url: String::new(),
            web_url: String::new(),
            stats: ThreadStats::default(),
            topics: Vec::new(),
            participants: Vec::new(),
            participants_count: 0,
        }
    }
}

/// Counters of a thread. `updates` counts the starter too, and can be wrong on real servers.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct ThreadStats {
    #[serde(deserialize_with = "de::or_default")]
    pub updates: u64,
    #[serde(deserialize_with = "de::or_default")]
    pub shares: u64,
    #[serde(deserialize_with = "de::opt_id")]
    pub first_reply_id: Option<u64>,
    pub first_reply_at: Option<YammerTime>,
    #[serde(deserialize_with = "de::opt_id")]
    pub latest_reply_id: Option<u64>,
    pub latest_reply_at: Option<YammerTime>,
}

/// A `{id, type}` pointer, as threads list their topics and participants.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct IdRef {
    #[serde(deserialize_with = "de::id")]
    pub id: u64,
    #[serde(rename = "type", deserialize_with = "de::string")]
    pub kind: String,
}

/// A topic (hashtag).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Topic {
    #[serde(deserialize_with = "de::id")]
    pub id: u64,
    #[serde(rename = "type", deserialize_with = "de::string")]
    pub kind: String,
    #[serde(deserialize_with = "de::string")]
    pub name: String,
    #[serde(deserialize_with = "de::string")]
    pub normalized_name: String,
    #[serde(deserialize_with = "de::string")]
    pub permalink: String,
    #[serde(deserialize_with = "de::string")]
    pub url: String,
    #[serde(deserialize_with = "de::string")]
    pub web_url: String,
    #[serde(deserialize_with = "de::or_default")]
    pub followers: u64,
}

impl Default for Topic {
    fn default() -> Self {
        Self {
            id: 0,
            kind: "topic".to_owned(),
            name: String::new(),
            normalized_name: String::new(),
            permalink: String::new(),
            url: String::new(),
            web_url: String::new(),
            followers: 0,
        }
    }
}
