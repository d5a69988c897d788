//! End-to-end tests: the real `kring` binary in a pseudo-terminal (or tmux), against a
//! `kring serve` child process, read back from the screen and from the server.

// Test code: a failed setup or a failed unwrap fails the test.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod harness;

mod accounts;
mod cache;
mod communities;
mod health;
mod mentions;
mod notify;
mod offline;
mod people;
mod search;
mod terminal;
mod tui;
