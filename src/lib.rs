//! kring: a keyboard-driven terminal client for Yammer-style enterprise social networks,
//! and `kring serve`, a small Yammer-compatible server on SQLite.
//!
//! Module map (each module's own header says what it owns and what it must not do):
//! - [`cli`]: command-line definitions.
//! - [`app`]: the client: its pure core (state, messages, effects, `update`) and the shell that
//!   does the I/O (run loop, worker, terminal, cache task); `ARCHITECTURE.md` draws the flow.
//! - [`panes`]: communities, timeline, thread and people panes (state, update, view each).
//! - [`overlays`]: compose, help, palette, confirm, outbox.
//! - [`input`]: what a user can ask for ([`input::action::Action`]) and the keys that ask it.
//! - [`widgets`]: stateless render helpers.
//! - [`domain`]: the client's model: messages, threads, people, communities, ids.
//! - [`text`]: the sanitizer (`SafeText`), Yammer body tokens, display width and wrapping.
//! - [`api`]: the Yammer REST API v1 client: tolerant DTOs, typed calls, errors.
//! - [`auth`]: signing in (device code, authorization code + PKCE), the token store, renewal.
//! - [`store`]: the local SQLite stores: the cache (feeds, messages, people, read markers) and
//!   the outbox (drafts, queued posts).
//! - [`delivery`]: the outbox delivery engine (exactly once, in order, offline-proof).
//! - [`expertise`]: the people-expertise index and its ranking.
//! - [`social`]: community health and open questions routed to the people who know.
//! - [`script`]: the scriptable subcommands (`feed`, `thread`, `people`, `post`, `health` …).
//! - [`search`]: search over messages, people, communities and topics, cached and on the server.
//! - [`server`]: `kring serve`, the Yammer-compatible server.
//! - [`serve_admin`]: `kring serve user ...` and `kring serve backup`, printed for the administrator.
//! - [`config`]: paths, config file, keymap and themes.
//! - [`launch`]: from parsed arguments to a running TUI or server.
//! - [`doctor`]: `kring doctor`, which checks the way to the server step by step.
//! - [`account_sessions`]: the TUI's sessions, one account at a time, and switching.
//! - [`account_data`]: each account's data directory; adopting an earlier kring's store.

pub mod account_data;
pub(crate) mod account_sessions;
pub mod api;
pub mod app;
pub mod auth;
pub mod cli;
pub mod config;
pub mod delivery;
pub mod doctor;
pub mod domain;
pub mod expertise;
pub mod input;
pub mod launch;
pub mod overlays;
pub mod panes;
pub mod script;
pub mod search;
pub(crate) mod serve_admin;
pub mod server;
pub mod social;
pub mod store;
pub mod text;
pub(crate) mod widgets;
