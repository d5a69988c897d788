//! Support for the end-to-end tests: the real binary in a pty ([`pty`], screen and bytes), the
//! terminal tests' helpers ([`terminal`]: private directories, signals, byte readers, tmux), a
//! `kring serve` child process ([`serve`]) and an HTTP look at the server from outside
//! ([`probe`]).

pub mod cells;
pub mod probe;
pub mod pty;
pub mod serve;
pub mod terminal;

use std::path::Path;

/// The `kring` binary cargo built for this test run.
pub fn kring_bin() -> &'static Path {
    Path::new(env!("CARGO_BIN_EXE_kring"))
}
