//! The `kring` binary: parse the command line, set up logging to a file, run.

use std::io::{IsTerminal, Write};
use std::process::ExitCode;

use clap::Parser;
use kring::cli::{Cli, Command, ScriptCommand};
use kring::launch;
use tracing_subscriber::filter::Targets;
use tracing_subscriber::fmt;
use tracing_subscriber::prelude::*;

fn main() -> ExitCode {
    let mut cli = Cli::parse();
    // Generated text for the shell and man: no account, no runtime, no log.
    let generated = match &cli.command {
        Some(Command::Completions { shell }) => Some(kring::script::docs::completions(
            *shell,
            &mut std::io::stdout(),
        )),
        Some(Command::Man) => Some(kring::script::docs::manual(&mut std::io::stdout())),
        _ => None,
    };
    if let Some(written) = generated {
        return match written {
            Ok(()) => ExitCode::SUCCESS,
            // A closed pipe (`kring man | head`) is not an error.
            Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => ExitCode::SUCCESS,
            Err(e) => fail(&e),
        };
    }
    let to_stderr = cli.command.is_some();
    let paths = match launch::paths() {
        Ok(paths) => paths,
        Err(e) => return fail(&e),
    };
    init_logging(&paths.cache_dir, to_stderr);
    let runtime = match runtime_for(cli.command.as_ref()) {
        Ok(runtime) => runtime,
        Err(e) => return fail(&e),
    };
    let result = runtime.block_on(async move {
        let (account, demo) = (cli.account.clone(), cli.demo);
        let script = |command| kring::script::run(command, paths.clone(), account, demo);
        match cli.command.take() {
            Some(Command::Serve(args)) => launch::serve(args).await.map(|()| ExitCode::SUCCESS),
            Some(Command::Post(args)) => launch::post(args, paths, cli.account).await,
            Some(Command::Feed(args)) => script(ScriptCommand::Feed(args)).await,
            Some(Command::Thread(args)) => script(ScriptCommand::Thread(args)).await,
            Some(Command::People(args)) => script(ScriptCommand::People(args)).await,
            Some(Command::Health(args)) => script(ScriptCommand::Health(args)).await,
            Some(Command::Questions(args)) => script(ScriptCommand::Questions(args)).await,
            Some(Command::Catchup(args)) => script(ScriptCommand::CatchUp(args)).await,
            Some(Command::Communities(args)) => script(ScriptCommand::Communities(args)).await,
            Some(Command::Join(args)) => script(ScriptCommand::Join(args)).await,
            Some(Command::Leave(args)) => script(ScriptCommand::Leave(args)).await,
            Some(Command::Search(args)) => script(ScriptCommand::Search(args)).await,
            Some(Command::Completions { .. } | Command::Man) => Ok(ExitCode::SUCCESS),
            Some(Command::Login(args)) => {
                let options = kring::auth::LoginOptions {
                    account: args.account.or(cli.account),
                    browser: args.browser,
                    paste: args.paste,
                    port: args.port,
                };
                launch::auth_command(kring::auth::login(&paths, options)).await
            }
            Some(Command::Logout(args)) => {
                let account = args.account.or(cli.account);
                launch::auth_command(kring::auth::logout(&paths, account.as_deref())).await
            }
            Some(Command::Accounts(args)) => {
                launch::auth_command(kring::auth::accounts(&paths, args.json)).await
            }
            Some(Command::Doctor(args)) => kring::doctor::run(args, paths, cli.account).await,
            None => launch::tui(cli, paths)
                .await
                .map(|ending| ExitCode::from(ending.exit_code())),
        }
    });
    // Background tasks (a stalled request, the input reader) must not hold the exit.
    runtime.shutdown_timeout(std::time::Duration::from_millis(200));
    match result {
        Ok(code) => code,
        Err(e) => {
            fail(&e);
            ExitCode::from(e.exit_code())
        }
    }
}

/// `kring serve` answers many clients at once on two worker threads. Everything else (the
/// TUI, scripts, `post`) is one user's requests and screen: one thread does it, with blocking
/// work (SQLite, `$EDITOR`) on tokio's blocking pool; fewer threads also mean fewer malloc
/// arenas, which are most of a client's heap.
fn runtime_for(command: Option<&Command>) -> std::io::Result<tokio::runtime::Runtime> {
    let mut builder = match command {
        Some(Command::Serve(_)) => {
            let mut builder = tokio::runtime::Builder::new_multi_thread();
            builder.worker_threads(2);
            builder
        }
        _ => tokio::runtime::Builder::new_current_thread(),
    };
    builder.enable_all().build()
}

fn fail(error: &dyn std::fmt::Display) -> ExitCode {
    // After a hang-up stderr is gone too; `eprintln!` would panic there.
    let _ = writeln!(std::io::stderr(), "kring: {error}");
    ExitCode::FAILURE
}

/// The TUI owns the terminal, so it logs to `<cache>/kring.log`; the server logs to stderr.
fn init_logging(cache_dir: &std::path::Path, to_stderr: bool) {
    let filter = log_filter(std::env::var("KRING_LOG").ok().as_deref());
    if to_stderr {
        // Colour only on a terminal: a redirected log is read as text.
        let ansi = std::io::stderr().is_terminal() && std::env::var_os("NO_COLOR").is_none();
        tracing_subscriber::registry()
            .with(fmt::layer().with_ansi(ansi).with_writer(std::io::stderr))
            .with(filter)
            .init();
        return;
    }
    // The log names people, communities and servers: private, like the rest.
    if kring::store::private::private_dir(cache_dir).is_err() {
        return;
    }
    let Ok(file) = kring::store::private::append_private(&cache_dir.join("kring.log")) else {
        return;
    };
    tracing_subscriber::registry()
        .with(
            fmt::layer()
                .with_ansi(false)
                .with_writer(std::sync::Mutex::new(file)),
        )
        .with(filter)
        .init();
}

/// `KRING_LOG`: a level and `target=level` pairs (`info,kring::server=debug`); when unset,
/// empty or unreadable, `info`.
fn log_filter(value: Option<&str>) -> Targets {
    value
        .map(str::trim)
        .filter(|value| !value.is_empty())
        .and_then(|value| value.parse::<Targets>().ok())
        .unwrap_or_else(|| Targets::new().with_default(tracing::Level::INFO))
}

#[cfg(test)]
mod tests {
    use super::*;
    use tracing::Level;

    #[test]
    fn log_filter_reads_a_default_level_and_targets() {
        let filter = log_filter(Some("info,kring::server=debug"));
        assert!(filter.would_enable("kring::server::handlers", &Level::DEBUG));
        assert!(!filter.would_enable("kring::app", &Level::DEBUG));
        assert!(filter.would_enable("kring::app", &Level::INFO));
        assert!(log_filter(Some("trace")).would_enable("hyper", &Level::TRACE));
    }

    #[test]
    fn log_filter_falls_back_to_info() {
        for value in [None, Some("loud!=yes"), Some("")] {
            let filter = log_filter(value);
            assert!(filter.would_enable("kring::app", &Level::INFO), "{value:?}");
            assert!(
                !filter.would_enable("kring::app", &Level::DEBUG),
                "{value:?}"
            );
        }
    }
}
