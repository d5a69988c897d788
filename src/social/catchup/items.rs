//! The lines of a catch-up: one item (a thread or a message to open, with why it is listed)
//! and how far the summary reaches ("from 340 messages since Mon 09:12"). Plain data and
//! text; no clock (times are given), no I/O.

use chrono::{DateTime, FixedOffset, TimeZone};

use crate::domain::Message;

/// Why an item is in the catch-up.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum ItemKind {
    /// A thread started since.
    NewThread,
    /// A thread with new replies (`count` of them).
    Busy,
    /// New replies (`count`) to a thread the user started or to one of their messages.
    ReplyToYou,
    /// A message that mentions the user.
    Mention,
    /// An open question the user is among the best people to answer.
    Question,
}

impl ItemKind {
    /// A short label for lists and JSON (`new thread`, `busy` …).
    pub const fn label(self) -> &'static str {
        match self {
            Self::NewThread => "new thread",
            Self::Busy => "busy",
            Self::ReplyToYou => "reply to you",
            Self::Mention => "mention",
            Self::Question => "question",
        }
    }
}

/// One line of the catch-up: what to open and why.
#[derive(Clone, Debug, PartialEq)]
pub struct Item {
    pub kind: ItemKind,
    /// The thread to open.
    pub thread: u64,
    /// The message shown (a thread's starter, or the mentioning message).
    pub message: u64,
    pub community: Option<u64>,
    pub sender: u64,
    /// Unix seconds of the newest activity the item stands for.
    pub at: i64,
    /// New replies, for `Busy` and `ReplyToYou`; 0 otherwise.
    pub count: usize,
    /// The message's first line (sanitized text).
    pub text: String,
    pub web_url: String,
}

impl Item {
    pub(super) fn of(kind: ItemKind, m: &Message, count: usize) -> Self {
        let text = m
            .body
            .as_str()
            .lines()
            .find(|l| !l.trim().is_empty())
            .unwrap_or_default()
            .trim()
            .to_owned();
        Self {
            kind,
            thread: m.thread.0,
            message: m.id.0,
            community: m.community.map(|c| c.0),
            sender: m.sender.0,
            at: m.created_at.timestamp(),
            count,
            text,
            web_url: m.web_url.as_str().to_owned(),
        }
    }
}

/// How far a catch-up reaches: the new messages it was built from, since when.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Reach {
    pub messages: usize,
    /// Unix seconds.
    pub since: i64,
}

impl Reach {
    /// `from 340 messages since Mon 09:12`, the time in `zone`.
    pub fn text<Tz: TimeZone>(&self, zone: &Tz) -> String
    where
        Tz::Offset: std::fmt::Display,
    {
        let noun = if self.messages == 1 {
            "message"
        } else {
            "messages"
        };
        let when = DateTime::from_timestamp(self.since, 0)
            .map(|t| t.with_timezone(zone).format("%a %H:%M").to_string())
            .unwrap_or_default();
        format!("from {} {noun} since {when}", self.messages)
    }

    /// [`Reach::text`] at a fixed offset (tests, and the TUI which knows the local offset).
    pub fn text_at(&self, offset: FixedOffset) -> String {
        self.text(&offset)
    }
}
