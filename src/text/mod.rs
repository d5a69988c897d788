//! Text from outside: the sanitizer that makes [`SafeText`], Yammer body tokens, display width and
//! wrapping, OSC builders and the output firewall.
//!
//! This module is kring's security boundary for terminal output. Every string that comes from a
//! server, a paste or a file reaches a widget only as [`SafeText`], and the only way to make one is
//! through the sanitizer. Nothing here talks to the network, the store or the terminal.
//!
//! - [`sanitize`]: the sanitizer (escape sequences, controls, bidi and invisible characters,
//!   combining-mark floods, tabs, line ends); its module docs list every rule and marker.
//!   Pasted text goes through [`sanitize::sanitize_paste`].
//! - [`SafeText`]: the newtype widgets accept; [`SafeText::new_with_report`] also says whether
//!   to show a `⚠` marker.
//! - [`width`] / [`wrap`]: display width by grapheme cluster (as ratatui measures it) and word
//!   wrapping; views wrap with [`wrap::wrap_lines`], not `Paragraph::wrap`.
//! - [`tokens`]: `@mentions`, `#topics`, links, and Yammer `body.parsed` references.
//! - [`osc`]: the only place that builds OSC 52 (clipboard), OSC 8 (hyperlink) and OSC 2 (title).
//! - [`search_query`]: the search language (words, phrases, `#topic`, `@user`, `in:`, `from:`)
//!   taken apart once for the client and the server, and quoted safely for FTS5.
//! - [`firewall`]: renders a frame to bytes and checks them against the sequences a renderer may
//!   use; every view's tests can run their output through it.
//!
//! Markers the sanitizer leaves (all printable, width 1 per character, stable under
//! re-sanitizing): `␛` for an escape sequence, Control Pictures `␀`…`␟`/`␡` for C0 controls and
//! DEL, `⟨U+XXXX⟩` for C1 controls, bidi controls and invisible characters, `⟨+N⟩` for N combining
//! marks over the cap, `◌` as the base of a combining mark that starts a line.

pub mod firewall;
pub mod osc;
mod safe_text;
pub mod sanitize;
pub mod search_query;
pub mod tokens;
pub mod width;
pub mod wrap;

pub use safe_text::SafeText;
