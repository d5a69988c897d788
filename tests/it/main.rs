//! Integration tests that run in this one process: the library's API client, store, delivery,
//! UI state and rendering against in-process servers, plus the scripting commands of the real
//! binary run as child processes. One test binary, so one link.
//!
//! A new test file goes into the folder of what it tests, with a `mod` line in that folder's
//! `mod.rs`; what several files share goes into `harness` (the in-process server is
//! `harness::server`).

// Test code: a failed setup or a failed unwrap fails the test.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod harness;

mod api;
mod cache;
mod cli;
mod config;
mod delivery;
mod expertise;
mod link_order;
mod message_kinds;
mod people;
mod server;
mod store;
mod text;
mod tui;
