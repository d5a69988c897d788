//! Text safety: sanitising what the network sends, OSC links, widths, tokens and the firewall that
//! keeps escape sequences off the terminal.

mod firewall;
mod firewall_views;
mod osc;
mod safe_text;
mod sanitize_props;
mod sanitize_vectors;
mod tokens;
mod width;
