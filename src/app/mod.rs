//! The client: a pure [`core`] (state, messages, effects and the routing `update`) and the
//! [`shell`] that does the I/O (run loop, worker, terminal, cache task, drafts, outbox link)
//! and draws the frame. The core routes to the panes and overlays; they never import it.
//!
//! Data flows one way: a key becomes a `Msg`, `update` changes the `State` and returns
//! `Effect`s, the shell carries them out and answers with more messages, and the shell's
//! `ui::draw_with` paints the state when it changed.

pub mod core;
pub mod shell;
