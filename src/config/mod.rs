//! Configuration: where files live (`paths`), the accounts file (`file`), secrets and where tokens
//! come from (`secret`), key bindings (`keymap`) and colours (`theme`).
//!
//! Owns reading and validating the user's configuration; it must not draw, talk to the network or
//! keep global state. Environment variables reach it only through closures passed by the caller.

pub mod keymap;
mod source_location;
pub mod theme;
