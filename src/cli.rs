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
    /// Print a feed or a community's messages, newest first (`--json` for scripts).
    Feed(FeedArgs),
    /// Print every message of a thread, oldest first (`--json` for scripts).
    Thread(ThreadArgs),
    /// List people, or rank who knows about a subject, with the reasons (`--json` for scripts).
    People(PeopleArgs),
    /// How each community is doing, what needs attention first (`--json` for scripts).
    Health(HealthArgs),
    /// Open questions, for you (`--for-me`) or with who could answer them (`--json` for scripts).
    Questions(QuestionsArgs),
    /// Print shell completions: `kring completions bash > ~/.local/share/bash-completion/completions/kring`.
    Completions {
        /// The shell to complete for.
        #[arg(value_enum)]
        shell: clap_complete::Shell,
    },
    /// Print the manual page (roff): `kring man | man -l -`.
    Man,
    /// Sign an account in (Microsoft Entra ID): a code to enter in any browser, or `--browser`.
    Login(LoginArgs),
    /// Forget an account's sign-in tokens.
    Logout(LogoutArgs),
    /// List the accounts: server, who is signed in, how each gets its token, when it expires.
    Accounts(AccountsArgs),
    /// Check the way to the server step by step (config, proxy, DNS, TCP, TLS, API, token,
    /// clock, rate limits) and say what to fix.
    Doctor(DoctorArgs),
}

/// A count that must be at least 1: `--limit 0` is a mistake worth saying, not a silent 1.
fn at_least_one(raw: &str) -> Result<usize, String> {
    match raw.trim().parse::<usize>() {
        Ok(0) => Err("must be at least 1".to_owned()),
        Ok(n) => Ok(n),
        Err(_) => Err(format!("`{raw}` is not a whole number")),
    }
}

/// `kring login` options. Without `--browser` or `--paste`, the device code flow: kring prints
/// a URL and a code to enter in a browser on any device (works over SSH).
#[derive(Debug, clap::Args)]
#[command(group = clap::ArgGroup::new("code_flow").args(["browser", "paste"]))]
pub struct LoginArgs {
    /// Which account of config.toml (it needs client_id; default: its `default_account`).
    #[arg(long, value_name = "NAME")]
    pub account: Option<String>,

    /// Sign in in a browser that is redirected back to http://localhost:PORT/ (for tenants that
    /// block the device code flow; over SSH, forward the port with `ssh -L PORT:localhost:PORT`).
    #[arg(long)]
    pub browser: bool,

    /// Like --browser, but paste the address the browser ended on instead of listening for it.
    #[arg(long)]
    pub paste: bool,

    /// The redirect port of --browser and --paste (default 8400; the app registration's
    /// redirect URI is http://localhost:PORT).
    #[arg(long, value_name = "PORT", requires = "code_flow")]
    pub port: Option<u16>,
}

/// `kring logout` options.
#[derive(Debug, clap::Args)]
pub struct LogoutArgs {
    /// Which account of config.toml (default: its `default_account`).
    #[arg(long, value_name = "NAME")]
    pub account: Option<String>,
}

/// `kring accounts` options.
#[derive(Debug, clap::Args)]
pub struct AccountsArgs {
    /// Print JSON: an array of accounts.
    #[arg(long)]
    pub json: bool,
}

/// `kring doctor` options.
#[derive(Debug, clap::Args)]
pub struct DoctorArgs {
    /// Which account of config.toml to check (default: its `default_account`).
    #[arg(long, value_name = "NAME")]
    pub account: Option<String>,

    /// Print JSON: {"ok": .., "steps": [{"name", "status", "detail", "remedy"}]}.
    #[arg(long)]
    pub json: bool,
}

/// The subcommands that read the network and print (see `crate::script`).
#[derive(Debug)]
pub enum ScriptCommand {
    Feed(FeedArgs),
    Thread(ThreadArgs),
    People(PeopleArgs),
    Health(HealthArgs),
    Questions(QuestionsArgs),
}

/// The built-in feeds `kring feed` can print.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum FeedName {
    /// Your feed.
    My,
    /// Every public conversation.
    All,
    /// People, communities and topics you follow.
    Following,
    /// Everything addressed to you.
    Received,
    /// Private messages.
    Private,
    /// What you sent.
    Sent,
}

/// `kring feed` options.
#[derive(Debug, clap::Args)]
pub struct FeedArgs {
    /// Which built-in feed.
    #[arg(long, value_enum, default_value_t = FeedName::My)]
    pub feed: FeedName,

