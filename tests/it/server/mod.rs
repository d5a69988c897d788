//! `kring serve` over HTTP: feeds, posting, likes and deletes, resources, errors, identity and its
//! lifecycle.

mod admin;
mod conformance;
mod errors;
mod feeds;
mod health_view;
mod identity;
mod lifecycle;
mod likes_deletes;
mod malformed;
mod notifications;
mod posting;
mod privacy;
mod profile;
mod resources;
mod robustness;
mod subscriptions;
mod web_session_restart;
mod web_sign_in;
