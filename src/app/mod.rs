//! The client: a pure [`core`] (state, messages, effects and the routing `update`), the
//! [`shell`] that does the I/O (run loop, worker, terminal, cache task, drafts, outbox link)
//! and draws the frame, and the [`outbox`] view's data and routing.
//!
//! Data flows one way: a key becomes a `Msg`, `update` changes the `State` and returns
//! `Effect`s, the shell carries them out and answers with more messages, and the shell's
//! `ui::draw_with` paints the state when it changed.

pub mod core;
pub mod shell;

pub mod outbox;
