//! `kring serve` over HTTP: feeds, posting, likes and deletes, resources, errors, identity and its
//! lifecycle.

mod admin;
mod admin_web;
mod conformance;
mod conformance_search;
mod demo_guidelines;
mod errors;
mod feeds;
mod feeds_threaded;
mod health_view;
mod identity;
mod lifecycle;
mod likes_deletes;
mod malformed;
mod notifications;
mod posting;
mod privacy;
mod profile;
mod profile_client;
mod resources;
mod robustness;
mod subscriptions;
mod web_session_restart;
mod web_sign_in;
