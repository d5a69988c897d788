//! Between the API's shapes and the cache's rows: feed keys, a fetched envelope as rows to
//! store, and cached rows back as a domain [`Page`] (through the same `convert` gate as a
//! network page, so cached text is sanitized exactly like fresh text). No I/O, no state.

use std::collections::{HashMap, HashSet};

use crate::api::dto::{self, MessagesEnvelope, Reference};
use crate::domain::convert::page_from_envelope;
use crate::domain::{Feed, GroupId, Page, ThreadId, TopicId, UserId};
use crate::store::{CachedMessage, CachedRecord};

/// The cache's key for a feed (the API's name for it, with the id).
pub fn feed_key(feed: Feed) -> String {
    feed.key()
}

/// The feed a cache key names; `None` for thread keys and anything unknown.
pub fn feed_from_key(key: &str) -> Option<Feed> {
    let id = |rest: &str| rest.parse::<u64>().ok();
    match key {
        "my_feed" => Some(Feed::MyFeed),
        "all" => Some(Feed::AllCompany),
        "following" => Some(Feed::Following),
        "received" => Some(Feed::Inbox),
        "mentions" => Some(Feed::Mentions),
        "replies_to_me" => Some(Feed::RepliesToMe),
        _ => {
            let (kind, rest) = key.split_once(':')?;
            match kind {
                "in_group" => id(rest).map(|g| Feed::Community(GroupId(g))),
                "about_topic" => id(rest).map(|t| Feed::Topic(TopicId(t))),
                "from_user" => id(rest).map(|u| Feed::FromUser(UserId(u))),
                _ => None,
            }
        }
    }
}

/// The cache's key for a thread's own feed.
pub fn thread_key(thread: ThreadId) -> String {
    format!("in_thread:{}", thread.0)
}

/// What one envelope adds to the cache.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct EnvelopeRows {
    pub messages: Vec<CachedMessage>,
    pub users: Vec<CachedRecord>,
    pub groups: Vec<CachedRecord>,
    pub threads: Vec<CachedRecord>,
}

/// The rows of an envelope: its messages and recent replies, users, groups and threads.
/// The user's likes, which the server reports beside the messages, are folded into each
/// message's `liked_by` so they survive the round trip.
pub fn envelope_rows(envelope: &MessagesEnvelope) -> EnvelopeRows {
    let me = envelope.meta.current_user_id;
    let liked: HashSet<u64> = envelope.meta.liked_message_ids.iter().copied().collect();
    let mut rows = EnvelopeRows::default();
    let all = envelope
        .messages
        .iter()
        .chain(envelope.threaded_extended.values().flatten());
    for message in all {
        let mut message = message.clone();
        keep_what_is_read(&mut message);
        if let Some(me) = me.filter(|_| liked.contains(&message.id)) {
            let names = &mut message.liked_by.names;
            if !names.iter().any(|n| n.user_id == Some(me)) {
                names.push(dto::LikedByName {
                    user_id: Some(me),
                    ..dto::LikedByName::default()
                });
            }
        }
        let Ok(json) = serde_json::to_string(&message) else {
            continue;
        };
        rows.messages.push(CachedMessage {
            id: message.id,
            thread_id: message.thread_or_self(),
            group_id: message.group_id,
            sender_id: message.sender_id.unwrap_or_default(),
            created_at: message.created_at.0.timestamp(),
            json,
        });
    }
    for reference in &envelope.references {
        let (list, id, json) = match reference {
            Reference::User(user) => (&mut rows.users, user.id, serde_json::to_string(user)),
            Reference::Group(group) => (&mut rows.groups, group.id, serde_json::to_string(group)),
            Reference::Thread(thread) => {
                (&mut rows.threads, thread.id, serde_json::to_string(thread))
            }
            Reference::Topic(_) | Reference::Message(_) => continue,
        };
        if let Ok(json) = json {
            list.push(CachedRecord { id, json });
        }
    }
    rows
}

/// Clears what of a message the client never reads back (see `domain::convert::message`):
/// the HTML rendering, the excerpt, the API URL, the `parsed` rendering when there is a plain
/// one, and likers' names (only their ids decide whether the user likes it). A cached
/// message is rewritten on every fetch, so this costs nothing later; it keeps the cache file,
/// and what start reads and checks of it, about a third smaller.
///
/// A message's kind, title, notified people and delegate stay (the views read them); rows
/// cached before kring kept them simply lack them and read as plain updates.
fn keep_what_is_read(message: &mut dto::Message) {
    message.body.rich.clear();
    if !message.body.plain.trim().is_empty() {
        message.body.parsed.clear();
    }
    message.content_excerpt.clear();
    message.url.clear();
    for name in &mut message.liked_by.names {
        name.full_name.clear();
        name.permalink.clear();
    }
}

/// One record as JSON; `None` when it does not decode (a damaged row is skipped, not fatal).
pub fn record<T: serde::de::DeserializeOwned>(record: &CachedRecord) -> Option<T> {
    serde_json::from_str(&record.json).ok()
}

