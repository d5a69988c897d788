//! Command-line definitions (clap). Parsing only: no behaviour lives here.

use std::net::SocketAddr;
use std::path::PathBuf;

use clap::{Parser, Subcommand};

/// kring: a keyboard-driven terminal client for Yammer-style enterprise social networks.
///
/// With no account configured, kring opens the demo network: a local `kring serve` with a
/// believable company in it. Set KRING_SERVER and KRING_TOKEN, or write config.toml, to connect
/// to a real network.
#[derive(Debug, Parser)]
#[command(name = "kring", version, about, long_about)]
pub struct Cli {
    /// Open the demo network even when an account is configured.
    #[arg(long)]
    pub demo: bool,

    /// Which account of config.toml to use (default: its `default_account`).
    #[arg(long, value_name = "NAME")]
    pub account: Option<String>,

    /// Colour theme: default, light, high-contrast, mono, or one in the config dir.
    #[arg(long, value_name = "NAME")]
    pub theme: Option<String>,

    #[command(subcommand)]
    pub command: Option<Command>,
}

/// Subcommands besides the TUI.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Run the Yammer-compatible server on SQLite.
    Serve(ServeArgs),
    /// Post a message from a script: queue it in the outbox, deliver, print its id.
    Post(PostArgs),
}

/// `kring post` options. The post is queued durably before any request, so it is never lost:
/// when it cannot be delivered now (exit 75) the next kring run delivers it.
#[derive(Debug, clap::Args)]
pub struct PostArgs {
    /// Post in this group (default: All Company).
    #[arg(long, value_name = "ID", conflicts_with_all = ["reply_to", "to"])]
    pub group: Option<u64>,

    /// Reply to this message.
    #[arg(long, value_name = "MSG_ID", conflicts_with = "to")]
    pub reply_to: Option<u64>,

    /// Send a private message to this user.
    #[arg(long, value_name = "USER_ID")]
    pub to: Option<u64>,

    /// Add a topic (repeatable).
    #[arg(long = "topic", value_name = "T")]
    pub topics: Vec<String>,

    /// Print the result as JSON: {"local_id":..,"state":"sent","message_id":..}.
    #[arg(long)]
    pub json: bool,

    /// Post nothing; deliver what is queued and exit 0 when nothing is left.
    #[arg(long, conflicts_with_all = ["group", "reply_to", "to", "topics", "text"])]
    pub flush: bool,

    /// Seconds to keep trying (offline, rate limited) before leaving the post queued.
    #[arg(long, value_name = "SECS", default_value_t = 10)]
    pub wait: u64,

    /// Seconds after a request whose answer was lost before a post missing from the sent feed
    /// is taken as not arrived and sent again (0 suits `kring serve`).
    #[arg(long, value_name = "SECS", default_value_t = 30)]
    pub settle_secs: u64,

    /// The text; `-` or nothing reads standard input.
    #[arg(value_name = "TEXT")]
    pub text: Option<String>,
}

/// `kring serve` options.
#[derive(Debug, clap::Args)]
pub struct ServeArgs {
    /// SQLite database file (created and seeded with the demo network if new).
    #[arg(long, value_name = "PATH", default_value = "kring-serve.sqlite")]
    pub db: PathBuf,

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

    /// Print a bearer token for USERNAME (default: demo) and exit.
    #[arg(long, value_name = "USERNAME", num_args = 0..=1, default_missing_value = "demo")]
    pub print_token: Option<String>,
}
