//! The terminal UI in process: update functions, rendering on a test backend (snapshots), the
//! outbox overlay, the palette, accounts and terminal sizes.

mod accounts;
mod ascii;
mod guidelines;
mod keeper;
mod offline_stopped;
mod offline_view;
mod outbox;
mod outbox_link;
mod outbox_offline;
mod outbox_overlay;
mod palette;
mod render;
mod render_outbox;
mod scroll_bytes;
mod session;
mod sizes;
mod start_here;
mod unread_cache;
mod update;
mod update_cache;
mod update_compose;
mod update_global;
mod update_thread;
mod widths;
