//! Adapters that feed the index: an API user becomes a `PersonDoc`, a client message a
//! `MessageDoc`. Every string passes the sanitizer on the way in, so what the index hands back
//! for display is safe for a terminal. Private messages are never evidence. This file only
//! converts: it must not touch an index, the network or the screen.

use super::doc::{MessageDoc, PersonDoc};
use crate::api::dto;
use crate::domain::{Message, SafeText};

/// The sanitized text, `None` when nothing is left of it.
fn shared(raw: &str) -> Option<String> {
    let text = SafeText::new(raw.trim());
    (!text.is_empty()).then(|| text.to_string())
}

fn tags(raw: &[String]) -> Vec<String> {
    raw.iter().filter_map(|t| shared(t)).collect()
}

/// A directory entry for `user`; `show_in_directory` is carried over as the server said it.
pub fn person_doc(user: &dto::User) -> PersonDoc {
    PersonDoc {
        id: user.id,
        full_name: shared(&user.full_name).unwrap_or_default(),
        username: shared(&user.name).unwrap_or_default(),
        job_title: shared(&user.job_title),
        department: shared(&user.department),
        location: shared(&user.location),
        expertise: tags(&user.expertise),
        interests: tags(&user.interests),
        show_in_directory: user.show_in_directory,
        last_active: user.last_active_at.as_ref().map(|t| t.0.timestamp()),
    }
}

/// `message` as evidence of what its sender knows, with its community's and topics' names as
/// the caller resolved them; `None` for private messages and messages without a sender.
pub fn message_doc(
    message: &Message,
    community: Option<&SafeText>,
    topics: Vec<String>,
) -> Option<MessageDoc> {
    if message.direct || message.sender.0 == 0 {
        return None;
    }
    Some(MessageDoc {
        id: message.id.0,
        sender_id: message.sender.0,
        body: message.body.to_string(),
        topics,
        community: community.map(ToString::to_string),
        created_at: message.created_at.timestamp(),
        likes: u32::try_from(message.likes.count).unwrap_or(u32::MAX),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::{Likes, MessageId, ThreadId, UserId};

    #[test]
    fn users_become_clean_documents_with_blank_fields_absent() {
        let user = dto::User {
            id: 7,
            name: "kim".into(),
            full_name: "Kim \u{1b}[31mde Vries".into(),
            job_title: "  ".into(),
            department: "Engineering".into(),
            expertise: vec!["kubernetes".into(), " ".into()],
            show_in_directory: false,
            ..dto::User::default()
        };
        let doc = person_doc(&user);
        assert_eq!(doc.id, 7);
        assert!(!doc.full_name.contains('\u{1b}'));
        assert_eq!(doc.job_title, None);
        assert_eq!(doc.location, None);
        assert_eq!(doc.department.as_deref(), Some("Engineering"));
        assert_eq!(doc.expertise, ["kubernetes"]);
        assert!(!doc.show_in_directory);
    }

    #[test]
    fn the_index_names_the_people_hidden_from_the_directory() {
        let mut index = crate::expertise::ExpertiseIndex::default();
        for (id, shown) in [(1, true), (2, false), (3, true)] {
            index.upsert_person(person_doc(&dto::User {
                id,
                name: format!("user{id}"),
                show_in_directory: shown,
                ..dto::User::default()
            }));
        }
        assert_eq!(index.hidden_people(), vec![2]);
        assert!(index.person(2).is_none());
    }

    fn message(direct: bool) -> Message {
        Message {
            id: MessageId(5),
            thread: ThreadId(5),
            sender: UserId(7),
            replied_to: None,
            community: None,
            created_at: chrono::DateTime::from_timestamp(1_000, 0)
                .unwrap_or_default()
                .fixed_offset(),
            body: SafeText::new("helm charts"),
            likes: Likes {
                count: 3,
                by_me: false,
            },
            direct,
            web_url: SafeText::default(),
            topics: Vec::new(),
            kind: crate::domain::MessageKind::Update,
            title: SafeText::default(),
            notified: Vec::new(),
            delegate: None,
        }
    }

    #[test]
    fn public_messages_are_evidence_and_private_ones_are_not() {
        let name = SafeText::new("Platform");
        let doc =
            message_doc(&message(false), Some(&name), vec!["helm".into()]).unwrap_or_default();
        assert_eq!(doc.sender_id, 7);
        assert_eq!(doc.created_at, 1_000);
        assert_eq!(doc.likes, 3);
        assert_eq!(doc.community.as_deref(), Some("Platform"));
        assert_eq!(doc.topics, ["helm"]);
        assert_eq!(message_doc(&message(true), None, Vec::new()), None);
    }
}
