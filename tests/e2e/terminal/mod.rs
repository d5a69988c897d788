//! How kring copes with its terminal: sizes, capabilities, signals, suspend, credentials on
//! screen and a hostile feed.

mod capabilities;
mod closed_pty;
mod credentials;
mod hostile_feed;
mod mouse_links;
mod signals;
mod sizes;
mod suspend;
