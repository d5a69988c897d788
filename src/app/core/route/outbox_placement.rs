//! Showing outbox posts where they belong: each unsent post is a message in the catalog under
//! a pending id (see [`crate::panes::outbox::PENDING_ID_BASE`]) — a new post as a thread of its own in the
//! feeds it goes to, a reply inside its thread — and it makes way for the server's message once
//! that is loaded, so a post never shows twice. Changes only the catalog, the timeline order
//! and the open thread; never the outbox itself.

use crate::app::core::state::State;
use crate::domain::{DraftFor, Feed, Likes, Message, MessageId, SafeText, ThreadId, UserId};
use crate::panes::outbox::{PendingPost, PendingStatus};

/// Makes the shown posts match `state.outbox.posts`: removes the ones that left it (compared
/// with `before`), then shows (or updates) every current one that is not on the server yet.
pub fn sync(state: &mut State, before: &[PendingPost]) {
    for old in before {
        if state.outbox.post(old.local_id).is_none() {
            unplace(state, old);
        }
    }
    let posts = state.outbox.posts.clone();
    for post in &posts {
        place(state, post);
    }
    settle_sent(state);
}

/// Shows `post` as a pending message (replacing an earlier version of it).
pub fn place(state: &mut State, post: &PendingPost) {
    let id = post.message_id();
    let thread = post.thread();
    let (replied_to, community, direct) = match post.draft_for {
        DraftFor::NewPost(group) => (None, group, false),
        DraftFor::Reply { to, .. } => (
            Some(to),
            state.catalog.message(to).and_then(|m| m.community),
            false,
        ),
        DraftFor::Direct(_) => (None, None, true),
    };
    state.catalog.insert_message(Message {
        id,
        thread,
        sender: state.catalog.me.unwrap_or(UserId(0)),
        replied_to,
        community,
        created_at: post.created_at.fixed_offset(),
        body: SafeText::new(&post.body),
        likes: Likes::default(),
        direct,
        web_url: SafeText::new(""),
        topics: Vec::new(),
        kind: crate::domain::MessageKind::Update,
        title: SafeText::default(),
        notified: Vec::new(),
        delegate: None,
    });
    let feeds = feeds_showing(state, post);
    let catalog = &state.catalog;
    for feed in feeds {
        state.timeline.feed_mut(feed).merge([thread], catalog);
    }
    if replied_to.is_some() {
        resort_thread(state, thread);
    }
    if state.thread.thread == Some(thread) {
        state.thread.rebuild(&state.catalog);
    }
}

/// Re-sorts the feeds holding `thread` after its latest activity changed.
fn resort_thread(state: &mut State, thread: ThreadId) {
    let catalog = &state.catalog;
    for timeline in state.timeline.all_mut() {
        if timeline.position(thread).is_some() {
            timeline.merge([], catalog);
        }
    }
}

/// Takes `post`'s pending message away again (cancelled, or replaced by the server's).
pub fn unplace(state: &mut State, post: &PendingPost) {
    let thread = post.thread();
    if state.catalog.remove_message(post.message_id()).is_none() {
        return;
    }
    if matches!(post.draft_for, DraftFor::Reply { .. }) {
        resort_thread(state, thread);
        if state.thread.thread == Some(thread) {
            state.thread.rebuild(&state.catalog);
        }
    } else {
        for timeline in state.timeline.all_mut() {
            timeline.remove(thread);
        }
        if state.thread.thread == Some(thread) {
            state.thread.clear();
        }
    }
}

/// Replaces every sent post whose server message is now loaded by that message: in the feeds
/// the pending one was in, selected where it was selected, and in the open thread.
pub fn settle_sent(state: &mut State) {
    let arrived: Vec<(PendingPost, MessageId)> = state
        .outbox
        .posts
        .iter()
        .filter_map(|post| match post.status {
            PendingStatus::Sent { server_id } if state.catalog.message(server_id).is_some() => {
                Some((post.clone(), server_id))
            }
            _ => None,
        })
        .collect();
    for (post, server_id) in arrived {
        let Some(real_thread) = state.catalog.message(server_id).map(|m| m.thread) else {
            continue;
        };
        let pending_thread = post.thread();
        let feeds = feeds_showing(state, &post);
        let selected_in: Vec<Feed> = feeds
            .iter()
            .copied()
            .filter(|feed| {
                state
                    .timeline
                    .feed(*feed)
                    .is_some_and(|t| t.selected == Some(pending_thread))
            })
            .collect();
        let thread_was_open = state.thread.thread == Some(pending_thread);
        let message_was_selected = state.thread.selected == Some(post.message_id());
        unplace(state, &post);
        state.outbox.posts.retain(|p| p.local_id != post.local_id);
        let catalog = &state.catalog;
        for feed in feeds {
            let timeline = state.timeline.feed_mut(feed);
            timeline.merge([real_thread], catalog);
            if selected_in.contains(&feed) {
                timeline.selected = Some(real_thread);
            }
        }
        if thread_was_open && pending_thread != real_thread {
            state.thread.open(real_thread, &state.catalog);
        } else if state.thread.thread == Some(real_thread) {
            state.thread.rebuild(&state.catalog);
            if message_was_selected {
                state.thread.select(server_id);
            }
        }
    }
}

/// The loaded feeds a new post shows in (none for a reply: see [`resort_thread`]).
fn feeds_showing(state: &State, post: &PendingPost) -> Vec<Feed> {
    let candidates: Vec<Feed> = match post.draft_for {
        DraftFor::NewPost(None) => vec![Feed::MyFeed, Feed::AllCompany],
        DraftFor::NewPost(Some(group)) => {
            vec![Feed::MyFeed, Feed::AllCompany, Feed::Community(group)]
        }
        DraftFor::Direct(_) => vec![Feed::Inbox],
        // A reply's thread is already where it belongs; only its order changes.
        DraftFor::Reply { .. } => Vec::new(),
    };
    candidates
        .into_iter()
        .filter(|feed| state.timeline.feed(*feed).is_some())
        .collect()
}
