//! The `kring` binary: parse the command line, set up logging to a file, run.

use std::io::Write;
use std::process::ExitCode;

use clap::Parser;
use kring::cli::{Cli, Command, ScriptCommand};
use kring::launch;

fn main() -> ExitCode {
    let mut cli = Cli::parse();
    let to_stderr = cli.command.is_some();
    let paths = match launch::paths() {
        Ok(paths) => paths,
        Err(e) => return fail(&e),
    };
    init_logging(&paths.cache_dir, to_stderr);
    let runtime = match tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
    {
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
            None => launch::tui(cli, paths)
                .await
                .map(|ending| ExitCode::from(ending.exit_code())),
        }
    });
    // Background tasks (a stalled request, the input reader) must not hold the exit.
    runtime.shutdown_timeout(std::time::Duration::from_millis(200));
    match result {
        Ok(code) => code,
        Err(e) => fail(&e),
    }
}

fn fail(error: &dyn std::fmt::Display) -> ExitCode {
    // After a hang-up stderr is gone too; `eprintln!` would panic there.
    let _ = writeln!(std::io::stderr(), "kring: {error}");
    ExitCode::FAILURE
}

/// The TUI owns the terminal, so it logs to `<cache>/kring.log`; the server logs to stderr.
fn init_logging(cache_dir: &std::path::Path, to_stderr: bool) {
    let filter = tracing_subscriber::EnvFilter::try_from_env("KRING_LOG")
        .unwrap_or_else(|_| tracing_subscriber::EnvFilter::new("info"));
    if to_stderr {
        tracing_subscriber::fmt()
            .with_env_filter(filter)
            .with_writer(std::io::stderr)
            .init();
        return;
    }
    if std::fs::create_dir_all(cache_dir).is_err() {
        return;
    }
    let Ok(file) = std::fs::OpenOptions::new()
        .create(true)
        .append(true)
        .open(cache_dir.join("kring.log"))
    else {
        return;
    };
    tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_ansi(false)
        .with_writer(std::sync::Mutex::new(file))
        .init();
}
