//! Which network a scripting subcommand talks to: the configured account (`--account`,
//! `KRING_SERVER`/`KRING_TOKEN`, config.toml), or the in-process demo network when none is
//! configured or `--demo` is given (said on standard error, so a script's output stays clean).

use std::path::PathBuf;

use crate::account_data::{self, DEMO_ACCOUNT_KEY};
use crate::api::Client;
use crate::config::{self, ConfigFile, Paths};
use crate::launch::error::LaunchError;
use crate::launch::session::{self, process_env};
use crate::server::RunningServer;

/// A client, and the demo server behind it when there is one (stopped by `close`).
pub struct Connection {
    pub client: Client,
    demo: Option<RunningServer>,
    /// The account's data directory and the key its cache rows are stored under, for the
    /// commands that can answer from the cache.
    pub cache: (PathBuf, String),
}

impl Connection {
    /// Stops the demo server, if one was started.
    pub async fn close(self) {
        if let Some(running) = self.demo {
            let _ = running.shutdown().await;
        }
    }
}

/// Connects as the TUI would, without a terminal.
pub async fn connect(
    paths: &Paths,
    selected: Option<String>,
    demo: bool,
) -> Result<Connection, LaunchError> {
    let config_file = ConfigFile::load(&paths.config_file())?;
    let account = if demo {
        None
    } else {
        let file = config_file.clone();
        tokio::task::spawn_blocking(move || {
            config::resolve_account(&file, process_env, selected.as_deref())
        })
        .await
        .map_err(|e| LaunchError::Task(e.to_string()))??
    };
    match account {
        Some(account) => Ok(Connection {
            client: session::account_client(&account, &config_file)?,
            demo: None,
            cache: (
                account_data::account_dir(paths, Some(&account.name)),
                crate::delivery::account_key(&account.base_url, &account.name),
            ),
        }),
        None => {
            if !demo {
                eprintln!(
                    "kring: no account configured; reading the demo network \
                     (set KRING_SERVER and KRING_TOKEN, or see the README)"
                );
            }
            let (client, running) = session::demo_connection(paths).await?;
            Ok(Connection {
                client,
                demo: Some(running),
                cache: (
                    account_data::account_dir(paths, None),
                    DEMO_ACCOUNT_KEY.to_owned(),
                ),
            })
        }
    }
}
