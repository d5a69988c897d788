//! `DeliveryError`: what can stop the delivery engine or `kring post` from doing its job.
//! Owns only the error definitions; what a failed post means for the user is an outbox state,
//! never an error here.

use std::path::PathBuf;

use crate::api::ApiError;
use crate::config::ConfigError;
use crate::store::StoreError;

/// Why an outbox operation or `kring post` failed.
#[derive(Debug, thiserror::Error)]
pub enum DeliveryError {
    /// The outbox database refused or failed an operation.
    #[error("outbox: {0}")]
    Store(#[from] StoreError),
    /// A task using the outbox panicked; the handle is no longer trusted.
    #[error("the outbox is unusable: a task using it panicked")]
    StorePoisoned,
    /// A blocking task could not be run or joined.
    #[error("a background task failed: {0}")]
    Task(String),
    /// `config.toml` or the account's token source is wrong.
    #[error("{0}")]
    Config(#[from] ConfigError),
    /// The API client could not be set up.
    #[error("{0}")]
    Api(#[from] ApiError),
    /// `kring post` needs a configured account.
    #[error(
        "no account configured: set KRING_SERVER and KRING_TOKEN, or add an account to config.toml"
    )]
    NoAccount,
    /// The data directory could not be created.
    #[error("cannot create {}: {source}", path.display())]
    CreateDir {
        path: PathBuf,
        source: std::io::Error,
    },
    /// Reading the post from standard input failed.
    #[error("cannot read the post from standard input: {0}")]
    Stdin(std::io::Error),
    /// Writing the result failed (e.g. a closed pipe).
    #[error("cannot write the result: {0}")]
    Output(std::io::Error),
    /// The text to post is empty (or only whitespace).
    #[error("nothing to post: the text is empty")]
    EmptyBody,
    /// No text was given and standard input is a terminal.
    #[error("no text given: pass it as an argument or pipe it in (`-` reads standard input)")]
    NoText,
}
