//! What every handler shares: the database handle, link building and the rate limiter.

use std::sync::Arc;

use super::db::Db;
use super::db::rows::Links;
use super::rate_limit::RateLimiter;

/// Shared server state (cheap to clone).
#[derive(Clone)]
pub struct AppState {
    pub db: Db,
    pub links: Links,
    pub limiter: Arc<RateLimiter>,
}
