//! The smaller shapes: search results, the network, and the error bodies Yammer sends.

use serde::{Deserialize, Serialize};

use super::de;
use super::{Group, MessagesEnvelope, Topic, User};

/// `GET /search.json`: matches by kind, with counts.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct SearchResults {
    #[serde(deserialize_with = "de::or_default")]
    pub messages: MessagesEnvelope,
    #[serde(deserialize_with = "de::or_default")]
    pub users: Vec<User>,
    #[serde(deserialize_with = "de::or_default")]
    pub groups: Vec<Group>,
    #[serde(deserialize_with = "de::or_default")]
    pub topics: Vec<Topic>,
    #[serde(deserialize_with = "de::or_default")]
    pub count: SearchCounts,
}

/// How many matches of each kind exist in total.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct SearchCounts {
    #[serde(deserialize_with = "de::or_default")]
    pub messages: u64,
    #[serde(deserialize_with = "de::or_default")]
    pub users: u64,
    #[serde(deserialize_with = "de::or_default")]
    pub groups: u64,
    #[serde(deserialize_with = "de::or_default")]
    pub topics: u64,
}

/// `GET /networks/current.json` (one element of the array).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Network {
    #[serde(deserialize_with = "de::id")]
    pub id: u64,
    #[serde(deserialize_with = "de::string")]
    pub name: String,
    #[serde(deserialize_with = "de::string")]
    pub permalink: String,
    #[serde(deserialize_with = "de::string")]
    pub web_url: String,
    /// Unseen messages in the user's home feed.
    #[serde(deserialize_with = "de::count")]
    pub unseen_message_count: u64,
    /// Private conversations with something unseen.
    #[serde(deserialize_with = "de::count")]
    pub private_unseen_thread_count: u64,
    /// Inbox threads with something unseen.
    #[serde(deserialize_with = "de::count")]
    pub inbox_unseen_thread_count: u64,
    /// Notifications not yet seen.
    #[serde(deserialize_with = "de::count")]
    pub unseen_notification_count: u64,
    /// The network's code of conduct (a `kring serve` extension; empty when unset).
    #[serde(
        deserialize_with = "de::string",
        skip_serializing_if = "String::is_empty"
    )]
    pub guidelines: String,
}

/// Any of Yammer's error bodies: `{"response":{message,code,stat}}`, `{"base":[...]}`,
/// `{"error":{type,message}}`.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct ErrorBody {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub response: Option<ErrorResponse>,
    #[serde(
        deserialize_with = "de::or_default",
        skip_serializing_if = "Vec::is_empty"
    )]
    pub base: Vec<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub error: Option<OAuthError>,
}

impl ErrorBody {
    /// The `{"response":{...,"stat":"fail"}}` form.
    pub fn response(message: &str, code: u32) -> Self {
        Self {
            response: Some(ErrorResponse {
                message: message.to_owned(),
                code: Some(code),
                stat: "fail".to_owned(),
            }),
            ..Self::default()
        }
    }

    /// The Rails-style validation form `{"base":[...]}`.
    pub fn validation(messages: Vec<String>) -> Self {
        Self {
            base: messages,
            ..Self::default()
        }
    }

    /// Yammer's numeric error code, when the body has one.
    pub fn code(&self) -> Option<u32> {
        self.response.as_ref().and_then(|r| r.code)
    }

    /// The messages the body carries, whichever form it has.
    pub fn messages(&self) -> Vec<String> {
        let mut out = self.base.clone();
        if let Some(r) = &self.response
            && !r.message.is_empty()
        {
            out.push(r.message.clone());
        }
        if let Some(e) = &self.error
            && !e.message.is_empty()
        {
            out.push(e.message.clone());
        }
        out
    }
}

/// The `response` object of an error body.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct ErrorResponse {
    #[serde(deserialize_with = "de::string")]
    pub message: String,
    #[serde(deserialize_with = "de::or_default")]
    pub code: Option<u32>,
    #[serde(deserialize_with = "de::string")]
    pub stat: String,
}

/// The OAuth-style `error` object.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct OAuthError {
    #[serde(rename = "type", deserialize_with = "de::string")]
    pub kind: String,
    #[serde(deserialize_with = "de::string")]
    pub message: String,
}

/// A list that arrives bare (`[...]`) or wrapped (`{"groups": [...]}`, `{"users": [...]}`).
#[derive(Clone, Debug, PartialEq, Deserialize)]
#[serde(untagged)]
pub enum ListOrWrapped<T> {
    Bare(Vec<T>),
    Groups { groups: Vec<T> },
    Users { users: Vec<T> },
}

impl<T> ListOrWrapped<T> {
    /// The items, whichever container they came in.
    pub fn into_vec(self) -> Vec<T> {
        match self {
            Self::Bare(v) | Self::Groups { groups: v } | Self::Users { users: v } => v,
        }
    }
}
