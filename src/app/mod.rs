//! The client's core loop: state, actions, messages, effects, update, worker and the event loop.
//!
//! Data flows one way: a key becomes a [`msg::Msg`], [`update::update`] changes the
//! [`state::State`] and returns [`effect::Effect`]s, the worker runs them and answers with more
//! messages, and [`ui::draw`] paints the state when it changed.

pub mod accounts;
pub mod action;
pub mod drafts;
pub mod effect;
pub mod global;
pub mod glyphs;
pub mod hand_off;
pub mod keys;
pub mod layout;
pub mod message_actions;
pub mod msg;
pub mod notice;
pub mod outbox;
pub mod poll;
pub mod posted;
pub mod request;
pub mod results;
pub mod run;
pub mod state;
pub mod terminal;
pub mod tick;
pub mod ui;
pub mod unread;
pub mod update;
pub mod view_state;
pub mod worker;

pub mod cache;
pub mod cache_apply;
pub mod cache_convert;
pub mod connection;
pub mod countdown;
pub mod ending;
pub mod next_unread;
