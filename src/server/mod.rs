//! `kring serve`: a Yammer-compatible REST server (messages, threads, users, groups, topics and networks) on SQLite, with a
//! deterministic demo network and Entra-style sign-in endpoints (`identity`). Public surface: [`ServeOptions`], [`serve`] (runs until ctrl-c or
//! SIGTERM), [`spawn`] (in-process, for the TUI's demo mode and tests), [`RunningServer`] and
//! [`token_for`] (`--print-token`). Everything else is internal: routing, handlers, database,
//! demo generator. This module never touches the client side beyond the shared `api::dto` types.

pub mod admin;
mod admission;
mod auth;
pub mod backup;
mod db;
mod demo;
mod envelope;
mod errors;
mod extract;
mod handlers;
mod identity;
mod listen;
mod markup;
mod params;
mod prepare;
pub mod public_url;
mod rate_limit;
mod router;
mod state;
mod web_session;

use std::net::SocketAddr;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::Duration;

use tokio::net::TcpListener;
use tokio::sync::oneshot;
use tokio::task::JoinHandle;

pub use admission::ConnectionLimits;
pub use errors::ServerError;

use db::rows::Links;
use identity::Identity;
use rate_limit::{Limits, RateLimiter};
use state::AppState;

/// How long a graceful shutdown may take before open connections are dropped.
const SHUTDOWN_GRACE: Duration = Duration::from_secs(5);

/// How to run the server. Build with [`ServeOptions::new`] and adjust fields.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ServeOptions {
    /// The SQLite file (created and seeded when new).
    pub db: PathBuf,
    /// Where to listen; port 0 picks a free port.
    pub bind: SocketAddr,
    /// Seed a new database with the demo network (false with `--empty`).
    pub seed_demo: bool,
    /// Demo size: 1 = about 150 people and 3,000 messages; people grow linearly, messages as
    /// `scale^0.72` (134 = about 20,000 people and 100,000 messages).
    pub demo_scale: u32,
    /// Enforce Yammer's rate limits (false with `--no-rate-limit`).
    pub rate_limit: bool,
    /// The rate-limit window (30 s on Yammer).
    pub rate_window: Duration,
    /// Calls allowed per token, per family (messages, other), per window (10 on Yammer).
    pub rate_max_calls: u32,
    /// Lifetime of the access tokens the sign-in endpoints issue (`--print-token` tokens never
    /// expire).
    pub token_ttl: Duration,
    /// Lifetime of a device code of the device-code sign-in.
    pub device_code_ttl: Duration,
    /// The polling interval a signing-in device is first given.
    pub device_code_interval: Duration,
    /// Lifetime of an authorization code (10 minutes, as on Entra).
    pub auth_code_ttl: Duration,
    /// The origin colleagues reach the server at (`--public-url`, validated by
    /// [`public_url::parse`]); links point there. `None`: the bound address.
    pub public_url: Option<String>,
    /// Connection caps and timeouts (a slow or idle client is cut off, a flood turned away).
    pub connections: ConnectionLimits,
    /// Read-only database connections GET requests use beside the writer (0: one connection
    /// for everything).
    pub db_readers: usize,
}

impl ServeOptions {
    /// Defaults: `127.0.0.1:8808`, demo network at scale 1, Yammer's rate limits.
    pub fn new(db: impl Into<PathBuf>) -> Self {
        Self {
            db: db.into(),
            bind: SocketAddr::from(([127, 0, 0, 1], 8808)),
            seed_demo: true,
            demo_scale: 1,
            rate_limit: true,
            rate_window: Duration::from_secs(30),
            rate_max_calls: 10,
            token_ttl: Duration::from_secs(3600),
            device_code_ttl: Duration::from_secs(900),
            device_code_interval: Duration::from_secs(5),
            auth_code_ttl: Duration::from_secs(600),
            public_url: None,
            connections: ConnectionLimits::default(),
            db_readers: std::thread::available_parallelism().map_or(2, |n| n.get().clamp(2, 8)),
        }
    }

    fn seeding(&self) -> db::Seeding {
        db::Seeding {
            demo: self.seed_demo,
            scale: self.demo_scale.max(1),
            now: db::rows::now_secs(),
        }
    }
}

/// A server running on a tokio task. Dropping it stops the server.
#[derive(Debug)]
pub struct RunningServer {
    /// The address actually bound.
    pub addr: SocketAddr,
    /// `http://ADDR/api/v1`, what a client uses as its base URL.
    pub base_url: String,
    stop: Option<oneshot::Sender<()>>,
    task: Option<JoinHandle<std::io::Result<()>>>,
}

impl RunningServer {
    /// Stops accepting connections, lets open requests finish (for a few seconds) and returns.
    pub async fn shutdown(mut self) -> Result<(), ServerError> {
        if let Some(stop) = self.stop.take() {
            let _ = stop.send(());
        }
        let Some(mut task) = self.task.take() else {
            return Ok(());
        };
        match tokio::time::timeout(SHUTDOWN_GRACE, &mut task).await {
            Ok(Ok(result)) => result.map_err(ServerError::Io),
            Ok(Err(join)) => Err(ServerError::Task(join.to_string())),
            Err(_) => {
                task.abort();
                Ok(())
            }
        }
    }

