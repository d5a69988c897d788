//! `kring serve` over HTTP: feeds, posting, likes and deletes, resources, errors, identity and its
//! lifecycle.

mod admin;
mod conformance;
mod errors;
mod feeds;
mod identity;
mod lifecycle;
mod likes_deletes;
mod notifications;
mod posting;
mod privacy;
mod resources;
mod robustness;
mod subscriptions;
