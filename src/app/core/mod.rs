//! The pure core of the client: the [`state::State`], what changes it ([`msg::Msg`], carrying
//! the `Action`s that `input` resolves from keys), what it asks of the world
//! ([`effect::Effect`], tagged with the panes' request ids), the routing [`update::update`]
//! (overlay, then focused pane, then [`global`]), the [`route`]s between panes (opening a
//! feed or a thread, acting on a message, the next unread thread), the answers of the network
//! ([`answers`], [`posted`]) and of the cache ([`cached`]), whether the server can be reached
//! ([`connection`]), and the bookkeeping `update` needs: the layout, polls, ticks,
//! what the last frame showed ([`shown`]) and the mouse's [`pointer`]. And the
//! features that work on the whole state: [`unread`] bookkeeping, [`mark_read`], [`mute`],
//! notifications ([`notify`]; the shell writes the bytes), [`accounts`] and
//! [`addressed_threads`].
//!
//! Nothing here does I/O, reads the clock or locks anything: time arrives as `Msg::Tick`, and
//! every read or write of the network, the cache, the disk or the terminal leaves as an
//! `Effect` for the shell to carry out.

pub mod accounts;
pub mod addressed_threads;
pub mod answers;
pub mod cached;
pub mod connection;
pub mod effect;
pub mod global;
pub mod layout;
pub mod mark_read;
pub mod msg;
pub mod mute;
pub mod notify;
pub mod pointer;
pub mod poll;
pub mod posted;
pub mod route;
pub mod shown;
pub mod startup;
pub mod state;
#[cfg(test)]
pub(crate) mod test_support;
pub mod tick;
pub mod unread;
pub mod update;
