//! The scripting subcommands: `kring feed`, `kring thread` and `kring people` print what the TUI
//! shows, as plain text or (`--json`) as JSON for `jq` and friends. Every string is the
//! sanitized text the TUI would draw, so piping the output into a terminal is as safe as
//! looking at the TUI. `kring post` queues a post in the account's outbox and has the delivery
//! engine (`crate::delivery`) send it.
//!
//! One job per file: `connect` (account or demo network), `feed`, `thread`, `people` (fetch and
//! shape), `shape` (the JSON records), `print` (plain text), `post`; `health` and `questions`
//! (community health, open questions: records and text beside them) and `catchup` read through
//! `social_read`. `communities` lists communities and joins or leaves one.
//! Only `post` writes to the store, and only through the delivery engine; `search` reads the
//! cache's full-text index beside the server's search.

mod catchup;
mod communities;
mod connect;
pub mod docs;
mod feed;
mod health;
mod people;
mod pick;
pub mod post;
mod print;
mod questions;
mod search;
mod shape;
mod thread;

use std::process::ExitCode;

use crate::cli::ScriptCommand;
use crate::config::Paths;
use crate::launch::error::LaunchError;

pub use shape::{MessageRecord, PersonRecord};

/// Names what was being read when `error` happened (`thread 12: not found`).
fn reading(what: impl Into<String>) -> impl FnOnce(crate::api::ApiError) -> LaunchError {
    let what = what.into();
    move |source| LaunchError::Read { what, source }
}

/// Runs one scripting subcommand against the selected account (or, with none configured or
/// with `--demo`, the demo network) and prints its result on standard output.
pub async fn run(
    command: ScriptCommand,
    paths: Paths,
    account: Option<String>,
    demo: bool,
) -> Result<ExitCode, LaunchError> {
    let connection = connect::connect(&paths, account, demo).await?;
    let result = match command {
        ScriptCommand::Feed(args) => feed::run(&connection.client, &args).await,
        ScriptCommand::Thread(args) => thread::run(&connection.client, &args).await,
        ScriptCommand::People(args) => people::run(&connection.client, &args).await,
        ScriptCommand::Health(args) => health::run(&connection.client, &args).await,
        ScriptCommand::Questions(args) => questions::run(&connection.client, &args).await,
        ScriptCommand::CatchUp(args) => catchup::run(&connection.client, &args).await,
        ScriptCommand::Communities(args) => communities::list(&connection.client, &args).await,
        ScriptCommand::Join(args) => communities::join(&connection.client, &args).await,
        ScriptCommand::Leave(args) => communities::leave(&connection.client, &args).await,
        ScriptCommand::Search(args) => search::run(&connection, &args).await,
    };
    connection.close().await;
    let text = result?;
    print::to_stdout(&text)?;
    Ok(ExitCode::SUCCESS)
}