    /// A community's messages instead.
    #[arg(long, value_name = "ID", conflicts_with_all = ["feed", "from"])]
    pub group: Option<u64>,

    /// One person's messages instead.
    #[arg(long, value_name = "USER_ID", conflicts_with = "feed")]
    pub from: Option<u64>,

    /// How many messages (at most 1000).
    #[arg(long, value_name = "N", default_value_t = 20, value_parser = at_least_one)]
    pub limit: usize,

    /// Only messages older than this one (to page back).
    #[arg(long, value_name = "MSG_ID")]
    pub older_than: Option<u64>,

    /// Print JSON: an array of messages.
    #[arg(long)]
    pub json: bool,
}

/// `kring thread` options.
#[derive(Debug, clap::Args)]
pub struct ThreadArgs {
    /// The thread's id (its first message's id).
    #[arg(value_name = "THREAD_ID")]
    pub id: u64,

    /// Print JSON: an array of messages, oldest first.
    #[arg(long)]
    pub json: bool,
}

/// `kring people` options.
#[derive(Debug, clap::Args)]
pub struct PeopleArgs {
    /// A subject ("kubernetes", "gdpr audit"): rank who knows it. Without one, list people.
    #[arg(value_name = "QUERY")]
    pub query: Vec<String>,

    /// Only people whose department matches.
    #[arg(long = "dept", value_name = "DEPARTMENT")]
    pub department: Option<String>,

    /// Only people whose location matches.
    #[arg(long = "loc", value_name = "LOCATION")]
    pub location: Option<String>,

    /// How many people to print.
    #[arg(long, value_name = "N", default_value_t = 20, value_parser = at_least_one)]
    pub limit: usize,

    /// Read at most this many people from the directory.
    #[arg(long, value_name = "N", default_value_t = 20_000)]
    pub max_people: usize,

    /// Pages of the server's message search read as evidence for a subject.
    #[arg(long, value_name = "N", default_value_t = 5)]
    pub evidence_pages: u32,

    /// Print JSON: an array of people, with `score` and `why` for a subject.
    #[arg(long)]
    pub json: bool,
}

/// `kring health` options.
#[derive(Debug, clap::Args)]
pub struct HealthArgs {
    /// Only this community (its name, a unique start of it, or its id).
    #[arg(long, value_name = "NAME|ID")]
    pub community: Option<String>,

    /// Read at most this many messages (the last 12 weeks when they fit; each report says what
    /// it was computed from). The rate budget reads 200 a minute.
    #[arg(long, value_name = "N", default_value_t = 1_000, value_parser = at_least_one)]
    pub max_messages: usize,

    /// Print JSON: an array of communities, what needs attention first, each {id, name,
    /// members, active_30d, active_percent, readers, new_not_posted: [user ids],
    /// unanswered_questions: [message ids], median_first_reply_secs, weekly: [12 counts, oldest
    /// first, null before the covered window], champions: [{id, name, liked_replies, likes}],
    /// last_message_at, quiet, attention: [phrases], coverage: {messages, since, text}}. Times
    /// are RFC 3339; null means unknown. Fields are only ever added.
    #[arg(long)]
    pub json: bool,
}

/// `kring questions` options. A question is a thread starter of kind `question`, or a plain
/// post whose first sentence ends in `?` or that is tagged `#question`, with no reply yet.
#[derive(Debug, clap::Args)]
pub struct QuestionsArgs {
    /// The questions you could answer, best match first, with why.
    #[arg(long)]
    pub for_me: bool,

    /// Only this community's questions (its name, a unique start of it, or its id).
    #[arg(long, value_name = "NAME|ID")]
    pub community: Option<String>,

    /// Look for questions asked in the last N days.
    #[arg(long, value_name = "N", default_value_t = 30, value_parser = at_least_one)]
    pub days: usize,

    /// Read at most this many messages (the rate budget reads 200 a minute).
    #[arg(long, value_name = "N", default_value_t = 1_000, value_parser = at_least_one)]
    pub max_messages: usize,

    /// How many questions to print.
    #[arg(long, value_name = "N", default_value_t = 20, value_parser = at_least_one)]
    pub limit: usize,

    /// Print JSON: an array of questions, each {id, community_id, community, asker_id, asker,
    /// asked_at (RFC 3339), text, web_url}, with {score, why} for --for-me (best match first)
    /// or {answerers: [{id, name, score, why}], at most 3} otherwise (newest first). Fields
    /// are only ever added.
    #[arg(long)]
    pub json: bool,
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
