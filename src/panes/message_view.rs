//! What the timeline and thread views read besides their own pane: the catalog, the time, the
//! connection, focus, and the marks a message carries that only the whole client knows (unread,
//! muted, still in the outbox). The frame builds it from the state for each draw; views only
//! ask it, and must not reach for the state themselves.

use chrono::{DateTime, Utc};
use ratatui::text::Span;

use crate::domain::{Catalog, GroupId, Message, MessageId, ThreadId};

/// The view context of the message panes (timeline and thread).
pub struct MessageViewCtx<'a> {
    /// Where the messages, people and communities are looked up.
    pub catalog: &'a Catalog,
    /// The session's time, for "4h ago".
    pub now: DateTime<Utc>,
    /// Whether the client's requests fail for want of a connection.
    pub offline: bool,
    /// Whether the pane has the focus (the selection is drawn brighter).
    pub focused: bool,
    /// The marks only the whole client knows.
    pub marks: &'a dyn MessageMarks,
}

/// What the whole client knows of a message or thread that its pane does not.
pub trait MessageMarks {
    /// Whether a thread has unread activity.
    fn is_unread(&self, thread: ThreadId) -> bool;
    /// Whether a thread is muted, by itself or by its community `group`.
    fn is_muted(&self, thread: ThreadId, group: Option<GroupId>) -> bool;
    /// Where a post still in the outbox is, said in place of when it was written.
    fn pending(&self, id: MessageId) -> Option<Span<'static>>;
    /// The author's name of a message whose sender the catalog does not know.
    fn unknown_author(&self, message: &Message) -> String;
}
