//! What a TUI session is built from: the process environment, the account's client (or the
//! in-process demo network and a client signed in to it), the local stores and the outbox's
//! delivery engine. The entry points in the parent module and the account sessions both use
//! these; nothing here decides which account or what to run.

use std::net::SocketAddr;
use std::path::{Path, PathBuf};

use super::error::LaunchError;
use crate::api::{self, ClientOptions};
use crate::app::shell::outbox_link::OutboxStart;
use crate::config::{self, ConfigFile, Paths};
use crate::delivery::{Delivery, DeliveryOptions, new_claimant};
use crate::server::{self, ServeOptions};
use crate::store::{CacheStatus, OutboxStore, Stores};

/// The process environment as a lookup function (the only place kring reads it for config).
pub fn process_env(key: &str) -> Option<String> {
    std::env::var(key).ok()
}

/// The names of the environment variables whose value is `token` (`KRING_TOKEN`, an account's
/// `token_env`, or any other copy), so that no program kring starts inherits it.
pub(crate) fn variables_holding(token: &str) -> Vec<String> {
    if token.trim().is_empty() {
        return Vec::new(); // A signed-out account has no token yet.
    }
    std::env::vars_os()
        .filter(|(_, value)| value.to_str().is_some_and(|v| v.trim() == token))
        .filter_map(|(name, _)| name.into_string().ok())
        .collect()
}

/// The local store in an account's data dir, and where the cache went if opening it had to
/// rebuild it; without a store, drafts last the session only (and the log says why). Drafts
/// and outbox live in a separate file. The cache's damage check, which reads the whole file,
/// is left to the cache task once the first frame is up.
pub(crate) fn open_store(dir: &Path) -> Option<(Stores, Option<PathBuf>)> {
    if let Err(e) = crate::store::create_private_dir(dir) {
        tracing::warn!(dir = %dir.display(), error = %e, "no data dir; drafts kept in memory");
        return None;
    }
    match Stores::open_deferring_cache_check(dir) {
        Ok((store, report)) => {
            tracing::info!(?report, "store opened");
            let rebuilt = match report.cache {
                CacheStatus::Rebuilt { moved_to, .. } => Some(moved_to),
                CacheStatus::Ok => None,
            };
            Some((store, rebuilt))
        }
        Err(e) => {
            tracing::warn!(error = %e, "store unavailable; drafts kept in memory");
            None
        }
    }
}

/// Another handle on the outbox `store` for `what`, or why there is none: no store at all, or
/// files that are locked exclusively (a network filesystem), where one connection is all there
/// is.
pub(crate) fn connect_again(
    store: Option<&OutboxStore>,
    what: &str,
) -> Result<OutboxStore, String> {
    let store = store.ok_or_else(|| "no usable data directory".to_owned())?;
    store
        .connect_again()
        .map_err(|e| format!("the {what} cannot open the data directory again: {e}"))
}

/// The delivery engine for the TUI on `store`, filed under `account_key`; without a store,
/// the reason posts go out directly instead.
pub(crate) fn start_outbox(
    store: Result<OutboxStore, String>,
    account_key: String,
    client: api::Client,
    options: DeliveryOptions,
) -> OutboxStart {
    match store {
        Ok(store) => OutboxStart::Engine(
            Delivery::new(store, account_key, client, new_claimant()).with_options(options),
        ),
        Err(reason) => {
            tracing::warn!(%reason, "outbox unavailable; posting directly");
            OutboxStart::Unavailable(reason)
        }
    }
}

/// Delivery timings: a lease that outlasts the slowest request (twice the total timeout plus
/// a full wait for Yammer's request budget); on the demo network, which stores a post before
/// anyone can see it, no settling time before a missing post counts as not arrived.
pub(crate) fn delivery_options(
    is_demo: bool,
    total_timeout: std::time::Duration,
) -> DeliveryOptions {
    let defaults = DeliveryOptions::default();
    let slowest = total_timeout.saturating_mul(2) + std::time::Duration::from_secs(30);
    DeliveryOptions {
        lease: defaults.lease.max(slowest),
        settle: if is_demo {
            std::time::Duration::ZERO
        } else {
            defaults.settle
        },
        ..defaults
    }
}

fn demo_db(paths: &Paths) -> PathBuf {
    paths.data_dir.join("demo-network.sqlite")
}

/// A client for `account` with the timeouts of `config`.
pub(crate) fn account_client(
    account: &config::ResolvedAccount,
    config: &ConfigFile,
) -> Result<api::Client, LaunchError> {
    let options = ClientOptions {
        connect_timeout: config.network.connect_timeout,
        read_timeout: config.network.read_timeout,
        total_timeout: config.network.total_timeout,
        ..ClientOptions::default()
    };
    let roots = config::ca_file::roots_for(config, &account.name, &account.base_url, process_env)?;
    Ok(
        api::Client::with_roots(&account.base_url, account.token.expose(), options, roots)?
            .with_token_origin(account.origin.clone()),
    )
}

/// The in-process demo network and a client signed in to it as the demo user. The demo server
/// runs without Yammer's limits, so the client needs no request budget.
pub(crate) async fn demo_connection(
    paths: &Paths,
) -> Result<(api::Client, server::RunningServer), LaunchError> {
    let running = start_demo(paths).await?;
    let db = demo_db(paths);
    let token = tokio::task::spawn_blocking(move || server::token_for(&db, None))
        .await
        .map_err(|e| LaunchError::Task(e.to_string()))??;
    let options = ClientOptions {
        budget: None,
        ..ClientOptions::default()
    };
    let client = api::Client::with_options(&running.base_url, &token, options)?;
    Ok((client, running))
}

async fn start_demo(paths: &Paths) -> Result<server::RunningServer, LaunchError> {
    std::fs::create_dir_all(&paths.data_dir).map_err(|source| LaunchError::CreateDir {
        path: paths.data_dir.clone(),
        source,
    })?;
    let mut options = ServeOptions::new(demo_db(paths));
    options.bind = SocketAddr::from(([127, 0, 0, 1], 0));
    options.rate_limit = false;
    Ok(server::spawn(options).await?)
}
