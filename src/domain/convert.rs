//! Conversion from the API's DTOs to the domain model: every server string passes through
//! [`SafeText`] here, once, so nothing raw reaches a view.

use std::collections::HashSet;

use super::SafeText;
use super::community::{Community, ThreadSummary};
use super::ids::{GroupId, MessageId, ThreadId, TopicId, UserId};
use super::message::{Likes, Message, MessageKind};
use super::page::{Page, PageMeta};
use super::person::Person;
use crate::api::dto;

/// Turns an envelope into a page: main messages, recent replies and references.
///
/// Message references (partial copies) are left out: the catalog keeps full messages only.
pub fn page_from_envelope(envelope: &dto::MessagesEnvelope) -> Page {
    let me = envelope.meta.current_user_id;
    let liked: HashSet<u64> = envelope.meta.liked_message_ids.iter().copied().collect();
    let to_message = |m: &dto::Message| message(m, me, &liked);
    let mut page = Page {
        messages: envelope.messages.iter().map(to_message).collect(),
        recent_replies: envelope
            .threaded_extended
            .values()
            .flatten()
            .map(to_message)
            .collect(),
        meta: PageMeta {
            older_available: envelope.meta.older_available,
            poll_interval_secs: envelope.meta.requested_poll_interval,
            current_user: me.map(UserId),
        },
        ..Page::default()
    };
    for reference in &envelope.references {
        match reference {
            dto::Reference::User(user) => page.people.push(person(user)),
            dto::Reference::Group(group) => page.communities.push(community(group)),
            dto::Reference::Thread(thread) => page.threads.push(thread_summary(thread)),
            dto::Reference::Topic(topic) => page
                .topics
                .push((TopicId(topic.id), SafeText::new(&topic.name))),
            dto::Reference::Message(_) => {}
        }
    }
    page
}

/// One message; `me` and `liked` decide whether the current user likes it.
pub fn message(m: &dto::Message, me: Option<u64>, liked: &HashSet<u64>) -> Message {
    let by_me = liked.contains(&m.id)
        || me.is_some_and(|me| m.liked_by.names.iter().any(|n| n.user_id == Some(me)));
    let count = m.liked_by.count.max(u64::from(by_me));
    let body = if m.body.plain.trim().is_empty() {
        &m.body.parsed
    } else {
        &m.body.plain
    };
    Message {
        id: MessageId(m.id),
        thread: ThreadId(m.thread_or_self()),
        sender: UserId(m.sender_id.unwrap_or_default()),
        replied_to: m.replied_to_id.map(MessageId),
        community: m.group_id.map(GroupId),
        created_at: m.created_at.0,
        body: SafeText::new(body),
        likes: Likes { count, by_me },
        direct: m.direct_message,
        web_url: SafeText::new(&m.web_url),
        topics: m.topics.iter().copied().map(TopicId).collect(),
        kind: MessageKind::parse(&m.message_type),
        title: SafeText::new(&m.title.split_whitespace().collect::<Vec<_>>().join(" ")),
        notified: m.notified_user_ids.iter().copied().map(UserId).collect(),
        delegate: m.delegate_id.map(UserId),
    }
}

/// One person.
pub fn person(user: &dto::User) -> Person {
    Person {
        id: UserId(user.id),
        full_name: SafeText::new(&user.display_name()),
        username: SafeText::new(&user.name),
        job_title: SafeText::new(&user.job_title),
        department: SafeText::new(&user.department),
        location: SafeText::new(&user.location),
        expertise: user.expertise.iter().map(|e| SafeText::new(e)).collect(),
        web_url: SafeText::new(&user.web_url),
        listed: user.show_in_directory,
    }
}

/// One community.
pub fn community(group: &dto::Group) -> Community {
    Community {
        id: GroupId(group.id),
        name: SafeText::new(&group.display_name()),
        description: SafeText::new(&group.description),
        privacy: SafeText::new(&group.privacy),
        members: group.stats.members,
        last_message: group.stats.last_message_id.map(MessageId),
        external: group.external,
    }
}

/// What the server says about one thread.
pub fn thread_summary(thread: &dto::Thread) -> ThreadSummary {
    ThreadSummary {
        id: ThreadId(thread.id),
        community: thread.group_id.map(GroupId),
        updates: thread.stats.updates,
        latest_reply: thread.stats.latest_reply_id.map(MessageId),
        latest_reply_at: thread.stats.latest_reply_at.map(|t| t.0),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn dto_message(id: u64, thread: u64) -> dto::Message {
        dto::Message {
            id,
            thread_id: Some(thread),
            sender_id: Some(5),
            body: dto::Body {
                plain: "hi\u{1b}[31m there".into(),
                ..dto::Body::default()
            },
            ..dto::Message::default()
        }
    }

    #[test]
    fn envelopes_become_sanitized_pages() {
        let mut envelope = dto::MessagesEnvelope::default();
        envelope.messages.push(dto_message(10, 10));
        envelope
            .threaded_extended
            .insert("10".into(), vec![dto_message(12, 10)]);
        envelope.meta.liked_message_ids = vec![12];
        envelope.meta.current_user_id = Some(5);
        envelope.references.push(dto::Reference::User(dto::User {
            id: 5,
            full_name: "Ada".into(),
            ..dto::User::default()
        }));
        let page = page_from_envelope(&envelope);
        assert_eq!(page.messages.len(), 1);
        assert!(!page.messages[0].body.as_str().contains('\u{1b}'));
        assert_eq!(
            page.recent_replies[0].likes,
            Likes {
                count: 1,
                by_me: true
            }
        );
        assert_eq!(page.people[0].full_name.as_str(), "Ada");
        assert_eq!(page.meta.current_user, Some(UserId(5)));
    }

    #[test]
    fn a_message_without_thread_starts_its_own() {
        let mut m = dto_message(4, 4);
        m.thread_id = None;
        let converted = message(&m, None, &HashSet::new());
        assert_eq!(converted.thread, ThreadId(4));
        assert!(converted.is_thread_starter());
    }
}
