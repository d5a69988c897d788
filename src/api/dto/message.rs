//! A Yammer message: what feeds, threads and `GET /messages/:id` return.
//! Everything but `id` may be missing or null in real payloads.

use serde::{Deserialize, Serialize};

use super::de;
use super::time::YammerTime;

/// One message. `thread_id == id` for a thread starter.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Message {
    #[serde(deserialize_with = "de::id")]
    pub id: u64,
    #[serde(deserialize_with = "de::opt_id")]
    pub thread_id: Option<u64>,
    #[serde(deserialize_with = "de::opt_id")]
    pub sender_id: Option<u64>,
    #[serde(deserialize_with = "de::string")]
    pub sender_type: String,
    #[serde(deserialize_with = "de::opt_id")]
    pub replied_to_id: Option<u64>,
    #[serde(deserialize_with = "de::opt_id")]
    pub group_id: Option<u64>,
    #[serde(deserialize_with = "de::opt_id")]
    pub network_id: Option<u64>,
    pub created_at: YammerTime,
    #[serde(deserialize_with = "de::or_default")]
    pub body: Body,
    #[serde(deserialize_with = "de::or_default")]
    pub liked_by: LikedBy,
    #[serde(deserialize_with = "de::boolish")]
    pub direct_message: bool,
    #[serde(deserialize_with = "de::boolish")]
    pub system_message: bool,
    #[serde(deserialize_with = "de::string")]
    pub privacy: String,
    /// `update` (the default), `question`, `announcement`, `poll`, `praise`, `system`, …;
    /// kept as sent (the domain reads it as a `MessageKind`).
    #[serde(deserialize_with = "de::string")]
    pub message_type: String,
    /// An announcement's (or a question's) headline; empty for most messages.
    #[serde(
        deserialize_with = "de::string",
        skip_serializing_if = "String::is_empty"
    )]
    pub title: String,
    /// The people the message notified: its mentions and CCs.
    #[serde(
        deserialize_with = "de::lenient_id_list",
        skip_serializing_if = "Vec::is_empty"
    )]
    pub notified_user_ids: Vec<u64>,
    /// Who posted on the sender's behalf (an assistant or a delegate), when someone did.
    #[serde(
        deserialize_with = "de::lenient_opt_id",
        skip_serializing_if = "Option::is_none"
    )]
    pub delegate_id: Option<u64>,
    #[serde(deserialize_with = "de::string")]
    pub url: String,
    #[serde(deserialize_with = "de::string")]
    pub web_url: String,
    #[serde(deserialize_with = "de::string")]
    pub content_excerpt: String,
    /// Topic ids, as sent by `in_thread` with `include_topics=true` and by `kring serve`.
    #[serde(
        deserialize_with = "de::id_list",
        skip_serializing_if = "Vec::is_empty"
    )]
    pub topics: Vec<u64>,
    /// Recipients of a private message (present on `kring serve`'s private messages).
    #[serde(
        deserialize_with = "de::id_list",
        skip_serializing_if = "Vec::is_empty"
    )]
    pub direct_to_user_ids: Vec<u64>,
    #[serde(deserialize_with = "de::or_default")]
    pub attachments: Vec<Attachment>,
}

impl Message {
    /// The thread this message belongs to; a message without one starts its own.
    pub fn thread_or_self(&self) -> u64 {
        self.thread_id.unwrap_or(self.id)
    }

    /// True when this message starts its thread.
    pub fn is_thread_starter(&self) -> bool {
        self.thread_or_self() == self.id
    }
}

/// The three renderings of a message body. `plain` is what a terminal shows; `parsed` carries
/// `[[user:ID]]`-style tokens; `rich` is HTML and is never printed.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Body {
    #[serde(deserialize_with = "de::string")]
    pub plain: String,
    #[serde(deserialize_with = "de::string")]
    pub parsed: String,
    #[serde(deserialize_with = "de::string")]
    pub rich: String,
}

/// Who liked a message: a count and a preview of names (not always complete).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct LikedBy {
    #[serde(deserialize_with = "de::or_default")]
    pub count: u64,
    #[serde(deserialize_with = "de::or_default")]
    pub names: Vec<LikedByName>,
}

/// One liker in the preview; older payloads omit `user_id`.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct LikedByName {
    #[serde(deserialize_with = "de::opt_id")]
    pub user_id: Option<u64>,
    #[serde(deserialize_with = "de::string")]
    pub full_name: String,
    #[serde(deserialize_with = "de::string")]
    pub permalink: String,
}

/// An attachment (image, file, open graph object); kept to name and link.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Attachment {
    #[serde(deserialize_with = "de::opt_id")]
    pub id: Option<u64>,
    #[serde(rename = "type", deserialize_with = "de::string")]
    pub kind: String,
    #[serde(deserialize_with = "de::string")]
    pub name: String,
    #[serde(deserialize_with = "de::string")]
    pub web_url: String,
    #[serde(deserialize_with = "de::string")]
    pub download_url: String,
}
