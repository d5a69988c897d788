//! `kring serve` over HTTP: feeds, posting, likes and deletes, resources, errors, identity and its
//! lifecycle.

mod errors;
mod feeds;
mod identity;
mod lifecycle;
mod likes_deletes;
mod posting;
mod resources;
mod subscriptions;
