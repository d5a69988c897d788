//! Translations between the outbox and the API: an account becomes the key its posts are filed
//! under, an outbox item becomes the request that posts it, and a message of the sent feed
//! becomes what reconciliation compares. Pure functions.

use crate::api::NewMessage;
use crate::api::dto::Message;
use crate::store::{DraftTarget, OutboxItem, SentMessage};

/// The key the outbox files an account's posts under: its base URL and account name. Any part
/// of kring that queues or delivers posts must use this, or they would not see each other's
/// queue.
pub fn account_key(base_url: &str, account_name: &str) -> String {
    format!("{}#{account_name}", base_url.trim().trim_end_matches('/'))
}

/// The request that posts `item`: a group post (`None` = All Company), a reply, or a private
/// message to one user.
pub fn new_message(item: &OutboxItem) -> NewMessage {
    let base = NewMessage {
        body: item.body.clone(),
        topics: item.topics.clone(),
        ..NewMessage::default()
    };
    match item.target {
        DraftTarget::NewPost { group_id } => NewMessage { group_id, ..base },
        DraftTarget::Reply { replied_to_id, .. } => NewMessage {
            replied_to_id: Some(replied_to_id),
            ..base
        },
        DraftTarget::Direct { user_id } => NewMessage {
            direct_to_user_ids: vec![user_id],
            ..base
        },
    }
}

/// A sent-feed message as reconciliation sees it. A message without a readable time gets
/// `i64::MAX`: it can then neither match nor prove that the feed reaches back far enough.
pub fn sent_message(message: &Message) -> SentMessage {
    let created_at = if message.created_at.is_known() {
        message.created_at.unix()
    } else {
        i64::MAX
    };
    SentMessage {
        id: message.id,
        body_plain: message.body.plain.clone(),
        group_id: message.group_id,
        replied_to_id: message.replied_to_id,
        direct_to_user_ids: message.direct_to_user_ids.clone(),
        created_at,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn account_keys_ignore_a_trailing_slash() {
        assert_eq!(
            account_key("https://x.test/api/v1/", "work"),
            account_key(" https://x.test/api/v1", "work")
        );
        assert_ne!(
            account_key("https://x.test/api/v1", "work"),
            account_key("https://x.test/api/v1", "home")
        );
    }
    use crate::api::dto::{Body, YammerTime};
    use crate::store::OutboxState;

    fn item(target: DraftTarget) -> OutboxItem {
        OutboxItem {
            local_id: 1,
            account: "a".into(),
            target,
            body: "hello".into(),
            topics: vec!["rust".into()],
            created_at: 100,
            state: OutboxState::Queued,
            attempts: 0,
            last_error: None,
            next_attempt_at: 100,
            server_message_id: None,
            lease: None,
            first_attempt_at: None,
            last_attempt_at: None,
            reconcile_checks: 0,
        }
    }

    #[test]
    fn each_target_maps_to_exactly_one_destination() {
        let all = new_message(&item(DraftTarget::NewPost { group_id: None }));
        assert_eq!(
            (
                all.group_id,
                all.replied_to_id,
                all.direct_to_user_ids.len()
            ),
            (None, None, 0)
        );
        assert_eq!(all.topics, vec!["rust".to_owned()]);
        let group = new_message(&item(DraftTarget::NewPost { group_id: Some(7) }));
        assert_eq!(group.group_id, Some(7));
        let reply = new_message(&item(DraftTarget::Reply {
            thread_id: 3,
            replied_to_id: 4,
        }));
        assert_eq!((reply.replied_to_id, reply.group_id), (Some(4), None));
        let direct = new_message(&item(DraftTarget::Direct { user_id: 9 }));
        assert_eq!(
            (direct.direct_to_user_ids, direct.group_id),
            (vec![9], None)
        );
    }

    #[test]
    fn a_message_without_a_time_can_never_match() {
        let message = Message {
            id: 5,
            body: Body {
                plain: "x".into(),
                ..Body::default()
            },
            ..Message::default()
        };
        assert_eq!(sent_message(&message).created_at, i64::MAX);
        let dated = Message {
            created_at: YammerTime::from_unix(1_700_000_000),
            ..message
        };
        assert_eq!(sent_message(&dated).created_at, 1_700_000_000);
    }
}
