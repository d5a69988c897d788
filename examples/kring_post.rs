//! `kring post` as a stand-alone program, until the `kring` binary dispatches it:
//! `cargo run --example kring_post -- post [--group ID | --reply-to ID | --to ID] [TEXT | -]`.
//! Parses the same command line as `kring` and runs only its `post` subcommand.

use std::process::ExitCode;

use clap::Parser;
use kring::cli::{Cli, Command};
use kring::config::Paths;

fn main() -> ExitCode {
    let cli = Cli::parse();
    let Some(Command::Post(args)) = cli.command else {
        eprintln!("kring_post: only the `post` subcommand is available here");
        return ExitCode::from(2);
    };
    let paths = match Paths::resolve(|key| std::env::var(key).ok()) {
        Ok(paths) => paths,
        Err(err) => {
            eprintln!("kring: {err}");
            return ExitCode::FAILURE;
        }
    };
    let runtime = match tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
    {
        Ok(runtime) => runtime,
        Err(err) => {
            eprintln!("kring: cannot start the async runtime: {err}");
            return ExitCode::FAILURE;
        }
    };
    match runtime.block_on(kring::delivery::run_post_command(args, paths, cli.account)) {
        Ok(exit) => exit.into(),
        Err(err) => {
            eprintln!("kring: {err}");
            ExitCode::FAILURE
        }
    }
}
