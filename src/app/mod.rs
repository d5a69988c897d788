//! The client: a pure [`core`] (state, messages, effects and the routing `update`), the
//! [`shell`] that does the I/O (run loop, worker, terminal, cache task, drafts, outbox link),
//! the frame ([`ui`], with the scroll positions draw keeps in [`view_state`]), and the feature
//! logic that works on the whole state for now (unread bookkeeping, marking read, mutes,
//! notifications, the mouse, accounts, the outbox view).
//!
//! Data flows one way: a key becomes a `Msg`, `update` changes the `State` and returns
//! `Effect`s, the shell carries them out and answers with more messages, and [`ui::draw`]
//! paints the state when it changed.

pub mod core;
pub mod shell;

pub mod accounts;
pub mod addressed_threads;
pub mod mark_read;
pub mod mute;
pub mod notify;
pub mod outbox;
pub mod unread;
