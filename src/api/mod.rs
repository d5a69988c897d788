//! The Yammer REST API v1 client: tolerant DTOs shared with the server, typed calls, errors, the
//! request budget and retry timing. Owns every HTTP detail (paths, parameters, status codes,
//! bodies); callers see typed results. Never retries a POST and never lets the token leave the
//! configured origin. A rejected token is fetched again once from a `token_command`.

mod answer;
pub mod backoff;
mod base_check;
mod budget;
mod calls;
mod client;
mod communities;
pub mod dto;
mod error;
mod lossy_json;
mod options;
mod query;
pub mod retry;
mod token;
mod transport;

pub use budget::{BudgetConfig, Family, Priority, RequestBudget};
pub use calls::ProfileUpdate;
pub use client::Client;
pub use communities::Joined;
pub use error::{ApiError, NetworkKind};
pub use options::ClientOptions;
pub use query::{GroupQuery, NewMessage, PageQuery, Threaded, UserQuery};
pub(crate) use transport::{api_base, http_client};
