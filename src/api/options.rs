//! How a client talks to its server: timeouts, the response size cap, GET retries and the
//! request budget. Plain settings with defaults that suit Yammer over a slow link; no behaviour.

use std::time::Duration;

use super::budget::BudgetConfig;

/// Transport settings; the defaults suit Yammer over a slow link.
#[derive(Clone, Debug)]
pub struct ClientOptions {
    /// Keep it below `read_timeout`: reqwest's read timeout also runs while connecting, and a
    /// connect ended by it cannot be told apart from a stalled response (outcome unknown).
    pub connect_timeout: Duration,
    /// Longest silence while reading a response.
    pub read_timeout: Duration,
    /// Longest a whole request may take.
    pub total_timeout: Duration,
    /// Responses larger than this are refused (a huge or endless body cannot exhaust memory).
    pub max_response_bytes: usize,
    /// Extra attempts for an idempotent GET after a transient failure.
    pub get_retries: u32,
    pub retry_base: Duration,
    pub budget: Option<BudgetConfig>,
}

impl Default for ClientOptions {
    fn default() -> Self {
        Self {
            connect_timeout: Duration::from_secs(10),
            read_timeout: Duration::from_secs(30),
            total_timeout: Duration::from_secs(60),
            max_response_bytes: 16 * 1024 * 1024,
            get_retries: 2,
            retry_base: Duration::from_millis(300),
            budget: Some(BudgetConfig::default()),
        }
    }
}
