//! The client: a pure [`core`] (state, messages, effects and the routing `update`), the
//! [`shell`] that does the I/O (run loop, worker, terminal, cache task, drafts, outbox link)
//! and draws the frame, and the feature logic that works on the whole state for now (unread
//! bookkeeping, marking read, mutes, notifications, accounts, the outbox view).
//!
//! Data flows one way: a key becomes a `Msg`, `update` changes the `State` and returns
//! `Effect`s, the shell carries them out and answers with more messages, and the shell's
//! `ui::draw_with` paints the state when it changed.

pub mod core;
pub mod shell;

pub mod accounts;
pub mod addressed_threads;
pub mod mark_read;
pub mod mute;
pub mod notify;
pub mod outbox;
pub mod unread;
