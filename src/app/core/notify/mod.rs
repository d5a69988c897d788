//! Terminal notifications: deciding, from the messages that arrive, which ones to tell the
//! user about while they read something else — a mention of them, a reply to them, a private
//! message — and when (at most one notification per [`MIN_GAP`], with a count of what waited).
//!
//! Owns what counts as new (after the first Inbox page seen, and not told before), what is on
//! screen (the open thread, and the threads on the timeline's visible rows), the per-kind
//! settings and the rate limit. Pure: it returns an
//! [`Effect::Notify`] and the shell writes the bytes; it must not read the clock or write to
//! the terminal. Wiring into the feed results and `!` is in [`watch`].

pub mod watch;

use std::collections::{HashSet, VecDeque};
use std::time::Duration;

use chrono::{DateTime, Utc};

use crate::app::core::effect::Effect;
use crate::domain::addressed::{self, Addressed};
use crate::domain::{Catalog, Message, MessageId, Page, ThreadId, UserId};

/// The shortest time between two notifications.
pub const MIN_GAP: Duration = Duration::from_secs(10);
/// How many told messages are remembered (older ones are below the baseline by then).
const TOLD_KEPT: usize = 512;

/// Which kinds notify, and whether the terminal is told at all (`method = "off"`: not, but the
/// status bar and `!` still show the newest).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct NotifySettings {
    pub terminal: bool,
    pub mentions: bool,
    pub replies: bool,
    pub direct: bool,
}

impl Default for NotifySettings {
    fn default() -> Self {
        Self {
            terminal: true,
            mentions: true,
            replies: true,
            direct: true,
        }
    }
}

impl NotifySettings {
    const fn wants(self, kind: Addressed) -> bool {
        match kind {
            Addressed::Mention => self.mentions,
            Addressed::Reply => self.replies,
            Addressed::Direct => self.direct,
        }
    }
}

/// The newest message a notification was about, for the status bar and `!`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Newest {
    pub thread: ThreadId,
    pub message: MessageId,
    /// "Dana Scully mentioned you".
    pub text: String,
}

/// What the messages around the user have been: the notification state of a session.
#[derive(Clone, Debug, Default)]
pub struct Notify {
    pub settings: NotifySettings,
    /// Messages up to this one were there before the session looked: never notified.
    baseline: Option<MessageId>,
    told: VecDeque<MessageId>,
    told_set: HashSet<MessageId>,
    last_at: Option<DateTime<Utc>>,
    /// Waiting for the rate limit: kind and newest text of each.
    pending: Vec<(Addressed, Newest)>,
    pub newest: Option<Newest>,
}

/// What a decision looks at besides the messages.
#[derive(Clone, Copy)]
pub struct Context<'a> {
    pub me: UserId,
    pub catalog: &'a Catalog,
    /// The page the messages came in, not yet in the catalog: its people and messages are
    /// looked up first.
    pub page: Option<&'a Page>,
    /// The thread open in the thread pane: what is in it is on screen already.
    pub on_screen: Option<ThreadId>,
    /// The threads on the timeline's visible rows: on screen too.
    pub shown: &'a [ThreadId],
    /// Muted threads and communities are none of the notifications' business.
    pub muted: &'a dyn Fn(&Message) -> bool,
    pub now: DateTime<Utc>,
}

impl Notify {
    /// Whether the first Inbox page was seen (notifications are about what came after it).
    pub const fn started(&self) -> bool {
        self.baseline.is_some()
    }

    /// Takes the first Inbox page's newest message as the line before which nothing is new.
    pub fn start_at(&mut self, newest: Option<MessageId>) {
        if self.baseline.is_none() {
            self.baseline = Some(newest.unwrap_or(MessageId(0)));
        }
    }

    /// Looks at messages that arrived; returns the notification to give now, if one is due.
    pub fn observe<'m>(
        &mut self,
        messages: impl IntoIterator<Item = &'m Message>,
        ctx: &Context<'_>,
    ) -> Option<Effect> {
        let baseline = self.baseline?;
        let mut fresh: Vec<&Message> = messages
            .into_iter()
            .filter(|m| m.id > baseline && !self.told_set.contains(&m.id))
            .collect();
        fresh.sort_by_key(|m| m.id);
        fresh.dedup_by_key(|m| m.id);
        for message in fresh {
            let sender_of = |id: MessageId| {
                let in_page = ctx.page.and_then(|p| p.all_messages().find(|m| m.id == id));
                in_page
                    .or_else(|| ctx.catalog.message(id))
                    .map(|m| m.sender)
            };
            let Some(kind) = addressed::classify(message, ctx.me, sender_of) else {
                continue;
            };
            self.remember(message.id);
            if ctx.on_screen == Some(message.thread)
                || ctx.shown.contains(&message.thread)
                || !self.settings.wants(kind)
                || (ctx.muted)(message)
            {
                continue;
            }
            let in_page = ctx
                .page
                .and_then(|p| p.people.iter().find(|p| p.id == message.sender));
            let who = in_page
                .or_else(|| ctx.catalog.person(message.sender))
                .map_or_else(|| "Someone".to_owned(), |p| p.full_name.to_string());
            let text = match kind {
                Addressed::Mention => format!("{who} mentioned you"),
                Addressed::Reply => format!("{who} replied to you"),
                Addressed::Direct => format!("{who} sent you a private message"),
            };
            let newest = Newest {
                thread: message.thread,
                message: message.id,
                text,
            };
            self.newest = Some(newest.clone());
            self.pending.push((kind, newest));
        }
        self.flush(ctx.now)
    }

    /// The waiting notification, once the rate limit allows it.
    pub fn flush(&mut self, now: DateTime<Utc>) -> Option<Effect> {
        if self.pending.is_empty() || self.until_due(now).is_some_and(|d| !d.is_zero()) {
            return None;
        }
        let pending = std::mem::take(&mut self.pending);
        self.last_at = Some(now);
        if !self.settings.terminal {
            return None;
        }
        let body = match pending.as_slice() {
            [(_, only)] => only.text.clone(),
            [(first, _), rest @ ..] if rest.iter().all(|(k, _)| k == first) => {
                let what = match first {
                    Addressed::Mention => "mentions",
                    Addressed::Reply => "replies to you",
                    Addressed::Direct => "private messages",
                };
                format!("{} new {what}", pending.len())
            }
            _ => format!("{} new messages for you", pending.len()),
        };
        Some(Effect::Notify {
            title: "kring".to_owned(),
            body,
        })
    }

    /// How long until a waiting notification may go out; `None` when none waits.
    pub fn until_due(&self, now: DateTime<Utc>) -> Option<Duration> {
        if self.pending.is_empty() {
            return None;
        }
        let Some(last) = self.last_at else {
            return Some(Duration::ZERO);
        };
        let gap = chrono::Duration::from_std(MIN_GAP).unwrap_or(chrono::Duration::MAX);
        Some((last + gap - now).to_std().unwrap_or(Duration::ZERO))
    }

    fn remember(&mut self, id: MessageId) {
        if self.told_set.insert(id) {
            self.told.push_back(id);
        }
        while self.told.len() > TOLD_KEPT {
            if let Some(old) = self.told.pop_front() {
                self.told_set.remove(&old);
            }
        }
    }
}

#[cfg(test)]
mod tests;