/// Cached rows as a page: thread starters (and replies whose starter is not cached) as the
/// main messages, the other replies as recent replies, and the users, groups and threads as
/// references. `me` decides which likes are the user's.
pub fn page_from_rows(
    messages: &[CachedMessage],
    users: &[CachedRecord],
    groups: &[CachedRecord],
    threads: &[CachedRecord],
    me: Option<u64>,
) -> Page {
    let decoded: Vec<dto::Message> = messages
        .iter()
        .filter_map(|m| serde_json::from_str(&m.json).ok())
        .collect();
    let starters: HashSet<u64> = decoded
        .iter()
        .filter(|m| m.is_thread_starter())
        .map(|m| m.id)
        .collect();
    let mut envelope = MessagesEnvelope::default();
    envelope.meta.current_user_id = me;
    let mut replies: HashMap<String, Vec<dto::Message>> = HashMap::new();
    for message in decoded {
        if message.is_thread_starter() || !starters.contains(&message.thread_or_self()) {
            envelope.messages.push(message);
        } else {
            replies
                .entry(message.thread_or_self().to_string())
                .or_default()
                .push(message);
        }
    }
    envelope.threaded_extended = replies;
    envelope.references = users
        .iter()
        .filter_map(|r| record(r).map(Reference::User))
        .chain(
            groups
                .iter()
                .filter_map(|r| record(r).map(Reference::Group)),
        )
        .chain(
            threads
                .iter()
                .filter_map(|r| record(r).map(Reference::Thread)),
        )
        .collect();
    page_from_envelope(&envelope)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::MessageId;

    fn dto_message(id: u64, thread: u64, sender: u64) -> dto::Message {
        dto::Message {
            id,
            thread_id: Some(thread),
            sender_id: Some(sender),
            body: dto::Body {
                plain: format!("message {id}\u{1b}[2J"),
                ..dto::Body::default()
            },
            ..dto::Message::default()
        }
    }

    #[test]
    fn feed_keys_round_trip() {
        let feeds = [
            Feed::MyFeed,
            Feed::AllCompany,
            Feed::Following,
            Feed::Inbox,
            Feed::Mentions,
            Feed::RepliesToMe,
            Feed::Community(GroupId(7)),
            Feed::Topic(TopicId(8)),
            Feed::FromUser(UserId(9)),
        ];
        for feed in feeds {
            assert_eq!(feed_from_key(&feed_key(feed)), Some(feed));
        }
        assert_eq!(feed_from_key(&thread_key(ThreadId(3))), None);
        assert_eq!(feed_from_key("in_group:x"), None);
    }

    #[test]
    fn an_envelope_comes_back_from_its_rows_as_the_same_page() {
        let mut envelope = MessagesEnvelope::default();
        envelope.meta.current_user_id = Some(5);
        envelope.meta.liked_message_ids = vec![10];
        envelope.messages.push(dto_message(10, 10, 2));
        envelope
            .threaded_extended
            .insert("10".into(), vec![dto_message(12, 10, 3)]);
        envelope.references.push(Reference::User(dto::User {
            id: 2,
            full_name: "Ada".into(),
            ..dto::User::default()
        }));
        let rows = envelope_rows(&envelope);
        assert_eq!(rows.messages.len(), 2);
        assert_eq!(rows.users.len(), 1);
        let page = page_from_rows(&rows.messages, &rows.users, &[], &[], Some(5));
        let fresh = page_from_envelope(&envelope);
        assert_eq!(page.messages, fresh.messages);
        assert_eq!(page.recent_replies, fresh.recent_replies);
        assert_eq!(page.people, fresh.people);
        assert!(page.messages[0].likes.by_me, "the like survives the cache");
        assert!(!page.messages[0].body.as_str().contains('\u{1b}'));
    }

    // The cache keeps only what the client reads: a message that went through it shows
    // exactly as the fresh one, without the renderings it never prints.
    #[test]
    fn cached_rows_keep_what_is_read_and_show_the_same() {
        let mut full = dto_message(20, 20, 2);
        full.body.rich = format!("<p>{}</p>", full.body.plain);
        full.body.parsed = full.body.plain.clone();
        full.content_excerpt = "message 20".into();
        full.url = "https://example.com/api/v1/messages/20".into();
        full.web_url = "https://example.com/messages/20".into();
        full.liked_by = dto::LikedBy {
            count: 2,
            names: vec![dto::LikedByName {
                user_id: Some(5),
                full_name: "Me Myself".into(),
                permalink: "me".into(),
            }],
        };
        let mut parsed_only = dto_message(21, 21, 3);
        parsed_only.body.plain.clear();
        parsed_only.body.parsed = "hello [[user:2]]".into();
        let mut envelope = MessagesEnvelope::default();
        envelope.meta.current_user_id = Some(5);
        envelope.messages = vec![full.clone(), parsed_only];
        let rows = envelope_rows(&envelope);
        let stored = &rows.messages[0].json;
        for gone in ["<p>", "api/v1", "Me Myself"] {
            assert!(!stored.contains(gone), "{gone} in {stored}");
        }
        assert!(stored.contains("https://example.com/messages/20"));
        assert!(rows.messages[1].json.contains("[[user:2]]"));
        let page = page_from_rows(&rows.messages, &[], &[], &[], Some(5));
        let fresh = page_from_envelope(&envelope);
        assert_eq!(page.messages, fresh.messages);
        assert!(page.messages[0].likes.by_me);
        assert_eq!(page.messages[0].likes.count, 2);
    }

    #[test]
    fn a_reply_without_its_cached_starter_stands_for_its_thread() {
        let rows = envelope_rows(&MessagesEnvelope {
            messages: vec![dto_message(12, 10, 3)],
            ..MessagesEnvelope::default()
        });
        let page = page_from_rows(&rows.messages, &[], &[], &[], None);
        assert_eq!(page.messages.len(), 1);
        assert_eq!(page.messages[0].id, MessageId(12));
        assert_eq!(page.messages[0].thread, ThreadId(10));
    }

    #[test]
    fn damaged_rows_are_skipped() {
        let bad = CachedMessage {
            id: 1,
            thread_id: 1,
            group_id: None,
            sender_id: 1,
            created_at: 0,
            json: "{not json".into(),
        };
        let page = page_from_rows(&[bad], &[], &[], &[], None);
        assert!(page.messages.is_empty());
    }
}
