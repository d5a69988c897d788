//! The messages envelope every feed returns: messages, typed references, meta
//! and the threaded-extended replies. References of unknown type are kept out, never an error.

use std::collections::HashMap;

use serde::de::Deserializer;
use serde::ser::Serializer;
use serde::{Deserialize, Serialize};

use super::de;
use super::{Group, Message, Thread, Topic, User};

/// A page of messages with everything needed to show it.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct MessagesEnvelope {
    #[serde(deserialize_with = "de::null_as_default")]
    pub messages: Vec<Message>,
    #[serde(deserialize_with = "references")]
    pub references: Vec<Reference>,
    #[serde(deserialize_with = "de::or_default")]
    pub meta: Meta,
    /// For `threaded=extended`: thread id (as a string key) → its latest replies.
    #[serde(deserialize_with = "de::or_default")]
    pub threaded_extended: HashMap<String, Vec<Message>>,
}

/// Paging and context that comes with a page.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Meta {
    /// Whether an older page exists. Real servers get this wrong: page on fullness too.
    #[serde(deserialize_with = "de::boolish")]
    pub older_available: bool,
    /// Seconds the server asks clients to wait between polls (60 on Yammer).
    #[serde(deserialize_with = "de::opt_id")]
    pub requested_poll_interval: Option<u64>,
    #[serde(deserialize_with = "de::opt_id")]
    pub current_user_id: Option<u64>,
    #[serde(deserialize_with = "de::id_list")]
    pub followed_user_ids: Vec<u64>,
    #[serde(deserialize_with = "de::id_list")]
    pub liked_message_ids: Vec<u64>,
    #[serde(deserialize_with = "de::string")]
    pub feed_name: String,
    #[serde(deserialize_with = "de::string")]
    pub feed_desc: String,
}

/// One object a page refers to, told apart by its `type` field.
#[derive(Clone, Debug, PartialEq)]
pub enum Reference {
    User(User),
    Group(Group),
    Thread(Thread),
    Topic(Topic),
    Message(Message),
}

impl Reference {
    /// Decodes one reference; `None` for unknown types or shapes that do not decode.
    pub fn from_value(value: serde_json::Value) -> Option<Self> {
        let kind = value.get("type")?.as_str()?.to_owned();
        match kind.as_str() {
            "user" => serde_json::from_value(value).ok().map(Self::User),
            "group" => serde_json::from_value(value).ok().map(Self::Group),
            "thread" => serde_json::from_value(value).ok().map(Self::Thread),
            "topic" | "tag" => serde_json::from_value(value).ok().map(Self::Topic),
            "message" => serde_json::from_value(value).ok().map(Self::Message),
            _ => None,
        }
    }

    /// The `type` name this reference is written with.
    pub fn type_name(&self) -> &'static str {
        match self {
            Self::User(_) => "user",
            Self::Group(_) => "group",
            Self::Thread(_) => "thread",
            Self::Topic(_) => "topic",
            Self::Message(_) => "message",
        }
    }

    /// The referenced object's id.
    pub fn id(&self) -> u64 {
        match self {
            Self::User(u) => u.id,
            Self::Group(g) => g.id,
            Self::Thread(t) => t.id,
            Self::Topic(t) => t.id,
            Self::Message(m) => m.id,
        }
    }
}

impl Serialize for Reference {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let value = match self {
            Self::User(u) => serde_json::to_value(u),
            Self::Group(g) => serde_json::to_value(g),
            Self::Thread(t) => serde_json::to_value(t),
            Self::Topic(t) => serde_json::to_value(t),
            Self::Message(m) => serde_json::to_value(m),
        }
        .map_err(serde::ser::Error::custom)?;
        let mut value = value;
        // Keep the object's own type when it has one (a legacy `tag` stays a `tag`, so the
        // reference re-decodes identically); fill it in when it is empty.
        if let Some(object) = value.as_object_mut() {
            let has_type = object
                .get("type")
                .and_then(serde_json::Value::as_str)
                .is_some_and(|t| !t.is_empty());
            if !has_type {
                object.insert("type".to_owned(), self.type_name().into());
            }
        }
        value.serialize(s)
    }
}

/// Decodes a reference list, skipping entries of unknown type or shape.
fn references<'de, D: Deserializer<'de>>(d: D) -> Result<Vec<Reference>, D::Error> {
    let values: Option<Vec<serde_json::Value>> = Option::deserialize(d).unwrap_or_default();
    Ok(values
        .unwrap_or_default()
        .into_iter()
        .filter_map(Reference::from_value)
        .collect())
}
