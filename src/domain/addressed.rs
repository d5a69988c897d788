//! What in a message is addressed to the user: a private message to them, a mention of them, a
//! reply to one of their messages. The Mentions and Replies views, and the notifications, share
//! this one reading.
//!
//! Owns the classification and narrowing an Inbox page to one view; must not fetch, keep state
//! or decide what to show or notify.

use std::collections::HashSet;

use super::catalog::Catalog;
use super::feed::Feed;
use super::ids::{MessageId, ThreadId, UserId};
use super::message::Message;
use super::page::Page;

/// Why a message concerns the user.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Addressed {
    /// A private message to them.
    Direct,
    /// It mentions (notifies) them.
    Mention,
    /// It answers one of their messages.
    Reply,
}

/// Whether `message` mentions `me` (a private message is no mention: it is direct).
pub fn mentions(message: &Message, me: UserId) -> bool {
    message.sender != me && !message.direct && message.notified.contains(&me)
}

/// Whether `message` answers one of `me`'s messages; `sender_of` names a message's sender
/// when it is known.
pub fn replies_to(
    message: &Message,
    me: UserId,
    sender_of: impl Fn(MessageId) -> Option<UserId>,
) -> bool {
    message.sender != me && message.replied_to.and_then(sender_of) == Some(me)
}

/// Why `message` concerns `me`, if it does; one reason, the strongest: a private message, then
/// a mention, then a reply. Never for `me`'s own messages.
pub fn classify(
    message: &Message,
    me: UserId,
    sender_of: impl Fn(MessageId) -> Option<UserId>,
) -> Option<Addressed> {
    if message.sender == me {
        None
    } else if message.direct {
        Some(Addressed::Direct)
    } else if mentions(message, me) {
        Some(Addressed::Mention)
    } else if replies_to(message, me, sender_of) {
        Some(Addressed::Reply)
    } else {
        None
    }
}

/// The threads of `page` that belong in `feed` when it is a view of the Inbox (Mentions,
/// Replies to me): those with a message of the page (or, for a reply's parent, of `catalog`)
/// that is one. `None` for every other feed: they keep their whole page.
pub fn view_threads(
    feed: Feed,
    page: &Page,
    me: UserId,
    catalog: &Catalog,
) -> Option<HashSet<ThreadId>> {
    let sender_of = |id: MessageId| {
        page.all_messages()
            .find(|m| m.id == id)
            .or_else(|| catalog.message(id))
            .map(|m| m.sender)
    };
    let replies = match feed {
        Feed::Mentions => false,
        Feed::RepliesToMe => true,
        _ => return None,
    };
    Some(
        page.all_messages()
            .filter(|m| {
                if replies {
                    replies_to(m, me, sender_of)
                } else {
                    mentions(m, me)
                }
            })
            .map(|m| m.thread)
            .collect(),
    )
}

/// `page` narrowed to `feed` when it is a view of the Inbox: only its threads' messages stay.
pub fn narrow(feed: Feed, mut page: Page, me: Option<UserId>, catalog: &Catalog) -> Page {
    let Some(me) = me else {
        return page;
    };
    if let Some(threads) = view_threads(feed, &page, me, catalog) {
        page.messages.retain(|m| threads.contains(&m.thread));
        page.recent_replies.retain(|m| threads.contains(&m.thread));
    }
    page
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::test_support::message;

    const ME: UserId = UserId(7);

    fn from(sender: u64, mut m: Message) -> Message {
        m.sender = UserId(sender);
        m
    }

    #[test]
    fn own_messages_never_concern_me() {
        let mut mine = from(7, message(1, 1, None));
        mine.notified = vec![ME];
        mine.direct = true;
        assert_eq!(classify(&mine, ME, |_| Some(ME)), None);
    }

    #[test]
    fn private_beats_mention_beats_reply() {
        let mut m = from(2, message(5, 1, Some(1)));
        assert_eq!(classify(&m, ME, |_| Some(ME)), Some(Addressed::Reply));
        assert_eq!(classify(&m, ME, |_| Some(UserId(3))), None);
        m.notified = vec![ME];
        assert_eq!(classify(&m, ME, |_| Some(ME)), Some(Addressed::Mention));
        m.direct = true;
        assert_eq!(classify(&m, ME, |_| Some(ME)), Some(Addressed::Direct));
    }

    #[test]
    fn the_views_keep_only_their_threads() {
        let starter = from(7, message(1, 1, None));
        let reply = from(2, message(2, 1, Some(1)));
        let mut mention = from(3, message(3, 3, None));
        mention.notified = vec![ME];
        let other = from(4, message(4, 4, None));
        let page = Page {
            messages: vec![starter, mention, other],
            recent_replies: vec![reply],
            ..Page::default()
        };
        let catalog = Catalog::default();
        let threads = |feed| narrow(feed, page.clone(), Some(ME), &catalog);
        let ids = |p: Page| p.messages.iter().map(|m| m.thread.0).collect::<Vec<_>>();
        assert_eq!(ids(threads(Feed::Mentions)), [3]);
        assert_eq!(ids(threads(Feed::RepliesToMe)), [1]);
        assert_eq!(ids(threads(Feed::Inbox)), [1, 3, 4]);
    }
}