    /// Waits until the server stops by itself (it only does on an I/O error).
    async fn wait(&mut self) -> Result<(), ServerError> {
        match self.task.as_mut() {
            Some(task) => match task.await {
                Ok(result) => result.map_err(ServerError::Io),
                Err(join) => Err(ServerError::Task(join.to_string())),
            },
            None => Ok(()),
        }
    }
}

impl Drop for RunningServer {
    fn drop(&mut self) {
        if let Some(stop) = self.stop.take() {
            let _ = stop.send(());
        }
        if let Some(task) = self.task.take() {
            task.abort();
        }
    }
}

/// Opens (creating and seeding when new) the database, binds, and serves on a background task.
pub async fn spawn(opts: ServeOptions) -> Result<RunningServer, ServerError> {
    let seeding = opts.seeding();
    let path = opts.db.clone();
    let readers = opts.db_readers;
    let db = tokio::task::spawn_blocking(move || {
        let conn = db::open(&path, seeding)?;
        Ok::<_, ServerError>(db::Db::with_readers(conn, &path, readers)?)
    })
    .await
    .map_err(|e| ServerError::Task(e.to_string()))??;
    let listener = TcpListener::bind(opts.bind).await?;
    let addr = listener.local_addr()?;
    let origin = opts
        .public_url
        .clone()
        .unwrap_or_else(|| format!("http://{addr}"));
    let state = AppState {
        db,
        links: Links::new(origin),
        limiter: Arc::new(RateLimiter::new(Limits {
            enabled: opts.rate_limit,
            window: opts.rate_window,
            max_calls: opts.rate_max_calls,
        })),
        identity: Arc::new(Identity::new(identity::Settings {
            token_ttl: opts.token_ttl,
            device_code_ttl: opts.device_code_ttl,
            device_code_interval: opts.device_code_interval,
            auth_code_ttl: opts.auth_code_ttl,
            origin: format!("http://{addr}"),
            public_origin: opts.public_url.clone(),
        })),
    };
    // The middleware wraps the whole router so it runs before routing (`.json`, `_method`).
    let app = axum::Router::new()
        .fallback_service(router::routes(state))
        .layer(axum::middleware::from_fn(prepare::prepare));
    let (stop, stopped) = oneshot::channel::<()>();
    let task = tokio::spawn(listen::run(listener, app, opts.connections, stopped));
    Ok(RunningServer {
        addr,
        base_url: format!("http://{addr}{}", router::API_PREFIX),
        stop: Some(stop),
        task: Some(task),
    })
}

/// Runs the server until ctrl-c or SIGTERM.
pub async fn serve(mut opts: ServeOptions) -> Result<(), ServerError> {
    let descriptors = admission::raise_descriptor_limit();
    opts.connections = opts.connections.fitted_to(descriptors);
    let db_path = opts.db.display().to_string();
    let public_url = opts.public_url.clone().unwrap_or_default();
    let opts_connections = opts.connections;
    let mut server = spawn(opts).await?;
    tracing::info!(addr = %server.addr, base_url = %server.base_url, db = %db_path, public_url = %public_url, "kring serve is listening");
    tracing::info!(
        max_connections = opts_connections.max_total,
        max_per_ip = opts_connections.max_per_ip,
        "connection limits"
    );
    tokio::select! {
        result = server.wait() => result,
        () = termination() => {
            tracing::info!("shutting down");
            server.shutdown().await
        }
    }
}

/// Resolves on ctrl-c or (on Unix) SIGTERM.
async fn termination() {
    let ctrl_c = async {
        if tokio::signal::ctrl_c().await.is_err() {
            std::future::pending::<()>().await;
        }
    };
    #[cfg(unix)]
    let term = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut signal) => {
                signal.recv().await;
            }
            Err(_) => std::future::pending::<()>().await,
        }
    };
    #[cfg(not(unix))]
    let term = std::future::pending::<()>();
    tokio::select! {
        () = ctrl_c => {}
        () = term => {}
    }
}

/// A new bearer token for `username` (default `demo`) that never expires, creating and seeding
/// the database at scale 1 when it does not exist yet. Only its hash is stored, so every call
/// mints another token; earlier ones stay valid.
pub fn token_for(db_path: &Path, username: Option<&str>) -> Result<String, ServerError> {
    token_with(&ServeOptions::new(db_path), username)
}

/// [`token_for`] on the database of `options`, seeded as they say when it is new (e.g. with
/// their `demo_scale`).
pub fn token_with(options: &ServeOptions, username: Option<&str>) -> Result<String, ServerError> {
    let conn = db::open(&options.db, options.seeding())?;
    let username = username.unwrap_or(demo::DEMO_USERNAME);
    let user = db::users::id_by_username(&conn, username)?
        .ok_or_else(|| ServerError::UnknownUser(username.to_owned()))?;
    if db::accounts::by_username(&conn, &username.to_lowercase(), 0)?.is_some_and(|a| a.disabled) {
        return Err(ServerError::Disabled(username.to_owned()));
    }
    Ok(db::tokens::for_user(&conn, user)?)
}
