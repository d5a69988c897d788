//! Options of `kring serve` and its administration subcommands (`user …`, `backup`).

use std::net::SocketAddr;
use std::path::PathBuf;

use clap::Subcommand;

/// `kring serve` options.
#[derive(Debug, clap::Args)]
pub struct ServeArgs {
    /// SQLite database file (created and seeded with the demo network if new).
    #[arg(
        long,
        value_name = "PATH",
        default_value = "kring-serve.sqlite",
        global = true
    )]
    pub db: PathBuf,

    /// The address colleagues reach the server at (e.g. https://kring.example.com behind a
    /// reverse proxy): links in messages and the sign-in page point there.
    #[arg(long, value_name = "URL", value_parser = public_url)]
    pub public_url: Option<String>,

    /// Manage the network instead of serving it.
    #[command(subcommand)]
    pub action: Option<ServeAction>,

    /// Address to listen on.
    #[arg(long, value_name = "ADDR", default_value = "127.0.0.1:8808")]
    pub bind: SocketAddr,

    /// Multiply the demo network's people and messages (134 ≈ 20k people, 100k messages).
    #[arg(long, value_name = "N", default_value_t = 1)]
    pub demo_scale: u32,

    /// Create an empty network instead of seeding the demo.
    #[arg(long)]
    pub empty: bool,

    /// Turn off Yammer's rate limits (10 message calls per 30 s per token).
    #[arg(long)]
    pub no_rate_limit: bool,

    /// Lifetime in seconds of the access tokens the sign-in endpoints issue.
    #[arg(long, value_name = "SECS", default_value_t = 3600)]
    pub token_ttl: u64,

    /// Lifetime in seconds of a device code of the device-code sign-in.
    #[arg(long, value_name = "SECS", default_value_t = 900, hide = true)]
    pub device_code_ttl: u64,

    /// Polling interval in seconds first given to a device signing in.
    #[arg(long, value_name = "SECS", default_value_t = 5, hide = true)]
    pub device_code_interval: u64,

    /// Print a bearer token for USERNAME (default: demo) and exit.
    #[arg(long, value_name = "USERNAME", num_args = 0..=1, default_missing_value = "demo")]
    pub print_token: Option<String>,

    /// Most connections held at once (lowered to fit the open-files limit); more get a 503.
    #[arg(long, value_name = "N", default_value_t = 4096)]
    pub max_connections: usize,

    /// Most connections held at once from one client address; more get a 503.
    #[arg(long, value_name = "N", default_value_t = 256)]
    pub max_connections_per_ip: usize,

    /// Seconds a client has to send a request's headers before its connection is closed.
    #[arg(long, value_name = "SECS", default_value_t = 10)]
    pub header_timeout: u64,

    /// Read-only database connections beside the writer (0: one connection for everything).
    #[arg(long, value_name = "N", hide = true)]
    pub db_readers: Option<usize>,

    /// Seconds a connection may stay open with no request in progress (at most the header
    /// timeout: a connection waiting for a request is waiting for its headers).
    #[arg(long, value_name = "SECS", default_value_t = 5)]
    pub idle_timeout: u64,
}

fn public_url(raw: &str) -> Result<String, String> {
    crate::server::public_url::parse(raw).map_err(|e| e.to_string())
}

/// What `kring serve` does besides serving; each works while a server runs on the same file.
#[derive(Debug, Subcommand)]
pub enum ServeAction {
    /// Manage the people of the network: add, list, disable, give tokens.
    #[command(subcommand)]
    User(UserAction),
    /// Copy the database consistently, even while the server runs (the copy is private, 0600).
    Backup(BackupArgs),
}

/// `kring serve user ...`.
#[derive(Debug, Subcommand)]
pub enum UserAction {
    /// Add a person who can then sign in (device code) or be given a token.
    Add(UserAddArgs),
    /// List everyone: username, name, email, department, state, working tokens.
    List {
        /// Print JSON: an array of people.
        #[arg(long)]
        json: bool,
    },
    /// Disable a person: their tokens stop working at once and they cannot sign in; their
    /// messages stay.
    Disable {
        #[arg(value_name = "USERNAME")]
        username: String,
    },
    /// Keep a person out of the directory (and so out of people search, autocomplete and
    /// expertise rankings), or list them again. They can change it themselves too.
    Directory {
        #[arg(value_name = "USERNAME")]
        username: String,
        /// Leave them out of the directory.
        #[arg(long, conflicts_with = "listed", required_unless_present = "listed")]
        hidden: bool,
        /// List them in the directory again.
        #[arg(long)]
        listed: bool,
    },
    /// Issue a token that never expires for a person, printed once (only its hash is kept).
    Token {
        #[arg(value_name = "USERNAME")]
        username: String,
        /// First make every earlier token and sign-in of theirs stop working.
        #[arg(long)]
        revoke_all: bool,
    },
}

/// `kring serve user add` options.
#[derive(Debug, clap::Args)]
pub struct UserAddArgs {
    /// Lower-case letters, digits, '.', '_' or '-'; what they sign in with.
    #[arg(value_name = "USERNAME")]
    pub username: String,

    /// Their full name, as others see it.
    #[arg(long, value_name = "FULL NAME")]
    pub name: String,

    /// Their email address (they can sign in with it too).
    #[arg(long, value_name = "EMAIL")]
    pub email: Option<String>,

    /// Their department.
    #[arg(long, value_name = "DEPARTMENT")]
    pub department: Option<String>,
}

/// `kring serve backup` options.
#[derive(Debug, clap::Args)]
pub struct BackupArgs {
    /// Where to write the copy.
    #[arg(value_name = "FILE")]
    pub file: PathBuf,

    /// Replace FILE if it exists.
    #[arg(long)]
    pub force: bool,
}
