//! The records the scripting subcommands print: messages and people as flat, documented JSON
//! objects built from the domain model (already sanitized). Fields a person did not share are
//! left out rather than printed empty.

use serde::Serialize;

use crate::domain::{Catalog, Message, Person, SafeText};
use crate::expertise::{Match, PersonDoc};

/// Who wrote a message.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct SenderRecord {
    pub id: u64,
    pub name: String,
    pub username: String,
}

/// Where a message was posted.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct CommunityRecord {
    pub id: u64,
    pub name: String,
    /// People outside the company read it.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub external: bool,
}

/// One message, as `kring feed --json` and `kring thread --json` print it.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct MessageRecord {
    pub id: u64,
    pub thread_id: u64,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub replied_to_id: Option<u64>,
    /// RFC 3339.
    pub created_at: String,
    pub sender: SenderRecord,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub community: Option<CommunityRecord>,
    pub body: String,
    pub likes: u64,
    pub liked_by_me: bool,
    pub direct: bool,
    #[serde(skip_serializing_if = "String::is_empty")]
    pub url: String,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub topics: Vec<String>,
    /// `update`, `question`, `announcement`, `poll`, `praise`, `system` or `other`.
    pub message_type: &'static str,
    /// An announcement's headline.
    #[serde(skip_serializing_if = "String::is_empty")]
    pub title: String,
    /// The people the message notified (mentions, CCs).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub notified_user_ids: Vec<u64>,
    /// Who posted on the sender's behalf.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub delegate_id: Option<u64>,
}

impl MessageRecord {
    /// `message` with its sender, community and topics named from `catalog`.
    pub fn new(message: &Message, catalog: &Catalog) -> Self {
        let sender = catalog
            .person(message.sender)
            .cloned()
            .unwrap_or_else(|| Person::unknown(message.sender));
        Self {
            id: message.id.0,
            thread_id: message.thread.0,
            replied_to_id: message.replied_to.map(|m| m.0),
            created_at: message.created_at.to_rfc3339(),
            sender: SenderRecord {
                id: sender.id.0,
                name: sender.full_name.to_string(),
                username: sender.username.to_string(),
            },
            community: message.community.map(|id| {
                let known = catalog.community(id);
                CommunityRecord {
                    id: id.0,
                    name: known.map(|c| c.name.to_string()).unwrap_or_default(),
                    external: known.is_some_and(|c| c.external),
                }
            }),
            body: message.body.to_string(),
            likes: message.likes.count,
            liked_by_me: message.likes.by_me,
            direct: message.direct,
            url: message.web_url.to_string(),
            topics: message
                .topics
                .iter()
                .filter_map(|t| catalog.topic(*t).map(SafeText::to_string))
                .collect(),
            message_type: message.kind.as_str(),
            title: message.title.to_string(),
            notified_user_ids: message.notified.iter().map(|u| u.0).collect(),
            delegate_id: message.delegate.map(|u| u.0),
        }
    }
}

/// One person, as `kring people --json` prints them; `score` and `why` only for a subject query.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct PersonRecord {
    pub id: u64,
    pub name: String,
    pub username: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub job_title: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub department: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub location: Option<String>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub expertise: Vec<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub score: Option<f64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub why: Option<String>,
}

impl PersonRecord {
    /// `doc` as listed; with `found`, the score and the reasons (ages from `now`, unix seconds).
    pub fn new(doc: &PersonDoc, found: Option<&Match>, now: i64) -> Self {
        Self {
            id: doc.id,
            name: doc.display_name().to_owned(),
            username: doc.username.clone(),
            job_title: doc.job_title.clone(),
            department: doc.department.clone(),
            location: doc.location.clone(),
            expertise: doc.expertise.clone(),
            score: found.map(|m| m.score),
            why: found.map(|m| m.summary(now)),
        }
    }
}
