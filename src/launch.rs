//! Starting kring: from parsed arguments to a running TUI or server. Resolves paths, config,
//! account (or the in-process demo network), theme and keymap, and turns every failure into a
//! message that names what to fix. Owns no behaviour of its own beyond that wiring.

use std::net::SocketAddr;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use thiserror::Error;

use crate::api::{self, ClientOptions};
use crate::app::core::accounts::AccountChoice;
use crate::app::core::keys::Keymap;
use crate::app::shell::ending::Ending;
use crate::app::shell::outbox_link::OutboxStart;
use crate::app::shell::run::AppError;
use crate::cli::{Cli, PostArgs, ServeArgs};
use crate::config::{self, ColorSupport, ConfigFile, Paths, Theme};
use crate::delivery::{Delivery, DeliveryOptions, new_claimant};
use crate::server::{self, ServeOptions};
use crate::store::{CacheStatus, OutboxStore, Stores};

/// What went wrong before or while running.
#[derive(Debug, Error)]
pub enum LaunchError {
    #[error("{0}")]
    Paths(#[from] config::paths::PathsError),
    #[error("{0}")]
    Config(#[from] config::ConfigError),
    #[error("{0}")]
    Theme(#[from] config::ThemeError),
    #[error("{0}")]
    Keymap(#[from] config::KeymapError),
    #[error("{0}")]
    Api(#[from] api::ApiError),
    #[error("{0}")]
    Server(#[from] server::ServerError),
    #[error("{0}")]
    App(#[from] AppError),
    #[error("{0}")]
    Delivery(#[from] crate::delivery::DeliveryError),
    #[error("{0}")]
    Auth(#[from] crate::auth::AuthError),
    #[error("{0}")]
    ServeAdmin(#[from] crate::serve_admin::ServeAdminError),
    #[error("cannot create {}: {source}", path.display())]
    CreateDir {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("{what}: {source}")]
    Read { what: String, source: api::ApiError },
    #[error("cannot write the output: {0}")]
    Output(std::io::Error),
    #[error("a background task failed: {0}")]
    Task(String),
    /// A command line that names something that is not there (`--community NOPE`).
    #[error("{0}")]
    Usage(String),
    #[error(
        "kring needs a terminal: stdin and stdout must be a TTY (for scripts, see `kring --help`)"
    )]
    NoTerminal,
    #[error(
        "kring needs a terminal that can draw a full screen, and TERM=dumb cannot (for scripts, see `kring --help`)"
    )]
    DumbTerminal,
}

impl LaunchError {
    /// The process's exit code: 77 when the account is signed out (`kring login` helps), 130
    /// for a cancelled sign-in, 1 otherwise.
    pub fn exit_code(&self) -> u8 {
        match self {
            Self::Auth(error) => error.exit_code(),
            Self::Api(api::ApiError::SignedOut { .. })
            | Self::Read {
                source: api::ApiError::SignedOut { .. },
                ..
            } => crate::auth::SIGNED_OUT_EXIT,
            _ => 1,
        }
    }
}

/// `kring login`, `kring logout`, `kring accounts`: what they say goes to standard output.
pub async fn auth_command(
    command: impl Future<Output = Result<String, crate::auth::AuthError>>,
) -> Result<ExitCode, LaunchError> {
    use std::io::Write;
    let text = command.await?;
    let mut stdout = std::io::stdout();
    writeln!(stdout, "{}", text.trim_end()).map_err(LaunchError::Output)?;
    Ok(ExitCode::SUCCESS)
}

/// The process environment as a lookup function (the only place kring reads it for config).
pub fn process_env(key: &str) -> Option<String> {
    std::env::var(key).ok()
}

/// Where kring keeps files, per `KRING_*_DIR` overrides or the platform's conventions.
pub fn paths() -> Result<Paths, LaunchError> {
    Ok(Paths::resolve(process_env)?)
}

/// `kring serve`.
pub async fn serve(args: ServeArgs) -> Result<(), LaunchError> {
    if let Some(action) = args.action {
        return Ok(crate::serve_admin::run(action, args.db).await?);
    }
    let mut options = ServeOptions::new(args.db);
    options.public_url = args.public_url;
    options.bind = args.bind;
    options.seed_demo = !args.empty;
    options.demo_scale = args.demo_scale.max(1);
    options.rate_limit = !args.no_rate_limit;
    options.token_ttl = std::time::Duration::from_secs(args.token_ttl.max(1));
    options.device_code_ttl = std::time::Duration::from_secs(args.device_code_ttl.max(1));
    options.device_code_interval = std::time::Duration::from_secs(args.device_code_interval);
    options.connections = server::ConnectionLimits {
        max_total: args.max_connections,
        max_per_ip: args.max_connections_per_ip,
        header_timeout: std::time::Duration::from_secs(args.header_timeout.max(1)),
        idle_timeout: std::time::Duration::from_secs(args.idle_timeout.max(1)),
    };
    if let Some(readers) = args.db_readers {
        options.db_readers = readers;
    }
    if let Some(username) = args.print_token {
        let token =
            tokio::task::spawn_blocking(move || server::token_with(&options, Some(&username)))
                .await
                .map_err(|e| LaunchError::Task(e.to_string()))??;
        println!("{token}");
        return Ok(());
    }
    server::serve(options).await?;
    Ok(())
}

/// `kring post`: queue the post durably, deliver what is pending, report.
pub async fn post(
    args: PostArgs,
    paths: Paths,
    account: Option<String>,
) -> Result<ExitCode, LaunchError> {
    let exit = crate::script::post::run_post_command(args, paths, account).await?;
    Ok(exit.into())
}

/// The TUI, against the configured account or the demo network; says how it ended.
pub async fn tui(cli: Cli, paths: Paths) -> Result<Ending, LaunchError> {
    use std::io::IsTerminal;
    if !std::io::stdin().is_terminal() || !std::io::stdout().is_terminal() {
        return Err(LaunchError::NoTerminal);
    }
    if process_env("TERM").is_some_and(|term| term == "dumb") {
        return Err(LaunchError::DumbTerminal);
    }
    let config_file = ConfigFile::load(&paths.config_file())?;
    let colors = ColorSupport::detect(process_env);
    let theme_name = cli
        .theme
        .clone()
        .or_else(|| config_file.theme.clone())
        .unwrap_or_else(|| "default".to_owned());
    let theme = Theme::load(&theme_name, Some(&paths.themes_dir()), colors)?;
    let keymap = Keymap::load_file(&paths.keymap_file())?;
    let first = match (cli.demo, cli.account) {
        (true, _) => AccountChoice::Demo,
        (false, Some(name)) => AccountChoice::Named(name),
        (false, None) => AccountChoice::Default,
    };
    crate::account_sessions::run(&paths, first, theme, keymap).await
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
