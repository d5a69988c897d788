//! Command-line definitions (clap). Parsing only: no behaviour lives here. The top level and
//! its subcommands are here; their options live by kind: accounts and sign-in (`account`),
//! the scripting commands (`script`), and `kring serve` (`serve`).

mod account;
mod script;
mod serve;

pub use account::{AccountsArgs, DoctorArgs, LoginArgs, LogoutArgs};
pub use script::SearchArgs;
pub use script::{
    CatchUpArgs, FeedArgs, FeedName, HealthArgs, PeopleArgs, PostArgs, QuestionsArgs,
    ScriptCommand, ThreadArgs,
};
pub use script::{CommunitiesArgs, MembershipArgs};
pub use serve::{BackupArgs, ServeAction, ServeArgs, UserAction, UserAddArgs};

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
    /// What happened since you last looked, per community (`--json` for scripts).
    Catchup(CatchUpArgs),
    /// List your communities, or (`--all`) every one with suggestions (`--json` for scripts).
    Communities(CommunitiesArgs),
    /// Join a community, or ask to join a private one (by id or name).
    Join(MembershipArgs),
    /// Leave a community (by id or name).
    Leave(MembershipArgs),
    /// Find messages, communities, people and topics, on the server and in the cache
    /// (offline, from the cache alone); `--json` for scripts.
    Search(SearchArgs),
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
pub(crate) fn at_least_one(raw: &str) -> Result<usize, String> {
    match raw.trim().parse::<usize>() {
        Ok(0) => Err("must be at least 1".to_owned()),
        Ok(n) => Ok(n),
        Err(_) => Err(format!("`{raw}` is not a whole number")),
    }
}
