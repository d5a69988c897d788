//! What every handler shares: the database handle, link building, the rate limiter and the
//! identity provider's sign-ins in progress, the browsers signed in to the web pages.

use std::sync::Arc;

use super::db::Db;
use super::db::rows::Links;
use super::identity::Identity;
use super::rate_limit::RateLimiter;

/// Shared server state (cheap to clone).
#[derive(Clone)]
pub struct AppState {
    pub db: Db,
    pub links: Links,
    pub limiter: Arc<RateLimiter>,
    pub identity: Arc<Identity>,
}
