//! The People pane: the directory, follows and filters, rendering and updates.

mod directory;
mod empty_fields;
mod follow_filter;
mod render;
mod stale_requests;
mod update;
mod update_evidence;
