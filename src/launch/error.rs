//! `LaunchError`: everything that can go wrong between the command line and a running TUI,
//! server or subcommand, each with a message that names what to fix, and the exit code it
//! means.

use std::path::PathBuf;

use thiserror::Error;

use crate::api;
use crate::app::shell::run::AppError;
use crate::config;
use crate::server;

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

impl From<crate::social::read::ReadError> for LaunchError {
    fn from(error: crate::social::read::ReadError) -> Self {
        Self::Read {
            what: error.what,
            source: error.source,
        }
    }
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
