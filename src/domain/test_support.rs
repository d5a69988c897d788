//! Builders for unit tests of the domain and the panes (compiled for tests only).

use chrono::{TimeZone, Utc};

use super::SafeText;
use super::ids::{MessageId, ThreadId, UserId};
use super::message::{Likes, Message};

/// A message `id` in `thread`, answering `replied_to`, sent by user 1 a minute per id after noon.
pub fn message(id: u64, thread: u64, replied_to: Option<u64>) -> Message {
    let noon = Utc
        .with_ymd_and_hms(2026, 3, 12, 12, 0, 0)
        .single()
        .unwrap_or_default();
    let minutes = i64::try_from(id).unwrap_or(0);
    Message {
        id: MessageId(id),
        thread: ThreadId(thread),
        sender: UserId(1),
        replied_to: replied_to.map(MessageId),
        community: None,
        created_at: (noon + chrono::Duration::minutes(minutes)).fixed_offset(),
        body: SafeText::new(&format!("message {id}")),
        likes: Likes::default(),
        direct: false,
        web_url: SafeText::new(&format!("https://example.test/messages/{id}")),
        topics: Vec::new(),
        kind: super::message::MessageKind::Update,
        title: SafeText::default(),
        notified: Vec::new(),
        delegate: None,
    }
}
