//! Starting kring: from parsed arguments to a running TUI or server. Resolves paths, config,
//! account (or the in-process demo network), theme and keymap, and turns every failure into a
//! message that names what to fix. Owns no behaviour of its own beyond that wiring.

pub mod error;
pub mod session;

use std::process::ExitCode;

use crate::app::core::accounts::AccountChoice;
use crate::app::shell::ending::Ending;
use crate::cli::{Cli, PostArgs, ServeArgs};
use crate::config::{ColorSupport, ConfigFile, Paths, Theme};
use crate::input::keys::Keymap;
use crate::server::{self, ServeOptions};
use error::LaunchError;
use session::process_env;

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
