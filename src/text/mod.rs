//! Text from outside: the sanitizer that makes [`SafeText`], Yammer body tokens, display width and
//! wrapping, OSC builders and the output firewall.
//!
//! This module is kring's security boundary for terminal output. Every string that comes from a
//! server, a paste or a file reaches a widget only as [`SafeText`], and the only way to make one is
//! through [`sanitize::sanitize`]. Nothing here talks to the network, the store or the terminal.
//!
//! - [`sanitize`]: the sanitizer (escape sequences, controls, bidi and invisible characters,
//!   combining-mark floods, tabs, line ends).
//! - [`SafeText`]: the newtype widgets accept.
//! - [`width`] / [`wrap`]: display width by grapheme cluster and word wrapping.
//! - [`tokens`]: `@mentions`, `#topics`, links, and Yammer `body.parsed` references.
//! - [`osc`]: the only place that builds OSC 52 (clipboard) and OSC 8 (hyperlink) sequences.
//! - [`firewall`]: checks bytes written to a terminal against the sequences a renderer may use.

pub mod firewall;
pub mod osc;
mod safe_text;
pub mod sanitize;
pub mod tokens;
pub mod width;
pub mod wrap;

pub use safe_text::SafeText;
